"""Whether a document's record still holds: its outputs are as it wrote them and nothing it
was made from has changed, checked without loading any YAML, model or template."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..source.layout import find_template
from .manifest import Fingerprints, Record, output_stat


@dataclass
class Freshness:
    """Checks records against the files as they are now."""

    fingerprints: Fingerprints
    templates: tuple[Path, ...]
    registry_now: str
    """The registry files' fingerprint now (see `registry_state`)."""
    registry_hashes: Callable[[], dict[str, str]]
    """Hashes of the registry's entries now; called only when a record's registry state
    differs from `registry_now`."""
    renewed: bool = False
    """A record found fresh was given the fingerprints of YAML files that say the same in
    other bytes (it is to be saved)."""
    _resolved: dict[str, str | None] = field(default_factory=dict)
    _judged: dict[tuple[int, str], tuple[object, bool]] = field(default_factory=dict)
    _listed: dict[Path, frozenset[str]] = field(default_factory=dict)

    def fresh(self, record: Record | None, outputs: dict[str, str]) -> bool:
        """True when the document's `outputs` are as it wrote them and nothing it was made
        from has changed since (a YAML file rewritten to say the same has not); such a file's
        new fingerprint is then recorded, so that the next check is by bytes again."""
        if record is None:
            return False
        for suffix, path in outputs.items():
            made = output_stat(path)
            if made is None or record.outputs.get(suffix) != made:
                return False
        sha, taken = self.fingerprints.sha, self.fingerprints.now
        rewritten = {}
        for file, digest in record.files.items():
            now = taken[file] if file in taken else sha(file)
            if now != digest:
                if now is None or not self.fingerprints.says_the_same(file, digest):
                    return False
                rewritten[file] = now
        if not self._rest_fresh(record):
            return False
        if rewritten:
            record.files.update(rewritten)
            self.renewed = True
        return True

    def _rest_fresh(self, record: Record) -> bool:
        """Its templates, assets and registry entries are as they were.  Records share these
        maps (`Manifest.share`), so each map is judged once per build, not once per record."""
        if not (self._once(record.used, self._files_same)
                and self._once(record.assets, self._files_same)
                and self._once(record.templates, self._templates_same)
                and self._once(record.absent, self._all_absent)):
            return False
        return (record.registry_state == self.registry_now
                or self._once(record.registry, self._entries_same))

    def _once(self, shared: Any, judge: Callable[[Any], bool]) -> bool:
        """`judge(shared)`, remembered for that very object (kept, so its id is not reused);
        the maps a record holds are not changed once shared."""
        if not shared:
            return True  # nothing to judge: an empty map or list is never out of date
        key = (id(shared), judge.__name__)  # a map is judged by the check of its kind
        found = self._judged.get(key)
        if found is None or found[0] is not shared:
            found = self._judged[key] = (shared, judge(shared))
        return found[1]

    def _files_same(self, files: dict[str, str]) -> bool:
        return all(self.fingerprints.sha(f) == digest for f, digest in files.items())

    def _templates_same(self, templates: dict[str, str]) -> bool:
        return all(self._resolve(name) == used for name, used in templates.items())

    def _all_absent(self, names: list[str]) -> bool:
        return all(self._resolve(name) is None for name in names)

    def _entries_same(self, registry: dict[str, str]) -> bool:
        now = self.registry_hashes()
        return all(now.get(entry) == digest for entry, digest in registry.items())

    def assets_unchanged(self, record: Record) -> bool:
        return all(self.fingerprints.sha(a) == d for a, d in record.assets.items())

    def _resolve(self, name: str) -> str | None:
        if name not in self._resolved:
            found = find_template(self.templates, name) if self._may_be(name) else None
            self._resolved[name] = str(found) if found is not None else None
        return self._resolved[name]

    def _may_be(self, name: str) -> bool:
        """False when no template folder has the folder `name` is in: each council's own
        template names ('<council>/privacy-notice.html'), absent in most projects, are then
        known absent from one listing of each folder, not a look for each council."""
        first, inside, _ = name.partition("/")
        if not inside or ":" in name or first in ("", ".", ".."):
            return True
        for folder in self.templates:
            if folder not in self._listed:
                try:
                    self._listed[folder] = frozenset(os.listdir(folder))
                except OSError:
                    self._listed[folder] = frozenset()
            if first in self._listed[folder]:
                return True
        return False
