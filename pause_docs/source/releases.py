"""The legal registry's releases (registry_changes.yaml in the package): its version and date,
and what changed in the law between two releases, so a legal team knows after an upgrade
which documents to check again."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from .errors import Problem
from .loader import read_yaml
from .models import Model
from .resources import PACKAGE_ROOT
from .validation import validate

CHANGES_FILE = PACKAGE_ROOT / "registry_changes.yaml"


class Change(Model):
    """One change in the law the registry knows."""

    ids: tuple[str, ...] = Field(description="The registry entries it changed.")
    change: str = Field(description="What changed, in a sentence.")


class Release(Model):
    """One version of the registry."""

    version: str = Field(description="The pause-docs version it shipped in.")
    date: dt.date = Field(description="When its law was last checked.")
    summary: str = Field("", description="The release in a sentence.")
    changes: tuple[Change, ...] = Field((), description="What changed since the one before.")


class Releases(Model):
    """Every release, newest first."""

    releases: tuple[Release, ...] = Field(min_length=1, description="Newest first.")


def load_releases() -> tuple[Releases | None, list[Problem]]:
    source, problems = read_yaml(CHANGES_FILE, "pause_docs/registry_changes.yaml")
    if source is None:
        return None, problems
    releases, found = validate(Releases, source.data, source.locator, "registry releases")
    return releases, problems + found


def since(releases: Releases, version: str) -> list[Release] | None:
    """The releases after `version`, newest first; None when `version` is not a release."""
    versions = [r.version for r in releases.releases]
    if version not in versions:
        return None
    return list(releases.releases[:versions.index(version)])
