import uuid
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complaints.attachments import EXTENSIONS, name_for_type
from complaints.deadlines import TermState, term_state
from organisation.models import CareType

# Wet kinderopvang art. 1.57b: a reasoned verdict at the latest six weeks after receipt.
STATUS_LINK_AFTER_CLOSING = timedelta(days=365)


class TaxonomyVersion(models.Model):
    """The category taxonomy of one year. Each version may map its categories
    onto those of the previous version, so years can be compared."""

    year = models.PositiveSmallIntegerField(_("jaar"), unique=True)
    name = models.CharField(_("naam"), max_length=120)
    previous = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="next", verbose_name=_("vorige versie")
    )

    class Meta:
        ordering = ["-year"]
        verbose_name = _("categorie-indeling")
        verbose_name_plural = _("categorie-indelingen")

    def __str__(self) -> str:
        return self.name


class Category(models.Model):
    version = models.ForeignKey(
        TaxonomyVersion, on_delete=models.PROTECT, related_name="categories", verbose_name=_("versie")
    )
    name = models.CharField(_("naam"), max_length=120)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    is_active = models.BooleanField(_("actief"), default=True)
    maps_to = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="mapped_from",
        verbose_name=_("komt overeen met (vorige versie)"),
    )

    class Meta:
        ordering = ["version", "position", "name"]
        verbose_name = _("categorie")
        verbose_name_plural = _("categorieën")
        constraints = [models.UniqueConstraint(fields=["version", "name"], name="category_unique_name_per_version")]

    def __str__(self) -> str:
        return self.name


class Channel(models.TextChoices):
    WEB = "web", _("Webformulier")
    EMAIL = "email", _("E-mail")
    PHONE = "phone", _("Telefoon")
    LETTER = "letter", _("Brief")
    IMPORT = "import", _("Import (jaarverslag)")


class ComplainantKind(models.TextChoices):
    PARENT = "parent", _("Ouder")
    PARENT_COMMITTEE = "parent_committee", _("Oudercommissie")


class Status(models.TextChoices):
    NEW = "new", _("Nieuw")
    FORWARDED = "forwarded", _("Doorgestuurd")
    IN_PROGRESS = "in_progress", _("In behandeling")
    CLOSED = "closed", _("Afgesloten")
    WITHDRAWN = "withdrawn", _("Ingetrokken")


OPEN_STATUSES = (Status.NEW, Status.FORWARDED, Status.IN_PROGRESS)


class Verdict(models.TextChoices):
    # The stored value "" means unknown: the appendix has complaints without one.
    JA = "ja", _("Gegrond")
    DEELS = "deels", _("Deels gegrond")
    NEE = "nee", _("Ongegrond")


# The short answers to "gegrond?" in the reports' tables and figures (the
# choices' labels are the long form); the one table of verdict labels. Lazy: screens
# show them in the user's language, documents take them under Dutch (str() inside
# translation.override("nl")).
VERDICT_SHORT_LABELS = {Verdict.JA: _("Ja"), Verdict.DEELS: _("Deels"), Verdict.NEE: _("Nee")}
VERDICT_UNKNOWN_LABEL = _("Onbekend")


class Language(models.TextChoices):
    """The language the complainant reads: every e-mail to them and the closing
    letter's fixed texts come in it (issue 18). The values are Django language codes."""

    NL = "nl", _("Nederlands")
    EN = "en", _("Engels")


def language_or_dutch(code: str | None) -> str:
    """A language code as the complaint stores it: English ("en", "en-gb") or else Dutch."""
    return Language.EN if (code or "").split("-")[0].lower() == Language.EN else Language.NL


