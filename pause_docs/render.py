"""Documents to HTML: one context-building function and a Jinja environment that cannot leak.

Autoescaping is on and undefined names are errors; Markdown from YAML is converted and then
sanitised, so no script, event handler, style or unsafe link can reach a council's website.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from contextvars import ContextVar
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import jinja2
import markdown as markdown_lib
import nh3
from markupsafe import Markup, escape

from .errors import Location, Problem
from .layout import TEMPLATES_DIR as TEMPLATES_DIR
from .layout import search_path as search_path
from .linking import link_in_text
from .models import DpiaScreening, ImpactAssessment, Notice, Provision, Right
from .models.assessment import ANSWERS, DECISION_TYPES
from .models.notice import LegalReference, Recipient, Section
from .project import ResolvedDocument
from .registry import role_of
from .screening import screen

STYLESHEET = "assets/style.css"
FORM_STYLESHEET = "assets/form.css"  # added for screenings, which print as forms
# Set while a page renders: every template name asked for -> the file it came from, or None
# when it was looked for and not found (a file added later would change the page).
_LOADED: ContextVar[dict[str, str | None] | None] = ContextVar("loaded", default=None)

_ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "em", "h3", "h4", "i", "li", "ol", "p",
    "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"},
                       "td": {"colspan", "rowspan"}}
_URL_SCHEMES = {"http", "https", "mailto", "tel"}


class TemplateProblem(Exception):
    """A template failed: carries a located problem pointing into the template file."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def markdown(text: str | None) -> Markup:
    """Markdown to sanitised HTML (block level)."""
    if not text:
        return Markup("")
    return Markup(_markdown(text))


@functools.lru_cache(maxsize=1024)
def _markdown(text: str) -> str:
    # Programme text repeats in every council's documents: converting it once is most of
    # the speed of rendering.  One converter, reset between texts, is far cheaper than one
    # per call.
    converter = _converter()
    return _sanitised(converter.reset().convert(text))


def _sanitised(html: str) -> str:
    return nh3.clean(html, tags=_ALLOWED_TAGS, attributes=_ALLOWED_ATTRIBUTES,
                     url_schemes=_URL_SCHEMES, link_rel=None)


@functools.cache
def _converter() -> markdown_lib.Markdown:
    return markdown_lib.Markdown(output_format="html")


def inline_markdown(text: str | None) -> Markup:
    """Markdown to sanitised HTML without the surrounding paragraph, for list items."""
    html = str(markdown(text)).strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)


def long_date(day: dt.date, style: str = "day") -> str:
    """'1 February 2017'; 'February 2017' when only the month is meant; '1st February 2017'."""
    if style == "month":
        return f"{day:%B %Y}"
    if style == "ordinal":
        suffix = "th" if 10 <= day.day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(
            day.day % 10, "th")
        return f"{day.day}{suffix} {day:%B %Y}"
    return f"{day.day} {day:%B %Y}"


def money(value: float) -> str:
    """£206,568 (pence only when there are some)."""
    return f"£{value:,.2f}".removesuffix(".00")


class _Environment(jinja2.Environment):
    """Notes which template files each page loads, so a build knows what a page was made
    from (see `render_page`)."""

    def get_template(self, name: str | jinja2.Template, parent: str | None = None,
                     globals: Any = None) -> jinja2.Template:  # noqa: A002 - Jinja's name
        template = super().get_template(name, parent, globals)
        if isinstance(name, str):
            _note(name, template.filename)
        return template

    def select_template(self, names: Iterable[str | jinja2.Template],
                        parent: str | None = None, globals: Any = None  # noqa: A002
                        ) -> jinja2.Template:
        names = list(names) if not isinstance(names, jinja2.Undefined) else names
        try:
            template = super().select_template(names, parent, globals)
        except jinja2.TemplatesNotFound:
            for name in names:
                _note(str(name), None)
            raise
        for name in names:  # the names before the one found were looked for and not there
            if name is template or name == template.name:
                break
            _note(str(name), None)
        _note(str(template.name), template.filename)
        return template


def _note(name: str, filename: str | None) -> None:
    loaded = _LOADED.get()
    if loaded is not None:
        loaded[name] = filename


@functools.cache
def environment(search_path: tuple[Path, ...] = (TEMPLATES_DIR,)) -> jinja2.Environment:
    """Project templates first, then the built-in ones; 'default/' always means built-in."""
    loader = jinja2.ChoiceLoader([
        jinja2.PrefixLoader({"default": jinja2.FileSystemLoader(str(TEMPLATES_DIR))},
                            delimiter=":"),
        jinja2.FileSystemLoader([str(p) for p in search_path]),
    ])
    env = _Environment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined,
                       trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(markdown=markdown, inline_markdown=inline_markdown, long_date=long_date,
                       money=money, recipient_line=recipient_line)
    return env


