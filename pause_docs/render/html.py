"""Publications to HTML: a Jinja environment that cannot leak, one partial per block type.

The publish stage decides what a page says; here each block of the tree is printed by its
partial (`templates/_<type>.html`, structure only) and inline content by `inline_html`.
Every text is escaped and every link checked as it is written: nothing from YAML reaches the
page as markup.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from ..publish.locale import is_language_neutral, load_locale
from ..publish.markup import blocks
from ..publish.tree import (
    Alternate,
    Block,
    Group,
    Image,
    Inline,
    LineBreak,
    Link,
    Node,
    Publication,
    Styled,
    Text,
    Tick,
    Time,
    is_inline,
    plain,
)
from ..source.errors import Location, Problem
from ..source.layout import TEMPLATES_DIR

STYLESHEET = "assets/style.css"
DOCUMENT_TEMPLATE = "document.html"
SAFE_SCHEMES = ("http://", "https://", "mailto:", "tel:", "#")
# A page beside this one (the document in another language, a layer's full notice): a file
# name as `layout.output_name` makes them, never a path.
_BESIDE = re.compile(r"^[a-z0-9][a-z0-9-]*(?:\.[a-z]{2,3})?\.html(?:#[A-Za-z0-9_-]+)?$")
LAW_SITE = "legislation.gov.uk/"  # where UK law is published: a link there cites it by name
# Set while a page renders: every template name asked for -> the file it came from, or None
# when it was looked for and not found (a file added later would change the page).
_LOADED: ContextVar[dict[str, str | None] | None] = ContextVar("loaded", default=None)
# The language of the page being printed: text in another is marked with its `lang`.
_PAGE_LANGUAGE: ContextVar[str | None] = ContextVar("page_language", default=None)
# Whether the page prints a web link's address after its words on paper.
_LINK_ADDRESSES: ContextVar[bool] = ContextVar("link_addresses", default=True)
_TAGS = {"strong": "strong", "em": "em", "b": "b", "i": "i", "code": "code", "sub": "sub",
         "sup": "sup", "abbr": "abbr", "span": "span", "ins": "ins", "del": "del"}


class TemplateProblem(Exception):
    """A template failed: carries a located problem pointing into the template file."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


# --- inline content -------------------------------------------------------------------------

def escape_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape_attribute(text: str) -> str:
    return escape_text(text).replace('"', "&quot;")


def inline_html(nodes: Iterable[Inline]) -> str:
    """Inline nodes as HTML: every text escaped, every link's address checked; a run of
    text in another language than the page's in a span with its `lang`."""
    out: list[str] = []
    run: list[str] = []
    run_tag: str | None = None
    for node in nodes:
        tag = _foreign(node)
        if run and tag != run_tag:
            out.append(f'<span lang="{run_tag}">{"".join(run)}</span>')
            run = []
        if tag is not None:
            run.append(escape_text(node.text))  # type: ignore[union-attr]
            run_tag = tag
        else:
            out.append(_inline(node))
    if run:
        out.append(f'<span lang="{run_tag}">{"".join(run)}</span>')
    return "".join(out)


def _foreign(node: Inline) -> str | None:
    """The BCP 47 tag of a text written in another language than the page's, or None."""
    if not isinstance(node, Text) or node.origin is None or not node.text.strip():
        return None
    language = node.origin.language
    if language is None or language == _PAGE_LANGUAGE.get():
        return None

    return None if is_language_neutral(node.text) else load_locale(language).tag


def _inline(node: Inline) -> str:
    if isinstance(node, Text):
        return escape_text(node.text)
    if isinstance(node, Link):
        inner = inline_html(node.children)
        if not node.href.startswith(SAFE_SCHEMES) and not _BESIDE.match(node.href):
            return inner  # not a link a page may carry: its words only
        title = f' title="{escape_attribute(node.title)}"' if node.title else ""
        shown = (' class="print-address"' if _LINK_ADDRESSES.get() and prints_address(node)
                 else "")
        lang = (f' hreflang="{escape_attribute(node.hreflang)}" '
                f'lang="{escape_attribute(node.hreflang)}"' if node.hreflang else "")
        return f'<a href="{escape_attribute(node.href)}"{lang}{shown}{title}>{inner}</a>'
    if isinstance(node, Styled):
        tag = _TAGS[node.style]
        title = f' title="{escape_attribute(node.title)}"' if node.title else ""
        role = f' class="{escape_attribute(node.role)}"' if node.role else ""
        return f"<{tag}{role}{title}>{inline_html(node.children)}</{tag}>"
    if isinstance(node, Time):
        return f'<time datetime="{node.day.isoformat()}">{inline_html(node.children)}</time>'
    if isinstance(node, Tick):
        css = "tick selected" if node.selected else "tick"
        mark = node.mark
        if node.label is None:
            return f'<span class="{css}" aria-hidden="true">{mark}</span>'
        return (f'<span class="{css}" role="img" aria-label="{escape_attribute(node.label)}">'
                f"{mark}</span>")
    if isinstance(node, LineBreak):
        return "<br>"
    if isinstance(node, Image):
        return f'<img src="{escape_attribute(node.src)}" alt="{escape_attribute(node.alt)}">'
    raise TypeError(f"not inline content: {node!r}")


