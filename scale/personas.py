"""Who the load test and the in-process profile act as, and the staff pages they measure
(``scripts/bench.py``, ``scripts/profile_staff_pages.py``): one definition, so that both
measure the same pages as the same users."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db.models import Count

from accounts.models import Role, User
from accounts.testing import second_factor_session
from complaints.models import Complaint

# The full-text searches measured on the list: a word in ~8% of the generated complaints
# and a rare one (issue 17 point 2).
SEARCH_WORDS = {"sluiting": "common word", "elleboog": "rare word"}


@dataclass(frozen=True)
class Personas:
    coordinator: User  # sees every complaint
    manager: User  # a location manager of two locations
    detail: str  # the reference of a closed complaint of last year (it has a history)


def bench_personas() -> Personas:
    """The first generated coordinator, the first generated location manager of two
    locations and a closed generated complaint of last year (``generate_demo_data``)."""
    coordinator = User.objects.filter(username__startswith="gen-", role=Role.COORDINATOR).order_by("id").first()
    manager = (
        User.objects.filter(username__startswith="gen-", role=Role.LOCATION_MANAGER)
        .annotate(n=Count("locations"))
        .filter(n=2)
        .order_by("id")
        .first()
    )
    detail = (
        Complaint.objects.filter(status="closed", is_demo=True, year=datetime.now().year - 1)
        .order_by("id")
        .values_list("reference", flat=True)
        .first()
    )
    if coordinator is None or manager is None or detail is None:
        raise LookupError("no generated coordinator, location manager or closed complaint: run generate_demo_data")
    return Personas(coordinator=coordinator, manager=manager, detail=detail)


def staff_pages(personas: Personas) -> list[tuple[str, str, User]]:
    """(name, address, user) of each staff page measured, in the report's order."""
    coordinator, manager = personas.coordinator, personas.manager
    return [
        ("coordinator worklist", "/staff/werkvoorraad/", coordinator),
        ("coordinator list, first page", "/staff/klachten/", coordinator),
        ("coordinator list, overdue", "/staff/klachten/?due=overdue", coordinator),
        ("coordinator list, due within 7 days", "/staff/klachten/?due=week", coordinator),
        ("location manager's list (2 locations)", "/staff/klachten/", manager),
        ("complaint detail with history", f"/staff/klachten/{personas.detail}/", coordinator),
        *[
            (f"full-text search, {kind} (`zoek={word}`)", f"/staff/klachten/?zoek={word}", coordinator)
            for word, kind in SEARCH_WORDS.items()
        ],
    ]


def session_cookie(user: User) -> str:
    """A ``Cookie`` header value of a new session logged in as ``user`` with the second
    factor passed, for a client outside the process (the load generator)."""
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.update(second_factor_session(user))
    session.create()
    return f"sessionid={session.session_key}"