class Complaint(models.Model):
    reference = models.CharField(_("kenmerk"), max_length=20, unique=True)
    year = models.PositiveSmallIntegerField(_("jaar"))
    sequence = models.PositiveIntegerField(_("volgnummer"))
    # Imported complaints carry no date (the appendix gives none): their year
    # and their place in the appendix instead.
    received_at = models.DateTimeField(_("ontvangen op"), null=True, blank=True)
    appendix_position = models.PositiveIntegerField(_("plaats in bijlage"), null=True, blank=True)
    channel = models.CharField(_("kanaal"), max_length=16, choices=Channel.choices)
    complainant_kind = models.CharField(_("soort indiener"), max_length=20, choices=ComplainantKind.choices, blank=True)
    # The complainant's language: set from the public form's language, or by staff.
    language = models.CharField(_("taal indiener"), max_length=2, choices=Language.choices, default=Language.NL)
    # Empty only while the location is still to be established (``location_text``).
    legal_entity = models.ForeignKey(
        "organisation.LegalEntity",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
        verbose_name=_("label"),
    )
    location = models.ForeignKey(
        "organisation.Location",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
        verbose_name=_("locatie"),
    )
    # The location as the parent described it in words ("Mijn locatie staat er niet bij"):
    # the complaint has no location until triage sets it; the text stays as typed.
    location_text = models.CharField(_("locatie volgens indiener"), max_length=300, blank=True, default="")
    # The location's name as the published annual report printed it: the appendix keeps
    # printing it after the location is merged into a register location or renamed.
    location_name_published = models.CharField(
        _("locatienaam zoals gepubliceerd"), max_length=200, blank=True, default=""
    )
    handling_location = models.ForeignKey(
        "organisation.Location",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="handled_complaints",
        verbose_name=_("behandelende locatie"),
    )
    handling_department = models.ForeignKey(
        "organisation.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="handled_complaints",
        verbose_name=_("behandelende afdeling"),
    )
    # The person within the handling unit who works on it (complaint_assign checks the unit).
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_complaints",
        db_index=False,  # complaint_assignee_status_idx leads with it
        verbose_name=_("toegewezen aan"),
    )
    category = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
        verbose_name=_("categorie"),
    )
    care_type = models.CharField(_("opvangvorm"), max_length=20, blank=True, choices=CareType.choices)
    description = models.TextField(_("omschrijving klacht"))
    desired_outcome = models.TextField(_("gewenste uitkomst"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.NEW)
    verdict = models.CharField(_("klacht gegrond"), max_length=8, choices=Verdict.choices, blank=True)
    solution = models.TextField(_("getroffen oplossing"), blank=True)
    due_at = models.DateTimeField(_("uiterste afhandeldatum"), null=True, blank=True)
    forwarded_at = models.DateTimeField(_("doorgestuurd op"), null=True, blank=True)
    closed_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True)
    publication_text = models.TextField(_("geanonimiseerde publicatietekst"), blank=True)
    publication_reviewed = models.BooleanField(_("publicatietekst gecontroleerd"), default=False)
    is_demo = models.BooleanField(_("demogegevens"), default=False)
    # About a location manager personally: hidden from the managers of its
    # location and handled by the operations manager or a department.
    is_confidential = models.BooleanField(_("vertrouwelijk"), default=False)
    # A child hurt or an unsafe situation: shown in red everywhere, listed first,
    # the operations manager told at once (complaints.services.safety).
    is_safety_concern = models.BooleanField(_("veiligheidsmelding"), default=False)
    safety_reason = models.TextField(_("reden veiligheidsmelding"), blank=True)
    # The complainant's private status link; unguessable, never shown to staff lists.
    status_token = models.CharField(_("statuslink-token"), max_length=64, unique=True, null=True, blank=True)
    # Set by the public form so a double submit stores one complaint.
    submission_key = models.UUIDField(_("inzendsleutel"), unique=True, null=True, blank=True)
    consent_at = models.DateTimeField(_("toestemming privacyverklaring op"), null=True, blank=True)
    withdrawn_reason = models.TextField(_("reden intrekking"), blank=True)
    # The date the handler has given the complainant for the answer once the
    # statutory term could not be met (set with a message to them).
    expected_answer_on = models.DateField(_("verwachte antwoorddatum"), null=True, blank=True)
    # The complainant wrote (reply or status page) and no staff member has opened
    # or answered the complaint since: the worklist's marker.
    unread_message_at = models.DateTimeField(_("nieuw bericht van indiener sinds"), null=True, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        ordering = ["-year", "-sequence"]
        verbose_name = _("klacht")
        verbose_name_plural = _("klachten")
        constraints = [
            models.UniqueConstraint(fields=["year", "sequence"], name="complaint_unique_sequence_per_year"),
            models.CheckConstraint(
                condition=Q(received_at__isnull=False) | Q(channel="import"),
                name="complaint_received_at_required_unless_imported",
            ),
            models.CheckConstraint(
                condition=Q(appendix_position__isnull=True) | Q(channel="import"),
                name="complaint_appendix_position_only_imported",
            ),
            models.CheckConstraint(
                condition=Q(received_at__isnull=True, due_at__isnull=True)
                | Q(received_at__isnull=False, due_at__isnull=False),
                name="complaint_due_at_with_received_at",
            ),
            models.CheckConstraint(
                condition=Q(handling_location__isnull=True) | Q(handling_department__isnull=True),
                name="complaint_one_handling_unit",
            ),
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True) | Q(received_at__isnull=True) | Q(closed_at__gte=F("received_at")),
                name="complaint_closed_after_received",
            ),
            models.CheckConstraint(
                condition=~Q(status="closed") | Q(channel="import") | (Q(closed_at__isnull=False) & ~Q(verdict="")),
                name="complaint_closed_has_date_and_verdict",
            ),
            models.CheckConstraint(
                condition=Q(status="closed") | Q(status="withdrawn") | Q(closed_at__isnull=True),
                name="complaint_open_has_no_closed_at",
            ),
            models.CheckConstraint(condition=Q(sequence__gte=1), name="complaint_sequence_positive"),
            models.CheckConstraint(
                condition=Q(legal_entity__isnull=False) | (Q(location__isnull=True) & ~Q(location_text="")),
                name="complaint_label_unless_location_to_establish",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "due_at"], name="complaint_status_due_idx"),
            models.Index(fields=["location", "status"], name="complaint_location_status_idx"),
            models.Index(fields=["handling_location", "status"], name="complaint_hloc_status_idx"),
            models.Index(fields=["handling_department", "status"], name="complaint_hdept_status_idx"),
            models.Index(fields=["legal_entity", "year"], name="complaint_label_year_idx"),
            models.Index(fields=["category", "year"], name="complaint_category_year_idx"),
            models.Index(fields=["verdict", "year"], name="complaint_verdict_year_idx"),
            models.Index(fields=["received_at"], name="complaint_received_idx"),
            # The few complaints with a message nobody has read yet (the worklist's marker).
            models.Index(
                fields=["unread_message_at"],
                name="complaint_unread_message_idx",
                condition=Q(unread_message_at__isnull=False),
            ),
            models.Index(fields=["assignee", "status"], name="complaint_assignee_status_idx"),
            models.Index(fields=["due_at"], name="complaint_due_idx"),
            # The list filtered on English complaints (a minority), newest first and counted.
            models.Index(fields=["received_at"], name="complaint_english_idx", condition=Q(language="en")),
            # The worklist's counts and groups read every open complaint (11,919 of 1,000,000 in the
            # bench): with the columns they read included, PostgreSQL answers them from this index alone
            # (index-only scans; other databases ignore INCLUDE).
            models.Index(
                fields=["status"],
                include=["id", "due_at", "is_safety_concern", "handling_location", "handling_department", "location"],
                name="complaint_open_cover_idx",
                condition=Q(status__in=[status.value for status in OPEN_STATUSES]),
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_at is not None and self.due_at < timezone.now()

    @property
    def closed_late(self) -> bool:
        return bool(self.closed_at and self.due_at and self.closed_at > self.due_at)

    @property
    def status_link_valid_until(self):
        """The status link works while the complaint is open and a year after it ends."""
        if self.closed_at is None:
            return None
        return self.closed_at + STATUS_LINK_AFTER_CLOSING

    def term(self, *, now=None) -> TermState | None:
        """Days left or overdue of an open complaint (``complaints.deadlines.term_state``)."""
        if self.due_at is None or not self.is_open:
            return None
        return term_state(self.due_at, now=now)

    @property
    def days_left(self) -> int | None:
        """Amsterdam calendar days to the due day (negative once past); None when closed."""
        term = self.term()
        return None if term is None else term.days

    @property
    def location_to_establish(self) -> bool:
        """Filed with "Mijn locatie staat er niet bij": triage still has to set the location."""
        return self.location_id is None and bool(self.location_text)

    @property
    def location_display(self) -> str:
        """The name to print in the annual report's appendix: as published, else the current one."""
        if self.location_name_published:
            return self.location_name_published
        return self.location.name if self.location else ""

    @property
    def handler_display(self) -> str:
        unit = self.handling_location or self.handling_department
        return str(unit) if unit else ""


class Salutation(models.TextChoices):
    MRS = "mevrouw", _("Mevrouw")
    MR = "meneer", _("Meneer")


class Complainant(models.Model):
    """Contact details, kept apart from the complaint text so they can be
    erased without touching the complaint."""

    complaint = models.OneToOneField(
        Complaint, on_delete=models.CASCADE, related_name="complainant", verbose_name=_("klacht")
    )
    name = models.CharField(_("naam"), max_length=200, blank=True)
    # How the complainant likes to be addressed; empty: by the name as given.
    salutation = models.CharField(_("aanhef"), max_length=10, choices=Salutation.choices, blank=True, default="")
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=40, blank=True)
    erased_at = models.DateTimeField(_("gewist op"), null=True, blank=True)

    class Meta:
        verbose_name = _("indiener")
        verbose_name_plural = _("indieners")
        # Earlier complaints of the same complainant (the detail page, by e-mail address in
        # any case or by phone) and the coordinator's search by address: without these a
        # scan of every complainant (0.6 s at a million complaints).
        indexes = [
            models.Index(Upper("email"), name="complainant_email_upper"),
            models.Index(fields=["phone"], name="complainant_phone"),
        ]

    def __str__(self) -> str:
        return self.name or str(_("(onbekend)"))


