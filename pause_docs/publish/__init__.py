"""The publish stage: a resolved document, in one language, as the tree of what its reader
sees (`tree.Publication`): every printed text with the place it was written, every fixed word
from the locale (`locale`), so that HTML, PDF, Word, lint, diff and the preview read the same."""
