"""A Word file's frame: python-docx's template cleared of what no document of ours should
carry and of every style a document cannot use (a lean template, made once in a process),
the theme's styles, the document's language and properties, the page and its footer, and the
zip written the same way every time, with only the styles the document uses."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from typing import cast

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.oxml import serialize_part_xml
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm
from docx.styles.style import BaseStyle, ParagraphStyle

from .lean import drop_unused_styles, keep_only
from .theme import THEME, Theme
from .xml import PPR, RPR, border, child, element, fonts, half_points, put, shading, twips

# Parts of python-docx's template that say untrue things (a thumbnail of an empty page, an
# application's name), or that Word 2010 reads instead of the styles set here.
_DROPPED = (RT.THUMBNAIL, RT.CUSTOM_XML, RT.WEB_SETTINGS,
            "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects")
_APP = (b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'extended-properties"><Application>pause-docs</Application>'
        b"<DocSecurity>0</DocSecurity></Properties>")


@dataclass(frozen=True)
class Paragraph:
    """A paragraph style: how it differs from Normal."""

    name: str
    size: float | None = None
    colour: str | None = None
    bold: bool = False
    italic: bool | None = None
    before: float | None = None
    after: float | None = None
    keep_next: bool = False
    borders: tuple[tuple[str, str, float], ...] = ()
    """(side, colour, width in points)."""
    fill: str | None = None
    indent: float | None = None


def styles(theme: Theme) -> tuple[Paragraph, ...]:
    """The paragraph styles, as style.css and form.css print their blocks."""
    t, em = theme, theme.size
    return (
        Paragraph("Subtitle", size=em * t.subtitle, colour=t.text, italic=False, after=em / 4),
        Paragraph("Muted", colour=t.muted, after=0),
        Paragraph("Small", size=em * t.small, colour=t.muted, after=em / 4),
        Paragraph("Publisher", bold=True, after=em / 2,
                  borders=(("bottom", t.heading, 3.0),)),
        Paragraph("Masthead", after=em / 2, borders=(("bottom", t.heading, 3.0),)),
        Paragraph("Formats", before=em * 0.75, borders=(("left", t.heading, 3.0),),
                  fill=t.panel_fill, indent=em * 0.75),
        Paragraph("Address", after=0, borders=(("left", t.address_rule, 3.0),),
                  indent=em * 0.75),
        Paragraph("Decision", borders=(("left", t.heading, 4.5),), fill=t.panel_fill,
                  indent=em * 0.75, after=em / 4),
        Paragraph("Label", bold=True, after=em / 4),
        Paragraph("Table Text", after=em / 4),
        Paragraph("Caption", size=em, colour=t.text, bold=True, italic=False, after=em / 4,
                  keep_next=True),
        Paragraph("Colophon", size=em * t.small, colour=t.muted, before=em * 2,
                  borders=(("top", t.colophon_rule, 0.75),)),
        Paragraph("Quote", italic=False, colour=t.text, indent=em * 2.5),
        Paragraph("List Paragraph", after=em * 0.35),
        Paragraph("Footer", size=t.footer_size, colour=t.footer_colour, after=0),
    )


_TEMPLATES: dict[tuple[str, str], bytes] = {}
"""Each language and theme's template, made once in a process (`template`)."""


def new_document(lang: str, theme: Theme = THEME) -> Document:
    """An empty A4 document in `lang` with the theme's styles and nothing else, read from
    the `template` made once for `lang` (python-docx reads its own, 353 kB of styles, for
    each document)."""
    return docx.Document(io.BytesIO(template(lang, theme)))


def template(lang: str, theme: Theme = THEME) -> bytes:
    """The .docx every document in `lang` starts from: python-docx's template with the
    theme's styles and only those of its styles a document of ours may use (`lean`); made
    once in a process, the same bytes every time."""
    key = (lang, repr(theme))
    if key not in _TEMPLATES:
        document = _made(lang, theme)
        used = ["Normal", *(f"Heading {n}" for n in range(1, 7)), *CHARACTER_STYLES,
                *(p.name for p in styles(theme))]
        keep_only(document.styles.element, (name.replace(" ", "") for name in used))
        raw = io.BytesIO()
        document.save(raw)
        _TEMPLATES[key] = _zipped(raw, 0)
    return _TEMPLATES[key]


