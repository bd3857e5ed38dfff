"""Forms of the back office. They check what was typed and give Dutch messages
next to the fields; the services check the rules again and do the writing."""

from datetime import datetime, timedelta
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Role, User
from complaints.forms import AttachmentsField, MomentField, PhoneNumberValidator, SafetyFieldsMixin, StaffForm
from complaints.models import (
    Category,
    Channel,
    ComplainantKind,
    Complaint,
    ContactMethod,
    Language,
    Salutation,
    TaxonomyVersion,
    Verdict,
)
from complaints.selectors import assignable_users
from complaints.services import BULK_MAX
from organisation.models import CareType, Department, Location

STAFF_CHANNELS = [(channel.value, channel.label) for channel in (Channel.EMAIL, Channel.PHONE, Channel.LETTER)]
LATEST_RECEIPT = timedelta(days=365)
HANDLER_LOCATION = "location"
HANDLER_DEPARTMENT = "department"
HANDLER_ROLES = (Role.LOCATION_MANAGER, Role.OPERATIONS_MANAGER, Role.DEPARTMENT_HANDLER)


def now_minute() -> datetime:
    return timezone.localtime().replace(second=0, microsecond=0)


class LocationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Location) -> str:
        return f"{obj.name} ({obj.city})" if obj.city else obj.name


def active_locations(*, keep: Location | None = None) -> QuerySet[Location]:
    condition = Q(is_active=True)
    if keep is not None:
        condition |= Q(pk=keep.pk)
    return Location.objects.filter(condition).order_by("name")


