"""pydantic models of every YAML file: registry, councils, programmes and documents."""

from .assessment import FormDocument
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

Document = Notice | FormDocument

__all__ = [
    "Body", "BodyName", "Contact", "Council", "CriteriaFile", "CriteriaSet", "Criterion",
    "Document", "DpiaScreening", "FormDocument",
    "Instrument", "LegalReference", "Model", "NonexistentTitle", "Notice",
    "Organisation", "Programme", "Provision", "RegistryFile", "RetiredDomain",
    "Right", "RightEntry", "Section", "StatusChange",
]
