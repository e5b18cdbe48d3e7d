"""Text as a diff sees it: normalised, matched item to item, and compared word by word."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from typing import TypeVar

from ..publish.locale import load_locale
from .records import Change, Weight

SIMILAR = 0.5


_SPACE = re.compile(r"\s+")


def norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def key_of(text: str) -> str:
    return norm(text).casefold()


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, norm(a).split(), norm(b).split(),
                                   autojunk=False).ratio()


def words(old: str, new: str) -> tuple[tuple[str, str], ...]:
    """A word-level diff: runs of ("=", kept), ("-", deleted), ("+", inserted) text."""
    a, b = norm(old).split(), norm(new).split()
    out: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(("=", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(("-", " ".join(a[i1:i2])))
        if j2 > j1:
            out.append(("+", " ".join(b[j1:j2])))
    return tuple(out)


def joined(items: list[str]) -> str:
    """'A', 'A and B', 'A, B and C', as the English locale joins them."""
    return load_locale().joined(items)


T = TypeVar("T")


def match_items(was: Sequence[T], now: Sequence[T], key: Callable[[T], str],
           text: Callable[[T], str] | None = None
           ) -> tuple[list[tuple[T, T]], list[T], list[T]]:
    """Pairs (by key, then by similar text), the removed and the added, in order."""
    pairs: list[tuple[T, T]] = []
    left = list(now)
    removed = []
    for item in was:
        same = next((n for n in left if key(n) == key(item)), None)
        if same is None:
            removed.append(item)
        else:
            pairs.append((item, same))
            left.remove(same)
    if text is not None:
        for item in list(removed):
            best = max(left, key=lambda n: similarity(text(item), text(n)), default=None)
            if best is not None and similarity(text(item), text(best)) >= SIMILAR:
                pairs.append((item, best))
                removed.remove(item)
                left.remove(best)
    return pairs, removed, left


def flag_change(area: str, subject: str, was: bool, now: bool, what: str) -> list[Change]:
    if was == now:
        return []
    return [Change(area, "changed", subject, old=f"{'' if was else 'not '}{what}",
                   new=f"{'' if now else 'not '}{what}")]


def text_change(area: str, subject: str, was: str | None, now: str | None,
                 weight: Weight = "wording") -> list[Change]:
    a, b = norm(was or ""), norm(now or "")
    if a == b:
        return []
    return [Change(area, "changed", subject, weight, old=a or None, new=b or None,
                   words=words(a, b))]
