"""`pause-docs new`: a council folder for a new site, every field it needs marked TODO."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .errors import ProjectError, did_you_mean
from .kinds import KINDS
from .layout import COUNCIL_FILE, COUNCILS_DIR, PROGRAMMES_DIR, RESERVED_SLUGS
from .loader import read_yaml
from .models.base import _SLUG

SCAFFOLDS = Path(__file__).resolve().parent / "scaffolds"
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")  # '{{ council.name }}' in the text stays as it is


def _filled(name: str, **values: str) -> str:
    text = (SCAFFOLDS / f"{name}.yaml").read_text(encoding="utf-8")
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], text)


def scaffold(root: Path, slug: str, programme: str) -> list[Path]:
    """Create councils/<slug>/ with a council file and documents inheriting `programme`."""
    if not _SLUG.match(slug) or slug in RESERVED_SLUGS:
        raise ProjectError(f"'{slug}' cannot be a council name: use lower-case letters, digits "
                           "and hyphens, e.g. 'north-somerset'")
    programmes = sorted(p.stem for p in (root / COUNCILS_DIR / PROGRAMMES_DIR).glob("*.yaml"))
    if programme not in programmes:
        raise ProjectError(f"no programme '{programme}'{did_you_mean(programme, programmes)}; "
                           f"available: {', '.join(programmes) or 'none'}")
    folder = root / COUNCILS_DIR / slug
    if folder.exists():
        raise ProjectError(f"{COUNCILS_DIR}/{slug}/ already exists: nothing was changed")
    source, _ = read_yaml(root / COUNCILS_DIR / PROGRAMMES_DIR / f"{programme}.yaml", programme)
    data = source.data if source is not None else None
    programme_name = str(data.get("name", programme)) if isinstance(data, dict) else programme
    folder.mkdir(parents=True)
    created = [folder / COUNCIL_FILE]
    created[0].write_text(_filled("council", slug=slug), encoding="utf-8")
    answers = "".join(_filled("impact-assessment-answer", id=q["id"],
                              topic=str(q.get("topic", q["id"])))
                      for q in _questions(data))
    for kind in KINDS.values():
        if kind.scaffold is None:
            continue
        path = folder / f"{kind.scaffold}.yaml"
        path.write_text(_filled(kind.scaffold, programme=programme,
                                programme_name=programme_name, answers=answers),
                        encoding="utf-8")
        created.append(path)
    return created


def _questions(programme: Any) -> list[dict[str, Any]]:
    """The programme's screening questions that have an id, for the draft's answers."""
    try:
        questions = programme["defaults"]["impact-assessment"]["questions"]
    except (KeyError, TypeError):
        return []
    return [q for q in questions if isinstance(q, dict) and isinstance(q.get("id"), str)]
