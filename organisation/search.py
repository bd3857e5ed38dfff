"""The typo-tolerant part of the location search (``complaints.selectors.location_search``):
the words of all active locations, kept per process, and the words one typo away from
a typed one (rapidfuzz, optimal string alignment distance)."""

import time
from functools import lru_cache
from typing import Any

from django.apps import apps
from django.db.models import Count, Max, Sum
from django.db.models.functions import Length
from rapidfuzz import process
from rapidfuzz.distance import OSA

# The words of all active locations, for the typo-tolerant search; kept per process and
# rebuilt when older than a minute and the locations changed (number, highest id or total
# text length; one aggregate, asked at most once a minute).
_VOCABULARY: dict[str, Any] = {"stamp": None, "at": -1e9, "words": []}
VOCABULARY_SECONDS = 60
FUZZY_MIN_LENGTH = 4
FUZZY_MAX_WORDS = 12


def vocabulary() -> list[str]:
    # Looked up, not imported: organisation.models imports this module (Location.save forgets).
    Location = apps.get_model("organisation", "Location")  # noqa: N806
    now = time.monotonic()
    if now - _VOCABULARY["at"] < VOCABULARY_SECONDS:
        return _VOCABULARY["words"]
    stamp = tuple(
        Location.objects.filter(is_active=True)
        .aggregate(n=Count("id"), last=Max("id"), size=Sum(Length("search_text")))
        .values()
    )
    if _VOCABULARY["stamp"] != stamp:
        words: set[str] = set()
        for text in Location.objects.filter(is_active=True).values_list("search_text", flat=True).iterator():
            words.update(word for word in text.split() if len(word) <= 40)
        _VOCABULARY["words"] = sorted(words)
        _near.cache_clear()
    _VOCABULARY.update(stamp=stamp, at=now)
    return _VOCABULARY["words"]


def vocabulary_forget() -> None:
    """Rebuild the word list on the next typo-tolerant search; ``Location.save`` calls it
    (other processes notice within VOCABULARY_SECONDS), bulk loads should too."""
    _VOCABULARY.update(stamp=None, at=-1e9, words=[])
    _near.cache_clear()


def words_near(term: str) -> list[str]:
    """Words of locations one typo (a letter added, left out, changed or two swapped)
    from ``term``; nothing for short terms, where one typo makes anything match."""
    if len(term) < FUZZY_MIN_LENGTH:
        return []
    vocabulary()
    return list(_near(term))


@lru_cache(maxsize=1024)
def _near(term: str) -> tuple[str, ...]:
    found = process.extract(term, _VOCABULARY["words"], scorer=OSA.distance, score_cutoff=1, limit=FUZZY_MAX_WORDS)
    return tuple(word for word, _distance, _index in found if word != term)
