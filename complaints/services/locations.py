"""Merging locations (issue 12): a place known only as a name in an imported annual
report becomes the register location it is. Only a person decides: the coordinator
accepts a proposal on the review screen, or an administrator merges two locations in
the admin; both run ``location_merge``."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from accounts.models import User
from complaints.models import Complaint, EventKind
from complaints.services.common import ComplaintError, apply_changes, event_record
from organisation.models import Location, LocationMatchProposal, MatchStatus


@dataclass(frozen=True, slots=True)
class MergeResult:
    source: Location
    target: Location
    complaints_moved: int


def location_merge(*, source: Location, target: Location, actor: User | None, actor_label: str = "") -> MergeResult:
    """Move every complaint of ``source`` (as location or as handling location) to
    ``target``, record the move in each complaint's history, and make ``source``
    inactive, pointing at ``target`` (it is never deleted). The name the annual report
    published stays on each imported complaint (``location_name_published``), and the
    label each complaint was registered under is left as it was."""
    if source.pk == target.pk:
        raise ComplaintError(gettext("Een locatie kan niet met zichzelf worden samengevoegd."))
    with transaction.atomic():
        locked = {loc.pk: loc for loc in Location.objects.select_for_update().filter(pk__in=[source.pk, target.pk])}
        if len(locked) != 2:
            raise ComplaintError(gettext("Een van de locaties bestaat niet meer."))
        source, target = locked[source.pk], locked[target.pk]
        if source.merged_into_id is not None:
            raise ComplaintError(gettext("%(name)s is al samengevoegd met een andere locatie.") % {"name": source.name})
        if target.merged_into_id is not None or not target.is_active:
            raise ComplaintError(
                gettext("%(name)s is niet actief; kies een actieve locatie om mee samen te voegen.")
                % {"name": target.name}
            )
        complaints = (
            Complaint.objects.select_for_update(of=("self",))
            .filter(Q(location=source) | Q(handling_location=source))
            .select_related("location", "handling_location")
            .order_by("id")
        )
        moved = 0
        for complaint in complaints:
            values = {}
            if complaint.location_id == source.pk:
                values["location"] = target
                if complaint.channel == "import" and not complaint.location_name_published:
                    values["location_name_published"] = source.name
            if complaint.handling_location_id == source.pk:
                values["handling_location"] = target
            changes = apply_changes(complaint, values)
            complaint.save(update_fields=[*changes, "updated_at"])
            event_record(
                complaint=complaint,
                kind=EventKind.LOCATION_MERGED,
                actor=actor,
                actor_label=actor_label,
                changes=changes,
                data={"from": source.name, "to": target.name, "lrk_number": target.lrk_number or ""},
            )
            moved += 1
        # The managers of the historical location now manage the register location.
        for manager in source.managers.all():
            manager.locations.add(target)
        source.is_active = False
        source.merged_into = target
        source.save(update_fields=["is_active", "merged_into"])
    return MergeResult(source=source, target=target, complaints_moved=moved)


def location_match_accept(*, proposal: LocationMatchProposal, actor: User) -> MergeResult:
    """Accept one proposal: merge its historical location into the candidate; the other
    open proposals for the same historical location are rejected by the same decision."""
    with transaction.atomic():
        proposal = LocationMatchProposal.objects.select_for_update().get(pk=proposal.pk)
        if proposal.status != MatchStatus.PROPOSED:
            raise ComplaintError(gettext("Over dit voorstel is al besloten."))
        result = location_merge(source=proposal.historical, target=proposal.candidate, actor=actor)
        now = timezone.now()
        proposal.status, proposal.decided_by, proposal.decided_at = MatchStatus.ACCEPTED, actor, now
        proposal.save(update_fields=["status", "decided_by", "decided_at"])
        LocationMatchProposal.objects.filter(historical=proposal.historical, status=MatchStatus.PROPOSED).update(
            status=MatchStatus.REJECTED, decided_by=actor, decided_at=now
        )
    return result


def location_match_reject(*, proposal: LocationMatchProposal, actor: User) -> None:
    with transaction.atomic():
        updated = LocationMatchProposal.objects.filter(pk=proposal.pk, status=MatchStatus.PROPOSED).update(
            status=MatchStatus.REJECTED, decided_by=actor, decided_at=timezone.now()
        )
    if not updated:
        raise ComplaintError(gettext("Over dit voorstel is al besloten."))


def location_matches_accept_many(*, proposals: Iterable[LocationMatchProposal], actor: User) -> list[MergeResult]:
    """Bulk accept (the obvious ones, confirmed once by the coordinator): one merge per
    historical location, the best-scoring proposal of each; all or nothing."""
    results: list[MergeResult] = []
    seen: set[int] = set()
    with transaction.atomic():
        for proposal in sorted(proposals, key=lambda p: -p.score):
            if proposal.historical_id in seen:
                continue
            seen.add(proposal.historical_id)
            results.append(location_match_accept(proposal=proposal, actor=actor))
    return results
