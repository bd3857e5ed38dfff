import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from complaints.models import Category, Complaint, Status, Verdict
from organisation.models import LegalEntity, Location

UNKNOWN = "unknown"


class ComplaintFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Kenmerk"), method="filter_reference")
    year = django_filters.ChoiceFilter(label=_("Jaar"), empty_label=_("Alle jaren"))
    legal_entity = django_filters.ModelChoiceFilter(
        label=_("Label"), queryset=LegalEntity.objects.all(), empty_label=_("Alle labels")
    )
    location = django_filters.ModelChoiceFilter(
        label=_("Locatie"), queryset=Location.objects.none(), empty_label=_("Alle locaties")
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
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices, empty_label=_("Alle statussen"))
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
        fields = ["q", "year", "legal_entity", "location", "category", "verdict", "status"]

    def __init__(self, *args, visible: QuerySet[Complaint], years: list[int], **kwargs) -> None:
        super().__init__(*args, queryset=visible, **kwargs)
        self.filters["year"].extra["choices"] = [(year, str(year)) for year in years]
        # Only locations of complaints this user may see are offered.
        self.filters["location"].queryset = Location.objects.filter(
            id__in=visible.order_by().values("location_id")
        ).order_by("name")
        self.filters["category"].queryset = Category.objects.select_related("version").order_by(
            "-version__year", "position"
        )
        for form_field in self.form.fields.values():
            css = "form-select form-select-sm" if hasattr(form_field, "choices") else "form-control form-control-sm"
            form_field.widget.attrs["class"] = css

    def filter_reference(self, queryset: QuerySet[Complaint], name: str, value: str) -> QuerySet[Complaint]:
        return queryset.filter(reference__iexact=value.strip()) if value.strip() else queryset

    def filter_verdict(self, queryset: QuerySet[Complaint], name: str, value: str) -> QuerySet[Complaint]:
        return queryset.filter(verdict="" if value == UNKNOWN else value)
