from copy import copy
from datetime import datetime, timedelta
from functools import cached_property, partial

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.choices import CallableChoiceIterator
from django.utils.translation import gettext_lazy as _

from accounts.capabilities import Capability, has_capability
from accounts.models import User
from complaints.forms import bootstrap_classes
from complaints.models import OPEN_STATUSES, Category, Complaint, Language, Status, Verdict
from complaints.search import complaint_search
from complaints.selectors import (
    departments_in_scope,
    location_terms,
    locations_in_scope,
    overdue_q,
    regions_in_scope,
)
from organisation.models import LegalEntity, Location, Region
from staff.widgets import (
    FILTER_FORM_RENDERER,
    SEARCH_SELECT_LIMIT,
    SEARCH_SELECT_THRESHOLD,
    Options,
    PlainSelect,
    SearchSelect,
)

UNKNOWN = "unknown"
OPEN = "open"
NEW_MESSAGE = "nieuw"
DUE_WEEK = "week"
DUE_OVERDUE = "overdue"
NO_HANDLER = "none"
DUE_SOON = timedelta(days=7)


ASSIGNED_TO_ME = "me"
ASSIGNED_TO_NOBODY = "none"
CATEGORY_NAME_PREFIX = "naam:"

# The list's sortable columns (?sort=), each backed by an index of Complaint:
# (year, sequence) by its unique constraint, received_at, due_at and (status, due_at).
# The id settles ties, so paging never shows a row twice.
SORTS: dict[str, tuple[str, ...]] = {
    "reference": ("year", "sequence"),
    "-reference": ("-year", "-sequence"),
    "received_at": ("received_at", "id"),
    "-received_at": ("-received_at", "-id"),
    "due_at": ("due_at", "id"),
    "-due_at": ("-due_at", "-id"),
    "status": ("status", "due_at", "id"),
    "-status": ("-status", "-due_at", "-id"),
}
SORT_CHOICES = [
    ("reference", _("Kenmerk oplopend")),
    ("-reference", _("Kenmerk aflopend")),
    ("received_at", _("Ontvangen, oudste eerst")),
    ("-received_at", _("Ontvangen, nieuwste eerst")),
    ("due_at", _("Uiterste datum, eerste eerst")),
    ("-due_at", _("Uiterste datum, laatste eerst")),
    ("status", _("Status")),
    ("-status", _("Status, omgekeerd")),
]


def can_search_complainants(user: User) -> bool:
    """Only the coordinator finds complaints by who filed them."""
    return has_capability(user, Capability.PRIVACY_REQUESTS)


def complainant_q(value: str) -> Q:
    """The complainant's e-mail address (exact, any case) or a part of their
    name; erased details are blank, and an erased complainant is never matched."""
    if "@" in value:
        match = Q(complainant__email__iexact=value)
    else:
        match = Q(complainant__name__icontains=value)
    return match & Q(complainant__erased_at__isnull=True)


def handler_value(*, location_id: int | None = None, department_id: int | None = None) -> str:
    """The ``handler`` filter value of a handling location or department."""
    if location_id:
        return f"location-{location_id}"
    if department_id:
        return f"department-{department_id}"
    return NO_HANDLER


def due_q(due: str, *, now: datetime) -> Q:
    """Open complaints due within a week from now, or already overdue."""
    if due == DUE_OVERDUE:
        return overdue_q(now=now)
    return Q(status__in=OPEN_STATUSES, due_at__gte=now, due_at__lt=now + DUE_SOON)


def _named_options(field) -> list[tuple[str, str]]:
    """The options of a model choice field of named rows (``str()`` is the name) as Django's
    iterator gives them, read as (id, name): no model objects, and no server-side cursor
    (``iterator()`` on PostgreSQL: three round trips). Read when rendered."""
    head = [] if field.empty_label is None else [("", field.empty_label)]
    if field.null_label is not None:
        head.append((field.null_value, field.null_label))
    return [*head, *field.queryset.values_list("pk", "name")]


