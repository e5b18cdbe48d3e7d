"""LibreOffice, as a reader of our Word files would open them: converted to PDF headless, and
their tracked changes accepted or rejected through its own UNO API (`lo_review.py`, run by
the system Python that python3-uno belongs to).

`make office-tools` installs it (libreoffice-writer-nogui, python3-uno); without it these
tests skip and say what is missing, unless PAUSE_DOCS_REQUIRE_A11Y=1 (CI) or
PAUSE_DOCS_REQUIRE_LIBREOFFICE=1, when a missing tool fails them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REQUIRED = "1" in (os.environ.get("PAUSE_DOCS_REQUIRE_A11Y"),
                   os.environ.get("PAUSE_DOCS_REQUIRE_LIBREOFFICE"))
REVIEW = Path(__file__).parent / "lo_review.py"
UNO_PYTHON = "/usr/bin/python3"


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def has_uno() -> bool:
    return Path(UNO_PYTHON).exists() and subprocess.run(
        [UNO_PYTHON, "-c", "import uno"], capture_output=True).returncode == 0


def require(uno: bool = False) -> str:
    """The soffice binary; skips (fails in CI) when LibreOffice or its Python is missing."""
    binary = soffice()
    missing = [] if binary else ["soffice (apt: libreoffice-writer-nogui)"]
    if uno and not has_uno():
        missing.append(f"the uno module for {UNO_PYTHON} (apt: python3-uno)")
    if missing:
        reason = f"LibreOffice is not installed: {', '.join(missing)}; run make office-tools"
        if REQUIRED:
            pytest.fail(reason + " (CI must run these checks)")
        pytest.skip(reason)
    assert binary is not None
    return binary


def profile(folder: Path) -> str:
    """A LibreOffice user profile of its own, so that a running office is never used."""
    return f"-env:UserInstallation={(folder / 'lo-profile').as_uri()}"


def convert(files: list[Path], to: str, out: Path) -> list[Path]:
    """`files` converted by one LibreOffice run (to 'pdf' or 'txt:Text (encoded):UTF8')."""
    subprocess.run([require(), "--headless", "--norestore", profile(out), "--convert-to", to,
                    "--outdir", str(out), *map(str, files)], check=True, capture_output=True,
                   timeout=300)
    suffix = to.split(":")[0]
    made = [out / f"{f.stem}.{suffix}" for f in files]
    assert all(m.exists() for m in made), [m for m in made if not m.exists()]
    return made


def review(docx: Path, action: str, out: Path) -> str:
    """The text of `docx` after LibreOffice accepts ('Accept') or rejects ('Reject') every
    tracked change; the first line says how many changes it found."""
    require(uno=True)
    target = out / f"{docx.stem}-{action.lower()}.txt"
    result = subprocess.run([UNO_PYTHON, str(REVIEW), str(docx), action, str(target),
                             (out / "lo-review-profile").as_uri()],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + target.read_text(encoding="utf-8-sig")
