"""Demo data so the work screens are not empty: users for every role, regions
and departments, and a few dozen open complaints of recent weeks. Everything
here is marked as demo data (a badge on every screen)."""

import random
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from accounts.models import Role, User
from annualreport.services import annual_report_get_or_create
from complaints.models import (
    Category,
    Channel,
    ComplainantKind,
    Complaint,
    ContactMethod,
    TaxonomyVersion,
    Verdict,
)
from complaints.services import (
    ComplainantData,
    complaint_close,
    complaint_forward,
    complaint_register,
    complaint_set_outcome,
    complaint_set_safety,
    contact_record,
    letter_draft,
    letter_send,
    taxonomy_version_copy,
)
from demo.register import DEMO_KVK, ORGANISATION_FILE, REGISTER_FILE
from demo.register import REGIONS as REGISTER_REGIONS
from organisation.lrk import register_import
from organisation.models import Department, LegalEntity, Location, Region
from organisation.structure import structure_import

DEMO_PASSWORD = "klachtwijs-demo"
# The twelve regions of the demo register; locations of the report that have none are spread over them.
REGIONS = REGISTER_REGIONS
DEPARTMENTS = ["Debiteuren en facturatie", "Planning en plaatsing", "Oudersupport"]

_SITUATIONS = [
    (
        "Communicatie vanuit locatie",
        "Ouder geeft aan dat wijzigingen in de groepsindeling niet vooraf zijn gemeld.",
        "Ouder wil voortaan een week van tevoren worden geïnformeerd.",
    ),
    (
        "Personele bezetting",
        "Ouder ziet elke dag andere gezichten op de groep en maakt zich zorgen over de rust.",
        "Ouder wil weten wanneer er weer vaste pedagogisch professionals zijn.",
    ),
    (
        "Sluiting groep / locatie",
        "De groep is deze week twee keer gesloten wegens personeelstekort.",
        "Ouder vraagt om compensatie van de gemiste opvang.",
    ),
    (
        "Facturen en betalingen",
        "Ouder heeft een factuur ontvangen voor een maand waarin het contract al was beëindigd.",
        "Ouder wil de factuur gecrediteerd zien.",
    ),
    (
        "Planning en plaatsing",
        "Ouder heeft nog geen bevestiging ontvangen van de gevraagde extra dag.",
        "Ouder wil binnen een week duidelijkheid over de plaatsing.",
    ),
    (
        "Voeding",
        "Ouder geeft aan dat het dieet van het kind niet is gevolgd tijdens de lunch.",
        "Ouder wil dat de afspraken over voeding op de groep bekend zijn.",
    ),
    (
        "Fysieke veiligheid",
        "Het kind kwam thuis met een schaafwond zonder dat dit bij het ophalen is verteld.",
        "Ouder wil dat incidenten bij de overdracht worden gemeld.",
    ),
    (
        "Ruil- en inhaaluren",
        "Ouder kan de opgebouwde ruiluren niet inzetten omdat de groep steeds vol is.",
        "Ouder wil de ruiluren langer geldig houden.",
    ),
]
_SOLUTION = (
    "Locatiemanager heeft telefonisch contact gehad met de ouder en de situatie besproken. "
    "Er zijn afspraken gemaakt met het team; over vier weken volgt een evaluatie met de ouder."
)


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: str
    scope: str


def _user(username: str, first: str, last: str, role: str, **scope) -> User:
    user, created = User.objects.get_or_create(
        username=username, defaults={"first_name": first, "last_name": last, "role": role, **scope}
    )
    if created:
        user.email = f"{username}@klachtwijs.test"
        user.set_password(DEMO_PASSWORD)
        if role == Role.ADMINISTRATOR:
            user.is_staff = user.is_superuser = True
        user.save()
    return user


def demo_register_load() -> bool:
    """Load the demo's location register (demo/data/lrk-demo.csv) and its organisation file
    (regions, the demo location manager's locations), marking the locations as demo data.

    Only where the two legal entities of the 2025 report exist (the seed is imported) and carry
    no other KvK number; returns whether it loaded. Idempotent: a second run changes nothing."""
    entities = {entity.name: entity for entity in LegalEntity.objects.filter(name__in=DEMO_KVK)}
    if len(entities) != len(DEMO_KVK):
        return False
    for name, kvk_number in DEMO_KVK.items():
        entity = entities[name]
        if entity.kvk_number and entity.kvk_number != kvk_number:
            return False  # configured for a real register: leave it alone
        if not entity.kvk_number:
            entity.kvk_number = kvk_number
            entity.save(update_fields=["kvk_number"])
    register_import(path=REGISTER_FILE, is_demo=True)
    structure_import(path=ORGANISATION_FILE)
    return True


