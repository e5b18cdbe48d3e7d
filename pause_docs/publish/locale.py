"""Every fixed word and format a document prints, per language, loaded from data files.

`locales/<language>.yaml` holds the strings (section labels, "Page 1 of 4", "Skip to main
content", contact labels), the date patterns (CLDR, through Babel) and the list joiners.  The
publish stage asks the locale for each of them; templates and publishers hold no words.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping

from pydantic import Field

from ..source.languages import DEFAULT_LANGUAGE, LOCALES_DIR
from ..source.loader import parse_yaml  # YAML 1.2 booleans: the key 'no' stays a string
from ..source.models.base import Model

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


class ListJoiners(Model):
    """How a list reads as one phrase: 'A and B', 'A, B and C'."""

    pair: str = Field(description="Between two items, e.g. ' and '.")
    middle: str = Field(description="Between items before the last, e.g. ', '.")
    last: str = Field(description="Before the last of three or more, e.g. ' and '.")
    before_vowel: str | None = Field(
        None, description="What `pair` and `last` become before an item that starts with a "
        "vowel (of `Locale.vowels`), e.g. Welsh ' ac ' for ' a '.")
    mutation: str | None = Field(
        None, description="The mutation (a table of `Locale.mutations`) the joining word "
        "causes in the next item's first word; never applied to a word with a capital "
        "letter, which may be a name.")


class Locale(Model):
    """One language's strings and formats: locales/<language>.yaml."""

    language: str = Field(description="ISO 639-1 code, e.g. 'en' or 'cy'.")
    tag: str = Field(description="BCP 47 tag for lang attributes and the PDF, e.g. 'en-GB'.")
    name: str = Field(description="The language's name in itself, e.g. 'Cymraeg'.")
    english_name: str = Field(description="Its name in English, for pause-docs' messages, "
                              "e.g. 'Welsh'.")
    babel: str = Field(description="CLDR locale for dates, e.g. 'en_GB'.")
    dates: dict[str, str] = Field(description="CLDR date pattern per style: day, month, "
                                  "ordinal ('{ordinal}' stands for the day with its suffix).")
    ordinals: dict[str, str] = Field(default_factory=dict,
                                     description="Ordinal suffix per CLDR plural category.")
    lists: dict[str, ListJoiners] = Field(description="Joiners for 'and' and 'or' lists.")
    vowels: str = Field("aeiou", description="Letters that take a joiner's `before_vowel`.")
    mutations: dict[str, dict[str, str]] = Field(
        default_factory=dict, description="Initial-letter mutations by name: the start of a "
        "word -> what it becomes, longest first (a start that does not change maps to itself, "
        "so that 'ch' is not read as 'c').")
    articles: list[str] = Field(
        default_factory=list, description="Articles that may begin an item of a list, "
        "written lower-case when the item is joined into a sentence after the first, if the "
        "word after the article is lower-case: 'The youth court and the police' (never 'The "
        "Children's Society', which may be a name), e.g. ['The', 'A', 'An'].")
    inline_lists: bool = Field(
        True, description="False: a notice's `style: inline` lists print as bullets, because "
        "joining free text into one sentence by rule is not safe in this language.")
    reviewed: bool = Field(True, description="False until a speaker of the language has "
                           "checked every string of the file.")
    strings: dict[str, str] = Field(description="Every fixed string, by key.")

    def text(self, key: str, **values: object) -> str:
        """The string `key` with its `{placeholders}` filled in."""
        template = self.strings[key]
        return _PLACEHOLDER.sub(lambda m: str(values[m.group(1)]), template)

    def pieces(self, key: str) -> list[str]:
        """The string `key` split at its placeholders: text, name, text, name, ..., text."""
        return _PLACEHOLDER.split(self.strings[key])

    def date(self, day: dt.date, style: str = "day") -> str:
        """The date as this language writes it: '1 February 2017', 'February 2017'."""
        pattern = self.dates[style]
        if "{ordinal}" in pattern:
            pattern = pattern.replace("{ordinal}", f"'{self._ordinal(day.day)}'")
        return _formatted(day, pattern, self.babel)

    def _ordinal(self, number: int) -> str:
        from babel.core import Locale as BabelLocale

        rule = BabelLocale.parse(self.babel).ordinal_form
        return f"{number}{self.ordinals.get(rule(number), self.ordinals.get('other', ''))}"

    def separators(self, count: int, joiner: str = "and") -> list[str]:
        """What goes between `count` items joined by `joiner`: '', or ' and ', or ', ', ...
        (before items that start with a consonant; see `joint`)."""
        return [self.joint(i, count, "", joiner)[0] for i in range(count - 1)]

    def joint(self, index: int, count: int, following: str, joiner: str = "and"
              ) -> tuple[str, str]:
        """What goes between item `index` and the next of `count` items, and the next
        item's words as they read after it: Welsh 'a' is 'ac' before a vowel, and the
        mutation the joining word causes (never in a word with a capital, a name)."""
        rule = self.lists[joiner]
        following = self.mid_sentence(following)
        last = index == count - 2
        if not last:
            return rule.middle, following
        if rule.before_vowel is not None and following[:1].lower() in self.vowels:
            return rule.before_vowel, following
        word = rule.pair if count == 2 else rule.last
        return word, self.mutated(following, rule.mutation)

    def mid_sentence(self, text: str) -> str:
        """`text` as it reads inside a sentence: a leading article lower-case when the word
        after it is lower-case ('The police' -> 'the police'; 'The Hague' stays)."""
        article, space, rest = text.partition(" ")
        if space and article in self.articles and rest[:1].islower():
            return article.lower() + space + rest
        return text

    def mutated(self, text: str, mutation: str | None) -> str:
        """`text` with its first letters mutated by the table `mutation`, unless it starts
        with a capital (a name is never mutated) or no entry of the table matches."""
        table = self.mutations.get(mutation or "", {})
        if not table or not text[:1].islower():
            return text
        for start, replacement in table.items():
            if text.startswith(start):
                return replacement + text[len(start):]
        return text

    def joined(self, words: list[str], joiner: str = "and") -> str:
        """'A', 'A and B', 'A, B and C' as plain text."""
        out = words[:1]
        for i, word in enumerate(words[1:]):
            between, word = self.joint(i, len(words), word, joiner)
            out += [between, word]
        return "".join(out)