@dataclass(frozen=True)
class Citation:
    """A legal reference ready to print: the words, the provisions, where to read the law."""

    text: str
    provisions: tuple[Provision, ...]
    reference: LegalReference
    schedule_1: Citation | None

    @property
    def url(self) -> str:
        return self.provisions[0].url

    @property
    def role(self) -> str:
        """article-6, article-9, article-10, schedule-1 or gateway (any other law)."""
        return role_of(self.provisions)

    @property
    def group(self) -> str | None:
        return self.reference.group

    @property
    def html(self) -> Markup:
        """The reference as the notice words it, with the law's words linked."""
        ref = self.reference
        link = Markup('<a href="{}">{}</a>').format(self.url, self.text)
        if ref.wording:
            body = inline_markdown(ref.wording)
            linked = link_in_text(str(body), self.text, link)  # then sanitised again, last
            return Markup(_sanitised(linked)) if linked else Markup(f"{body} ({link})")
        if not ref.reason:
            return link
        joiner = " " if ref.cited_as else ": "
        return link + joiner + inline_markdown(ref.reason)


    @property
    def block(self) -> Markup:
        """`html` as one or more paragraphs."""
        html = self.html
        return html if html.startswith("<p>") else Markup("<p>") + html + Markup("</p>")


def citation(reference: LegalReference, provisions: dict[str, Provision]) -> Citation:
    found = tuple(provisions[i] for i in reference.provision_ids)
    text = reference.cited_as or " and ".join(p.citation for p in found)
    schedule_1 = citation(reference.schedule_1, provisions) if reference.schedule_1 else None
    return Citation(text, found, reference, schedule_1)


def citations(references: Iterable[LegalReference], provisions: dict[str, Provision]
              ) -> list[Citation]:
    return [citation(r, provisions) for r in references]


def selected(items: Iterable[Any], section: Section) -> list[Any]:
    """The items a section shows: those of its `only` group, or else those with no group
    (an item given a group appears only where a section asks for that group)."""
    return [i for i in items if getattr(i, "group", None) == section.only]


def joined(words: list[Markup] | list[str]) -> Markup:
    """'A', 'A and B', 'A, B and C' (each already escaped or safe)."""
    items = [Markup(escape(w)) for w in words]
    if len(items) <= 1:
        return Markup("").join(items)
    return Markup(", ").join(items[:-1]) + Markup(" and ") + items[-1]


def recipient_line(recipient: Recipient) -> Markup:
    """'Police', 'Health Agencies (why)', or 'DWP for them to confirm ...'."""
    name = Markup(escape(recipient.name))
    if not recipient.purpose:
        return name
    purpose = inline_markdown(recipient.purpose)
    if recipient.purpose[:1].islower():
        return name + Markup(" ") + purpose
    return name + Markup(" (") + purpose + Markup(")")


@dataclass(frozen=True)
class Part:
    """A heading and what stands under it until the next heading."""

    heading: str | None
    level: int
    anchor: str
    sections: tuple[Section, ...]


def _parts(sections: tuple[Section, ...]) -> list[Part]:
    parts: list[Part] = []
    for section in sections:
        if section.heading or not parts:
            parts.append(Part(section.heading, section.level, f"section-{len(parts) + 1}",
                              (section,)))
        else:
            last = parts[-1]
            parts[-1] = Part(last.heading, last.level, last.anchor, last.sections + (section,))
    return parts


