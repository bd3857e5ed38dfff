from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# The one key for names (the importer matches with it too); imported here so callers
# keep `from organisation.models import match_key`.
from organisation.keys import location_key, match_key

__all__ = [
    "CareType",
    "Department",
    "LegalEntity",
    "Location",
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
        super().save(*args, **kwargs)

    @property
    def care_types(self) -> list[str]:
        flags = {
            CareType.DAGOPVANG: self.offers_dagopvang,
            CareType.PEUTEROPVANG: self.offers_peuteropvang,
            CareType.BSO: self.offers_bso,
            CareType.GASTOUDEROPVANG: self.offers_gastouderopvang,
        }
        return [care_type for care_type, offered in flags.items() if offered]


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
