"""The English a translation was confirmed against, found in the file's git history by its
hash: `translation-stale` shows the old English beside the new."""

from __future__ import annotations

import functools
import subprocess
from pathlib import Path

from ..source.languages import DEFAULT_LANGUAGE, fingerprint, per_language_texts
from ..source.loader import Path_, SourceFile, parse_yaml

MAX_REVISIONS = 50  # how far back to look: a translation is usually confirmed recently


def english_confirmed(root: Path | None, file: SourceFile, path: Path_, confirmed: str
                      ) -> tuple[str, str] | None:
    """The English with hash `confirmed` and the revision it is found at ('git abc1234'):
    at `path` in an earlier version of the file (of the project at `root`), or anywhere in
    it; None if git has none."""
    if root is None:
        return None
    for revision, text in _versions(str((root / file.path).resolve())):
        source, _ = parse_yaml(text, file.path)
        if source is None:
            continue
        candidates = sorted(per_language_texts(source.data), key=lambda c: c[0] != path)
        for _, mapping in candidates:
            english = mapping.get(DEFAULT_LANGUAGE)
            if isinstance(english, str) and fingerprint(english) == confirmed:
                return english, f"git {revision[:7]}"
    return None


@functools.lru_cache(maxsize=64)
def _versions(path: str) -> tuple[tuple[str, str], ...]:
    """(revision, text) of the file's committed versions, newest first; none outside git."""
    file = Path(path).resolve()
    folder = file.parent if file.parent.is_dir() else Path.cwd()
    try:
        log = subprocess.run(["git", "-C", str(folder), "log", f"-n{MAX_REVISIONS}",
                              "--format=%H", "--", file.name], capture_output=True, text=True,
                             check=False, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return ()
    if log.returncode != 0:
        return ()
    found = []
    for revision in log.stdout.split():
        shown = subprocess.run(["git", "-C", str(folder), "show", f"{revision}:./{file.name}"],
                               capture_output=True, check=False, timeout=30)
        if shown.returncode == 0:
            found.append((revision, shown.stdout.decode("utf-8", errors="replace")))
    return tuple(found)
