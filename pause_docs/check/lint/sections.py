"""A section cited against the wrong Act or year: the s.11 safeguarding duty written as
'section 11 of the Children Act 1989' (it is in the Children Act 2004). The registry says,
for each such section, which Acts documents wrongly put it in (`miscited_in`)."""

from __future__ import annotations

from .addresses import provision_address
from .citations import Citation, recogniser
from .setting import Finding, Setting


def wrong_act(citation: Citation, setting: Setting) -> Finding | None:
    """The finding when `citation` puts a known section in an Act it is not in."""
    if citation.kind != "law" or citation.instrument is None or citation.historical:
        return None
    registry = setting.registry
    recognise = recogniser(registry)
    for address in citation.addresses:
        if recognise.exact(citation.instrument, address) is not None:
            continue  # the Act has a section of that number the registry knows
        for provision in registry.provisions.values():
            if citation.instrument in provision.miscited_in and \
                    provision_address(provision) == address:
                act = registry.instruments[citation.instrument].title
                return Finding(
                    ("words-disagree-with-act", citation.instrument, provision.id),
                    "error", "words-disagree-with-act",
                    f"'{citation.said}' puts {provision.title.lower()} in the {act}, but it "
                    f"is {provision.citation}: the words point readers at the wrong Act",
                    f"write '{provision.citation}'",
                    f"{registry.defined_at[f'provisions:{provision.id}']} "
                    f"[{provision.evidence}]")
    return None