def demo_setup(*, complaints: int = 36, seed: int = 2026, register: bool = True) -> list[DemoUser]:
    rng = random.Random(seed)
    with transaction.atomic():
        regions = [Region.objects.get_or_create(name=f"Regio {name}")[0] for name in REGIONS]
        departments = [Department.objects.get_or_create(name=name)[0] for name in DEPARTMENTS]

        # Busiest by the imported complaints only, so a second run picks the same locations.
        busiest = list(
            Location.objects.annotate(n=Count("complaints", filter=Q(complaints__is_demo=False)))
            .order_by("-n", "name")
            .select_related("region")[:3]
        )
        if not busiest:
            raise RuntimeError("import the annual report first: the demo needs its locations")
        coordinator = _user("coordinator", "Carla", "Coördinator", Role.COORDINATOR)
        manager = _user("locatiemanager", "Lotte", "Locatie", Role.LOCATION_MANAGER)
        manager.locations.add(*busiest[:2])
        _user("debiteuren", "Dirk", "Debiteuren", Role.DEPARTMENT_HANDLER, department=departments[0])
        _user("management", "Mila", "Management", Role.MANAGEMENT)
        _user("beheerder", "Bram", "Beheer", Role.ADMINISTRATOR)

        # The register's locations come with their region; the demo location manager (by e-mail
        # address in the organisation file) also gets the register locations of their two places.
        if register:
            demo_register_load()
        # Spread the locations that have no region yet (the report's names) over the demo regions.
        for index, location in enumerate(Location.objects.filter(region__isnull=True).order_by("name")):
            location.region = regions[index % len(regions)]
            location.save(update_fields=["region"])
        busiest = [Location.objects.select_related("region").get(pk=location.pk) for location in busiest]
        _user("opsmanager", "Omar", "Operations", Role.OPERATIONS_MANAGER, region=busiest[0].region)

        if not Complaint.objects.filter(is_demo=True).exists():
            _demo_complaints(rng, complaints, busiest, departments[0], coordinator, manager)

        # Viewing a report never creates it; the demo makes the report of each imported year up front.
        for year in Complaint.objects.filter(is_demo=False).values_list("year", flat=True).distinct().order_by():
            annual_report_get_or_create(year=year, actor=coordinator)

    return [
        DemoUser("coordinator", "Klachtencoördinator", "alle klachten"),
        DemoUser("locatiemanager", "Locatiemanager", _locations_text(manager)),
        DemoUser("opsmanager", "Operationeel manager", str(busiest[0].region)),
        DemoUser("debiteuren", "Medewerker afdeling", departments[0].name),
        DemoUser("management", "Management", "overzichten, geen persoonsgegevens"),
        DemoUser("beheerder", "Beheerder", "referentiegegevens (/admin/)"),
    ]


def _locations_text(user: User) -> str:
    return ", ".join(
        f"{location.name} ({location.city})" if location.city else location.name
        for location in user.locations.order_by("name", "city")
    )


def _categories_for(year: int) -> dict[str, Category]:
    version = TaxonomyVersion.objects.filter(year=year).first()
    if version is None:
        latest = TaxonomyVersion.objects.filter(year__lt=year).order_by("-year").first()
        if latest is None:
            return {}
        version = taxonomy_version_copy(source=latest, year=year)
    return {category.name: category for category in version.categories.all()}


def _demo_complaints(rng, count, busiest, department, coordinator, manager) -> None:
    now = timezone.now()
    locations = list(Location.objects.filter(is_active=True).order_by("name", "pk"))
    categories_by_year: dict[int, dict[str, Category]] = {}
    safety_flagged = False
    for index in range(count):
        # The first ones sit at the manager's locations so their screen is not empty.
        location = busiest[index % 2] if index % 3 == 0 else rng.choice(locations)
        category_name, description, desired = rng.choice(_SITUATIONS)
        received_at = now - timedelta(days=rng.randint(0, 55), hours=rng.randint(0, 9), minutes=rng.randint(0, 59))
        complaint = complaint_register(
            received_at=received_at,
            channel=rng.choice([Channel.WEB, Channel.WEB, Channel.EMAIL, Channel.PHONE, Channel.LETTER]),
            complainant_kind=rng.choice([ComplainantKind.PARENT] * 5 + [ComplainantKind.PARENT_COMMITTEE]),
            location=location,
            description=description,
            desired_outcome=desired,
            complainant=ComplainantData(
                name=f"Demo-ouder {index + 1}", email=f"ouder{index + 1}@voorbeeld.test", phone="0612345678"
            ),
            actor=coordinator,
            is_demo=True,
        )
        age = (now - received_at).days
        if age < 3:
            continue  # new, not yet triaged
        year = complaint.year
        if year not in categories_by_year:
            categories_by_year[year] = _categories_for(year)
        category = categories_by_year[year].get(category_name)
        if category is None:
            continue
        to_department = category_name == "Facturen en betalingen"
        complaint = complaint_forward(
            complaint=complaint,
            category=category,
            location=location,
            handling_location=None if to_department else location,
            handling_department=department if to_department else None,
            actor=coordinator,
        )
        if not safety_flagged and index % 3 == 0 and age <= 30:
            # One open complaint at the manager's location with a safety flag (red, first in the worklist).
            complaint = complaint_set_safety(
                complaint=complaint,
                flagged=True,
                reason="Kind gevallen van het klimrek; door de huisarts gezien. Hek bij het klimtoestel is los.",
                actor=coordinator,
            )
            safety_flagged = True
        if age >= 7 and index % 2 == 0:
            contact_record(
                complaint=complaint,
                occurred_at=received_at + timedelta(days=rng.randint(1, 5)),
                method=rng.choice(ContactMethod.values),
                summary="Ouder gebeld; de klacht doorgenomen en afgesproken om binnen twee weken terug te koppelen.",
                actor=manager,
            )
        if 20 <= age <= 40 and index % 4 == 0:
            complaint_set_outcome(
                complaint=complaint, verdict=rng.choice(Verdict.values), solution=_SOLUTION, actor=manager
            )
            letter_draft(complaint=complaint, actor=manager)
            letter_send(complaint=complaint, actor=manager)
            complaint_close(complaint=complaint, actor=manager)
