import uuid
from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from complaints.attachments import MAX_ATTACHMENTS
from complaints.forms import AttachmentsField, MultipleFileInput, PhoneNumberValidator
from complaints.models import ComplainantKind
from complaints.selectors import location_search
from intake import spam
from organisation.models import CareType


class ComplaintForm(forms.Form):
    complainant_kind = forms.ChoiceField(
        label=_("U dient deze klacht in als"),
        choices=ComplainantKind.choices,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        error_messages={
            "required": _("Kies of u de klacht indient als ouder of namens de oudercommissie."),
            "invalid_choice": _("Kies of u de klacht indient als ouder of namens de oudercommissie."),
        },
    )
    name = forms.CharField(
        label=_("Uw naam"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name", "class": "form-control"}),
        error_messages={
            "required": _("Vul uw naam in."),
            "max_length": _("Uw naam mag niet langer zijn dan %(limit_value)d tekens."),
        },
    )
    email = forms.EmailField(
        label=_("Uw e-mailadres"),
        max_length=254,
        help_text=_("Hierop ontvangt u de bevestiging met uw kenmerk en de link naar de status van uw klacht."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "class": "form-control"}),
        error_messages={
            "required": _("Vul uw e-mailadres in."),
            "invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."),
            "max_length": _("Uw e-mailadres mag niet langer zijn dan %(limit_value)d tekens."),
        },
    )
    phone = forms.CharField(
        label=_("Uw telefoonnummer"),
        required=False,
        max_length=40,
        help_text=_("Niet verplicht. Dan kunnen we u ook bellen over uw klacht."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel", "class": "form-control"}),
        error_messages={"max_length": _("Een telefoonnummer is niet langer dan %(limit_value)d tekens.")},
        validators=[PhoneNumberValidator(min_digits=6)],
    )
    location = forms.ModelChoiceField(
        label=_("Locatie"),
        queryset=location_search(public=True),
        required=False,
        help_text=_(
            "Over welke locatie gaat uw klacht? Zoek op een deel van de naam, de plaats, de straat of de postcode."
        ),
        error_messages={
            "invalid_choice": _("Deze locatie bestaat niet (meer). Kies een locatie uit de lijst."),
        },
    )
    location_not_listed = forms.BooleanField(
        label=_("Mijn locatie staat er niet bij"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
    location_text = forms.CharField(
        label=_("Welke locatie is het?"),
        required=False,
        max_length=300,
        help_text=_(
            "Schrijf de naam van de locatie en de plaats, zo goed als u weet. Wij zoeken uit welke locatie het is."
        ),
        widget=forms.TextInput(attrs={"class": "form-control"}),
        error_messages={"max_length": _("Dit antwoord mag niet langer zijn dan %(limit_value)d tekens.")},
    )
    care_type = forms.ChoiceField(
        label=_("Opvangvorm"),
        required=False,
        choices=[("", _("Weet ik niet"))] + list(CareType.choices),
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        initial="",
        error_messages={"invalid_choice": _("Kies een opvangvorm uit de lijst, of 'Weet ik niet'.")},
    )
    description = forms.CharField(
        label=_("Wat is er gebeurd?"),
        max_length=10000,
        help_text=_("Beschrijf wat er is gebeurd, wanneer, en wie erbij betrokken waren."),
        widget=forms.Textarea(attrs={"rows": 8, "class": "form-control"}),
        error_messages={
            "required": _("Beschrijf wat er is gebeurd."),
            "max_length": _("Uw beschrijving mag niet langer zijn dan %(limit_value)d tekens."),
        },
    )
    desired_outcome = forms.CharField(
        label=_("Wat wilt u dat er gebeurt?"),
        required=False,
        max_length=5000,
        help_text=_("Niet verplicht. Bijvoorbeeld een gesprek, excuses of een andere afspraak."),
        widget=forms.Textarea(attrs={"rows": 4, "class": "form-control"}),
        error_messages={"max_length": _("Dit antwoord mag niet langer zijn dan %(limit_value)d tekens.")},
    )
    attachments = AttachmentsField(
        label=_("Bijlagen"),
        required=False,
        help_text=format_lazy(
            _(
                "Niet verplicht. Maximaal {count} bestanden: foto's (JPEG, PNG, GIF, WebP, HEIC) of PDF, "
                "elk hoogstens 10 MB."
            ),
            count=MAX_ATTACHMENTS,
        ),
        widget=MultipleFileInput(attrs={"accept": "image/*,.heic,.heif,application/pdf", "class": "form-control"}),
        error_messages={
            "invalid": _("Een van de bijlagen kon niet worden gelezen. Kies hem opnieuw."),
            "empty": _("Een van de bijlagen is leeg."),
            "too_many": _("U kunt maximaal %(count)d bijlagen meesturen; u koos er %(chosen)d."),
        },
    )
    consent = forms.BooleanField(
        label=_(
            "Ik heb de privacyverklaring gelezen en geef toestemming om mijn gegevens te gebruiken "
            "voor de behandeling van mijn klacht."
        ),
        help_text=_("Wat we met uw gegevens doen en hoe lang we ze bewaren, leest u in de"),
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
        error_messages={
            "required": _(
                "Geef toestemming voor het gebruik van uw gegevens; zonder kunnen we uw klacht niet behandelen."
            )
        },
    )

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name in self.fields and isinstance(self.fields[name].widget, forms.widgets.Input | forms.Textarea):
                widget = self.fields[name].widget
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        self._clean_location(cleaned)
        if self.data.get(spam.HONEYPOT_FIELD):
            raise ValidationError(
                _("Uw klacht is niet verstuurd: laat het veld ‘Laat dit veld leeg’ leeg.") + " " + spam.other_channels()
            )
        age = spam.stamp_age(
            str(self.data.get(spam.STAMP_FIELD, "")), submission_key=str(self.data.get("submission_key", ""))
        )
        if age is None:
            raise ValidationError(
                _(
                    "Het formulier was verlopen of niet volledig geladen. "
                    "Controleer uw gegevens en verstuur het opnieuw."
                )
            )
        if age < spam.MIN_FILL_SECONDS:
            raise ValidationError(
                _("Het formulier werd erg snel verstuurd. Controleer uw gegevens en verstuur het opnieuw.")
            )
        cleaned["submission_key"] = submission_key_from(self.data)
        return cleaned

    def _clean_location(self, cleaned: dict[str, Any]) -> None:
        """A location from the list, or (not listed) the location described in words."""
        text = " ".join(str(cleaned.get("location_text") or "").split())
        cleaned["location_text"] = text
        if cleaned.get("location_not_listed"):
            cleaned["location"] = None
            if not text and "location_text" not in self.errors:
                self.add_error(
                    "location_text", _("Schrijf op over welke locatie uw klacht gaat: de naam en de plaats.")
                )
            return
        cleaned["location_text"] = ""
        if cleaned.get("location") is None and "location" not in self.errors:
            self.add_error(
                "location",
                _("Kies de locatie waarover uw klacht gaat. Staat uw locatie er niet bij? Vink dat dan aan."),
            )

    def error_summary(self) -> list[tuple[str, str]]:
        """(anchor, message) for the list at the top of the page; a group of
        radios is reached through its first option."""
        rows = [("", str(message)) for message in self.non_field_errors()]
        for field in self:
            anchor = f"{field.auto_id}_0" if isinstance(field.field.widget, forms.RadioSelect) else field.auto_id
            rows.extend((anchor, str(message)) for message in field.errors)
        return rows

    def describe_files_again(self) -> None:
        """Point the file input at the request to choose the files again."""
        ids = [f"{self['attachments'].auto_id}_{suffix}" for suffix in ("helptext", "again")]
        if self.is_bound and self.errors.get("attachments"):
            ids.append(f"{self['attachments'].auto_id}_error")
        self.fields["attachments"].widget.attrs["aria-describedby"] = " ".join(ids)


def submission_key_from(data: Mapping[str, Any]) -> uuid.UUID:
    """The key the form was served with, so a second submit finds the first
    complaint; a fresh one when it is missing or not a UUID."""
    try:
        return uuid.UUID(str(data.get("submission_key", "")))
    except ValueError:
        return uuid.uuid4()


def stamp_from(data: Mapping[str, Any], *, submission_key: uuid.UUID) -> str:
    """The stamp to serve the form with again: the original one while it is
    genuine, so the time already spent on the form counts."""
    posted = str(data.get(spam.STAMP_FIELD, ""))
    if posted and spam.stamp_age(posted, submission_key=str(data.get("submission_key", ""))) is not None:
        if str(data.get("submission_key", "")) == str(submission_key):
            return posted
    return spam.stamp_make(submission_key=str(submission_key))


def initial_from(data: Mapping[str, Any]) -> dict[str, Any]:
    """What was typed, to show the form again without judging it yet."""
    return {name: data.get(name) for name in ComplaintForm.base_fields if name != "attachments" and name in data}
