"""`pause-docs new`: a council folder for a new site, every field it needs marked TODO."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .errors import ProjectError, did_you_mean
from .loader import read_yaml
from .models.base import _SLUG
from .project import COUNCIL_FILE, COUNCILS_DIR, PROGRAMMES_DIR, RESERVED_SLUGS

COUNCIL_TEMPLATE = """\
# {slug}: the council as data controller.  Replace every TODO, then run
#   pause-docs validate councils/{slug}
name: TODO full legal name, e.g. Northshire County Council
# name_in_sentence: the London Borough of ...   (only if the name needs 'the' mid-sentence)
short_name: TODO short name used in text, e.g. OCC
area: TODO the place the council serves, e.g. Northshire
nation: TODO england, wales, scotland or northern-ireland
address:
  - TODO first line of the council's postal address
  - TODO town and postcode
website: TODO https://www.example.gov.uk
ico_registration: TODO registration number with the regulator, e.g. Z1234567
case_files: TODO case files as notices name them, e.g. Northshire Children's Social Care files
dpo:
  name: Data Protection Officer
  email: TODO dpo@example.gov.uk
  phone: TODO 01234 567890
  address:
    - TODO postal address of the Data Protection Officer
complaints_form: TODO https://www.example.gov.uk/complaints
"""

IMPACT_ASSESSMENT_TEMPLATE = """\
# Level 1 impact-assessment screening for {programme_name}.  The aims, outcomes, drivers,
# stakeholders and screening questions come from councils/programmes/{programme}.yaml; write a
# key here to replace it.  The decision (whether a Level 2 full impact assessment is needed)
# is worked out from the answers: never type it.
kind: impact-assessment
programme: {programme}
published: TODO date of the assessment as YYYY-MM-DD
subject: "{{{{ council.area }}}} {programme_name}"
approach: TODO new or revision
live_date: TODO date the service goes live, as YYYY-MM-DD
lifespan:
  start: TODO first day, as YYYY-MM-DD
  end: TODO last day, as YYYY-MM-DD (or remove this line)
next_review: TODO date of the next review as YYYY-MM-DD, or not-applicable
contract_value:
  amount: TODO value in pounds, e.g. 206568
answers:
{answers}completed_by:
  name: TODO name of the person completing the assessment
head_of_service:
  name: TODO name of the head of service
"""

ANSWER_TEMPLATE = """\
  {id}:
    answer: TODO No, Yes or Uncertain ({topic})
    evidence: TODO the evidence for the answer
"""

DPIA_TEMPLATE = """\
# Data protection impact assessment (DPIA) screening for {programme_name}.  Its answers are
# worked out from the privacy notice (privacy-notice.yaml, and what it inherits from
# councils/programmes/{programme}.yaml); to correct one, add it under `answers` with evidence:
#   answers:
#     - criterion: ico-risk-of-harm
#       met: true
#       evidence: A breach of social care records could put women at risk.
kind: dpia-screening
programme: {programme}
published: TODO date of the screening as YYYY-MM-DD
screened_by:
  name: TODO name of the person completing the screening
"""

NOTICE_TEMPLATES = {
    "scoping-notice.yaml": """\
# Fair processing notice for the {programme} scoping exercise.  Everything not written here
# comes from councils/programmes/{programme}.yaml; write a key here to replace it.
kind: fair-processing-notice
title: Fair processing notice
subtitle: "{programme_name} Programme: Scoping Exercise"
published: TODO publication date as YYYY-MM-DD
programme: {programme}
""",
    "privacy-notice.yaml": """\
# Privacy notice for {programme_name}.  Everything not written here comes from
# councils/programmes/{programme}.yaml; write a key here to replace it.
kind: privacy-notice
title: "{{{{ council.short_name }}}} and {programme_name} privacy notice"
subtitle: How and why we will use information about you in relation to {programme_name}
published: TODO publication date as YYYY-MM-DD
programme: {programme}
""",
}


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
    created[0].write_text(COUNCIL_TEMPLATE.format(slug=slug), encoding="utf-8")
    answers = "".join(ANSWER_TEMPLATE.format(id=q["id"], topic=q.get("topic", q["id"]))
                      for q in _questions(data))
    texts = {
        **NOTICE_TEMPLATES,
        "impact-assessment.yaml": IMPACT_ASSESSMENT_TEMPLATE,
        "dpia-screening.yaml": DPIA_TEMPLATE,
    }
    for name, text in texts.items():
        path = folder / name
        path.write_text(text.format(programme=programme, programme_name=programme_name,
                                    answers=answers), encoding="utf-8")
        created.append(path)
    return created


def _questions(programme: Any) -> list[dict[str, Any]]:
    """The programme's screening questions that have an id, for the draft's answers."""
    try:
        questions = programme["defaults"]["impact-assessment"]["questions"]
    except (KeyError, TypeError):
        return []
    return [q for q in questions if isinstance(q, dict) and isinstance(q.get("id"), str)]
