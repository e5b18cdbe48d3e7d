"""The locale's words as printed nodes: a string, a string with inline content in its
placeholders, items joined into a phrase, a date, a tick box.  Every publisher words its
page through these, so that no word is written in code."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from .locale import Locale
from .tree import Inline, Text, Tick, Time


class Wording:
    """Words in the language of `locale` (which the class using it provides)."""

    locale: Locale

    def text(self, key: str, **values: object) -> Text:
        """A fixed string of the locale, as printed words."""
        return Text(self.locale.text(key, **values))

    def compose(self, key: str, **parts: Sequence[Inline] | str) -> tuple[Inline, ...]:
        """The locale's string `key` with its placeholders replaced by inline content."""
        out: list[Inline] = []
        for i, piece in enumerate(self.locale.pieces(key)):
            if i % 2 == 0:
                if piece:
                    out.append(Text(piece))
                continue
            value = parts[piece]
            out += [Text(value)] if isinstance(value, str) else list(value)
        return tuple(out)

    def joined(self, items: Sequence[Sequence[Inline]], joiner: str = "and"
               ) -> tuple[Inline, ...]:
        """'A', 'A and B', 'A, B and C' with each item's own content (in Welsh, 'a' or
        'ac' by the next item's first letter, and its mutation; see `Locale.joint`)."""
        out: list[Inline] = list(items[0]) if items else []
        for i, item in enumerate(items[1:]):
            first = item[0] if item else None
            following = first.text if isinstance(first, Text) else ""
            between, words = self.locale.joint(i, len(items), following, joiner)
            out.append(Text(between))
            if isinstance(first, Text) and words != following:
                item = (Text(words, first.origin), *item[1:])
            out += item
        return tuple(out)

    def date(self, day: dt.date, style: str = "day") -> Time:
        """A date as this language writes it, with its machine-readable form."""
        return Time(day, (Text(self.locale.date(day, style)),))

    def tick(self, selected: bool) -> Tick:
        """A tick box, which a screen reader calls selected or not."""
        return Tick(selected, self.locale.text("tick_selected" if selected
                                               else "tick_not_selected"))
