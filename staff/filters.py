from datetime import datetime, timedelta
from functools import cached_property

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from complaints.forms import bootstrap_classes
from complaints.models import OPEN_STATUSES, Category, Complaint, Status, Verdict
from complaints.search import complaint_search
from complaints.selectors import departments_in_scope, locations_in_scope, overdue_q, regions_in_scope
from organisation.models import LegalEntity, Location, Region

UNKNOWN = "unknown"
OPEN = "open"
DUE_WEEK = "week"
DUE_OVERDUE = "overdue"
NO_HANDLER = "none"
DUE_SOON = timedelta(days=7)


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
    category = django_filters.ModelChoiceFilter(
        label=_("Categorie"), queryset=Category.objects.none(), empty_label=_("Alle categorieën")
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
    safety = django_filters.ChoiceFilter(
        label=_("Veiligheid"),
        choices=[("1", _("Alleen veiligheidsmeldingen"))],
        method="filter_safety",
        empty_label=_("Alle klachten"),
    )
    ordering = django_filters.OrderingFilter(
        label=_("Sorteren"),
        fields=[("received_at", "received_at"), ("due_at", "due_at"), ("year", "year"), ("sequence", "sequence")],
        field_labels={
            "received_at": _("Ontvangen"),
            "due_at": _("Uiterste datum"),
            "year": _("Jaar"),
            "sequence": _("Volgnummer"),
        },
        empty_label=_("Nieuwste eerst"),
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
        self.filters["category"].queryset = Category.objects.select_related("version").order_by(
            "-version__year", "position"
        )
        bootstrap_classes(self.form.fields, size="sm")

    @cached_property
    def _handlers(self) -> list[tuple[str, str]]:
        departments = [
            (handler_value(department_id=pk), name) for pk, name in self.departments.values_list("id", "name")
        ]
        locations = [(handler_value(location_id=pk), name) for pk, name in self.locations.values_list("id", "name")]
        return [(NO_HANDLER, str(_("Nog niet doorgestuurd"))), *departments, *locations]

    def handler_choices(self) -> list[tuple[str, str]]:
        # Called on validation and again on rendering: one query for both.
        return self._handlers

    search_capped = False

    def filter_text(self, queryset: QuerySet[Complaint], name: str, value: str) -> QuerySet[Complaint]:
        if not value.strip():
            return queryset
        found, self.search_capped = complaint_search(queryset, value)
        return found

    def filter_reference(self, queryset: QuerySet[Complaint], name: str, value: str) -> QuerySet[Complaint]:
        return queryset.filter(reference__iexact=value.strip()) if value.strip() else queryset

    def filter_verdict(self, queryset: QuerySet[Complaint], name: str, value: str) -> QuerySet[Complaint]:
        return queryset.filter(verdict="" if value == UNKNOWN else value)

    def filter_status(self, queryset: QuerySet[Complaint], name: str, value: str) -> QuerySet[Complaint]:
        if value == OPEN:
            return queryset.filter(status__in=OPEN_STATUSES)
        return queryset.filter(status=value)

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
