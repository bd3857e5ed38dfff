"""The mix of the seed year: shares of categories, verdicts, care types and
labels, and the sentences that descriptions and solutions are recombined from."""

import re
from collections import defaultdict
from dataclasses import dataclass
from random import Random

from django.db.models import Count

from complaints.models import Channel, Complaint

from .shapes import (
    FALLBACK_DESCRIPTION,
    FALLBACK_SOLUTION,
    SEED_CARE_TYPES,
    SEED_CATEGORIES,
    SEED_LABELS,
    SEED_VERDICTS,
)

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9À-Ý])")


@dataclass
class Mix:
    categories: dict[str, int]
    verdicts: dict[str, int]
    care_types: dict[str, int]
    labels: dict[str, int]
    descriptions: dict[str, list[str]]  # sentences per category name
    solutions: list[str]
    source: str


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(" ".join(text.split())) if len(s.strip()) > 20]


def seed_mix() -> Mix:
    """The mix of the imported seed year, or the published shares when absent."""
    imported = Complaint.objects.filter(channel=Channel.IMPORT)
    if imported.count() >= 100:
        categories = dict(
            imported.exclude(category=None).values_list("category__name").annotate(n=Count("id")).order_by()
        )
        verdicts = dict(imported.values_list("verdict").annotate(n=Count("id")).order_by())
        care_types = dict(imported.values_list("care_type").annotate(n=Count("id")).order_by())
        labels = dict(imported.values_list("legal_entity__name").annotate(n=Count("id")).order_by())
        descriptions: dict[str, list[str]] = defaultdict(list)
        solutions: list[str] = []
        for name, description, solution in imported.order_by("year", "sequence").values_list(
            "category__name", "description", "solution"
        ):
            descriptions[name or ""].extend(split_sentences(description))
            solutions.extend(split_sentences(solution))
        # Sorted: the order of the weights decides the draws, and GROUP BY has no order.
        categories, verdicts, care_types, labels = (
            dict(sorted(counts.items(), key=lambda item: str(item[0])))
            for counts in (categories, verdicts, care_types, labels)
        )
        return Mix(categories, verdicts, care_types, labels, dict(descriptions), solutions, "imported seed data")
    return Mix(
        dict(SEED_CATEGORIES),
        dict(SEED_VERDICTS),
        dict(SEED_CARE_TYPES),
        dict(SEED_LABELS),
        {"": FALLBACK_DESCRIPTION},
        FALLBACK_SOLUTION,
        "published shares of the 2025 report",
    )


class Picker:
    """Weighted choice with precomputed cumulative weights (fast for big runs)."""

    def __init__(self, rng: Random, weights: dict) -> None:
        self.rng = rng
        self.keys = list(weights)
        self.cum = []
        total = 0.0
        for key in self.keys:
            total += float(weights[key])
            self.cum.append(total)

    def __call__(self):
        return self.rng.choices(self.keys, cum_weights=self.cum)[0]
