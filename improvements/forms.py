"""Forms of the improvement-action screens (Dutch messages next to the fields;
the services check the rules again)."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from complaints.forms import StaffForm
from complaints.models import Category, Complaint
from improvements.models import Kind

REFERENCES_MAX = 50


class OwnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        name = obj.get_full_name() or obj.username
        return f"{name} ({obj.get_role_display()})" if obj.role else name


def owners() -> QuerySet[User]:
    return User.objects.filter(is_active=True).exclude(role="").order_by("first_name", "last_name", "username")


class OwnerFieldsMixin(forms.Form):
    owner = OwnerChoiceField(
        label=_("Eigenaar (wie voert de actie uit)"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Geen account: vul hieronder een naam in"),
    )
    owner_name = forms.CharField(
        label=_("Eigenaar zonder account"),
        required=False,
        max_length=200,
        help_text=_("Bijvoorbeeld een afdeling: “Afdeling communicatie”."),
    )
    due_date = forms.DateField(label=_("Gereed uiterlijk"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not cleaned.get("owner") and not (cleaned.get("owner_name") or "").strip() and "owner" not in self.errors:
            self.add_error("owner", _("Kies een eigenaar of vul de naam van de eigenaar in."))
        return cleaned


class ImprovementCreateForm(OwnerFieldsMixin, StaffForm):
    title = forms.CharField(label=_("Titel"), max_length=200)
    kind = forms.ChoiceField(label=_("Soort verandering"), choices=Kind.choices, widget=forms.RadioSelect)
    description = forms.CharField(
        label=_("Omschrijving"), required=False, max_length=10000, widget=forms.Textarea(attrs={"rows": 4})
    )
    references = forms.CharField(
        label=_("Klachten (kenmerken)"),
        required=False,
        max_length=2000,
        help_text=_("Een of meer kenmerken, gescheiden door komma's of spaties, bijvoorbeeld K2026-00012."),
    )
    categories = forms.ModelMultipleChoiceField(
        label=_("Categorieën (patroon)"),
        queryset=Category.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    field_order = ["title", "kind", "description", "owner", "owner_name", "due_date", "references", "categories"]

    def __init__(self, *args: Any, visible: QuerySet[Complaint], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.visible = visible
        self.fields["categories"].queryset = Category.objects.select_related("version").order_by(
            "-version__year", "position", "name"
        )
        self.fields["categories"].label_from_instance = lambda category: f"{category.name} ({category.version.year})"

    def clean_references(self) -> list[Complaint]:
        text = self.cleaned_data.get("references", "")
        wanted = list(dict.fromkeys(part.strip().upper() for part in text.replace(",", " ").split() if part.strip()))
        if len(wanted) > REFERENCES_MAX:
            raise forms.ValidationError(_("Koppel hoogstens %(count)d klachten tegelijk.") % {"count": REFERENCES_MAX})
        found = {complaint.reference: complaint for complaint in self.visible.filter(reference__in=wanted)}
        missing = [reference for reference in wanted if reference not in found]
        if missing:
            raise forms.ValidationError(
                _("Geen klacht gevonden met kenmerk %(references)s.") % {"references": ", ".join(missing)}
            )
        return [found[reference] for reference in wanted]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not cleaned.get("references") and not cleaned.get("categories") and "references" not in self.errors:
            self.add_error("references", _("Koppel de verbeteractie aan ten minste één klacht of categorie."))
        return cleaned


class ImprovementUpdateForm(OwnerFieldsMixin, StaffForm):
    pass