def _made(lang: str, theme: Theme) -> Document:
    """python-docx's template with the theme's styles in `lang`, the page set up."""
    document = docx.Document()
    package = document.part.package
    for rId, rel in list(package.rels.items()):
        if rel.reltype in _DROPPED:
            del package.rels[rId]
    for rId, rel in list(document.part.rels.items()):
        if rel.reltype in _DROPPED:
            document.part.drop_rel(rId)
    package.part_related_by(RT.EXTENDED_PROPERTIES)._blob = _APP
    _font_table(document, theme)
    _base_styles(document, lang, theme)
    names = {s.name for s in document.styles}
    for paragraph in styles(theme):
        _paragraph_style(document, paragraph, names)
    _character_styles(document, theme)
    _settings(document, lang)
    section = document.sections[0]
    section.page_width, section.page_height = Mm(theme.page[0]), Mm(theme.page[1])
    top, right, bottom, left = theme.margins
    section.top_margin, section.right_margin = Mm(top), Mm(right)
    section.bottom_margin, section.left_margin = Mm(bottom), Mm(left)
    section.header_distance, section.footer_distance = Mm(top / 2), Mm(bottom / 2)
    return document


def text_width(theme: Theme = THEME) -> float:
    """The width of the text on the page, in points."""
    return (theme.page[0] - theme.margins[1] - theme.margins[3]) / 25.4 * 72


def _font_table(document: Document, theme: Theme) -> None:
    """The theme's fonts, with what Word should use where one is not installed."""
    part = document.part.part_related_by(RT.FONT_TABLE)
    table = parse_xml(part.blob)
    for name in (theme.font, theme.mono):
        sans = name == theme.font
        font = element("w:font", name=name)
        font.append(element("w:altName", val=theme.fallback_font))
        font.append(element("w:family", val="swiss" if sans else "modern"))
        font.append(element("w:pitch", val="variable" if sans else "fixed"))
        table.append(font)
    part._blob = serialize_part_xml(table)


def _run_props(rPr: BaseOxmlElement, *, font: str | None = None, size: float | None = None,
               colour: str | None = None, bold: bool | None = None,
               italic: bool | None = None) -> None:
    if font:
        put(rPr, fonts(font), RPR)
    for tag, on in (("w:b", bold), ("w:bCs", bold), ("w:i", italic), ("w:iCs", italic)):
        if on is not None:
            put(rPr, element(tag, val="1" if on else "0"), RPR)
    if colour:
        put(rPr, element("w:color", val=colour), RPR)
    if size:
        put(rPr, element("w:sz", val=half_points(size)), RPR)
        put(rPr, element("w:szCs", val=half_points(size)), RPR)


def _spacing(pPr: BaseOxmlElement, before: float | None, after: float | None,
             line: float | None = None) -> None:
    spacing = child(pPr, "w:spacing", PPR)
    if before is not None:
        spacing.set(qn("w:before"), twips(before))
    if after is not None:
        spacing.set(qn("w:after"), twips(after))
    if line is not None:
        spacing.set(qn("w:line"), str(round(line * 240)))
        spacing.set(qn("w:lineRule"), "auto")


def _base_styles(document: Document, lang: str, theme: Theme) -> None:
    """The text's font, size, colour, line height and language; the headings."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    assert defaults is not None
    rPr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    pPr = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}")
    assert rPr is not None and pPr is not None
    for props in (rPr, _style(document, "Normal").element.get_or_add_rPr()):
        _run_props(props, font=theme.font, size=theme.size, colour=theme.text)
        put(props, element("w:lang", val=lang, eastAsia=lang, bidi=lang), RPR)
    _spacing(pPr, 0, theme.size, theme.line)
    for level in range(1, 7):
        style = _style(document, f"Heading {level}")
        _run_props(style.element.get_or_add_rPr(), font=theme.font, bold=True, italic=False,
                   size=theme.heading_size(level), colour=theme.heading_colour(level))
        spacing = {1: 1.5, 2: 2.0}.get(level, 1.5) * theme.size
        _spacing(style.element.get_or_add_pPr(), spacing, theme.size / 2,
                 1.2 if level <= 2 else None)


def _style(document: Document, name: str) -> BaseStyle:
    found: BaseStyle = document.styles[name]
    return found


def _paragraph_style(document: Document, wanted: Paragraph, names: set[str | None]) -> None:
    style = cast(ParagraphStyle, _style(document, wanted.name) if wanted.name in names
                 else document.styles.add_style(wanted.name, WD_STYLE_TYPE.PARAGRAPH))
    style.base_style = _style(document, "Normal")
    rPr, pPr = style.element.get_or_add_rPr(), style.element.get_or_add_pPr()
    _run_props(rPr, font=None, size=wanted.size, colour=wanted.colour,
               bold=wanted.bold or None, italic=wanted.italic)
    _spacing(pPr, wanted.before, wanted.after)
    if wanted.keep_next:
        put(pPr, element("w:keepNext"), PPR)
    if wanted.borders:
        put(pPr, border({side: (colour, width) for side, colour, width in wanted.borders}),
            PPR)
    if wanted.fill:
        put(pPr, shading(wanted.fill), PPR)
    if wanted.indent is not None:
        put(pPr, element("w:ind", left=twips(wanted.indent), right="0", hanging="0"), PPR)


CHARACTER_STYLES = ("Hyperlink", "Code", "Source")
"""The character styles `_character_styles` adds (`Look.style`)."""


def _character_styles(document: Document, theme: Theme) -> None:
    """Links as the page shows them; code in the theme's monospace font."""
    link = document.styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    rPr = link.element.get_or_add_rPr()
    put(rPr, element("w:color", val=theme.link), RPR)
    put(rPr, element("w:u", val="single"), RPR)
    code = document.styles.add_style("Code", WD_STYLE_TYPE.CHARACTER)
    put(code.element.get_or_add_rPr(), fonts(theme.mono), RPR)
    source = document.styles.add_style("Source", WD_STYLE_TYPE.CHARACTER)
    _run_props(source.element.get_or_add_rPr(), size=theme.size * theme.small,
               colour=theme.muted)


