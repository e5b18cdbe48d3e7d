"""Translations kept in step with their English: which texts a document prints in another
language than the page's (`status`), the English a translation was made from (`history`),
the table a translator fills in (`table`), and writing translations and their confirmations
into the YAML files (`edit`)."""

from .status import Needed, needed

__all__ = ["Needed", "needed"]
