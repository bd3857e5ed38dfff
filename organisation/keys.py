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


def fold(text: str) -> str:
    """Lowercased, without accents, every run of other characters than letters and digits
    one space: "Partou KDV Mozaïek-Oost" -> "partou kdv mozaiek oost"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join("".join(char if char.isalnum() else " " for char in bare).split())


def compact(text: str) -> str:
    """``fold`` without the spaces: "Ka-naalweg" -> "kanaalweg", "1012 AB" -> "1012ab"."""
    return fold(text).replace(" ", "")


def search_text(*parts: str) -> str:
    """The normalised text a location is searched by: each part folded, and once more
    without its spaces, so "1012ab", "1012 ab", "ka-naalweg" and "kanaalweg" all match by
    substring."""
    words: list[str] = []
    for part in parts:
        folded = fold(part)
        if not folded:
            continue
        words.append(folded)
        if " " in folded:
            words.append(folded.replace(" ", ""))
    return " ".join(words)
