"""What YAML data says, as a fingerprint: the same for the same values however they are
written, so that a comment or re-indenting makes nothing again."""

from __future__ import annotations

from .remembered import data_fingerprint, said

__all__ = ["data_fingerprint", "yaml_fingerprint"]


def yaml_fingerprint(raw: bytes, display: str) -> str | None:
    """`data_fingerprint` of a YAML file's bytes, read as every command reads them; None when
    the file has an error (what is made from it is then decided by its bytes)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    text = text.removeprefix("\ufeff")
    known = said(text)  # parsed already by this process: a build has just read the file
    if known is not None:
        return known
    from .loader import parse_yaml

    source, problems = parse_yaml(text, display)
    if source is None or any(p.severity == "error" for p in problems):
        return None
    return data_fingerprint(source.data)
