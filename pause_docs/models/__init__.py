"""pydantic models of every YAML file: registry, councils, programmes and documents."""

from .assessment import ImpactAssessment
from .base import Model
from .council import Contact, Council, Organisation, Programme
from .dpia import CriteriaFile, CriteriaSet, Criterion, DpiaScreening
from .notice import LegalReference, Notice, RightEntry, Section
from .registry import (
    Body,
    BodyName,
    Instrument,
    NonexistentTitle,
    Provision,
    RegistryFile,
    RetiredDomain,
    Right,
    StatusChange,
)

Document = Notice | ImpactAssessment | DpiaScreening
DOCUMENT_KINDS: dict[str, type[Model]] = {
    "fair-processing-notice": Notice,
    "privacy-notice": Notice,
    "impact-assessment": ImpactAssessment,
    "dpia-screening": DpiaScreening,
}
NOTICE_KINDS = ("fair-processing-notice", "privacy-notice")
# Which programme `defaults` entry each document kind starts from.
DEFAULTS_FAMILY: dict[str, str] = {
    "fair-processing-notice": "notice",
    "privacy-notice": "notice",
    "impact-assessment": "impact-assessment",
    "dpia-screening": "dpia-screening",
}

__all__ = [
    "Body", "BodyName", "Contact", "Council", "CriteriaFile", "CriteriaSet", "Criterion",
    "DEFAULTS_FAMILY", "DOCUMENT_KINDS", "Document", "DpiaScreening", "ImpactAssessment",
    "Instrument", "LegalReference", "Model", "NOTICE_KINDS", "NonexistentTitle", "Notice",
    "Organisation", "Programme", "Provision", "RegistryFile", "RetiredDomain", "Right",
    "RightEntry", "Section", "StatusChange",
]
