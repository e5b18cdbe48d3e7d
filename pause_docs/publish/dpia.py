"""DPIA screenings: the processing screened, the decision with the rules that fired, and each
list of criteria with how every criterion was answered and where the facts are written."""

from __future__ import annotations

from ..locale import Locale
from ..models import DpiaScreening
from ..publication import (
    Block,
    Cell,
    Division,
    Group,
    Heading,
    Inline,
    Item,
    LineBreak,
    Link,
    ListBlock,
    Origin,
    Paragraph,
    Publication,
    Row,
    RowGroup,
    Section,
    Styled,
    Table,
    Text,
    Tick,
)
from ..resolved import ResolvedDocument
from ..screening import CriterionResult, Screening, SetResult, screen
from .assessment import form_row
from .common import Context, publication, sign_off
from .markup import blocks, inlines


def publish_dpia(doc: ResolvedDocument, locale: Locale) -> Publication:
    ctx = DpiaContext(doc, locale)
    assert doc.notice is not None, "the resolver links every screening's notice"
    result = screen(ctx.model, doc.notice, doc.registry)
    body: list[Block] = [ctx.about(), ctx.decision(result)]
    body += [ctx.criteria_set(s) for s in result.sets]
    body.append(ctx.sign_off())
    return publication(ctx, tuple(body), form=True)


def _source(text: str) -> Styled:
    """'(councils/…/file.yaml:12)' in the small type of a source reference."""
    return Styled("span", (Text("("), Styled("code", (Text(text),)), Text(")")), role="source")


class DpiaContext(Context):
    """A DPIA screening being published."""

    @property
    def model(self) -> DpiaScreening:
        assert isinstance(self.doc.model, DpiaScreening)
        return self.doc.model

    def about(self) -> Block:
        notice = self.doc.notice
        assert notice is not None
        title = Origin(notice.source.locate(("title",)), ("notice", "title"))
        rows = [form_row((self.text("dpia_controller"),), (Text(
                    self.doc.council.name, self.council_origin(("name",))),)),
                form_row((self.text("dpia_screened"),), (
                    Text(notice.model.title, title), Text(" "), _source(notice.path)))]
        if self.model.project:
            rows.append(form_row((self.text("dpia_project"),),
                                 blocks(self.model.project, self.origin(("project",)))))
        return Table((self.text("dpia_about"),), (RowGroup(tuple(rows)),), role="form-grid")

    def decision(self, result: Screening) -> Block:
        if result.full_dpia_required:
            content: list[Block] = [Paragraph((Styled("strong", (self.text("dpia_required"),)),
                                               self.text("dpia_required_because")))]
            items = []
            for fired in result.fired:
                words: list[Inline] = list(self.compose(
                    "dpia_rule_met", title=fired.criteria_set.title,
                    rule=fired.criteria_set.rule_text))
                for n, r in enumerate(fired.counted):
                    words.append(Link(f"#{r.criterion.id}", (
                        Text(f"{r.criterion.number} {r.criterion.title}"),)))
                    words.append(Text("; " if n < len(fired.counted) - 1 else "."))
                items.append(Item(tuple(words)))
            content.append(ListBlock(tuple(items)))
        else:
            content = [Paragraph((Styled("strong", (self.text("dpia_not_required"),)),
                                  self.text("dpia_not_required_reason")))]
        box = Division(tuple(content), role="decision", status=True)
        return Section(Heading(2, (self.text("dpia_decision"),), anchor="decision"),
                       (Group((box,), "decision"),), role="form-box")

    def criteria_set(self, result: SetResult) -> Block:
        cs = result.criteria_set
        intro = Paragraph((Text(cs.rule_text), *self.compose(
            "dpia_source", link=(Link(cs.url, (Text(cs.source),)),))))
        head = Row(tuple(Cell((self.text(key),), header=True, scope="col",
                              role="tick-col" if key == "dpia_met" else None)
                         for key in ("dpia_number", "dpia_criterion", "dpia_met", "dpia_how")))
        rows = tuple(self.criterion_row(r) for r in result.results)
        table = Table((Text(self.locale.text("dpia_table_caption", title=cs.title)),),
                      (RowGroup(rows),), (head,), caption_hidden=True, role="criteria")
        return Section(Heading(2, (Text(cs.title),), anchor=f"set-{cs.id}"), (intro, table))

    def criterion_row(self, r: CriterionResult) -> Row:
        criterion = r.criterion
        what = (Styled("span", (Text(criterion.title),)), LineBreak(),
                Styled("span", inlines(criterion.description), role="source"))
        met = (Tick(r.met), Text(f" {self.locale.text('yes' if r.met else 'no')}"))
        return Row((Cell((Text(criterion.number),)),
                    Cell(what, header=True, scope="row"),
                    Cell(met, role="tick-col"),
                    Cell(self.how(r))), id=criterion.id)

    def how(self, r: CriterionResult) -> tuple[Block, ...]:
        found: list[Block] = []
        if r.basis == "answer":
            found.append(Paragraph((self.text("dpia_answered"), *inlines(r.evidence))))
        elif r.basis == "notice" and r.met:
            found.append(Paragraph((self.text("dpia_from_notice"),)))
            found.append(ListBlock(tuple(
                Item((Text(f.text), Text(" "),
                      _source(f"{f.location.path}:{f.location.line}"))) for f in r.findings)))
        elif r.basis == "notice":
            found.append(Paragraph((self.text("dpia_not_shown"),)))
        else:
            found.append(Paragraph((self.text("dpia_not_recorded"),)))
        if r.waiting_for:
            found.append(Paragraph((self.text("dpia_waiting"),)))
        return tuple(found)

    def sign_off(self) -> Block:
        model = self.model
        return sign_off(self, ("dpia_screened_by", model.screened_by, "screened_by"),
                        ("dpia_dpo_advice", model.dpo_advice, "dpo_advice"))
