"""pydantic models of every YAML file: registry, councils, programmes and documents."""

from .base import Model
from .council import Contact, Council, Organisation, Programme
from .notice import LegalReference, Notice, RightEntry, Section
from .registry import Body, Instrument, Provision, RegistryFile, Right

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
    "Body", "Contact", "Council", "DEFAULTS_FAMILY", "DOCUMENT_KINDS", "Document", "Instrument",
    "LegalReference", "Model", "Notice", "Organisation", "Programme", "Provision",
    "RegistryFile", "Right", "RightEntry", "Section",
]