def prints_address(link: Link) -> bool:
    """True for a web link whose address paper must show after its words (print and PDF):
    not a citation, which names the law it links to (as does any link to the law's own
    site), nor one whose words are the address."""
    if link.law or not link.href.startswith(("http://", "https://")):
        return False
    bare = link.href.lower().split("://", 1)[1].removeprefix("www.").rstrip("/")
    if bare.startswith(LAW_SITE):
        return False
    words = plain(link.children).strip().lower()
    return words.split("://")[-1].removeprefix("www.").rstrip("/") != bare


# --- the environment ------------------------------------------------------------------------

class _Environment(jinja2.Environment):
    """Notes which template files each page loads, so a build knows what a page was made
    from (see `render_page`)."""

    missing: set[str]
    """Names looked for and not found, when the templates cannot change (`auto_reload`
    off): not looked for again on every page."""
    stylesheets: dict[str, tuple[str, str | None]]
    partials: dict[str, tuple[jinja2.Template, dict[str, Any]]]
    """When the templates cannot change: each stylesheet read (its text and its file), and
    each block's partial found (see `_partial`)."""

    def get_template(self, name: str | jinja2.Template, parent: str | None = None,
                     globals: Any = None) -> jinja2.Template:  # noqa: A002 - Jinja's name
        try:
            template = super().get_template(name, parent, globals)
        except jinja2.TemplateNotFound:
            if isinstance(name, str):
                _note(name, None)
            raise
        if isinstance(name, str):
            _note(name, template.filename)
        return template

    def select_template(self, names: Iterable[str | jinja2.Template],
                        parent: str | None = None, globals: Any = None  # noqa: A002
                        ) -> jinja2.Template:
        names = list(names) if not isinstance(names, jinja2.Undefined) else names
        missing = self.missing if not self.auto_reload else set()
        looked = names
        if missing and not isinstance(names, jinja2.Undefined):
            looked = [n for n in names if n not in missing] or names
        try:
            template = super().select_template(looked, parent, globals)
        except jinja2.TemplatesNotFound:
            for name in names:
                _note(str(name), None)
            raise
        for name in names:  # the names before the one found were looked for and not there
            if name is template or name == template.name:
                break
            _note(str(name), None)
            if isinstance(name, str) and not self.auto_reload:
                missing.add(name)  # the package's templates cannot gain it while this runs
        _note(str(template.name), template.filename)
        return template


def _note(name: str, filename: str | None) -> None:
    loaded = _LOADED.get()
    if loaded is not None:
        loaded[name] = filename


@functools.cache
def environment(search_path: tuple[Path, ...] = (TEMPLATES_DIR,)) -> jinja2.Environment:
    """Project templates first, then the built-in ones; 'default:' always means built-in."""
    loader = jinja2.ChoiceLoader([
        jinja2.PrefixLoader({"default": jinja2.FileSystemLoader(str(TEMPLATES_DIR))},
                            delimiter=":"),
        jinja2.FileSystemLoader([str(p) for p in search_path]),
    ])
    # The package's own templates cannot change while a process runs: not checking their
    # files' times before each use saves a build a stat per printed block. A project's own
    # templates are checked, so `serve` shows an edited one.
    env = _Environment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined,
                       trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                       auto_reload=search_path != (TEMPLATES_DIR,))
    env.globals.update(blocks=_blocks, content=_content,
                       inline=lambda nodes: Markup(inline_html(nodes)))
    env.missing = set()
    env.stylesheets = {}
    env.partials = {}
    return env


@jinja2.pass_context
def _blocks(context: jinja2.runtime.Context, blocks: Iterable[Block]) -> Markup:
    """Each block printed by its partial, `_<type>.html`; a group has no markup of its own."""
    out: list[str] = []
    _print(context.environment, blocks, out)
    return Markup("".join(out))


def _print(env: jinja2.Environment, blocks: Iterable[Block], out: list[str]) -> None:
    """`_blocks` into `out`: a group's blocks too, without a string made for each group."""
    for block in blocks:
        if isinstance(block, Group):
            _print(env, block.blocks, out)
            continue
        template, flat = _partial(env, f"_{block.type}.html")
        out.append("".join(template.root_render_func(jinja2.runtime.new_context(
            env, template.name, template.blocks, {"block": block}, False, flat))))


def _partial(env: jinja2.Environment, name: str) -> tuple[jinja2.Template, dict[str, Any]]:
    """A block's partial and its globals as one dict (Jinja's chain of mappings is copied
    key by key into every context), kept by name when the templates cannot change
    (`auto_reload` off): Jinja's own cache is a locked LRU list behind three calls, for
    each of a page's hundreds of blocks.  Every page still notes the file."""
    kept = env.partials if not env.auto_reload else {}  # type: ignore[attr-defined]
    found = kept.get(name)
    if found is None:
        template = env.get_template(name)
        found = kept[name] = (template, _flat_globals(template))
    else:
        _note(name, found[0].filename)
    return found


