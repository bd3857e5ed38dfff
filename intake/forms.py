import uuid
from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from complaints.attachments import MAX_ATTACHMENTS
from complaints.forms import AttachmentsField, MultipleFileInput, PhoneNumberValidator
from complaints.models import ComplainantKind, Salutation
from complaints.selectors import location_search
from intake import spam
from organisation.models import CareType


def public_attachments_field() -> AttachmentsField:
    """The optional attachments of a public form (the complaint form, the status page)."""
    return AttachmentsField(
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
    salutation = forms.ChoiceField(
        label=_("Hoe mogen we u aanspreken?"),
        required=False,
        choices=[("", _("Met mijn naam")), *Salutation.choices],
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        initial="",
        error_messages={"invalid_choice": _("Kies een aanhef uit de lijst, of ‘Met mijn naam’.")},
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
        # With its legal entity: the complaint takes it (no second query when it is stored).
        queryset=location_search(public=True).select_related("legal_entity"),
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
    attachments = public_attachments_field()
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
        spam_check(self.data, refused=_("Uw klacht is niet verstuurd: laat het veld ‘Laat dit veld leeg’ leeg."))
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


def spam_check(data: Mapping[str, Any], *, refused: str) -> None:
    """The honeypot and the stamp of a public form (the complaint form, the
    status page's forms); ``refused`` is what a filled honeypot is told."""
    if data.get(spam.HONEYPOT_FIELD):
        raise ValidationError(str(refused) + " " + spam.other_channels())
    age = spam.stamp_age(str(data.get(spam.STAMP_FIELD, "")), submission_key=str(data.get("submission_key", "")))
    if age is None:
        raise ValidationError(
            _("Het formulier was verlopen of niet volledig geladen. Controleer uw gegevens en verstuur het opnieuw.")
        )
    if age < spam.MIN_FILL_SECONDS:
        raise ValidationError(
            _("Het formulier werd erg snel verstuurd. Controleer uw gegevens en verstuur het opnieuw.")
        )


class PublicForm(forms.Form):
    """A small public form with the complaint form's spam guards and its way
    of marking invalid fields."""

    refused_message = ""

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        spam_check(self.data, refused=self.refused_message)
        return cleaned

    def error_summary(self) -> list[tuple[str, str]]:
        """(anchor, message) for the list at the top of the form."""
        rows = [("", str(message)) for message in self.non_field_errors()]
        for field in self:
            rows.extend((field.auto_id, str(message)) for message in field.errors)
        return rows


class StatusMessageForm(PublicForm):
    """Information the complainant adds on the status page: text and/or
    attachments, under the complaint form's rules for both."""

    refused_message = _("Uw bericht is niet verstuurd: laat het veld ‘Laat dit veld leeg’ leeg.")

    text = forms.CharField(
        label=_("Uw aanvulling of vraag"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5, "class": "form-control"}),
        error_messages={"max_length": _("Uw bericht mag niet langer zijn dan %(limit_value)d tekens.")},
    )
    attachments = public_attachments_field()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not (cleaned.get("text") or "").strip() and not cleaned.get("attachments") and not self.errors:
            raise ValidationError(_("Schrijf een bericht of kies een bijlage."))
        return cleaned


class LinkRequestForm(PublicForm):
    """ "Stuur mij de link opnieuw": the e-mail address and the reference."""

    refused_message = _("Uw aanvraag is niet verstuurd: laat het veld ‘Laat dit veld leeg’ leeg.")

    email = forms.EmailField(
        label=_("Uw e-mailadres"),
        max_length=254,
        help_text=_("Het adres waarmee u de klacht heeft ingediend."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "class": "form-control"}),
        error_messages={
            "required": _("Vul uw e-mailadres in."),
            "invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."),
        },
    )
    reference = forms.RegexField(
        label=_("Kenmerk van uw klacht"),
        regex=r"^\s*[Kk]\d{4}-\d{5}\s*$",
        max_length=20,
        help_text=_("Staat in de bevestiging, bijvoorbeeld K2026-00012."),
        widget=forms.TextInput(attrs={"class": "form-control", "autocomplete": "off"}),
        error_messages={
            "required": _("Vul het kenmerk van uw klacht in."),
            "invalid": _("Een kenmerk ziet eruit als K2026-00012."),
            "max_length": _("Een kenmerk ziet eruit als K2026-00012."),
        },
    )


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
