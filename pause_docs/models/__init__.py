"""pydantic models of every YAML file: registry, councils, programmes and documents."""

from .base import Model
from .council import Contact, Council, Organisation, Programme
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

Document = Notice
DOCUMENT_KINDS: dict[str, type[Model]] = {
    "fair-processing-notice": Notice,
    "privacy-notice": Notice,
}
# Which programme `defaults` entry each document kind starts from.
DEFAULTS_FAMILY: dict[str, str] = {
    "fair-processing-notice": "notice",
    "privacy-notice": "notice",
}

__all__ = [
    "Body", "BodyName", "Contact", "Council", "DEFAULTS_FAMILY", "DOCUMENT_KINDS", "Document",
    "Instrument",
    "LegalReference", "Model", "NonexistentTitle", "Notice", "Organisation", "Programme",
    "Provision", "RegistryFile", "RetiredDomain", "Right", "RightEntry", "Section",
    "StatusChange",
]