class ReferenceCounter(models.Model):
    """Last sequence number handed out per year; locked when a reference is made."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("kenmerkteller")
        verbose_name_plural = _("kenmerktellers")

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class EventKind(models.TextChoices):
    """What a history event records: dotted values (stored), Dutch labels (shown)."""

    COMPLAINT_REGISTERED = "complaint.registered", _("Klacht geregistreerd")
    COMPLAINT_IMPORTED = "complaint.imported", _("Geïmporteerd uit het jaarverslag")
    COMPLAINT_IMPORT_UPDATED = "complaint.import_updated", _("Bijgewerkt door nieuwe import")
    COMPLAINT_FORWARDED = "complaint.forwarded", _("Ingedeeld en doorgestuurd")
    COMPLAINT_CLOSED = "complaint.closed", _("Afgesloten")
    COMPLAINT_WITHDRAWN = "complaint.withdrawn", _("Ingetrokken door indiener")
    COMPLAINT_OUTCOME_SET = "complaint.outcome_set", _("Oordeel en oplossing vastgelegd")
    CONTACT_RECORDED = "contact.recorded", _("Contactmoment vastgelegd")
    NOTE_ADDED = "note.added", _("Interne notitie toegevoegd")
    MEASURE_ADDED = "measure.added", _("Maatregel vastgelegd")
    MEASURE_DONE = "measure.done", _("Maatregel gerealiseerd")
    LETTER_DRAFTED = "letter.drafted", _("Afsluitbrief opgesteld")
    LETTER_UPDATED = "letter.updated", _("Afsluitbrief gewijzigd")
    LETTER_SENT = "letter.sent", _("Afsluitbrief verstuurd")
    ATTACHMENT_ADDED = "attachment.added", _("Bijlage toegevoegd")
    EMAIL_SENT = "email.sent", _("E-mail verstuurd")
    EMAIL_FAILED = "email.failed", _("E-mail kon niet worden verstuurd")
    REMINDER_SENT = "reminder.sent", _("Herinnering verstuurd")
    COMPLAINANT_ERASED = "complainant.erased", _("Contactgegevens indiener gewist")
    COMPLAINANT_EXPORTED = "complainant.exported", _("Gegevens indiener uitgevoerd (inzageverzoek)")
    COMPLAINT_MARKED_CONFIDENTIAL = "complaint.marked_confidential", _("Als vertrouwelijk gemarkeerd")
    COMPLAINT_CONFIDENTIALITY_LIFTED = "complaint.confidentiality_lifted", _("Niet meer vertrouwelijk")
    MESSAGE_RECEIVED = "message.received", _("Bericht van indiener")
    COMPLAINT_REOPENED = "complaint.reopened", _("Heropend")
    MESSAGE_SENT = "message.sent", _("Bericht aan indiener")
    ANSWER_DATE_SET = "complaint.answer_date_set", _("Nieuwe antwoorddatum doorgegeven aan indiener")
    STATUS_LINK_SENT = "statuslink.sent", _("Statuslink opnieuw verstuurd")
    COMPLAINT_PUBLICATION_TEXT_SET = (
        "complaint.publication_text_set",
        _("Publicatietekst voor het jaarverslag vastgelegd"),
    )
    # Written by the triage app (issue 16): whether the coordinator took the suggested category.
    SUGGESTION_TAKEN = "suggestion.taken", _("Voorgestelde categorie gekozen")
    SUGGESTION_DECLINED = "suggestion.declined", _("Andere categorie gekozen dan voorgesteld")
    SAFETY_FLAGGED = "complaint.safety_flagged", _("Veiligheidsmelding gemaakt")
    SAFETY_LIFTED = "complaint.safety_lifted", _("Veiligheidsmelding opgeheven")
    # Written by the improvements app: an improvement action was drawn from this complaint.
    IMPROVEMENT_LINKED = "improvement.linked", _("Verbeteractie vastgelegd")
    IMPROVEMENT_CHANGED = "improvement.changed", _("Verbeteractie gewijzigd")
    PUBLICATION_DRAFTED = "publication.drafted", _("Geanonimiseerd concept voor de publicatietekst opgesteld")
    # Issue 12: a historical location (a name from an annual report) merged into a register location.
    LOCATION_MERGED = "location.merged", _("Locatie samengevoegd met een locatie uit het LRK")
    COMPLAINT_ASSIGNED = "complaint.assigned", _("Toegewezen aan een behandelaar")
    # Issue 18: the language the complainant's e-mails and letter come in.
    LANGUAGE_SET = "complaint.language_set", _("Taal van de indiener gewijzigd")


class ComplaintEvent(models.Model):
    """The single history of a complaint: who did what, when, with the old and
    new value of every field that changed (``data["changes"]``). Written only by
    services."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="events", verbose_name=_("klacht"))
    kind = models.CharField(_("soort"), max_length=64, choices=EventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
    )
    # Who acted when no user did: "import", "systeem", "indiener".
    actor_label = models.CharField(_("door (systeem)"), max_length=60, blank=True)
    data = models.JSONField(_("gegevens"), default=dict, blank=True)
    created_at = models.DateTimeField(_("tijdstip"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("gebeurtenis")
        verbose_name_plural = _("gebeurtenissen")
        indexes = [models.Index(fields=["complaint", "created_at"], name="event_complaint_created_idx")]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.kind}"

    @property
    def label(self) -> str:
        # The enum's label, not get_kind_display(): that builds a dict of every kind per call
        # (most of the history's cost on the detail page).
        try:
            return str(EventKind(self.kind).label)
        except ValueError:  # a kind no longer defined shows as stored, as get_kind_display does
            return self.kind

    @property
    def changes(self) -> list[tuple[str, object, object]]:
        """(field label, old, new) for every field this event changed."""
        rows = []
        for field, (old, new) in self.data.get("changes", {}).items():
            try:
                model_field = Complaint._meta.get_field(field)
            except FieldDoesNotExist:
                rows.append((field, old, new))
                continue
            choices = {key: str(value) for key, value in model_field.flatchoices}
            rows.append((str(model_field.verbose_name), choices.get(old, old), choices.get(new, new)))
        return rows


def attachment_path(attachment: "Attachment", filename: str) -> str:
    # The stored name is random: the original name is kept in a field, never trusted as a path.
    extension = EXTENSIONS.get(attachment.content_type, "")
    return f"complaints/{attachment.complaint.year}/{attachment.complaint.reference}/{uuid.uuid4().hex}{extension}"


class Attachment(models.Model):
    complaint = models.ForeignKey(
        Complaint, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("klacht")
    )
    file = models.FileField(_("bestand"), upload_to=attachment_path, max_length=300)
    original_name = models.CharField(_("oorspronkelijke naam"), max_length=255)
    content_type = models.CharField(_("bestandstype"), max_length=100)
    size = models.PositiveIntegerField(_("grootte (bytes)"))
    sha256 = models.CharField(_("controlegetal"), max_length=64)
    uploaded_at = models.DateTimeField(_("geüpload op"), default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")

    def __str__(self) -> str:
        return self.original_name

    @property
    def download_name(self) -> str:
        """The original name with the extension of the type found at upload."""
        return name_for_type(self.original_name, self.content_type)


class ContactMethod(models.TextChoices):
    PHONE = "phone", _("Telefonisch")
    IN_PERSON = "in_person", _("Persoonlijk gesprek")
    EMAIL = "email", _("E-mail")
    LETTER = "letter", _("Brief")


class ContactMoment(models.Model):
    """A contact with the complainant, as the handler recorded it."""

    complaint = models.ForeignKey(
        Complaint, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("klacht")
    )
    occurred_at = models.DateTimeField(_("moment van contact"))
    method = models.CharField(_("manier"), max_length=16, choices=ContactMethod.choices)
    summary = models.TextField(_("samenvatting"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("vastgelegd door")
    )
    created_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)

    class Meta:
        ordering = ["occurred_at", "id"]
        verbose_name = _("contactmoment")
        verbose_name_plural = _("contactmomenten")

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.get_method_display()} {self.occurred_at:%Y-%m-%d}"


class InternalNote(models.Model):
    """Staff-only note; never shown to the complainant."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="notes", verbose_name=_("klacht"))
    text = models.TextField(_("notitie"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("auteur")
    )
    created_at = models.DateTimeField(_("geschreven op"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("interne notitie")
        verbose_name_plural = _("interne notities")

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.created_at:%Y-%m-%d}"


class Measure(models.Model):
    """A measure taken on a complaint, with the concrete term the law asks for."""

    complaint = models.ForeignKey(
        Complaint, on_delete=models.CASCADE, related_name="measures", verbose_name=_("klacht")
    )
    description = models.TextField(_("maatregel"))
    owner = models.CharField(_("wie"), max_length=200)
    due_date = models.DateField(_("gerealiseerd uiterlijk"))
    done_at = models.DateTimeField(_("gerealiseerd op"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("vastgelegd door")
    )
    created_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("maatregel")
        verbose_name_plural = _("maatregelen")
        indexes = [models.Index(fields=["done_at", "due_date"], name="measure_open_due_idx")]

    def __str__(self) -> str:
        return self.description[:60]


class LetterTemplate(models.Model):
    """The editable Dutch text the closing letter is drafted from (Django
    template syntax; see the help text for the variables)."""

    name = models.CharField(_("naam"), max_length=120, unique=True)
    body = models.TextField(
        _("tekst"),
        help_text=_(
            "Beschikbaar: {{ naam }}, {{ kenmerk }}, {{ ontvangen_op }}, {{ locatie }}, {{ omschrijving }}, "
            "{{ oplossing }}, {{ oordeel }}, {{ maatregelen }} (lijst met omschrijving, wie, termijn), "
            "{{ afzender }}."
        ),
    )
    # The English version, for complaints in English; empty: the Dutch text is used.
    body_en = models.TextField(
        _("tekst (Engels)"),
        blank=True,
        help_text=_(
            "Voor klachten in het Engels; dezelfde variabelen als de Nederlandse tekst. "
            "Leeg: de Nederlandse tekst wordt gebruikt."
        ),
    )
    is_default = models.BooleanField(_("standaard"), default=False)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("briefsjabloon")
        verbose_name_plural = _("briefsjablonen")
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=Q(is_default=True), name="letter_template_one_default"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def has_version(self, language: str) -> bool:
        """Whether the template has its own text in ``language`` (Dutch always)."""
        return language != Language.EN or bool(self.body_en.strip())

    def body_for(self, language: str) -> str:
        """The text to draft from for a complaint in ``language``; Dutch when there is no English version."""
        return self.body_en if language == Language.EN and self.has_version(language) else self.body


class MessageTemplate(models.Model):
    """A standard text for a message to the complainant (Django template
    syntax; see the help text for the placeholders)."""

    name = models.CharField(_("naam"), max_length=120, unique=True)
    subject = models.CharField(_("onderwerp"), max_length=200)
    body = models.TextField(
        _("tekst"),
        help_text=_("Beschikbaar: {{ naam }}, {{ kenmerk }}, {{ ontvangen_op }}, {{ locatie }}, {{ afzender }}."),
    )
    # The English version, for complaints in English; empty: the Dutch text is used.
    subject_en = models.CharField(_("onderwerp (Engels)"), max_length=200, blank=True)
    body_en = models.TextField(
        _("tekst (Engels)"),
        blank=True,
        help_text=_("Voor klachten in het Engels; leeg: de Nederlandse tekst wordt gebruikt."),
    )
    is_active = models.BooleanField(_("actief"), default=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("standaardbericht")
        verbose_name_plural = _("standaardberichten")

    def __str__(self) -> str:
        return self.name

    def has_version(self, language: str) -> bool:
        """Whether the template has its own text in ``language`` (Dutch always)."""
        return language != Language.EN or bool(self.body_en.strip())

    def version_for(self, language: str) -> tuple[str, str]:
        """Subject and text for a complaint in ``language``; Dutch when there is no English version."""
        if language == Language.EN and self.has_version(language):
            return self.subject_en.strip() or self.subject, self.body_en
        return self.subject, self.body


class ClosingLetter(models.Model):
    """The written, reasoned verdict sent to the complainant."""

    complaint = models.OneToOneField(
        Complaint, on_delete=models.CASCADE, related_name="letter", verbose_name=_("klacht")
    )
    body = models.TextField(_("tekst"))
    template = models.ForeignKey(
        LetterTemplate, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("sjabloon")
    )
    pdf = models.FileField(_("pdf"), upload_to="letters/", blank=True, max_length=300)
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verstuurd door"),
    )
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("afsluitbrief")
        verbose_name_plural = _("afsluitbrieven")

    def __str__(self) -> str:
        return f"Brief {self.complaint_id}"
