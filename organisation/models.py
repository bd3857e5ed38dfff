from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# The one key for names (the importer matches with it too); imported here so callers
# keep `from organisation.models import match_key`.
from organisation.keys import location_key, match_key
from organisation.keys import search_text as search_text_of
from organisation.search import vocabulary_forget

__all__ = [
    "CareType",
    "Department",
    "LegalEntity",
    "Location",
    "LocationMatchProposal",
    "PublishedCategoryTotal",
    "Region",
    "YearFacts",
    "match_key",
]


class CareType(models.TextChoices):
    DAGOPVANG = "dagopvang", _("Dagopvang (KDV)")
    PEUTEROPVANG = "peuteropvang", _("Peuteropvang")
    BSO = "bso", _("Buitenschoolse opvang (BSO)")
    GASTOUDEROPVANG = "gastouderopvang", _("Gastouderopvang")


class LegalEntity(models.Model):
    """A legal entity; the annual report calls it the "Label"."""

    name = models.CharField(_("naam"), max_length=200, unique=True)
    match_key = models.CharField(_("zoeksleutel"), max_length=200, unique=True, editable=False)
    # The holder's KvK number in the national register (LRK): import_locations keeps the rows of
    # the organisation's own legal entities by it.
    kvk_number = models.CharField(_("KvK-nummer"), max_length=8, blank=True)
    # The order in which reports list the legal entities (appendices of the annual report).
    report_order = models.PositiveSmallIntegerField(_("volgorde in rapportages"), default=0)

    class Meta:
        ordering = ["name"]
        verbose_name = _("rechtspersoon")
        verbose_name_plural = _("rechtspersonen")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.match_key = match_key(self.name)
        super().save(*args, **kwargs)


class Region(models.Model):
    name = models.CharField(_("naam"), max_length=120, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("regio")
        verbose_name_plural = _("regio's")

    def __str__(self) -> str:
        return self.name


class Location(models.Model):
    name = models.CharField(_("naam"), max_length=200)
    # Spellings of one place differ only in spaces, hyphens and case; the key
    # makes such variants one location.
    match_key = models.CharField(_("zoeksleutel"), max_length=200, unique=True, editable=False)
    legal_entity = models.ForeignKey(
        LegalEntity, on_delete=models.PROTECT, related_name="locations", verbose_name=_("rechtspersoon")
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, related_name="locations", verbose_name=_("regio")
    )
    city = models.CharField(_("plaats"), max_length=120, blank=True)
    # From the national register (Landelijk Register Kinderopvang); empty for a place known only
    # as a name in an imported annual report.
    lrk_number = models.CharField(_("LRK-nummer"), max_length=12, unique=True, null=True, blank=True)
    street = models.CharField(_("adres"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    places = models.PositiveIntegerField(_("aantal kindplaatsen"), null=True, blank=True)
    registration_status = models.CharField(_("status in het LRK"), max_length=40, blank=True)
    registered_on = models.DateField(_("inschrijfdatum"), null=True, blank=True)
    deregistered_on = models.DateField(_("uitschrijfdatum"), null=True, blank=True)
    is_demo = models.BooleanField(_("demogegevens"), default=False)
    offers_dagopvang = models.BooleanField(_("dagopvang (KDV)"), default=False)
    offers_peuteropvang = models.BooleanField(_("peuteropvang"), default=False)
    offers_bso = models.BooleanField(_("buitenschoolse opvang (BSO)"), default=False)
    offers_gastouderopvang = models.BooleanField(_("gastouderopvang"), default=False)
    is_active = models.BooleanField(_("actief"), default=True)
    # Name, town, street and postcode folded (no accents, case or hyphens; see
    # organisation.keys.search_text): what the location search matches by substring.
    search_text = models.CharField(_("zoektekst"), max_length=1200, blank=True, default="", editable=False)
    # Set when this location (a historical name) was merged into another; it is then
    # inactive, and an importer that meets its name again uses ``merged_into``.
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_from",
        verbose_name=_("samengevoegd met"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("locatie")
        verbose_name_plural = _("locaties")
        indexes = [models.Index(fields=["legal_entity", "name"]), models.Index(fields=["region", "name"])]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.lrk_number = self.lrk_number or None  # "" from a form would break the unique number
        self.match_key = location_key(self.name, self.lrk_number)
        self.search_text = self.search_text_compute()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "match_key", "search_text"}
        super().save(*args, **kwargs)
        vocabulary_forget()

    def search_text_compute(self) -> str:
        return search_text_of(self.name, self.city, self.street, self.postcode)

    @property
    def current(self) -> "Location":
        """The location this one now lives on as (itself unless it was merged)."""
        location, seen = self, set()
        while location.merged_into_id and location.pk not in seen:
            seen.add(location.pk)
            location = location.merged_into
        return location

    @property
    def is_register_location(self) -> bool:
        return bool(self.lrk_number)

    @property
    def care_types(self) -> list[str]:
        flags = {
            CareType.DAGOPVANG: self.offers_dagopvang,
            CareType.PEUTEROPVANG: self.offers_peuteropvang,
            CareType.BSO: self.offers_bso,
            CareType.GASTOUDEROPVANG: self.offers_gastouderopvang,
        }
        return [care_type for care_type, offered in flags.items() if offered]


class MatchStatus(models.TextChoices):
    PROPOSED = "proposed", _("voorgesteld")
    ACCEPTED = "accepted", _("geaccepteerd")
    REJECTED = "rejected", _("afgewezen")


class LocationMatchProposal(models.Model):
    """A proposal that a location known only as a name in an imported annual report
    (``historical``, no LRK number) is the register location ``candidate``. Made by
    ``organisation.matching``; nothing is merged until a person accepts it."""

    historical = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="match_proposals", verbose_name=_("historische naam")
    )
    candidate = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="match_candidacies", verbose_name=_("locatie in het LRK")
    )
    score = models.FloatField(_("overeenkomst (0-100)"))
    status = models.CharField(_("status"), max_length=12, choices=MatchStatus.choices, default=MatchStatus.PROPOSED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("besloten door"),
    )
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)
    created_at = models.DateTimeField(_("voorgesteld op"), auto_now_add=True)

    class Meta:
        ordering = ["-score", "historical__name"]
        verbose_name = _("voorstel koppeling locatie")
        verbose_name_plural = _("voorstellen koppeling locaties")
        constraints = [
            models.UniqueConstraint(fields=["historical", "candidate"], name="match_proposal_unique_pair"),
            models.CheckConstraint(condition=Q(score__gte=0) & Q(score__lte=100), name="match_proposal_score_range"),
            models.CheckConstraint(
                condition=Q(status="proposed") | Q(decided_at__isnull=False), name="match_proposal_decided_at"
            ),
        ]
        indexes = [models.Index(fields=["status", "score"], name="match_proposal_status_idx")]

    def __str__(self) -> str:
        return f"{self.historical} → {self.candidate} ({self.score:.0f})"