@functools.cache
def load_locale(language: str = DEFAULT_LANGUAGE) -> Locale:
    """The locale of `language` from locales/; a missing key in it is a bug caught by tests."""
    path = LOCALES_DIR / f"{language}.yaml"
    source, problems = parse_yaml(path.read_text(encoding="utf-8"), path.name)
    if source is None:
        raise ValueError(f"locale {path}: {problems}")
    return Locale.model_validate(source.data)


_ADDRESS = re.compile(r"\S+@\S+|https?://\S+|www\.\S+")
_TOKEN = re.compile(r"[\w'’-]+")


def is_language_neutral(text: str) -> bool:
    """Words that read the same in every language: an address, a number, a code or a
    single name ('Pause', 'Glanyrafon, CF00 1AA').  Any other text is in some language."""
    words = [w for w in _TOKEN.findall(_ADDRESS.sub(" ", text))
             if any(c.isalpha() for c in w) and not any(c.isdigit() for c in w)]
    return not words or (len(words) == 1 and words[0][:1].isupper())


def missing_keys(locale: Locale, reference: Mapping[str, str] | None = None) -> list[str]:
    """Keys the English locale has and `locale` lacks."""
    keys = reference if reference is not None else load_locale(DEFAULT_LANGUAGE).strings
    return sorted(set(keys) - set(locale.strings))


@functools.lru_cache(maxsize=4096)
def _formatted(day: dt.date, pattern: str, babel: str) -> str:
    """A date in a Babel pattern and locale: the same few dates (a document's publication,
    its review) print on every page of a build, and Babel's formatting was most of
    publishing a page's title block.  Keyed by the values themselves, never stale."""
    from babel.dates import format_date  # Babel's data loads only when a date is printed

    return format_date(day, pattern, locale=babel)
