"""The preview's own HTML: the index, the panel laid over a document's page, the pages that
say why something cannot be shown, and the rules every problem's code links to (their parts
and order from `check.explained`, as on the docs site and in `pause-docs show rule`).

A document's page is the published HTML with two insertions only, a stylesheet link before
</head> and the panel and its script before </body>, each between `<!-- pause-docs serve -->`
comments: the page itself is byte for byte what `build` writes.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

import jinja2

from ..check import explained
from ..check.rules import rules
from ..publish.locale import load_locale
from ..render.formats import FORMATS, OutputFormat
from ..source.errors import Problem, did_you_mean
from ..source.languages import LOCALES_DIR
from ..source.layout import TEMPLATES_DIR
from .session import DocumentView
from .status import DocumentStatus, Overview

PREVIEW_TEMPLATES = TEMPLATES_DIR / "preview"
ASSETS = {"preview.css": "text/css; charset=utf-8",
          "preview.js": "text/javascript; charset=utf-8"}
PAGE = FORMATS["html"]  # the page itself: the preview shows it with its panel


@functools.cache
def _environment() -> jinja2.Environment:
    """The preview's templates: escaped like `build`'s, and read again when they change."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(PREVIEW_TEMPLATES)),
                             autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True)
    env.globals.update(language_name=language_name, kind_name=kind_name,
                       formats=other_formats, rule_address=explained.served)
    return env


def asset(name: str) -> tuple[bytes, str] | None:
    """One of the preview's own files (its stylesheet and script) and its media type."""
    if name not in ASSETS:
        return None
    return (PREVIEW_TEMPLATES / name).read_bytes(), ASSETS[name]


def other_formats() -> list[OutputFormat]:
    """The formats a page is also published in, each linked from the preview."""
    return [f for f in FORMATS.values() if f is not PAGE]


@functools.cache
def language_name(code: str) -> str:
    """'English', 'Welsh (Cymraeg)': the language's name from its locale, in English and,
    when it differs, in itself."""
    if not (LOCALES_DIR / f"{code}.yaml").is_file():
        return code
    locale = load_locale(code)
    if locale.name == locale.english_name:
        return locale.english_name
    return f"{locale.english_name} ({locale.name})"


def kind_name(kind: str | None) -> str:
    return kind.replace("-", " ") if kind else "not known: it does not load"


def index_page(overview: Overview, token: str, root: Path) -> str:
    return _environment().get_template("index.html").render(
        overview=overview, documents=overview.documents(), problems=overview.all_problems(),
        day=overview.day.isoformat(), token=token, root=str(root))


def row_html(status: DocumentStatus) -> str:
    """One document's row of the index, as the index shows it."""
    macro = _environment().get_template("_row.html").module.document_row  # type: ignore[attr-defined]
    return str(macro(status))


def document_page(view: DocumentView, token: str, root: Path) -> str:
    """The page as published with the panel over it; or, if the document has never been
    shown, a page listing what stops it."""
    if view.rendering is None:
        return message_page(f"{view.ref.path} cannot be shown", token, root, [
            "The problems below stop this document being published. Fix them and save the "
            "file: this page then shows the document."], view.problems, [("All documents", "/")])
    env = _environment()
    head = env.get_template("_live.html").module.head()  # type: ignore[attr-defined]
    panel = env.get_template("overlay.html").render(
        view=view, links=links(view), token=token, signature=signature(view.problems))
    return insert(view.rendering.html, str(head), panel)


def redline_page(html: str, token: str) -> str:
    """The redline as `diff --html` writes it, reloading when a file is saved."""
    script = _environment().get_template("_live.html").module.script(token)  # type: ignore[attr-defined]
    return insert(html, "", f"<!-- pause-docs serve -->\n{script}<!-- /pause-docs serve -->\n")


def message_page(title: str, token: str, root: Path, paragraphs: list[str],
                 problems: tuple[Problem, ...] = (),
                 links: list[tuple[str, str]] | None = None) -> str:
    return _environment().get_template("message.html").render(
        title=title, paragraphs=paragraphs, problems=problems, links=links or [],
        token=token, root=str(root))


def rule_page(code: str, token: str, root: Path) -> tuple[str, int]:
    """The rule `code` explained (what it finds, why and the law, the examples, the fix) and
    200; for a code no check reports, a page saying so, naming the nearest, and 404."""
    rule = rules().get(code)
    if rule is None:
        return message_page(f"No rule called {code}", token, root, [
            f"No lint or audit finding has the code '{code}'{did_you_mean(code, rules())}. "
            "Every code is listed on the page of all rules, and 'pause-docs show rule' lists "
            "them too."], links=[("All rules", explained.SERVED), ("All documents", "/")]), 404
    return _environment().get_template("rule.html").render(
        rule=rule, facts=explained.facts(rule), parts=explained.parts(rule),
        index=explained.SERVED, token=token, root=str(root)), 200


def rules_page(token: str, root: Path) -> str:
    """Every rule, by family, each linked to its page."""
    return _environment().get_template("rules.html").render(
        families=explained.families(), one_line=explained.one_line, token=token,
        root=str(root))


def links(view: DocumentView) -> list[tuple[str, str]]:
    """Where the panel leads: the index, the page's other forms and languages."""
    council, slug = view.ref.council, view.ref.slug
    name = slug if view.language == view.languages[0] else f"{slug}.{view.language}"
    found = [("All documents", "/")]
    if view.current:
        found += [(f.link_text, f"/{council}/{name}.{f.suffix}") for f in other_formats()]
        found.append(("The page alone, as published", f"/_published/{council}/{name}.html"))
    if view.comparable:
        found.append(("Changes since the last commit", f"/_diff/{council}/{slug}.html"))
    for language in view.languages:
        if language != view.language:
            other = slug if language == view.languages[0] else f"{slug}.{language}"
            found.append((f"In {language_name(language)}", f"/{council}/{other}.html"))
    return found


def signature(problems: tuple[Problem, ...]) -> str:
    """Names the list of problems, so that the panel opens again when the list changes."""
    text = "\n".join(str(p) for p in problems)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def insert(html: str, head: str, body: str) -> str:
    """`head` just before </head> and `body` just before </body>, nothing else changed."""
    end = html.rfind("</body>")
    if end < 0:
        end = len(html)
    html = html[:end] + body + html[end:]
    close = html.find("</head>")
    if head and close >= 0:
        html = html[:close] + head + html[close:]
    return html