class Department(models.Model):
    """A head-office department that handles complaints (e.g. debiteuren)."""

    name = models.CharField(_("naam"), max_length=120, unique=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    is_active = models.BooleanField(_("actief"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("afdeling")
        verbose_name_plural = _("afdelingen")

    def __str__(self) -> str:
        return self.name


class YearFacts(models.Model):
    """Facts about one year of the organisation. For a year whose complaints are
    not in the system (2024 here) only its published totals are known."""

    year = models.PositiveSmallIntegerField(_("jaar"), unique=True)
    children_served = models.PositiveIntegerField(_("aantal opgevangen kinderen"), null=True, blank=True)
    published_total_complaints = models.PositiveIntegerField(_("gepubliceerd aantal klachten"), null=True, blank=True)
    published_complaint_rate = models.DecimalField(
        _("gepubliceerd klachtpercentage"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    published_disputes_total = models.PositiveIntegerField(_("gepubliceerd aantal geschillen"), null=True, blank=True)
    locations_count = models.PositiveIntegerField(_("aantal locaties"), null=True, blank=True)
    employees_count = models.PositiveIntegerField(_("aantal medewerkers"), null=True, blank=True)
    source = models.CharField(_("bron"), max_length=300, blank=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("jaargegevens")
        verbose_name_plural = _("jaargegevens")
        constraints = [
            models.CheckConstraint(
                condition=Q(published_complaint_rate__isnull=True) | Q(published_complaint_rate__gte=0),
                name="yearfacts_rate_not_negative",
            ),
            models.CheckConstraint(condition=Q(year__gte=2000) & Q(year__lte=2100), name="yearfacts_year_range"),
        ]

    def __str__(self) -> str:
        return str(self.year)


class PublishedCategoryTotal(models.Model):
    """A per-category total as published for a year (e.g. 81 in "Planning en
    plaatsing" in 2024), kept where the complaints themselves are not known."""

    year_facts = models.ForeignKey(
        YearFacts, on_delete=models.CASCADE, related_name="category_totals", verbose_name=_("jaar")
    )
    category_name = models.CharField(_("categorie"), max_length=120)
    total = models.PositiveIntegerField(_("aantal"))

    class Meta:
        ordering = ["category_name"]
        verbose_name = _("gepubliceerd aantal per categorie")
        verbose_name_plural = _("gepubliceerde aantallen per categorie")
        constraints = [
            models.UniqueConstraint(fields=["year_facts", "category_name"], name="published_total_unique_category")
        ]

    def __str__(self) -> str:
        return f"{self.year_facts.year} {self.category_name}: {self.total}"
