from datetime import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complaints.forms import MomentField, SafetyFieldsMixin, StaffForm
from complaints.models import ComplainantKind, Complaint
from organisation.models import Location

REFERENCE_MAX_LENGTH = Complaint._meta.get_field("reference").max_length


class LocationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Location) -> str:
        return f"{obj.name} ({obj.city})" if obj.city else obj.name


class MessageRegisterForm(SafetyFieldsMixin, StaffForm):
    """A new complaint from an e-mail, pre-filled from the message; the safety flag
    can be raised at once, as on the registration form."""

    received_at = MomentField(
        label=_("Ontvangen op"),
        help_text=_("De datum van de e-mail. De termijn van zes weken telt vanaf dit moment."),
    )
    complainant_kind = forms.ChoiceField(
        label=_("Ingediend door"),
        choices=ComplainantKind.choices,
        initial=ComplainantKind.PARENT,
        widget=forms.RadioSelect,
    )
    name = forms.CharField(label=_("Naam indiener"), max_length=200)
    email = forms.EmailField(label=_("E-mailadres"), max_length=254)
    location = LocationChoiceField(
        label=_("Locatie"), queryset=Location.objects.none(), empty_label=_("Kies een locatie")
    )
    description = forms.CharField(label=_("Omschrijving klacht"), max_length=100_000, widget=forms.Textarea)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["location"].queryset = Location.objects.filter(is_active=True).order_by("name")

    def clean_received_at(self) -> datetime:
        received_at = self.cleaned_data["received_at"]
        if received_at > timezone.now():
            raise forms.ValidationError(_("Het ontvangstmoment ligt in de toekomst."))
        return received_at


class MessageAttachForm(StaffForm):
    reference = forms.CharField(
        label=_("Kenmerk van de klacht"), max_length=REFERENCE_MAX_LENGTH, help_text=_("Bijvoorbeeld K2026-00012.")
    )


class ReopenForm(StaffForm):
    reason = forms.CharField(
        label=_("Reden om te heropenen"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
