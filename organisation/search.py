"""The typo-tolerant part of the location search (``complaints.selectors.location_search``):
the words of all active locations, kept per process, and the words one typo away from
a typed one (optimal string alignment distance 1: a letter added, left out, changed, or
two neighbours swapped)."""

import time
from functools import lru_cache
from typing import Any

from django.apps import apps
from django.db.models import Count, Max, StringAgg, Sum, Value
from django.db.models.functions import Length

# The words of all active locations, for the typo-tolerant search; kept per process and
# rebuilt when older than a minute and the locations changed (number, highest id or total
# text length; one aggregate, asked at most once a minute).
_VOCABULARY: dict[str, Any] = {"stamp": None, "at": -1e9, "words": frozenset(), "letters": ""}
VOCABULARY_SECONDS = 60
FUZZY_MIN_LENGTH = 4
FUZZY_MAX_WORDS = 12
WORD_MAX_LENGTH = 40


def vocabulary() -> frozenset[str]:
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
        # All texts as one string (one row from the database) split once: at 30,000
        # locations a fraction of the time of a row and a set update per location.
        text = Location.objects.filter(is_active=True).aggregate(text=StringAgg("search_text", Value(" ")))["text"]
        words = frozenset(word for word in set((text or "").split()) if len(word) <= WORD_MAX_LENGTH)
        _VOCABULARY.update(words=words, letters="".join(sorted(set((text or "").replace(" ", "")))))
        _near.cache_clear()
    _VOCABULARY.update(stamp=stamp, at=now)
    return _VOCABULARY["words"]


def vocabulary_forget() -> None:
    """Rebuild the word list on the next typo-tolerant search; ``Location.save`` calls it
    (other processes notice within VOCABULARY_SECONDS), bulk loads should too."""
    _VOCABULARY.update(stamp=None, at=-1e9, words=frozenset(), letters="")
    _near.cache_clear()


def words_near(term: str) -> list[str]:
    """Words of locations one typo (a letter added, left out, changed or two swapped)
    from ``term``, in alphabetical order, at most FUZZY_MAX_WORDS counting ``term`` itself
    when it is a word; nothing for short terms, where one typo makes anything match."""
    if not FUZZY_MIN_LENGTH <= len(term) <= WORD_MAX_LENGTH + 1:
        return []
    vocabulary()
    return list(_near(term))


# Cached: a search asks twice (is there anything near? then the search with it).
@lru_cache(maxsize=1024)
def _near(term: str) -> tuple[str, ...]:
    # Every string one edit away (a few hundred) looked up in the word set, instead of
    # measuring the distance to each of the ~90,000 words of 30,000 locations.
    words = _VOCABULARY["words"]
    near = sorted((_one_edit(term, _VOCABULARY["letters"]) & words) - {term})
    return tuple(near[: FUZZY_MAX_WORDS - (term in words)])


def _one_edit(term: str, letters: str) -> set[str]:
    """Every string one edit from ``term`` whose new letter, if any, is one of ``letters``
    (a word of the vocabulary has no other)."""
    splits = [(term[:index], term[index:]) for index in range(len(term) + 1)]
    return {
        *(head + tail[1:] for head, tail in splits if tail),
        *(head + tail[1] + tail[0] + tail[2:] for head, tail in splits if len(tail) > 1),
        *(head + letter + tail[1:] for head, tail in splits if tail for letter in letters),
        *(head + letter + tail for head, tail in splits for letter in letters),
    }
