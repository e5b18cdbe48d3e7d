"""A file's form, from opening it to saving it: the form made from its schema, what was
posted read back into its data, the buttons' actions, the draft checked and shown, and the
save (refused, showing both versions, when the file changed on disk)."""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from ..scaffold.json_schema import json_schema
from ..scaffold.schemas import inherited_keys, schema
from ..source.kinds import KINDS
from ..source.layout import COUNCIL_FILE, programme_files
from ..source.loader import parse_yaml
from ..source.loading import load_shared
from . import drafts, making, pages, picker
from .fields import MISSING, Reading, Spec, spec_of, value_from_form
from .files import EditableFile
from .saving import ChangedOnDisk, NotSaved, fingerprint, load, proposed, read_text, save

Action = Callable[[str, Any, Spec], tuple[Any, str]]


class Editing:
    """The forms of one project, and the last draft of each file as a page."""

    def __init__(self, root: Path, token: str, writable: bool) -> None:
        self.root = root
        self.token = token
        self.writable = writable
        self.drafts: dict[str, str] = {}
        self.draft_files: dict[str, dict[str, bytes]] = {}
        self.draft_texts: dict[str, str] = {}
        """The text each draft's page was made from, for its pages in the other languages."""
        """What each draft's page shows from beside it (its logo), by the name it uses."""
        self._versions: dict[str, int] = {}
        self._lock = threading.Lock()  # one check or save at a time: the machine is shared

    # --- the pages -----------------------------------------------------------------------

    def opened(self, file: EditableFile) -> str:
        loaded = load(file.path, file.shown)
        if loaded.source is None:
            return pages.render("unreadable.html", file=file, problems=loaded.problems,
                                has_errors=True)
        spec = self.spec_for(file, loaded.data)
        return self._page(file, spec, loaded.data, loaded.text, loaded.fingerprint)

    def posted(self, file: EditableFile, form: Mapping[str, str], action: Action) -> str:
        on_disk = load(file.path, file.shown)
        spec = self.spec_for(file, on_disk.data)
        reading = Reading(form, self.languages(file, on_disk.data))
        data = value_from_form(spec, reading, (), on_disk.data)
        data = {} if data is MISSING else data
        data, notice = action(form.get("_action", ""), data, spec)
        verb, _, key = form.get("_action", "").partition(":")
        given = self.inherited(file, data)
        if verb == "inherit" and key in given and isinstance(data, dict):
            data[key] = copy.deepcopy(given[key])
            notice = f"Copied the programme's {key} here: change it, then save."
        finds, chosen = self._law(file, form, data)
        notice = chosen or notice
        loaded = form.get("_loaded", "")
        changed = ""
        if form.get("_action") == "save" and not reading.errors:
            try:
                with self._lock:
                    written = save(file.path, loaded, data)
                loaded = fingerprint(written)
                notice = f"Saved {file.shown}."
            except ChangedOnDisk as exc:
                changed = exc.differences(file.shown)
                loaded = fingerprint(exc.on_disk)  # saving again keeps this version
            except NotSaved as exc:
                notice = f"Not saved: {exc}"
        elif form.get("_action") == "save":
            notice = "Not saved: some fields could not be read (see the list at the top)."
        raw = {name: form.get(name, "") for name in reading.errors}
        text = self._text(file, data)
        unsaved = bool(changed) or text != _on_disk(file)
        return self._page(file, spec, data, text, loaded, notice=notice, changed=changed,
                          errors=reading.errors, raw=raw, finds=finds, unsaved=unsaved)

    def _law(self, file: EditableFile, form: Mapping[str, str], data: Any
             ) -> tuple[dict[str, Any], str]:
        """The law picker's buttons: 'find:<field>' searches the registry with the words
        typed beside the field, 'pick:<field>=<id>' puts the id chosen in it."""
        verb, _, rest = form.get("_action", "").partition(":")
        if verb == "pick":
            name, _, ident = rest.rpartition("=")
            return {}, picker.pick(data, name, ident) if picker.is_law(name) else ""
        if verb != "find" or not picker.is_law(rest):
            return {}, ""
        council = self._council(file, data)
        nation = council.get("nation") if isinstance(council, dict) else None
        published = data.get("published") if isinstance(data, dict) else None
        return {rest: picker.find(self.root, form, rest, nation, published)}, ""

    def live(self, file: EditableFile, form: Mapping[str, str]) -> dict[str, Any]:
        """The problems of the form as typed, by field, and the preview's new address."""
        on_disk = load(file.path, file.shown)
        spec = self.spec_for(file, on_disk.data)
        reading = Reading(form, self.languages(file, on_disk.data))
        data = value_from_form(spec, reading, (), on_disk.data)
        data = {} if data is MISSING else data
        checked = self._check(file, self._text(file, data))
        page = pages.FormPage(file, spec, data, "", self.token, problems=checked.problems,
                              paths=checked.paths, errors=reading.errors)
        return {"fields": {name: [vars(said) for said in messages]
                           for name, messages in pages.beside_fields(page).items()},
                "summary": pages.summary_html(page),
                "preview": self._preview(file)}

    def spec_for(self, file: EditableFile, data: Any) -> Spec:
        """The form of `file`: its kind's schema; a form document's, its form's own."""
        kind = KINDS.get(file.kind)
        if kind is not None and kind.form is not None:
            chosen = data.get("form") if isinstance(data, dict) else None
            form = load_shared(self.root).forms.get(str(chosen or kind.form))
            if form is not None:
                return spec_of(json_schema(form.model))
        programmes = list(programme_files(self.root).values())
        return spec_of(schema(file.kind, inherited_keys(file.kind, programmes)))

    def inherited(self, file: EditableFile, data: Any) -> dict[str, Any]:
        """What the document's programme gives it (its defaults for the document's family),
        shown beside each field the document leaves empty."""
        kind = KINDS.get(file.kind)
        name = data.get("programme") if isinstance(data, dict) else None
        found = programme_files(self.root).get(str(name)) if name else None
        if kind is None or found is None:
            return {}
        try:
            source, _ = parse_yaml(read_text(found), found.name)
        except NotSaved:
            return {}
        defaults = source.data.get("defaults") if source is not None and isinstance(
            source.data, dict) else None
        given = defaults.get(kind.family) if isinstance(defaults, dict) else None
        return dict(given) if isinstance(given, dict) else {}

    def _council(self, file: EditableFile, data: Any) -> Any:
        """The council file's data (as the safe loader reads it) of `file`'s council."""
        if file.kind == "council":
            return data
        if file.council is None:
            return None
        try:
            text = read_text(file.path.parent / COUNCIL_FILE)
        except NotSaved:
            return None
        source, _ = parse_yaml(text, COUNCIL_FILE)
        return source.data if source is not None else None

    def languages(self, file: EditableFile, data: Any) -> tuple[str, ...]:
        """The languages a file's texts are written in: its council's."""
        council = self._council(file, data)
        named = council.get("languages") if isinstance(council, dict) else None
        if isinstance(named, list) and all(isinstance(n, str) for n in named) and named:
            return tuple(dict.fromkeys(["en", *named]))
        return ("en",)

    def new_page(self, what: str, form: Mapping[str, str], errors: dict[str, str] | None = None
                 ) -> str:
        """The page that makes a new council or document."""
        return pages.render(f"new-{what}.html", values=form, errors=errors or {},
                            choices=making.choices(self.root), token=self.token,
                            writable=self.writable, has_errors=bool(errors),
                            id_of=lambda name: f"f-{name}")

    def make(self, what: str, form: Mapping[str, str]) -> tuple[str | None, str]:
        """The new file's name, or the page again with what to correct."""
        with self._lock:
            made = (making.make_council if what == "council" else making.make_document)(
                self.root, form)
        if made.name is not None:
            return made.name, ""
        return None, self.new_page(what, form, made.errors)

    # --- making them ---------------------------------------------------------------------

    def _text(self, file: EditableFile, data: Any) -> str:
        try:
            return proposed(read_text(file.path), data)
        except NotSaved:
            return ""

    def _check(self, file: EditableFile, text: str) -> drafts.Checked:
        with self._lock:
            checked = drafts.check(self.root, file, text)
            if checked.html is not None:
                self.drafts[file.name] = checked.html
                self.draft_files[file.name] = checked.files
                self.draft_texts[file.name] = text
            else:
                for held in (self.drafts, self.draft_files, self.draft_texts):
                    held.pop(file.name, None)
            self._versions[file.name] = self._versions.get(file.name, 0) + 1
        return checked

    def draft_in(self, file: EditableFile, language: str | None) -> str | None:
        """The draft's page in `language` (None: the council's first), made when its page's
        link to that language is followed: the text as last typed, not the saved file."""
        text = self.draft_texts.get(file.name)
        if text is None or language not in (None, *self.languages(file, None)):
            return None
        return drafts.check(self.root, file, text, language).html

    def _preview(self, file: EditableFile) -> str:
        if file.council is None or file.kind == "council":
            return ""
        # a folder's address, so that the page's own relative links (its logo) are the
        # draft's: /_edit/_draft/<council>/<document>/logo.svg
        return f"/_edit/_draft/{file.name}/?v={self._versions.get(file.name, 0)}"

    def _page(self, file: EditableFile, spec: Spec, data: Any, text: str, loaded: str,
              **shown: Any) -> str:
        checked = self._check(file, text)
        links = [("Back to all files", "/_edit/")]
        if file.council is not None and file.kind != "council":
            stem = file.name.split("/", 1)[1]
            links += [("The page in the preview", f"/{file.council}/{stem}.html"),
                      ("Changes since the last commit", f"/_diff/{file.council}/{stem}.html")]
        shown.setdefault("inherited", self.inherited(file, data))
        page = pages.FormPage(file, spec, data, loaded, self.token,
                              self.languages(file, data), checked.problems, checked.paths,
                              translations=checked.translations, preview=self._preview(file),
                              links=links, writable=self.writable, **shown)
        return pages.form_page(page)


def _on_disk(file: EditableFile) -> str:
    try:
        return read_text(file.path)
    except NotSaved:
        return ""