def _copy_filter(original: django_filters.Filter) -> django_filters.Filter:
    """A filter of the class's ``base_filters`` for one FilterSet: what ``copy.deepcopy``
    gives where it matters (its own ``extra``, querysets cloned unevaluated, its ``method``
    bound to the copy, so to the FilterSet that sets itself as its parent), without copying
    the choices, lazy labels and querysets deeply (~1 ms of every list page)."""
    copied = copy(original)
    copied.__dict__.pop("_field", None)
    copied.extra = {key: value.all() if isinstance(value, QuerySet) else value for key, value in original.extra.items()}
    if isinstance(copied.__dict__.get("queryset"), QuerySet):
        copied.queryset = original.queryset.all()
    if copied.method is not None:
        copied.method = copied.method  # a FilterMethod of the copy, not of the original
    return copied


class FiltersCopiedPerFilterSet(dict):
    """``ComplaintFilter.base_filters``: django-filter deep-copies them for every FilterSet."""

    def __deepcopy__(self, memo) -> dict:
        return {name: _copy_filter(original) for name, original in self.items()}


class FieldsMadeForOneForm(dict):
    """A form class's fields that its form need not copy (see ``ComplaintFilter.get_form_class``)."""

    def __deepcopy__(self, memo) -> dict:
        return dict(self)