class ComplaintRegisterForm(StaffForm):
    channel = forms.ChoiceField(label=_("Binnengekomen per"), choices=STAFF_CHANNELS, widget=forms.RadioSelect)
    received_at = MomentField(
        label=_("Ontvangen op"),
        help_text=_("Datum en tijd waarop de klacht binnenkwam. De termijn van zes weken telt vanaf dit moment."),
    )
    complainant_kind = forms.ChoiceField(
        label=_("Ingediend door"),
        choices=ComplainantKind.choices,
        initial=ComplainantKind.PARENT,
        widget=forms.RadioSelect,
    )
    name = forms.CharField(label=_("Naam indiener"), max_length=200)
    # As on the public form: how the letter and e-mails greet the complainant.
    salutation = forms.ChoiceField(
        label=_("Aanhef"),
        required=False,
        choices=[("", _("Met naam (geen aanhef)")), *Salutation.choices],
        initial="",
        widget=forms.RadioSelect,
    )
    email = forms.EmailField(label=_("E-mailadres"), required=False, max_length=254)
    phone = forms.CharField(
        label=_("Telefoonnummer"),
        required=False,
        max_length=40,
        validators=[PhoneNumberValidator(message=_("Vul een telefoonnummer in met alleen cijfers, spaties, + of -."))],
    )
    # Not required: a form posted without it (an older page) registers a Dutch complaint.
    language = forms.ChoiceField(
        label=_("Taal indiener"),
        choices=Language.choices,
        initial=Language.NL,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("De ontvangstbevestiging, berichten en de afsluitbrief gaan in deze taal naar de indiener."),
    )
    location = LocationChoiceField(
        label=_("Locatie"), queryset=Location.objects.none(), empty_label=_("Kies een locatie")
    )
    care_type = forms.ChoiceField(
        label=_("Opvangvorm"), required=False, choices=[("", _("Onbekend")), *CareType.choices]
    )
    description = forms.CharField(label=_("Omschrijving klacht"), max_length=20000, widget=forms.Textarea)
    desired_outcome = forms.CharField(
        label=_("Gewenste uitkomst"), required=False, max_length=10000, widget=forms.Textarea(attrs={"rows": 3})
    )
    attachments = AttachmentsField(
        label=_("Bijlagen"),
        required=False,
        help_text=_("Foto's (JPEG, PNG, GIF, WebP, HEIC) of PDF, elk hoogstens 10 MB, samen hoogstens 5 bestanden."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["location"].queryset = active_locations()
        self.fields["attachments"].widget.attrs["accept"] = "image/*,application/pdf"

    def clean_received_at(self) -> datetime:
        received_at = self.cleaned_data["received_at"]
        now = timezone.now()
        if received_at > now:
            raise forms.ValidationError(_("Het ontvangstmoment ligt in de toekomst."))
        if received_at < now - LATEST_RECEIPT:
            raise forms.ValidationError(_("Het ontvangstmoment ligt meer dan een jaar terug; controleer de datum."))
        return received_at

    def clean_language(self) -> str:
        return self.cleaned_data["language"] or Language.NL

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not cleaned.get("email") and not cleaned.get("phone") and "email" not in self.errors:
            self.add_error(
                "email", _("Vul een e-mailadres of telefoonnummer in, zodat de behandelaar contact kan opnemen.")
            )
        return cleaned


def taxonomy_for(year: int) -> TaxonomyVersion | None:
    """The taxonomy of the complaint's year, or else the newest one before it."""
    return TaxonomyVersion.objects.filter(year__lte=year).order_by("-year").first()


class ComplaintForwardForm(StaffForm):
    category = forms.ModelChoiceField(
        label=_("Categorie"), queryset=Category.objects.none(), empty_label=_("Kies een categorie")
    )
    location = LocationChoiceField(
        label=_("Locatie van de klacht"), queryset=Location.objects.none(), empty_label=_("Kies een locatie")
    )
    handler_kind = forms.ChoiceField(
        label=_("Behandeld door"),
        choices=[(HANDLER_LOCATION, _("Een locatie")), (HANDLER_DEPARTMENT, _("Een afdeling van het hoofdkantoor"))],
        initial=HANDLER_LOCATION,
        widget=forms.RadioSelect,
    )
    handling_location = LocationChoiceField(
        label=_("Behandelende locatie"),
        required=False,
        queryset=Location.objects.none(),
        empty_label=_("Dezelfde als de locatie van de klacht"),
    )
    handling_department = forms.ModelChoiceField(
        label=_("Behandelende afdeling"),
        required=False,
        queryset=Department.objects.none(),
        empty_label=_("Kies een afdeling"),
    )

    def __init__(self, *args: Any, complaint: Complaint, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "category": complaint.category_id,
                "location": complaint.location_id,
                "handler_kind": HANDLER_DEPARTMENT if complaint.handling_department_id else HANDLER_LOCATION,
                "handling_location": (
                    complaint.handling_location_id if complaint.handling_location_id != complaint.location_id else None
                ),
                "handling_department": complaint.handling_department_id,
            },
        )
        super().__init__(*args, **kwargs)
        self.taxonomy = taxonomy_for(complaint.year)
        if self.taxonomy is not None:
            self.fields["category"].queryset = self.taxonomy.categories.filter(
                Q(is_active=True) | Q(pk=complaint.category_id or 0)
            ).order_by("position", "name")
        self.fields["location"].queryset = active_locations(keep=complaint.location)
        self.fields["handling_location"].queryset = active_locations(keep=complaint.handling_location)
        self.fields["handling_department"].queryset = Department.objects.filter(
            Q(is_active=True) | Q(pk=complaint.handling_department_id or 0)
        ).order_by("name")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("handler_kind") == HANDLER_DEPARTMENT:
            if not cleaned.get("handling_department"):
                self.add_error("handling_department", _("Kies de afdeling die de klacht behandelt."))
            cleaned["handling_location"] = None
        elif cleaned.get("handler_kind") == HANDLER_LOCATION:
            cleaned["handling_location"] = cleaned.get("handling_location") or cleaned.get("location")
            cleaned["handling_department"] = None
        return cleaned


class ContactForm(StaffForm):
    occurred_at = MomentField(label=_("Moment van contact"))
    method = forms.ChoiceField(label=_("Manier"), choices=ContactMethod.choices, widget=forms.RadioSelect)
    summary = forms.CharField(label=_("Samenvatting"), max_length=10000, widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"occurred_at": now_minute()})
        super().__init__(*args, **kwargs)

    def clean_occurred_at(self) -> datetime:
        occurred_at = self.cleaned_data["occurred_at"]
        if occurred_at > timezone.now():
            raise forms.ValidationError(_("Het contactmoment ligt in de toekomst."))
        return occurred_at


