"""pydantic models of every YAML file: registry, councils, programmes and documents."""

from ..kinds import KINDS
from .assessment import FormDocument
from .base import Model
from .council import Contact, Council, Organisation, Programme
from .dpia import CriteriaFile, CriteriaSet, Criterion, DpiaScreening
from .dpia_full import Dpia
from .notice import Notice, RightEntry
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
from .sections import Section
from .statements import LegalReference

Document = Notice | FormDocument

MODELS: dict[str, type[Model]] = {"Notice": Notice, "FormDocument": FormDocument,
                                  "DpiaScreening": DpiaScreening, "Dpia": Dpia}
"""The models a kind names (`Kind.model`)."""


def model_of(kind: str) -> type[Model]:
    """The model documents of `kind` are checked with (a form builds its own from it)."""
    return MODELS[KINDS[kind].model]

__all__ = [
    "Body", "BodyName", "Contact", "Council", "CriteriaFile", "CriteriaSet", "Criterion",
    "Document", "Dpia", "DpiaScreening", "MODELS", "FormDocument",
    "Instrument", "LegalReference", "Model", "NonexistentTitle", "Notice",
    "Organisation", "Programme", "Provision", "RegistryFile", "RetiredDomain",
    "Right", "RightEntry", "Section", "StatusChange", "model_of",
]