def context(doc: ResolvedDocument, search_path: tuple[Path, ...] = (TEMPLATES_DIR,)
            ) -> dict[str, Any]:
    """Everything a template may use, and nothing else."""
    model = doc.model
    registry = doc.registry
    regulator = registry.regulator
    contact = doc.council.dpo or doc.council.enquiries
    common = {
        "doc": model,
        "council": doc.council,
        "programme": doc.programme,
        "regulator": regulator,
        "regulator_name": regulator.name_on(model.published).name if regulator else None,
        "contact": contact,
        "date_text": long_date(model.published, model.show_date),
        "published_iso": model.published.isoformat(),
        "stylesheet": Markup(_stylesheet(search_path)),
    }
    if not isinstance(model, Notice):
        common["stylesheet"] = Markup(_stylesheet(search_path) + "\n"
                                      + _stylesheet(search_path, FORM_STYLESHEET))
    if isinstance(model, ImpactAssessment):
        return common | {
            "decision": model.decision,
            "decision_types": DECISION_TYPES,
            "answer_values": ANSWERS,
            "drivers": [(d, citations(d.references, registry.provisions))
                        for d in model.statutory_drivers],
            "question_law": {q.id: citations(q.law, registry.provisions)
                             for q in model.questions},
        }
    if isinstance(model, DpiaScreening):
        assert doc.notice is not None, "project.load_project links every screening's notice"
        return common | {
            "screening": screen(model, doc.notice, registry),
            "notice": doc.notice.model,
            "notice_path": doc.notice.path,
        }
    assert isinstance(model, Notice)
    rights: list[tuple[Right, str | None]] = [
        (registry.rights[entry.right], entry.wording) for entry in model.rights]
    return common | {
        "parts": _parts(model.sections),
        "citations": citations(model.legal_bases, registry.provisions),
        "matching": {m.id: (m, citations(m.legal_bases, registry.provisions))
                     for m in model.data_matching},
        "selected": selected,
        "joined": joined,
        "rights": rights,
        "dpo_shown_elsewhere": any(section.show == "dpo" for section in model.sections),
    }


def _stylesheet(search_path: tuple[Path, ...], name: str = STYLESHEET) -> str:
    env = environment(search_path)
    assert env.loader is not None
    source, filename, _ = env.loader.get_source(env, name)
    _note(name, filename)
    return source.replace("</", "<\\/")


def stylesheets(*names: str, search_path: tuple[Path, ...] = (TEMPLATES_DIR,)) -> Markup:
    """The house stylesheet followed by `names` (other files in the templates' assets/),
    ready to inline in a <style> element."""
    return Markup("\n".join(_stylesheet(search_path, name)
                             for name in (STYLESHEET, *names)))


def template_names(doc: ResolvedDocument) -> list[str]:
    """A council's own template first, then the kind's, then the generic one."""
    return [f"{doc.council_slug}/{doc.kind}.html", f"{doc.kind}.html", "notice.html"]


@dataclass(frozen=True)
class Page:
    """A rendered document and what it was made from besides its YAML files."""

    html: str
    templates: dict[str, str | None]
    """Each template (and stylesheet) name looked up -> the file used, None if none was found."""
    registry: frozenset[str]
    """The registry entries it shows or was resolved with, as 'table:id' or 'table:*'."""


def render_page(doc: ResolvedDocument, templates: tuple[Path, ...] = (TEMPLATES_DIR,)) -> Page:
    """`render_html`, noting which templates and registry entries the page used."""
    registry, used = doc.registry.recording()
    loaded: dict[str, str | None] = {}
    token = _LOADED.set(loaded)
    try:
        html = render_html(replace(doc, registry=registry), templates)
    finally:
        _LOADED.reset(token)
    return Page(html, loaded, frozenset(used) | doc.cites)


def render_html(doc: ResolvedDocument, templates: tuple[Path, ...] = (TEMPLATES_DIR,)) -> str:
    """The document as a standalone HTML page."""
    env = environment(templates)
    try:
        template = env.select_template(template_names(doc))
        return template.render(context(doc, templates))
    except jinja2.TemplateSyntaxError as exc:
        where = _template_path(exc.filename, templates) if exc.filename else \
            f"templates/{exc.name}"
        raise TemplateProblem(Problem(Location(where, exc.lineno, 1), "error",
                                      "template-syntax", exc.message or str(exc))) from exc
    except jinja2.UndefinedError as exc:
        raise TemplateProblem(_template_problem(exc, "template-undefined", templates)) from exc
    except jinja2.TemplateNotFound as exc:
        raise TemplateProblem(_template_problem(exc, "template-not-found", templates)) from exc


def _template_problem(exc: Exception, code: str, templates: tuple[Path, ...]) -> Problem:
    """Locate a Jinja run-time error at the template line that raised it."""
    tb = exc.__traceback__
    where = Location("templates")
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".html"):
            where = Location(_template_path(filename, templates), tb.tb_lineno, 1)
        tb = tb.tb_next
    return Problem(where, "error", code, str(exc))


def _template_path(filename: str, templates: tuple[Path, ...]) -> str:
    """'templates/<name>' for a file of the search path, council sub-folder included."""
    path = Path(filename)
    for folder in (*templates, TEMPLATES_DIR):
        if path.is_relative_to(folder):
            return f"templates/{path.relative_to(folder).as_posix()}"
    return path.as_posix()