class NoteForm(StaffForm):
    text = forms.CharField(
        label=_("Notitie"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Alleen zichtbaar voor medewerkers, nooit voor de indiener."),
    )


class PublicationTextForm(StaffForm):
    publication_text = forms.CharField(
        label=_("Publicatietekst"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Deze tekst komt in bijlage 1 van het jaarverslag. Haal namen van kinderen, ouders en medewerkers weg."
        ),
    )
    reviewed = forms.BooleanField(label=_("Gecontroleerd: deze tekst bevat geen persoonsgegevens"), required=False)


class MeasureForm(StaffForm):
    description = forms.CharField(label=_("Maatregel"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    owner = forms.CharField(label=_("Wie voert de maatregel uit"), max_length=200)
    due_date = forms.DateField(
        label=_("Uiterlijk gerealiseerd op"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("De concrete termijn die de indiener in de afsluitbrief leest."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["due_date"].widget.attrs["min"] = timezone.localdate().isoformat()

    def clean_due_date(self):
        due_date = self.cleaned_data["due_date"]
        if due_date < timezone.localdate():
            raise forms.ValidationError(_("Kies een termijn vanaf vandaag."))
        return due_date


class OutcomeForm(StaffForm):
    verdict = forms.ChoiceField(label=_("Is de klacht gegrond?"), choices=Verdict.choices, widget=forms.RadioSelect)
    solution = forms.CharField(
        label=_("Getroffen oplossing"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Wat er is gedaan; deze tekst komt in de afsluitbrief."),
    )


class LanguageForm(StaffForm):
    """The language the complainant is written to in."""

    language = forms.ChoiceField(
        label=_("Taal indiener"),
        choices=Language.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Berichten, herinneringen aan de statuslink en de afsluitbrief gaan in deze taal naar de indiener."
        ),
    )


class LetterForm(StaffForm):
    body = forms.CharField(label=_("Tekst van de brief"), max_length=50000, widget=forms.Textarea(attrs={"rows": 24}))


class WithdrawForm(StaffForm):
    reason = forms.CharField(
        label=_("Hoe en waarom heeft de indiener de klacht ingetrokken?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ConfidentialForm(StaffForm):
    reason = forms.CharField(
        label=_("Waarom?"),
        help_text=_("Bijvoorbeeld: de klacht gaat over de locatiemanager zelf."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class EraseForm(StaffForm):
    reason = forms.CharField(
        label=_("Reden van het wissen"),
        help_text=_("Bijvoorbeeld: verzoek van de indiener per e-mail van 3 maart."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ComplainantMessageForm(StaffForm):
    subject = forms.CharField(label=_("Onderwerp"), max_length=200)
    text = forms.CharField(label=_("Bericht"), max_length=20000, widget=forms.Textarea(attrs={"rows": 10}))


class AnswerDateForm(StaffForm):
    """A new date for the answer, with the message that tells the complainant."""

    answer_on = forms.DateField(
        label=_("Nieuwe datum voor het oordeel"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("De indiener ziet deze datum op de statuspagina; onder het bericht staat hij ook."),
        error_messages={"required": _("Kies een datum."), "invalid": _("Vul een geldige datum in.")},
    )
    subject = forms.CharField(label=_("Onderwerp"), max_length=200)
    text = forms.CharField(label=_("Bericht"), max_length=20000, widget=forms.Textarea(attrs={"rows": 8}))


class AssignForm(StaffForm):
    """Assign a complaint to a person of its handling unit (or to nobody)."""

    assignee = forms.ModelChoiceField(
        label=_("Toewijzen aan"), queryset=User.objects.none(), required=False, empty_label=_("Niemand")
    )

    def __init__(self, *args: Any, complaint: Complaint, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"assignee": complaint.assignee_id})
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = assignable_users(complaint)


class SavedFilterForm(StaffForm):
    name = forms.CharField(label=_("Naam van het filter"), max_length=80)
    query = forms.CharField(widget=forms.HiddenInput, max_length=1000, required=False)


BULK_FORWARD = "forward"
BULK_ASSIGN = "assign"
BULK_MARK = "mark"
BULK_ACTIONS = [
    (BULK_FORWARD, _("Doorsturen naar een behandelaar")),
    (BULK_ASSIGN, _("Toewijzen aan een persoon")),
    (BULK_MARK, _("Markeren als vertrouwelijk")),
]


class BulkSelectionForm(forms.Form):
    """What the list posts: the chosen action and the selected complaints."""

    action = forms.ChoiceField(label=_("Actie"), choices=BULK_ACTIONS)
    complaint = forms.MultipleChoiceField(label=_("Klachten"), choices=[])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Any reference-shaped value; the view reads them within the user's scope.
        self.fields["complaint"].valid_value = lambda value: 0 < len(value) <= 20 and "\x00" not in value
        self.fields["complaint"].error_messages["required"] = _("Kies eerst een of meer klachten in de lijst.")

    def clean_complaint(self) -> list[str]:
        references = list(dict.fromkeys(self.cleaned_data["complaint"]))
        if len(references) > BULK_MAX:
            raise forms.ValidationError(_("Kies hoogstens %(max)d klachten tegelijk.") % {"max": BULK_MAX})
        return references


class BulkForwardForm(StaffForm):
    handler = forms.ChoiceField(label=_("Behandelaar"), choices=[])
    category = forms.ModelChoiceField(
        label=_("Categorie"),
        queryset=Category.objects.none(),
        required=False,
        empty_label=_("Categorie van elke klacht houden"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        departments = [
            (f"department-{pk}", name)
            for pk, name in Department.objects.filter(is_active=True).order_by("name").values_list("id", "name")
        ]
        locations = [
            (f"location-{pk}", name)
            for pk, name in Location.objects.filter(is_active=True).order_by("name").values_list("id", "name")
        ]
        self.fields["handler"].choices = [
            ("", _("Kies een behandelaar")),
            (str(_("Afdelingen")), departments),
            (str(_("Locaties")), locations),
        ]
        self.fields["category"].queryset = (
            Category.objects.filter(is_active=True).select_related("version").order_by("-version__year", "position")
        )
        self.fields["category"].label_from_instance = lambda category: f"{category.name} ({category.version.year})"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        kind, _separator, pk = cleaned.get("handler", "").partition("-")
        cleaned["handling_location"] = Location.objects.get(pk=pk) if kind == "location" else None
        cleaned["handling_department"] = Department.objects.get(pk=pk) if kind == "department" else None
        return cleaned


class BulkAssignForm(StaffForm):
    assignee = forms.ModelChoiceField(
        label=_("Toewijzen aan"),
        queryset=User.objects.none(),
        empty_label=_("Kies een persoon"),
        help_text=_("Alleen klachten waarvan deze persoon bij de behandelaar hoort, worden toegewezen."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = User.objects.filter(is_active=True, role__in=HANDLER_ROLES).order_by(
            "first_name", "last_name", "username"
        )
        self.fields["assignee"].label_from_instance = lambda user: f"{user} ({user.get_role_display()})"


class BulkMarkForm(StaffForm):
    reason = forms.CharField(
        label=_("Reden"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Komt bij elke klacht in de geschiedenis."),
    )  # fmt: skip


# Issue 14 point 6: attachments after intake, the safety flag, reopening.


class AttachmentAddForm(StaffForm):
    attachments = AttachmentsField(
        label=_("Bestanden"),
        help_text=_("Foto's (JPEG, PNG, GIF, WebP, HEIC) of PDF, elk hoogstens 10 MB, hoogstens 5 tegelijk."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attachments"].widget.attrs["accept"] = "image/*,application/pdf"


class SafetyForm(StaffForm):
    reason = forms.CharField(
        label=_("Waarom?"),
        help_text=_("Bijvoorbeeld: een kind heeft zich bezeerd, of de situatie op de groep is onveilig."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SafeComplaintRegisterForm(SafetyFieldsMixin, ComplaintRegisterForm):
    pass


class SafeComplaintForwardForm(SafetyFieldsMixin, ComplaintForwardForm):
    def __init__(self, *args: Any, complaint: Complaint, **kwargs: Any) -> None:
        super().__init__(*args, complaint=complaint, **kwargs)
        if complaint.is_safety_concern:
            # Already flagged: lifting it is the detail page's action, with a reason.
            del self.fields["safety_concern"]
            del self.fields["safety_reason"]


class ReopenForm(StaffForm):
    reason = forms.CharField(
        label=_("Waarom wordt de klacht heropend?"),
        help_text=_("Bijvoorbeeld: de ouder is het niet eens met de afhandeling en heeft nieuwe informatie gestuurd."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
