"""What YAML data says, as a fingerprint: the same for the same values however they are
written, so that a comment or re-indenting makes nothing again."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from .loader import parse_yaml


def data_fingerprint(data: Any) -> str:
    """sha256 of what YAML data says: the same for the same values, however they are written
    (comments, indentation, quoting, flow or block style, the order of a mapping's keys)."""
    text = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def yaml_fingerprint(raw: bytes, display: str) -> str | None:
    """`data_fingerprint` of a YAML file's bytes, read as every command reads them; None when
    the file has an error (what is made from it is then decided by its bytes)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    source, problems = parse_yaml(text.removeprefix("\ufeff"), display)
    if source is None or any(p.severity == "error" for p in problems):
        return None
    return data_fingerprint(source.data)
