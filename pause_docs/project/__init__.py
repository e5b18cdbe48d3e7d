"""A project on disk, loaded and resolved: `loading` reads the files, `inheritance` merges a
document with what it inherits, `references` resolves what it cites."""

from .loading import Project, load_documents, load_project, load_shared

__all__ = ["Project", "load_documents", "load_project", "load_shared"]
