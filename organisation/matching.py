"""Proposals to link historical location names to register locations (issue 12 point 2).

A historical location is a place known only as a name printed in an imported annual
report: it has no LRK number. For each one that has complaints, the register
locations (LRK number set) of the same legal entity are scored by similarity of
their folded names (accents, case and hyphens ignored; ``organisation.keys.fold``)
with rapidfuzz; those above the threshold become proposals. Nothing is merged here:
the coordinator decides on the review screen (``complaints.services.location_match_accept``)."""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from rapidfuzz import fuzz, process

from organisation.keys import fold
from organisation.models import Location, LocationMatchProposal, MatchStatus

# A score (0-100) from which a pair is proposed, and from which the review screen
# offers to accept proposals in bulk.
PROPOSE_THRESHOLD = 80.0
BULK_THRESHOLD = 95.0
CANDIDATES_PER_NAME = 3


@dataclass
class MatchRun:
    historical: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    without_candidate: int = 0


def similarity(historical: str, candidate_name: str, candidate_street: str = "") -> float:
    """How alike a printed name and a register location are (0-100). Report names often
    carry the street and number ("Partou KDV Meernhof 115"), register names do not, so
    the name with its street counts too; word order does not matter."""
    return _scorer(fold(historical), (fold(candidate_name), fold(f"{candidate_name} {candidate_street}")))


def _scorer(printed: str, choice: tuple[str, str], **_kwargs) -> float:
    name, with_street = choice
    return max(
        fuzz.token_sort_ratio(printed, name),
        fuzz.token_sort_ratio(printed, with_street),
        fuzz.token_set_ratio(printed, with_street) - 5,
    )


def historical_locations():
    """Locations known only from a report (no LRK number, not merged) that have complaints."""
    return (
        Location.objects.filter(lrk_number__isnull=True, merged_into__isnull=True, complaints__isnull=False)
        .distinct()
        .order_by("name")
    )


def match_proposals_make(
    *, threshold: float = PROPOSE_THRESHOLD, progress: Callable[[int, int], None] | None = None
) -> MatchRun:
    """Store a proposal for every historical location and each of its (at most three)
    best register candidates scoring at least ``threshold``. Idempotent: an open proposal
    gets its new score, a decided one is left as decided, nothing is merged."""
    run = MatchRun()
    register: dict[int, dict[int, tuple[str, str]]] = defaultdict(dict)
    everyone: dict[int, tuple[str, str]] = {}
    for pk, entity_id, name, street in Location.objects.filter(lrk_number__isnull=False, is_active=True).values_list(
        "id", "legal_entity_id", "name", "street"
    ):
        choice = (fold(name), fold(f"{name} {street}"))
        register[entity_id][pk] = choice
        everyone[pk] = choice
    historical = list(historical_locations().only("id", "name", "legal_entity_id"))
    run.historical = len(historical)
    existing = {
        (p.historical_id, p.candidate_id): p
        for p in LocationMatchProposal.objects.filter(historical__in=[h.pk for h in historical])
    }
    with transaction.atomic():
        for index, location in enumerate(historical, start=1):
            choices = register.get(location.legal_entity_id) or everyone
            found = process.extract(
                fold(location.name), choices, scorer=_scorer, limit=CANDIDATES_PER_NAME, score_cutoff=threshold
            )
            if not found:
                run.without_candidate += 1
            for _choice, score, candidate_id in found:
                score = round(float(score), 1)
                proposal = existing.get((location.pk, candidate_id))
                if proposal is None:
                    LocationMatchProposal.objects.create(historical=location, candidate_id=candidate_id, score=score)
                    run.created += 1
                elif proposal.status == MatchStatus.PROPOSED and proposal.score != score:
                    proposal.score = score
                    proposal.save(update_fields=["score"])
                    run.updated += 1
                else:
                    run.unchanged += 1
            if progress:
                progress(index, run.historical)
    return run
