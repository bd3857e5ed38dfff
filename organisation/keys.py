"""The one match key for names of places and legal entities.

Pure Python (no Django), so the report parser can use it without a database."""

import unicodedata


def match_key(name: str) -> str:
    """Key under which printed variants of one name coincide: casefolded, letters and
    digits only ("Partou KDV Ka-naalweg 176" == "partou kdv kanaalweg 176")."""
    # NFC first so a decomposed "ë" keeps its letter instead of losing the combining mark.
    folded = unicodedata.normalize("NFC", name).casefold()
    return "".join(char for char in folded if char.isalnum())
