"""The triage app's writes: the publication draft of a complaint and the
history event saying whether the coordinator took the suggested category."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import Role, User
from complaints.models import Complaint, EventKind
from complaints.services import event_record
from organisation.models import Location
from triage.anonymiser import CHILD, MANAGER, PARENT, STAFF, Anonymiser
from triage.models import PublicationDraft
from triage.suggestions import Suggestion

SYSTEM_ACTOR = "systeem"


def known_names(complaint: Complaint) -> dict[str, str]:
    """The names the system knows, with the role each becomes: the complainant
    (a parent), and every staff user (location managers by that role)."""
    names: dict[str, str] = {}
    for user in User.objects.exclude(first_name="", last_name="").only("first_name", "last_name", "role"):
        role = MANAGER if user.role == Role.LOCATION_MANAGER else STAFF
        names[f"{user.first_name} {user.last_name}".strip()] = role
    complainant = getattr(complaint, "complainant", None)
    if complainant is not None and complainant.name:
        names[complainant.name] = PARENT
    child = getattr(complaint, "child_name", "")  # not stored today; used once a form asks for it
    if child:
        names[child] = CHILD
    return names


def protected_names() -> list[str]:
    """Names that stay in a publication text: the organisation's locations."""
    return list(Location.objects.values_list("name", flat=True))


def anonymiser_for(complaint: Complaint) -> Anonymiser:
    return Anonymiser(
        known_names=known_names(complaint),
        protected=protected_names(),
        use_deduce=settings.TRIAGE_USE_DEDUCE,
    )


def draft_source(complaint: Complaint) -> str:
    if complaint.solution.strip():
        return f"{complaint.description.strip()}\n\nOplossing: {complaint.solution.strip()}"
    return complaint.description.strip()


def publication_draft_make(*, complaint: Complaint, actor: User | None = None) -> PublicationDraft:
    """Draft (or redraft) the anonymised publication text of a complaint. The
    draft is only a proposal: the reviewer takes it over, edits and marks it
    reviewed on the publication-text screen."""
    result = anonymiser_for(complaint).anonymise(draft_source(complaint))
    with transaction.atomic():
        draft, _ = PublicationDraft.objects.update_or_create(
            complaint=complaint,
            defaults={"text": result.text, "replacements": result.replacements, "created_at": timezone.now()},
        )
        event_record(
            complaint=complaint,
            kind=EventKind.PUBLICATION_DRAFTED,
            actor=actor,
            actor_label="" if actor else SYSTEM_ACTOR,
            data={"replacements": len(result.replacements)},
        )
    return draft


def suggestion_outcome_record(
    *, complaint: Complaint, suggestions: list[Suggestion], actor: User | None, model_trained_at: str = ""
) -> None:
    """Write in the history whether the chosen category was among the suggestions."""
    if not suggestions or complaint.category_id is None:
        return
    ranked = [s.category.pk for s in suggestions]
    taken = complaint.category_id in ranked
    event_record(
        complaint=complaint,
        kind=EventKind.SUGGESTION_TAKEN if taken else EventKind.SUGGESTION_DECLINED,
        actor=actor,
        data={
            "suggested": [{"category": s.category.name, "score": s.score} for s in suggestions],
            "suggested_summary": ", ".join(f"{s.category.name} ({s.score:.0%})" for s in suggestions),
            "chosen": str(complaint.category),
            "rank": ranked.index(complaint.category_id) + 1 if taken else None,
            "model": model_trained_at,
        },
    )
