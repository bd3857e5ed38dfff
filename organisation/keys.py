"""The one match key for names of places and legal entities.

Pure Python (no Django), so the report parser can use it without a database."""

import unicodedata
from functools import lru_cache


# Cached: an import asks for the key of the same few hundred names again and again.
@lru_cache(maxsize=8192)
def match_key(name: str) -> str:
    """Key under which printed variants of one name coincide: casefolded, letters and
    digits only ("Partou KDV Ka-naalweg 176" == "partou kdv kanaalweg 176")."""
    # NFC first so a decomposed "ë" keeps its letter instead of losing the combining mark.
    folded = unicodedata.normalize("NFC", name).casefold()
    return "".join(filter(str.isalnum, folded))


def location_key(name: str, lrk_number: str | None = None) -> str:
    """A location's key. A register location (with an LRK number) carries its number after a "#",
    which no name key holds: two registrations may share a name, and the annual-report importer,
    which looks locations up by the key of a printed name, never binds a historical name to a
    register location by itself (linking them is a person's decision)."""
    key = match_key(name)
    return f"{key}#{lrk_number}" if lrk_number else key
