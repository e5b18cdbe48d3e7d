"""The benchmarks' work: synthetic councils that take their documents from the Pause
programme (three each: a scoping notice, a privacy notice that inherits everything, a privacy
notice with its own legal bases, retention and rights), and copies of the bundled councils.
`against.py` reads an earlier revision's own `make_project`, so these texts stay the same."""

from __future__ import annotations

import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

COUNCIL = """\
name: Borough Council of Northshire {i}
name_in_sentence: the Borough Council of Northshire {i}
short_name: BCN{i}
area: Northshire {i}
nation: england
address: [Civic Centre, {i} High Street, Northtown, NT{i} 1AA]
website: https://www.northshire{i}.example.gov.uk
ico_registration: Z{i:07d}
case_files: Northshire {i} Children's Social Care case files
dpo:
  name: Data Protection Officer
  email: dpo@northshire{i}.example.gov.uk
  phone: 01234 {i:06d}
  address: [Civic Centre, {i} High Street, Northtown]
complaints_form: https://www.northshire{i}.example.gov.uk/complaints
"""

SCOPING = """\
kind: fair-processing-notice
title: Fair processing notice
subtitle: "Pause Programme: Scoping Exercise"
published: 2024-{month:02d}-01
show_date: month
programme: pause
"""

PRIVACY = """\
kind: privacy-notice
title: "{{{{ council.short_name }}}} and Pause privacy notice"
subtitle: How and why we will use information about you in relation to Pause
published: 2024-{month:02d}-15
programme: pause
"""

PRACTICE = """\
kind: privacy-notice
title: Pause Practice privacy notice
subtitle: How the Pause Practice in {{{{ council.area }}}} uses information about you
published: 2025-{month:02d}-01
version: "1.{i}"
programme: pause
summary: >-
  This notice explains how {{{{ council.name_in_sentence }}}} and Pause use information about
  women who take part in the Pause Practice, and about their children where that is needed.
legal_bases:
  - provision: ukgdpr-art6-1-e
    reason: the council's public task of supporting children and families in its area.
  - provision: ukgdpr-art9-2-g
    reason: substantial public interest in safeguarding children and individuals at risk.
  - provision: ca2004-s10
    reason: the duty to co-operate to improve the well-being of children.
retention:
  - rule: Case records are kept for 25 years after the last contact, then deleted.
  - rule: Reports with no personal data in them are kept by the council.
transfers:
  outside_uk: false
  statement: Data is stored and processed only within the UK.
rights:
  - right: access
  - right: rectification
  - right: restriction
  - right: object
  - right: complain-to-regulator
sections:
  - show: summary
  - heading: The legal basis for using your information
    show: legal-bases
  - heading: How long we keep it
    show: retention
  - show: transfers
  - heading: Your rights
    show: rights
  - heading: Questions and complaints
    show: complaints
"""


def make_bundled_copies(root: Path, copies: int) -> int:
    """A project (the registry, programmes and sections are the package's) with the bundled
    councils' own forms and `copies` copies of every bundled council under new names; the
    number of documents."""
    if root.exists():
        shutil.rmtree(root)
    documents = 0
    for folder in sorted((REPO / "councils").iterdir()):
        if folder.name == "forms":
            shutil.copytree(folder, root / "councils" / folder.name)
            continue
        for i in range(copies):
            shutil.copytree(folder, root / "councils" / f"{folder.name}-{i:03d}")
            documents += len([f for f in folder.glob("*.yaml") if f.name != "council.yaml"])
    return documents


def make_project(root: Path, councils: int) -> int:
    """A project of `councils` synthetic councils (the registry and programmes are the
    package's)."""
    if root.exists():
        shutil.rmtree(root)
    for i in range(councils):
        folder = root / "councils" / f"northshire-{i:04d}"
        folder.mkdir(parents=True)
        month = 1 + i % 12
        for name, text in (("council.yaml", COUNCIL), ("scoping-notice.yaml", SCOPING),
                           ("privacy-notice.yaml", PRIVACY), ("practice-notice.yaml", PRACTICE)):
            (folder / name).write_text(text.format(i=i, month=month), encoding="utf-8")
    return councils * 3