class ComplaintFilter(django_filters.FilterSet):
    zoek = django_filters.CharFilter(label=_("Zoeken in tekst"), method="filter_text", max_length=200)
    q = django_filters.CharFilter(label=_("Kenmerk"), method="filter_reference")
    year = django_filters.ChoiceFilter(label=_("Jaar"), empty_label=_("Alle jaren"))
    legal_entity = django_filters.ModelChoiceFilter(
        label=_("Label"), queryset=LegalEntity.objects.all(), empty_label=_("Alle labels")
    )
    region = django_filters.ModelChoiceFilter(
        label=_("Regio"),
        field_name="location__region",
        queryset=Region.objects.all(),
        empty_label=_("Alle regio's"),
        null_label=_("Geen regio"),
    )
    location = django_filters.ModelChoiceFilter(
        label=_("Locatie"), queryset=Location.objects.none(), empty_label=_("Alle locaties")
    )
    handler = django_filters.ChoiceFilter(
        label=_("Behandelaar"), method="filter_handler", empty_label=_("Alle behandelaars")
    )
    category = django_filters.ChoiceFilter(
        label=_("Categorie"), method="filter_category", empty_label=_("Alle categorieën")
    )
    verdict = django_filters.ChoiceFilter(
        label=_("Gegrond"),
        choices=[*Verdict.choices, (UNKNOWN, _("Onbekend"))],
        method="filter_verdict",
        empty_label=_("Alle oordelen"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[(OPEN, _("Open (nog niet afgehandeld)")), *Status.choices],
        method="filter_status",
        empty_label=_("Alle statussen"),
    )
    due = django_filters.ChoiceFilter(
        label=_("Termijn"),
        choices=[(DUE_WEEK, _("Binnen 7 dagen verlopen")), (DUE_OVERDUE, _("Termijn verlopen"))],
        method="filter_due",
        empty_label=_("Alle termijnen"),
    )
    bericht = django_filters.ChoiceFilter(
        label=_("Bericht van indiener"),
        choices=[(NEW_MESSAGE, _("Nieuw, nog niet geopend"))],
        method="filter_message",
        empty_label=_("Alle"),
    )
    assignee = django_filters.ChoiceFilter(
        label=_("Toegewezen"),
        choices=[(ASSIGNED_TO_ME, _("Aan mij")), (ASSIGNED_TO_NOBODY, _("Aan niemand"))],
        method="filter_assignee",
        empty_label=_("Iedereen"),
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sorteren"), choices=SORT_CHOICES, method="filter_sort", empty_label=_("Nieuwste eerst")
    )
    # The complainant's language (issue 18): English is the few, found by a partial index.
    language = django_filters.ChoiceFilter(
        label=_("Taal indiener"), choices=Language.choices, empty_label=_("Alle talen")
    )
    safety = django_filters.ChoiceFilter(
        label=_("Veiligheid"),
        choices=[("1", _("Alleen veiligheidsmeldingen"))],
        method="filter_safety",
        empty_label=_("Alle klachten"),
    )

    class Meta:
        model = Complaint
        fields = [
            "zoek",
            "q",
            "year",
            "legal_entity",
            "region",
            "location",
            "handler",
            "category",
            "verdict",
            "status",
            "due",
            "bericht",
            "assignee",
            "sort",
            "language",
            "safety",
        ]

    def __init__(self, *args, visible: QuerySet[Complaint], years: list[int], user: User, **kwargs) -> None:
        super().__init__(*args, queryset=visible, **kwargs)
        self.filters["year"].extra["choices"] = [(year, str(year)) for year in years]
        # Options come from the reference tables within the user's scope, never from
        # a scan of the complaints (which grows without bound).
        self.locations = locations_in_scope(user).order_by("name")
        self.departments = departments_in_scope(user).order_by("name")
        self.filters["location"].queryset = self.locations
        self.filters["region"].queryset = regions_in_scope(user).order_by("name")
        self.filters["handler"].extra["choices"] = self.handler_choices
        self.filters["category"].extra["choices"] = self.category_choices
        self.user = user
        if can_search_complainants(user):
            self.filters["q"].label = _("Kenmerk, naam of e-mail indiener")
        bootstrap_classes(self.form.fields, size="sm")
        for field in self.form.fields.values():
            if type(field.widget) is forms.Select:  # its options straight from the choices (staff/widgets.py)
                widget = PlainSelect(attrs=field.widget.attrs, choices=field.widget.choices)
                widget.is_required = field.required
                field.widget = widget
        for name in ("legal_entity", "region"):
            field = self.form.fields[name]
            field.widget.choices = CallableChoiceIterator(partial(_named_options, field))
        self.form.renderer = FILTER_FORM_RENDERER  # the same markup, rendered in Python
        self.form.fields["category"].widget.choices = CallableChoiceIterator(self.category_choices_shown)
        # Hundreds of locations (and handlers, which include them) are not rendered as
        # options on every page: above the threshold they are found by a search field.
        rows = list(self.locations.values_list("id", "name")[: SEARCH_SELECT_THRESHOLD + 1])
        if len(rows) <= SEARCH_SELECT_THRESHOLD:
            # All of them (a location manager's few): this one query gives the options of
            # both selects, as the location field's queryset and the handlers would.
            self._locations_shown = rows
            field = self.form.fields["location"]
            empty = [] if field.empty_label is None else [("", field.empty_label)]
            field.widget.choices = [*empty, *rows]
        else:
            for name, find in (("location", self.find_locations), ("handler", self.find_handlers)):
                field = self.form.fields[name]
                field.widget = SearchSelect(
                    find=find,
                    empty_label=str(field.empty_label if name == "location" else _("Alle behandelaars")),
                    data=self.form.data,
                    attrs=field.widget.attrs,
                )

    @classmethod
    def get_filters(cls) -> dict:
        return FiltersCopiedPerFilterSet(super().get_filters())

    def get_form_class(self) -> type:
        """django-filter makes the form class for this filter alone, from fields made for it
        (each of this instance's filters makes its own field); Django's form then copies every
        field deeply (choices, querysets, lazy labels: ~1.5 ms of every list page) to keep a
        class's fields apart from its forms'. This class has one form: it uses them as they are."""
        form_class = super().get_form_class()
        form_class.base_fields = FieldsMadeForOneForm(form_class.base_fields)
        return form_class

    def find_locations(self, query: str, selected: str) -> tuple[Options, bool]:
        """Locations in scope matching every word typed (name, town, street, postcode),
        at most SEARCH_SELECT_LIMIT, and the ``selected`` one (a location id)."""
        found: Options = []
        if query:
            locations = self.locations
            for term in location_terms(query):
                locations = locations.filter(search_text__contains=term)
            found = [(str(pk), name) for pk, name in locations.values_list("id", "name")[: SEARCH_SELECT_LIMIT + 1]]
        more = len(found) > SEARCH_SELECT_LIMIT
        found = found[:SEARCH_SELECT_LIMIT]
        if selected.isdigit() and len(selected) < 18 and selected not in {value for value, _label in found}:
            chosen = self.locations.filter(pk=int(selected)).values_list("id", "name")
            found = [(str(pk), name) for pk, name in chosen] + found
        return found, more

    def find_handlers(self, query: str, selected: str) -> tuple[Options, bool]:
        """Handling departments and locations in scope matching the words typed, and the
        ``selected`` handler value; "not yet forwarded" when it matches or is chosen."""
        none_label = str(_("Nog niet doorgestuurd"))
        found: Options = []
        if query:
            if all(word in none_label.casefold() for word in query.casefold().split()):
                found.append((NO_HANDLER, none_label))
            departments = self.departments
            for word in query.split():
                departments = departments.filter(name__icontains=word)
            found += [(handler_value(department_id=pk), name) for pk, name in departments.values_list("id", "name")]
            locations, more = self.find_locations(query, "")
            found += [(handler_value(location_id=int(pk)), name) for pk, name in locations]
        more = len(found) > SEARCH_SELECT_LIMIT
        found = found[:SEARCH_SELECT_LIMIT]
        if selected and selected not in {value for value, _label in found}:
            found = [(value, label) for value, label in self.handler_label(selected)] + found
        return found, more

    def handler_label(self, value: str) -> Options:
        kind, _separator, pk = value.partition("-")
        if value == NO_HANDLER:
            return [(NO_HANDLER, str(_("Nog niet doorgestuurd")))]
        if not pk.isdigit() or len(pk) > 18:
            return []
        rows = self.locations if kind == "location" else self.departments if kind == "department" else None
        if rows is None:
            return []
        return [(value, name) for name in rows.filter(pk=int(pk)).values_list("name", flat=True)]

    @cached_property
    def _handlers(self) -> list[tuple[str, str]]:
        departments = [
            (handler_value(department_id=pk), name) for pk, name in self.departments.values_list("id", "name")
        ]
        shown = self._locations_shown
        if shown is None:
            shown = self.locations.values_list("id", "name")
        locations = [(handler_value(location_id=pk), name) for pk, name in shown]
        return [(NO_HANDLER, str(_("Nog niet doorgestuurd"))), *departments, *locations]

    def handler_choices(self) -> list[tuple[str, str]]:
        # Called on validation and again on rendering: one query for both.
        return self._handlers

    search_capped = False
    _locations_shown: list[tuple[int, str]] | None = None  # (id, name) by name, when at most the threshold

    def filter_text(self, queryset: QuerySet[Complaint], name: str, value: str) -> QuerySet[Complaint]:
        if not value.strip():
            return queryset
        found, self.search_capped = complaint_search(queryset, value)
        return found

    @cached_property
    def _category_rows(self) -> list[tuple[int, str, int]]:
        """(id, name, year) of every category, newest year first: one query for the
        select and the list's rows."""
        return list(
            Category.objects.order_by("-version__year", "position", "name").values_list("id", "name", "version__year")
        )

    def category_names(self) -> dict[int, tuple[str, int]]:
        """Each category's name and taxonomy year by id (the list's rows show them)."""
        return {pk: (category_name, year) for pk, category_name, year in self._category_rows}

    @cached_property
    def _categories(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """Each taxonomy year's categories under that year, newest year first,
        after "Alle jaren": every category name once, matching it in any year."""
        categories = self._category_rows
        groups: dict[int, list[tuple[str, str]]] = {}
        for pk, category_name, year in categories:
            groups.setdefault(year, []).append((str(pk), category_name))
        names = sorted({category_name for _pk, category_name, _year in categories}, key=str.casefold)
        every_year = [(CATEGORY_NAME_PREFIX + category_name, category_name) for category_name in names]
        return [
            (str(_("Alle jaren")), every_year),
            *[(str(year), options) for year, options in groups.items()],
        ]

    def category_choices(self) -> list[tuple[str, list[tuple[str, str]]]]:
        # Called on validation and again on rendering: one query for both.
        return self._categories

    def category_choices_shown(self) -> list[tuple[str, str | list[tuple[str, str]]]]:
        """What the select renders: "Alle categorieën" first (the browser submits the first
        option of a select left alone), "Alle jaren", the categories of the year filtered on
        (else of the newest year) and the year of the category chosen; every year's
        categories (ten years of taxonomies: hundreds of options) are still accepted."""
        groups = self._categories
        data = self.form.data if self.is_bound else {}
        years = {str(data.get("year", "")) or (groups[1][0] if len(groups) > 1 else "")}
        chosen = str(data.get("category", ""))
        return [
            ("", self.filters["category"].extra.get("empty_label") or _("Alle categorieën")),
            *(
                group
                for index, group in enumerate(groups)
                if index == 0 or group[0] in years or any(value == chosen for value, _label in group[1])
            ),
        ]

    def filter_category(self, queryset: QuerySet[Complaint], name: str, value: str) -> QuerySet[Complaint]:
        if value.startswith(CATEGORY_NAME_PREFIX):
            return queryset.filter(category__name=value.removeprefix(CATEGORY_NAME_PREFIX))
        return queryset.filter(category_id=int(value))

    def filter_reference(self, queryset: QuerySet[Complaint], name: str, value: str) -> QuerySet[Complaint]:
        """By reference; for the coordinator also by the complainant's name or
        e-mail address, as long as those were not erased."""
        value = " ".join(value.split())
        if not value:
            return queryset
        found = Q(reference__iexact=value)
        if can_search_complainants(self.user):
            found |= complainant_q(value)
        return queryset.filter(found)

    def filter_assignee(self, queryset: QuerySet[Complaint], name: str, value: str) -> QuerySet[Complaint]:
        if value == ASSIGNED_TO_ME:
            return queryset.filter(assignee=self.user)
        return queryset.filter(assignee__isnull=True)

    def filter_sort(self, queryset: QuerySet[Complaint], name: str, value: str) -> QuerySet[Complaint]:
        return queryset.order_by(*SORTS[value])

    def filter_verdict(self, queryset: QuerySet[Complaint], name: str, value: str) -> QuerySet[Complaint]:
        return queryset.filter(verdict="" if value == UNKNOWN else value)

    def filter_status(self, queryset: QuerySet[Complaint], name: str, value: str) -> QuerySet[Complaint]:
        if value == OPEN:
            return queryset.filter(status__in=OPEN_STATUSES)
        return queryset.filter(status=value)

    def filter_message(self, queryset: QuerySet[Complaint], name: str, value: str) -> QuerySet[Complaint]:
        return queryset.filter(unread_message_at__isnull=False)

    def filter_safety(self, queryset: QuerySet[Complaint], name: str, value: str) -> QuerySet[Complaint]:
        return queryset.filter(is_safety_concern=True)

    def filter_due(self, queryset: QuerySet[Complaint], name: str, value: str) -> QuerySet[Complaint]:
        return queryset.filter(due_q(value, now=timezone.now()))

    def filter_handler(self, queryset: QuerySet[Complaint], name: str, value: str) -> QuerySet[Complaint]:
        kind, _separator, pk = value.partition("-")
        if kind == "location":
            return queryset.filter(handling_location_id=int(pk))
        if kind == "department":
            return queryset.filter(handling_department_id=int(pk))
        return queryset.filter(handling_location__isnull=True, handling_department__isnull=True)
