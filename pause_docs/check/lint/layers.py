"""Layers: a notice for young people or in Easy Read under the full notice it names
(`parent:`).  What a layer leaves to its parent must really be there, and a layer must read
at its audience's level."""

from __future__ import annotations

from ...publish.printed import texts_of
from ...source.errors import Problem
from ...source.models import Notice
from .published import Published
from .readability import reading_ease

# Flesch's reading-ease bands (Flesch 1948, "A new readability yardstick"; as tabulated in
# the Flesch-Kincaid literature [S]): 60-70 "standard", US school grades 8-9, a reading age
# of 13 to 15; 70-80 "fairly easy", grade 7, 12 to 13; 80-90 "easy", grade 6, 11 to 12.
TARGETS = {"young-people": (60.0, "13 to 15"), "easy-read": (80.0, "11 to 12")}
AUDIENCES = {"young-people": "young people", "easy-read": "Easy Read"}
MIN_WORDS = 30
_BANDS = ((90, "10 to 11"), (80, "11 to 12"), (70, "12 to 13"), (60, "13 to 15"),
          (50, "15 to 18"), (30, "18 to 21"))
LAYERED = ("ICO guidance on the right to be informed: a layered approach, with each layer "
           "linking to the fuller information [R]")


def check_layer(published: Published) -> list[Problem]:
    """What a layer leaves to its parent is in the parent; a layer reads at its level."""
    notice = published.notice
    found = _deferred(published) if published.doc.parent is not None else []
    if notice.audience in TARGETS:
        found += _reading_age(published)
    return found


def _deferred(published: Published) -> list[Problem]:
    """Each item the layer leaves to its parent that the parent's page does not give."""
    parent = published.doc.parent
    assert parent is not None and isinstance(parent.model, Notice)
    full = Published(parent, as_of=published.as_of)
    roles = {ref.role for ref in full.references()}
    special = any(c.special_category for c in published.notice.data_categories)
    missing = {
        "legal-bases": ("a UK GDPR Art 6(1) lawful basis", "article-6" not in roles),
        "special-category": ("an Art 9 condition for the special category data",
                             special and "article-9" not in roles),
        "rights": ("the rights people have", not full.shows("rights")),
        "complaints": ("how to complain to the regulator",
                       not full.shows("complaints", "complaint-to-regulator", "regulator")),
        "dpo": ("the Data Protection Officer's contact details", not full.shows("dpo")),
    }
    deferred: set[str] = set(published.notice.deferred())
    if "legal-bases" in deferred:
        deferred.add("special-category")
    where = published.locate(("parent",))
    this = "addendum" if published.notice.is_addendum else "layer"
    return [Problem(where, "error", "deferred-not-in-parent",
                    f"the {this} leaves {what} to '{parent.slug}' ({parent.model.title}), "
                    "but that notice does not give it, so a reader following the link will "
                    "not find it",
                    fix=f"give it in {parent.path}, or in this {this} itself",
                    rule=f"UK GDPR Arts 13 and 14; {LAYERED}")
            for item, (what, lacking) in missing.items() if item in deferred and lacking]


def _reading_age(published: Published) -> list[Problem]:
    """The layer's own words, scored together: below its audience's target, a warning."""
    page = published.publication
    if page.language != "en":
        return []  # Flesch's formula is for English (see readability.check_sentences)
    units: dict[int, list[str]] = {}
    for printed in texts_of(page):
        origin = printed.origin
        if origin is not None and origin.owner in ("document", "council"):
            units.setdefault(printed.block, []).append(printed.text)
    score, words = reading_ease([" ".join(u) for u in units.values()])
    audience = published.notice.audience
    target, age = TARGETS[audience]
    if words < MIN_WORDS or score >= target:
        return []
    found_age = next((a for floor, a in _BANDS if score >= floor), "over 21")
    return [Problem(
        published.locate(("audience",)), "warning", "hard-to-read-for-audience",
        f"this layer for {AUDIENCES[audience]} has a Flesch reading ease of {score:.0f} "
        f"({words} words: a reading age of about {found_age}); its target is {target:.0f} "
        f"or more (a reading age of {age})",
        fix="use short sentences and everyday words; leave the law to the full notice",
        rule="UK GDPR Art 12(1) and Recital 58: information for children in language they "
             "understand; ICO Age Appropriate Design Code, standard 4 (transparency) [R]")]
