"""Writes of the staff app itself (not of complaints): a user's saved list filters."""

from django.http import QueryDict
from django.utils.translation import gettext

from accounts.models import User
from staff.filters import ComplaintFilter
from staff.models import SavedFilter

SAVED_FILTERS_MAX = 50
# Never saved: the lookup by reference, name or e-mail address is a one-off, and a
# stored complainant's name would outlive its erasure (complaints.services.privacy).
NOT_SAVED = frozenset({"q"})


class SavedFilterError(Exception):
    """The filter cannot be saved; the message is shown to the user."""


def saved_filter_query(query: str, *, keep_lookup: bool = False) -> str:
    """``query`` with only the list's own filter parameters, in a stable order
    (no page number, nothing else a crafted link might carry); the lookup by
    reference, name or e-mail only with ``keep_lookup`` (a link back, never stored)."""
    parsed = QueryDict(query)
    kept = QueryDict(mutable=True)
    for name in ComplaintFilter.base_filters:
        if name in NOT_SAVED and not keep_lookup:
            continue
        values = [value for value in parsed.getlist(name) if value.strip()]
        if values:
            kept.setlist(name, values)
    return kept.urlencode()


def saved_filter_save(*, user: User, name: str, query: str) -> SavedFilter:
    """Save the list's current filter under ``name``; the same name again replaces it."""
    name = " ".join(name.split())
    if not name:
        raise SavedFilterError(gettext("Geef het filter een naam."))
    query = saved_filter_query(query)
    if not query:
        raise SavedFilterError(gettext("Kies eerst een of meer filters; een lege lijst hoeft niet te worden bewaard."))
    if len(query) > SavedFilter._meta.get_field("query").max_length:
        raise SavedFilterError(gettext("Dit filter is te lang om te bewaren."))
    existing = SavedFilter.objects.filter(user=user, name=name).first()
    if existing is None and SavedFilter.objects.filter(user=user).count() >= SAVED_FILTERS_MAX:
        raise SavedFilterError(
            gettext("U kunt hoogstens %(count)d filters bewaren; verwijder er eerst een.")
            % {"count": SAVED_FILTERS_MAX}
        )
    saved, _created = SavedFilter.objects.update_or_create(user=user, name=name, defaults={"query": query})
    return saved


def saved_filter_delete(*, user: User, saved_filter_id: int) -> bool:
    """Delete one of the user's own saved filters; False if there was none with that id."""
    deleted, _by_model = SavedFilter.objects.filter(user=user, pk=saved_filter_id).delete()
    return bool(deleted)
