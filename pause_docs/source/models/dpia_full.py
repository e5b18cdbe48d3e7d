"""A full DPIA: the processing a notice describes and a screening screened, assessed step by
step on a form (the ICO template's seven steps, or a council's own), with a register of risks.

A risk's overall and residual levels are never typed: the form's matrix derives them from
the likelihood and severity written for each (`forms.risk`).  Whether the Information
Commissioner must be consulted first (UK GDPR Art 36) is derived too.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from .base import Markdown, Model, RegistryId, SignOff, Slug
from .dpia import DpiaScreening


class Measure(Model):
    """One measure taken against a risk (ICO template step 6)."""

    measure: Markdown = Field(description="What is done, e.g. 'Records are kept in the case "
                              "system, open only to the Pause team'.")
    effect: Slug = Field(description="Its effect on the risk, as the form names it: e.g. "
                         "reduced, eliminated or accepted.")
    approved: SignOff | None = Field(None, description="Who approved the measure, and when.")


class Assessed(Model):
    """A likelihood and a severity, each on the form's scale."""

    likelihood: Slug = Field(description="How likely the harm is, on the form's scale: e.g. "
                             "remote, possible or probable.")
    severity: Slug = Field(description="How severe it would be, on the form's scale: e.g. "
                           "minimal, significant or severe.")


class Risk(Assessed):
    """One risk to the people whose data it is (ICO template step 5), with its measures and
    the risk left after them.  The overall and residual risk are derived by the form's
    matrix: there is no key to type them."""

    id: Slug = Field(description="A short name for the risk, e.g. 'disclosure'; diff and "
                     "lint name it.")
    risk: Markdown = Field(description="The risk of harm: its source and its effect on "
                           "people, e.g. 'A woman's address reaches a violent former partner'.")
    criteria: tuple[RegistryId, ...] = Field(
        (), description="The screening criteria it comes from, e.g. 'wp248-vulnerable'.")
    source: str | None = Field(None, description="Where the risk was identified, e.g. 'ICO "
                               "DPIA guidance' or 'workshop, March 2018'.")
    measures: tuple[Measure, ...] = Field((), description="What is done to reduce it.")
    residual: Assessed | None = Field(
        None, description="The likelihood and severity once the measures are in place; "
        "leave out to have it printed as not yet assessed.")


class Fingerprints(Model):
    """What the DPIA was approved against: the fingerprint `pause-docs lint` prints for the
    notice and the screening as they were when it was approved."""

    notice: str | None = Field(None, description="The notice's fingerprint.")
    screening: str | None = Field(None, description="The screening's fingerprint.")


class Dpia(DpiaScreening):
    """A full DPIA: of the processing a notice describes (`notice:`), screened by a DPIA
    screening (`screening:`), with its risks; the form adds the steps' own fields."""

    screening: Slug | None = Field(None, description="The DPIA screening that found a full "
                                   "DPIA needed: the name of a file in the same council "
                                   "folder, without .yaml.")
    risks: tuple[Risk, ...] = Field((), description="The risk register, in order.")
    ico_consulted: dt.date | None = Field(
        None, description="The day the Information Commissioner was consulted before the "
        "processing began (UK GDPR Art 36), when a high risk remains.")
    approved_against: Fingerprints | None = Field(
        None, description="The fingerprints of the notice and screening the DPIA was "
        "approved against; lint reports the DPIA out of date once either changes.")