_SETTINGS_BEFORE_TRACKING = ("w:doNotTrackMoves", "w:doNotTrackFormatting",
                             "w:documentProtection", "w:autoFormatOverride",
                             "w:styleLockTheme", "w:styleLockQFSet", "w:defaultTabStop")


def _settings(document: Document, lang: str) -> None:
    settings = document.settings.element
    for tag in ("w:proofState", "w:savePreviewPicture", "w:rsids"):
        for found in settings.findall(qn(tag)):
            settings.remove(found)
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), lang)


def track_revisions(document: Document) -> None:
    """Turn Track Changes on, so that a reviewer's own edits are tracked too."""
    settings = document.settings.element
    anchor = next(e for e in settings if e.tag in {qn(t) for t in _SETTINGS_BEFORE_TRACKING})
    anchor.addprevious(element("w:trackRevisions"))


def properties(document: Document, *, title: str, author: str, subject: str, lang: str,
               day: dt.date) -> None:
    """Title, author, subject, language and dates of the document itself (never now)."""
    core = document.core_properties
    stamp = dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
    core.title, core.author, core.subject = title, author, subject
    core.language, core.last_modified_by = lang, author
    core.comments, core.keywords, core.category = "", "", subject
    core.created, core.modified, core.revision = stamp, stamp, 1


def footer(document: Document, left: str, page_number: str, theme: Theme = THEME) -> None:
    """The PDF's footer: the title and date on the left, 'Page X of Y' on the right, the
    numbers as fields Word and LibreOffice fill in; `page_number` is the locale's words,
    with {page} and {pages} where the numbers go."""
    paragraph = document.sections[0].footer.paragraphs[0]
    style = _style(document, "Footer")
    paragraph.style = style
    tabs = element("w:tabs")  # the template's centre and right stops, for Letter paper, go
    tabs.append(element("w:tab", val="right", pos=twips(text_width(theme))))
    put(style.element.get_or_add_pPr(), tabs, PPR)
    paragraph.add_run(left + "\t")
    text = page_number
    while text:
        before, field, text = _next_field(text)
        if before:
            paragraph.add_run(before)
        if field:
            for made in _field(field):
                paragraph._p.append(made)


def _next_field(text: str) -> tuple[str, str, str]:
    """Words up to the next {page} or {pages}, the field's name, and the rest."""
    places = [(text.find(key), key, name) for key, name in
              (("{page}", "PAGE"), ("{pages}", "NUMPAGES")) if key in text]
    if not places:
        return text, "", ""
    at, key, name = min(places)
    return text[:at], name, text[at + len(key):]


def _field(instruction: str) -> list[BaseOxmlElement]:
    """A field's runs: begin, the instruction, separate, its last known value, end."""
    runs = []
    for part in ("begin", "instr", "separate", "value", "end"):
        run = element("w:r")
        if part == "instr":
            instr = element("w:instrText")
            instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            instr.text = f" {instruction} "
            run.append(instr)
        elif part == "value":
            value = element("w:t")
            value.text = "1"
            run.append(value)
        else:
            run.append(element("w:fldChar", fldCharType=part))
        runs.append(run)
    return runs


def save(document: Document, epoch: int) -> bytes:
    """The file's bytes: the same document always gives the same bytes (every member dated
    `epoch`, the document's own date, in the order python-docx writes them), with only the
    styles it uses (`lean`)."""
    drop_unused_styles(document)
    raw = io.BytesIO()
    document.save(raw)
    return _zipped(raw, epoch)


def _zipped(raw: io.BytesIO, epoch: int) -> bytes:
    """The package python-docx wrote to `raw`, every member dated `epoch` (not before 1980,
    which a zip cannot say)."""
    when = dt.datetime.fromtimestamp(max(epoch, 315532800), dt.UTC)
    stamp = (when.year, when.month, when.day, when.hour, when.minute, when.second)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=stamp)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.create_system = 0
            member.external_attr = 0
            target.writestr(member, source.read(info.filename))
    return out.getvalue()


def xml_element(text: str) -> BaseOxmlElement:
    """An element from WordprocessingML text (namespaces declared in it)."""
    made: BaseOxmlElement = parse_xml(text)
    return made