@functools.lru_cache(maxsize=256)
def _flat_globals(template: jinja2.Template) -> dict[str, Any]:
    """A partial's globals as one dict, made once per template."""
    return dict(template.globals)


@jinja2.pass_context
def _content(context: jinja2.runtime.Context, nodes: Iterable[Node]) -> Markup:
    """A list item's or a table cell's content: inline runs and blocks, in order."""
    out: list[str] = []
    run: list[Inline] = []
    for node in nodes:
        if is_inline(node):
            run.append(node)  # type: ignore[arg-type]
            continue
        out.append(inline_html(run) + ("\n" if run else ""))
        run = []
        _print(context.environment, (node,), out)  # type: ignore[arg-type]
    out.append(inline_html(run))
    return Markup("".join(out))


def markdown_html(text: str, templates: tuple[Path, ...] = (TEMPLATES_DIR,)) -> str:
    """Markdown from YAML as a page prints it: converted, sanitised, read into the tree and
    written out again."""
    return environment(templates).from_string("{{ blocks(found) }}").render(
        found=blocks(text))


def stylesheet(search_path: tuple[Path, ...], name: str = STYLESHEET) -> str:
    """A stylesheet's text, ready to inline in a <style> element: read once per process when
    the templates cannot change, for every page when a project has its own (`serve`)."""
    env = environment(search_path)
    assert isinstance(env, _Environment)
    kept = env.stylesheets if not env.auto_reload else {}
    if name not in kept:
        assert env.loader is not None
        source, filename, _ = env.loader.get_source(env, name)
        kept[name] = (source.replace("</", "<\\/"), filename)
    text, filename = kept[name]
    _note(name, filename)
    return text


def stylesheets(*names: str, search_path: tuple[Path, ...] = (TEMPLATES_DIR,)) -> Markup:
    """The house stylesheet followed by `names`, ready to inline in a <style> element."""
    return Markup("\n".join(stylesheet(search_path, name) for name in (STYLESHEET, *names)))


def page_frame(lang: str, strings: dict[str, str], author: str, created: dt.date,
               alternates: tuple[Alternate, ...] = ()) -> dict[str, Any]:
    """What base.html prints around a page: its language, author, date and the frame's
    words ('Skip to main content', the words of 'Page 1 of 3' for the PDF's footer)."""
    before, _, rest = strings["page_number"].partition("{page}")
    between = rest.partition("{pages}")[0]
    return {"lang": lang, "page_title": strings.get("page_title", ""), "author": author,
            "created": created.isoformat(), "skip_link": strings["skip_link"],
            "page_before": before, "page_between": between, "alternates": alternates}


@dataclass(frozen=True)
class Page:
    """A publication printed as HTML, and the templates it looked up."""

    html: str
    templates: dict[str, str | None]
    """Each template (and stylesheet) name looked up -> the file used, None if none was found."""


def render_page(publication: Publication, names: Iterable[str] = (DOCUMENT_TEMPLATE,),
                templates: tuple[Path, ...] = (TEMPLATES_DIR,)) -> Page:
    """A publication as a standalone HTML page, by the first of the templates `names` that
    exists, noting every template it looked up."""
    loaded: dict[str, str | None] = {}
    token = _LOADED.set(loaded)
    try:
        html = page_html(publication, list(names), templates)
    finally:
        _LOADED.reset(token)
    return Page(html, loaded)


def page_html(publication: Publication, names: list[str],
              templates: tuple[Path, ...] = (TEMPLATES_DIR,)) -> str:
    """A publication as a standalone HTML page, by the first of `names` that exists."""
    env = environment(templates)
    token = _PAGE_LANGUAGE.set(publication.language)
    addresses = _LINK_ADDRESSES.set(publication.link_addresses)
    try:
        template = env.select_template(names)
        style = Markup("\n".join(stylesheet(templates, name)
                                 for name in publication.stylesheets))
        return template.render(publication=publication, stylesheet=style,
                               **page_frame(publication.lang, publication.strings,
                                            publication.council, publication.published,
                                            publication.alternates))
    except jinja2.TemplateSyntaxError as exc:
        where = _template_path(exc.filename, templates) if exc.filename else \
            f"templates/{exc.name}"
        raise TemplateProblem(Problem(Location(where, exc.lineno, 1), "error",
                                      "template-syntax", exc.message or str(exc))) from exc
    except jinja2.UndefinedError as exc:
        raise TemplateProblem(_template_problem(exc, "template-undefined", templates)) from exc
    except jinja2.TemplateNotFound as exc:
        raise TemplateProblem(_template_problem(exc, "template-not-found", templates)) from exc
    finally:
        _PAGE_LANGUAGE.reset(token)
        _LINK_ADDRESSES.reset(addresses)


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
    """'templates/<name>' for a file of the search path, a council's sub-folder included."""
    path = Path(filename)
    for folder in (*templates, TEMPLATES_DIR):
        if path.is_relative_to(folder):
            return f"templates/{path.relative_to(folder).as_posix()}"
    return path.as_posix()
