"""What the tool is, as a build's records know it: its version, its code and data, and the
versions of the libraries that make its pages. A change to any of them makes everything
again."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import sys

from .. import __version__
from ..source.resources import PACKAGE_ROOT

# Libraries whose version changes what a page looks like.
ENGINES = ("jinja2", "markdown", "nh3", "pydantic", "weasyprint", "pydyf", "fonttools",
           "pikepdf")


def tool_fingerprint() -> str:
    """This tool's version, code and data (locales, scaffolds), and its rendering libraries'
    versions."""
    digest = hashlib.sha256(f"{__version__}\0".encode())
    package = PACKAGE_ROOT
    for path in sorted(p for p in package.rglob("*") if p.suffix in (".py", ".yaml")):
        digest.update(f"{path.relative_to(package)}\0".encode() + path.read_bytes())
    versions = engine_versions()
    for name in ENGINES:
        digest.update(f"{name}={versions.get(name, 'none')}\0".encode())
    return digest.hexdigest()


def engine_versions() -> dict[str, str]:
    """The installed version of each of ENGINES, read from the name of the first of its
    `.dist-info` folders on the path, as importlib.metadata would find it; importlib.metadata
    only for one not found so (loading it cost a no-op build a quarter of its time)."""
    wanted = {_normal(name): name for name in ENGINES}
    found: dict[str, str] = {}
    for folder in sys.path:
        try:
            entries = [e.name for e in os.scandir(folder or ".")]
        except OSError:
            continue
        for entry in sorted(entries):
            if entry.endswith(".dist-info") and "-" in entry:
                name, _, version = entry.removesuffix(".dist-info").partition("-")
                found.setdefault(wanted.get(_normal(name), ""), version)
    found.pop("", None)
    missing = [name for name in ENGINES if name not in found]
    if missing:
        import importlib.metadata as metadata

        for name in missing:
            with contextlib.suppress(metadata.PackageNotFoundError):
                found[name] = metadata.version(name)
    return found


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()
