"""Generate a realistic organisation and years of complaints for load tests.

The shape comes from the seed: the category, verdict, care-type and label mix
of the imported 2025 annual report (hard-coded shares of that report when it
is not imported), and texts recombined from its sentences. Everything is drawn
from one ``random.Random(seed)``, so the same seed and end date give the same
data. On PostgreSQL rows are streamed with COPY in chunks; elsewhere they go
through ``bulk_create`` (small counts and tests)."""

import base64
import json
import re
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from random import Random

from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction
from django.db.models import Count, Max
from django.utils import timezone

from accounts.models import Role, User
from complaints.deadlines import deadline_for, local_zone
from complaints.models import (
    Category,
    Channel,
    Complainant,
    Complaint,
    ComplaintEvent,
    ContactMoment,
    EventKind,
    ReferenceCounter,
    Status,
    TaxonomyVersion,
)
from complaints.services import format_reference
from notifications.models import EmailStatus, OutboundEmail
from organisation.models import Department, LegalEntity, Location, Region, match_key

YEARS = 10
USERNAME_PREFIX = "gen-"
GENERATED_PASSWORD = "klachtwijs-demo"
CHUNK = 20_000
# Loaded with COPY, parents before children.
LOADED = (Complaint, Complainant, ComplaintEvent, ContactMoment, OutboundEmail)

# Shares of the 2025 annual report (513 complaints), used when it is not imported.
SEED_CATEGORIES = {
    "Communicatie vanuit locatie": 99,
    "Personele bezetting": 67,
    "Planning en plaatsing": 38,
    "Fysieke veiligheid": 36,
    "Ruil- en inhaaluren": 33,
    "Sluiting groep / locatie": 30,
    "Binnenruimte": 29,
    "Omgang/interactie met kind": 29,
    "Verzorging kind": 25,
    "Overig OVK & Voorwaarden": 22,
    "Overig veiligheid en ongewenst gedrag": 20,
    "Voeding": 15,
    "Facturen en betalingen": 14,
    "Sociale veiligheid": 10,
    "Activiteiten": 8,
    "Spelmateriaal": 8,
    "Privacy": 6,
    "Schoonmaak": 6,
    "Buitenruimte": 5,
    "Communicatie vanuit servicekantoor": 5,
    "Discriminatie": 4,
    "Tarieven": 2,
    "Overig": 1,
    "Seksueel GOG": 1,
}
SEED_VERDICTS = {"ja": 236, "deels": 177, "nee": 88, "": 12}
SEED_CARE_TYPES = {"dagopvang": 197, "bso": 131, "": 185}
SEED_LABELS = {"Smallsteps B.V.": 315, "Partou B.V.": 198}
# Categories that head office handles rather than the location.
DEPARTMENT_CATEGORIES = {
    "Facturen en betalingen": "Debiteuren en facturatie",
    "Tarieven": "Debiteuren en facturatie",
    "Planning en plaatsing": "Planning en plaatsing",
    "Communicatie vanuit servicekantoor": "Oudersupport",
}
REGIONS = [
    "Noord", "Oost", "Zuid", "West", "Midden", "Randstad",
    "Noordwest", "Zuidoost", "Zuidwest", "Noordoost", "Gelderland", "Limburg",
]  # fmt: skip
DEPARTMENTS = [
    "Debiteuren en facturatie", "Planning en plaatsing", "Oudersupport", "Juridische zaken", "Personeelszaken",
    "Kwaliteit en beleid", "Pedagogiek", "Veiligheid en gezondheid", "Huisvesting", "Facilitair",
    "Communicatie", "Marketing", "ICT", "Privacy en gegevensbescherming", "Financiën", "Inkoop",
    "Werving en selectie", "Opleidingen", "Klantcontact", "Contractbeheer", "Wachtlijstbeheer",
    "Subsidies", "Gastouderbureau", "Vastgoed", "Bestuurssecretariaat", "Interne audit",
    "Arbo en verzuim", "Salarisadministratie", "Medezeggenschap", "Projectbureau",
]  # fmt: skip
CITIES = [
    "Amsterdam", "Rotterdam", "Den Haag", "Utrecht", "Eindhoven", "Groningen", "Tilburg", "Almere", "Breda",
    "Nijmegen", "Apeldoorn", "Haarlem", "Arnhem", "Enschede", "Amersfoort", "Zaanstad", "Den Bosch",
    "Haarlemmermeer", "Zwolle", "Zoetermeer", "Leiden", "Maastricht", "Dordrecht", "Ede", "Alphen aan den Rijn",
    "Leeuwarden", "Alkmaar", "Emmen", "Delft", "Venlo", "Deventer", "Sittard", "Helmond", "Oss", "Amstelveen",
    "Hilversum", "Heerlen", "Nissewaard", "Hengelo", "Purmerend", "Schiedam", "Lelystad", "Roosendaal",
    "Leidschendam", "Gouda", "Hoorn", "Vlaardingen", "Almelo", "Spijkenisse", "Assen",
]  # fmt: skip
STREETS = [
    "Dorpsstraat", "Kerkstraat", "Schoolstraat", "Molenweg", "Stationsweg", "Julianalaan", "Beatrixstraat",
    "Parklaan", "Kastanjelaan", "Lindelaan", "Eikenlaan", "Wilhelminaplein", "Nieuwstraat", "Havenweg",
    "Vondellaan", "Rembrandtlaan", "Marktplein", "Zonnebloemstraat", "Tulpstraat", "Beukenhof",
]  # fmt: skip
FIRST_NAMES = [
    "Anna", "Bram", "Chantal", "Daan", "Eva", "Fatima", "Gijs", "Hanna", "Ilse", "Jesse", "Kim", "Lars",
    "Mila", "Noah", "Olga", "Pieter", "Rana", "Sanne", "Thijs", "Umut", "Vera", "Wouter", "Yara", "Zoë",
]  # fmt: skip
LAST_NAMES = [
    "de Jong", "Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer",
    "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "Yilmaz", "El Amrani", "Dekker", "Brouwer",
]  # fmt: skip
FALLBACK_DESCRIPTION = [
    "Ouder geeft aan dat wijzigingen in de groepsindeling niet vooraf zijn gemeld.",
    "Ouder ziet elke dag andere gezichten op de groep en maakt zich zorgen over de rust.",
    "De groep is deze week twee keer gesloten wegens personeelstekort.",
    "Ouder heeft een factuur ontvangen voor een maand waarin het contract al was beëindigd.",
    "Het kind kwam thuis met een schaafwond zonder dat dit bij het ophalen is verteld.",
    "Ouder kan de opgebouwde ruiluren niet inzetten omdat de groep steeds vol is.",
]
FALLBACK_SOLUTION = [
    "Locatiemanager heeft telefonisch contact gehad met de ouder en de situatie besproken.",
    "Er zijn afspraken gemaakt met het team; over vier weken volgt een evaluatie met de ouder.",
    "De factuur is gecrediteerd en de ouder is hierover schriftelijk geïnformeerd.",
    "Het incident is besproken in het teamoverleg en de overdracht is aangescherpt.",
]
CHANNELS = {Channel.WEB: 55, Channel.EMAIL: 25, Channel.PHONE: 12, Channel.LETTER: 8}
CONTACT_METHODS = ["phone", "phone", "in_person", "email", "letter"]
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9À-Ý])")


@dataclass
class Mix:
    categories: dict[str, int]
    verdicts: dict[str, int]
    care_types: dict[str, int]
    labels: dict[str, int]
    descriptions: dict[str, list[str]]  # sentences per category name
    solutions: list[str]
    source: str


@dataclass
class Organisation:
    locations: list[tuple[int, int, str]]  # (id, legal entity id, name)
    location_weights: list[float]
    departments: dict[str, tuple[int, str]]  # name -> (id, e-mail)
    managers_of: dict[int, list[tuple[int, str]]]  # location id -> [(user id, e-mail)]
    handlers_of: dict[int, list[tuple[int, str]]]  # department id -> [(user id, e-mail)]
    coordinators: list[tuple[int, str]]
    categories: dict[int, dict[str, int]]  # year -> category name -> id
    users: int = 0


@dataclass
class Result:
    complaints: int = 0
    complainants: int = 0
    events: int = 0
    contacts: int = 0
    emails: int = 0
    users: int = 0
    locations: int = 0
    seconds: float = 0.0
    mix_source: str = ""
    by_table: dict[str, int] = field(default_factory=dict)


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(" ".join(text.split())) if len(s.strip()) > 20]


def seed_mix() -> Mix:
    """The mix of the imported seed year, or the published shares when absent."""
    imported = Complaint.objects.filter(channel=Channel.IMPORT)
    if imported.count() >= 100:
        categories = dict(
            imported.exclude(category=None).values_list("category__name").annotate(n=Count("id")).order_by()
        )
        verdicts = dict(imported.values_list("verdict").annotate(n=Count("id")).order_by())
        care_types = dict(imported.values_list("care_type").annotate(n=Count("id")).order_by())
        labels = dict(imported.values_list("legal_entity__name").annotate(n=Count("id")).order_by())
        descriptions: dict[str, list[str]] = defaultdict(list)
        solutions: list[str] = []
        for name, description, solution in imported.order_by("year", "sequence").values_list(
            "category__name", "description", "solution"
        ):
            descriptions[name or ""].extend(split_sentences(description))
            solutions.extend(split_sentences(solution))
        # Sorted: the order of the weights decides the draws, and GROUP BY has no order.
        categories, verdicts, care_types, labels = (
            dict(sorted(counts.items(), key=lambda item: str(item[0])))
            for counts in (categories, verdicts, care_types, labels)
        )
        return Mix(categories, verdicts, care_types, labels, dict(descriptions), solutions, "imported seed data")
    return Mix(
        dict(SEED_CATEGORIES),
        dict(SEED_VERDICTS),
        dict(SEED_CARE_TYPES),
        dict(SEED_LABELS),
        {"": FALLBACK_DESCRIPTION},
        FALLBACK_SOLUTION,
        "published shares of the 2025 report",
    )


class Picker:
    """Weighted choice with precomputed cumulative weights (fast for big runs)."""

    def __init__(self, rng: Random, weights: dict) -> None:
        self.rng = rng
        self.keys = list(weights)
        self.cum = []
        total = 0.0
        for key in self.keys:
            total += float(weights[key])
            self.cum.append(total)

    def __call__(self):
        return self.rng.choices(self.keys, cum_weights=self.cum)[0]


# ---------------------------------------------------------------------------
# Organisation: entities, regions, locations, departments, users, taxonomies


def _ensure_organisation(rng: Random, *, locations: int, staff: int, mix: Mix, years: list[int]) -> Organisation:
    entities = {e.name: e for e in LegalEntity.objects.all()}
    for name in mix.labels or SEED_LABELS:
        if name and name not in entities:
            entities[name] = LegalEntity.objects.create(name=name)
    label_picker = Picker(rng, {entities[n].id: w for n, w in (mix.labels or SEED_LABELS).items() if n in entities})
    regions = [Region.objects.get_or_create(name=f"Regio {name}")[0] for name in REGIONS]
    departments = []
    for name in DEPARTMENTS:
        slug = re.sub(r"[^a-z]+", "-", name.lower()).strip("-")
        departments.append(
            Department.objects.get_or_create(name=name, defaults={"email": f"{slug}@klachtwijs.test"})[0]
        )

    existing = Location.objects.count()
    new_locations = []
    keys = set(Location.objects.values_list("match_key", flat=True))
    while existing + len(new_locations) < locations:
        city = rng.choice(CITIES)
        name = f"{city} {rng.choice(STREETS)} {rng.randint(1, 250)}"
        if match_key(name) in keys:
            continue
        keys.add(match_key(name))
        new_locations.append(
            Location(
                name=name,
                match_key=match_key(name),
                legal_entity_id=label_picker(),
                city=city,
                offers_dagopvang=rng.random() < 0.7,
                offers_bso=rng.random() < 0.5,
                offers_peuteropvang=rng.random() < 0.3,
            )
        )
    Location.objects.bulk_create(new_locations, batch_size=1000)
    for index, location in enumerate(Location.objects.filter(region__isnull=True).order_by("name")):
        location.region = regions[index % len(regions)]
        location.save(update_fields=["region"])
    all_locations = list(Location.objects.order_by("id").values_list("id", "legal_entity_id", "name", "region_id"))

    _ensure_users(rng, staff=staff, locations=all_locations, regions=regions, departments=departments)
    generated = User.objects.filter(username__startswith=USERNAME_PREFIX)
    managers_of: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for user_id, email, location_id in (
        generated.filter(role=Role.LOCATION_MANAGER).order_by("id").values_list("id", "email", "locations")
    ):
        if location_id:
            managers_of[location_id].append((user_id, email))
    handlers_of: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for user_id, email, department_id in (
        generated.filter(role=Role.DEPARTMENT_HANDLER).order_by("id").values_list("id", "email", "department_id")
    ):
        handlers_of[department_id].append((user_id, email))
    coordinators = list(generated.filter(role=Role.COORDINATOR).order_by("id").values_list("id", "email"))

    # Popularity of a location: a few busy ones, a long tail (the seed's shape).
    popularity = Random(f"{len(all_locations)}-popularity")
    weights = [popularity.lognormvariate(0, 0.9) for _ in all_locations]
    return Organisation(
        locations=[(loc_id, entity_id, name) for loc_id, entity_id, name, _region in all_locations],
        location_weights=weights,
        departments={d.name: (d.id, d.email) for d in departments},
        managers_of=dict(managers_of),
        handlers_of=dict(handlers_of),
        coordinators=coordinators,
        categories=_ensure_taxonomies(years, mix),
        users=generated.count(),
    )


def _ensure_users(rng: Random, *, staff: int, locations, regions, departments) -> None:
    if User.objects.filter(username__startswith=USERNAME_PREFIX).exists():
        return
    password = make_password(GENERATED_PASSWORD)
    plan = (
        [(Role.COORDINATOR, {})] * 12
        + [(Role.MANAGEMENT, {})] * 20
        + [(Role.ADMINISTRATOR, {})] * 4
        + [(Role.OPERATIONS_MANAGER, {"region_id": regions[i % len(regions)].id}) for i in range(len(regions) * 3)]
        + [
            (Role.DEPARTMENT_HANDLER, {"department_id": departments[i % len(departments)].id})
            for i in range(len(departments) * 5)
        ]
    )
    plan += [(Role.LOCATION_MANAGER, {})] * max(0, staff - len(plan))
    users = []
    for index, (role, scope) in enumerate(plan, start=1):
        username = f"{USERNAME_PREFIX}{role.replace('_', '')}-{index:04d}"
        users.append(
            User(
                username=username,
                first_name=rng.choice(FIRST_NAMES),
                last_name=rng.choice(LAST_NAMES),
                email=f"{username}@klachtwijs.test",
                role=role,
                password=password,
                is_staff=role == Role.ADMINISTRATOR,
                **scope,
            )
        )
    User.objects.bulk_create(users, batch_size=1000)
    managers = list(
        User.objects.filter(username__startswith=USERNAME_PREFIX, role=Role.LOCATION_MANAGER).order_by("id")
    )
    through = User.locations.through
    links = []
    # Every location gets a manager; managers beyond that share one or two locations.
    for index, manager in enumerate(managers):
        first = locations[index % len(locations)][0]
        links.append(through(user_id=manager.id, location_id=first))
        if rng.random() < 0.4:
            second = locations[(index + 1 + rng.randrange(len(locations) - 1)) % len(locations)][0]
            if second != first:
                links.append(through(user_id=manager.id, location_id=second))
    through.objects.bulk_create(links, batch_size=2000, ignore_conflicts=True)


def _ensure_taxonomies(years: list[int], mix: Mix) -> dict[int, dict[str, int]]:
    """A taxonomy version per year, chained; missing years copy the nearest one."""
    names = list(mix.categories) or list(SEED_CATEGORIES)
    versions = {v.year: v for v in TaxonomyVersion.objects.all()}
    for year in sorted(years):
        if year in versions:
            continue
        previous = versions.get(year - 1)
        if previous is not None and TaxonomyVersion.objects.filter(previous=previous).exists():
            previous = None
        version = TaxonomyVersion.objects.create(year=year, name=f"Indeling {year}", previous=previous)
        Category.objects.bulk_create(
            [Category(version=version, name=name, position=position) for position, name in enumerate(names)]
        )
        versions[year] = version
    result: dict[int, dict[str, int]] = {}
    for year in years:
        cats = dict(Category.objects.filter(version=versions[year]).values_list("name", "id"))
        for name in names:
            if name not in cats:
                cats[name] = Category.objects.create(version=versions[year], name=name, position=len(cats)).id
        result[year] = cats
    return result


# ---------------------------------------------------------------------------
# Complaints and their history


@dataclass
class Sink:
    """Where rows go: ``flush`` gets {model: [row dicts]} per chunk."""

    flush: Callable[[dict[type[models.Model], list[dict]]], None]


def _aware(moment: float) -> datetime:
    return datetime.fromtimestamp(moment, tz=UTC)


def _token(rng: Random) -> str:
    return base64.urlsafe_b64encode(rng.getrandbits(256).to_bytes(32, "big")).decode().rstrip("=")


def generate_demo_data(
    *,
    complaints: int,
    seed: int = 1,
    until: date | None = None,
    locations: int = 750,
    staff: int = 2000,
    progress: Callable[[str], None] | None = None,
    chunk: int = CHUNK,
) -> Result:
    """Build the organisation and ``complaints`` complaints over ten years up to ``until``."""
    started = timezone.now()
    rng = Random(seed)
    zone = local_zone()
    until = until or timezone.localdate()
    end = min(timezone.now(), datetime.combine(until, time(23, 0), tzinfo=zone))
    first_year = until.year - YEARS + 1
    start = datetime(first_year, 1, 1, 7, 0, tzinfo=zone)
    years = list(range(first_year, until.year + 1))
    mix = seed_mix()
    say = progress or (lambda message: None)

    with transaction.atomic():
        # Its own generator: the complaints come out the same whether or not the
        # organisation already existed.
        org_rng = Random(f"{seed}-organisation")
        org = _ensure_organisation(org_rng, locations=locations, staff=staff, mix=mix, years=years)
    say(f"organisation: {len(org.locations)} locations, {org.users} generated staff users; mix from {mix.source}")

    # Receipt moments: uniform over the period with growth of 3% a year, sorted so
    # that sequence numbers follow time within each year.
    span = (end - start).total_seconds()
    moments = sorted(start.timestamp() + span * (rng.random() ** (1 / 1.15)) for _ in range(complaints))
    last = dict(ReferenceCounter.objects.values_list("year", "last"))
    counters = {year: last.get(year, 0) for year in years}
    # Not every import path moves the counter: never reuse a sequence in the table.
    for year, top in Complaint.objects.values_list("year").annotate(top=Max("sequence")).order_by():
        if year in counters:
            counters[year] = max(counters[year], top)

    pickers = {
        "category": Picker(rng, {k: v for k, v in mix.categories.items() if k}),
        "verdict": Picker(rng, {k: v for k, v in mix.verdicts.items() if k}),
        "care": Picker(rng, mix.care_types),
        "channel": Picker(rng, CHANNELS),
    }
    unknown_share = mix.verdicts.get("", 0) / max(1, sum(mix.verdicts.values()))
    location_cum = []
    total = 0.0
    for weight in org.location_weights:
        total += weight
        location_cum.append(total)
    all_sentences = [s for sentences in mix.descriptions.values() for s in sentences] or FALLBACK_DESCRIPTION
    solutions = mix.solutions or FALLBACK_SOLUTION

    ids = {model: _next_id(model) for model in (Complaint, Complainant, ComplaintEvent, ContactMoment, OutboundEmail)}
    first_complaint_id = ids[Complaint]
    sink = _postgres_sink() if connection.vendor == "postgresql" else _orm_sink()
    result = Result(mix_source=mix.source, users=org.users, locations=len(org.locations))
    end_ts = end.timestamp()
    day = 86400.0

    buffers: dict[type[models.Model], list[dict]] = defaultdict(list)

    def next_id(model) -> int:
        ids[model] += 1
        return ids[model] - 1

    def event(complaint_id, kind, at, *, actor=None, label="", data=None) -> None:
        buffers[ComplaintEvent].append(
            {
                "id": next_id(ComplaintEvent),
                "complaint_id": complaint_id,
                "kind": kind,
                "actor_id": actor,
                "actor_label": label,
                "data": data or {},
                "created_at": _aware(at),
            }
        )

    def email(complaint_id, template, to, subject, body, at) -> None:
        email_id = next_id(OutboundEmail)
        buffers[OutboundEmail].append(
            {
                "id": email_id,
                "template": template,
                "to": [to],
                "subject": subject,
                "body_text": body,
                "body_html": "",
                "reply_to": "",
                "complaint_id": complaint_id,
                "status": EmailStatus.SENT,
                "attempts": 1,
                "next_attempt_at": _aware(at),
                "claimed_until": None,
                "claim_token": None,
                "last_error": "",
                "created_at": _aware(at),
                "sent_at": _aware(at + 5),
                "message_id": f"<gen-{seed}-{email_id}@klachtwijs.test>",
            }
        )

    with transaction.atomic():
        definitions = _prepare_postgres(big=complaints >= 50_000) if connection.vendor == "postgresql" else []
        for index, moment in enumerate(moments):
            received = _aware(moment)
            year = received.astimezone(zone).year
            counters[year] += 1
            sequence = counters[year]
            reference = format_reference(year, sequence)
            complaint_id = next_id(Complaint)
            location_id, entity_id, location_name = org.locations[
                rng.choices(range(len(org.locations)), cum_weights=location_cum)[0]
            ]
            category_name = pickers["category"]()
            channel = pickers["channel"]()
            sentences = mix.descriptions.get(category_name) or all_sentences
            description = " ".join(rng.sample(sentences, min(len(sentences), rng.randint(2, 5))))
            age = (end_ts - moment) / day
            # How long handling takes: mostly within the six weeks, some late, a few stuck.
            roll = rng.random()
            if roll < unknown_share:
                fate = "withdrawn"
                duration = rng.uniform(1, 20)
            else:
                fate = "closed"
                if roll < 0.70:
                    duration = rng.uniform(5, 35)
                elif roll < 0.92:
                    duration = rng.uniform(35, 42)
                elif roll < 0.985 or age > 365:
                    duration = rng.uniform(42, 80)
                else:
                    duration = age + 1  # still open, overdue once past six weeks
            forwarded_after = rng.uniform(0.2, 2.5)
            department = DEPARTMENT_CATEGORIES.get(category_name)
            handling_location = None if department else location_id
            handling_department = org.departments[department][0] if department else None
            handlers = (
                org.handlers_of.get(handling_department, []) if department else org.managers_of.get(location_id, [])
            ) or org.coordinators
            handler_id, handler_email = handlers[rng.randrange(len(handlers))]
            coordinator_id, _coordinator_email = org.coordinators[rng.randrange(len(org.coordinators))]

            if duration <= age:
                status = Status.CLOSED if fate == "closed" else Status.WITHDRAWN
                closed_ts = moment + duration * day
            elif age < forwarded_after:
                status, closed_ts = Status.NEW, None
            else:
                status = Status.IN_PROGRESS if age > 5 and rng.random() < 0.6 else Status.FORWARDED
                closed_ts = None
            triaged = status != Status.NEW and not (status == Status.WITHDRAWN and duration < forwarded_after)
            forwarded_ts = moment + forwarded_after * day if triaged else None
            verdict = pickers["verdict"]() if status == Status.CLOSED else ""
            solution = (
                " ".join(rng.sample(solutions, min(len(solutions), rng.randint(2, 4))))
                if status == Status.CLOSED
                else ""
            )
            first, last_name = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            complainant_email = f"{first.lower()}.{index}@voorbeeld.test" if rng.random() < 0.97 else ""
            buffers[Complaint].append(
                {
                    "id": complaint_id,
                    "reference": reference,
                    "year": year,
                    "sequence": sequence,
                    "received_at": received,
                    "appendix_position": None,
                    "channel": channel,
                    "complainant_kind": "parent_committee" if rng.random() < 0.04 else "parent",
                    "legal_entity_id": entity_id,
                    "location_id": location_id,
                    "handling_location_id": handling_location if triaged else None,
                    "handling_department_id": handling_department if triaged else None,
                    "category_id": org.categories[year][category_name] if triaged else None,
                    "care_type": pickers["care"](),
                    "description": description,
                    "desired_outcome": rng.choice(["", "Ouder wil graag een gesprek.", "Excuses en uitleg."]),
                    "status": status,
                    "verdict": verdict,
                    "solution": solution,
                    "due_at": deadline_for(received),
                    "forwarded_at": _aware(forwarded_ts) if forwarded_ts else None,
                    "closed_at": _aware(closed_ts) if closed_ts else None,
                    "publication_text": "",
                    "publication_reviewed": False,
                    "is_demo": True,
                    "status_token": _token(rng),
                    "submission_key": uuid.UUID(int=rng.getrandbits(128), version=4) if channel == "web" else None,
                    "consent_at": received if channel == "web" else None,
                    "withdrawn_reason": "Ouder heeft de klacht ingetrokken." if status == Status.WITHDRAWN else "",
                    "created_at": received,
                    "updated_at": _aware(closed_ts or forwarded_ts or moment),
                }
            )
            buffers[Complainant].append(
                {
                    "id": next_id(Complainant),
                    "complaint_id": complaint_id,
                    "name": f"{first} {last_name}",
                    "email": complainant_email,
                    "phone": f"06{rng.randrange(10**8):08d}" if rng.random() < 0.6 else "",
                    "erased_at": None,
                }
            )
            web = channel == "web"
            event(
                complaint_id,
                EventKind.COMPLAINT_REGISTERED,
                moment,
                actor=None if web else coordinator_id,
                label="indiener" if web else "",
                data={"channel": channel, "reference": reference},
            )
            if complainant_email:
                email(
                    complaint_id,
                    "receipt",
                    complainant_email,
                    f"Uw klacht is ontvangen ({reference})",
                    f"Beste {first},\n\nWe hebben uw klacht ontvangen onder kenmerk {reference}.\n",
                    moment + 2,
                )
            if forwarded_ts:
                unit = location_name if handling_location else department
                event(
                    complaint_id,
                    EventKind.COMPLAINT_FORWARDED,
                    forwarded_ts,
                    actor=coordinator_id,
                    data={
                        "changes": {
                            "category": [None, category_name],
                            "handling_location" if handling_location else "handling_department": [None, unit],
                            "status": ["new", "forwarded"],
                        }
                    },
                )
                email(
                    complaint_id,
                    "handler_forwarded",
                    handler_email,
                    f"Klacht {reference} doorgestuurd",
                    f"Klacht {reference} ({category_name}) is aan u doorgestuurd.\n",
                    forwarded_ts + 2,
                )
            contact_end = closed_ts if status == Status.CLOSED else (end_ts if status == Status.IN_PROGRESS else None)
            if forwarded_ts and contact_end and contact_end > forwarded_ts and rng.random() < 0.8:
                contact_ts = rng.uniform(forwarded_ts, contact_end)
                method = rng.choice(CONTACT_METHODS)
                summary = rng.choice(solutions)
                buffers[ContactMoment].append(
                    {
                        "id": next_id(ContactMoment),
                        "complaint_id": complaint_id,
                        "occurred_at": _aware(contact_ts),
                        "method": method,
                        "summary": summary,
                        "recorded_by_id": handler_id,
                        "created_at": _aware(contact_ts),
                    }
                )
                event(
                    complaint_id,
                    "contact.recorded",
                    contact_ts,
                    actor=handler_id,
                    data={"method": method, "occurred_at": _aware(contact_ts).isoformat(), "summary": summary},
                )
            if status == Status.CLOSED:
                event(
                    complaint_id,
                    EventKind.COMPLAINT_OUTCOME_SET,
                    closed_ts - 60,
                    actor=handler_id,
                    data={"changes": {"verdict": ["", verdict], "solution": ["", "…"]}},
                )
                event(
                    complaint_id,
                    EventKind.COMPLAINT_CLOSED,
                    closed_ts,
                    actor=handler_id,
                    data={"changes": {"status": ["in_progress", "closed"]}},
                )
                if complainant_email:
                    email(
                        complaint_id,
                        "closing_letter",
                        complainant_email,
                        f"Afhandeling van uw klacht {reference}",
                        f"Beste {first},\n\nIn de bijlage vindt u ons oordeel over uw klacht {reference}.\n",
                        closed_ts + 2,
                    )
            elif status == Status.WITHDRAWN:
                event(
                    complaint_id,
                    EventKind.COMPLAINT_WITHDRAWN,
                    closed_ts,
                    label="indiener",
                    data={"changes": {"status": ["forwarded" if triaged else "new", "withdrawn"]}},
                )

            if len(buffers[Complaint]) >= chunk or index == complaints - 1:
                _flush(sink, buffers, result)
                say(f"{index + 1:,} / {complaints:,} complaints ({_elapsed(started)})")

        if definitions:
            say(f"building {len(definitions)} indexes ({_elapsed(started)})")
            restore_indexes(definitions)
        _counters_save(counters)
        if connection.vendor == "postgresql":
            _sequences_reset()
    if connection.vendor == "postgresql" and complaints:
        say(f"indexes restored, analysing ({_elapsed(started)})")
        _analyze()
    result.seconds = (timezone.now() - started).total_seconds()
    assert first_complaint_id + complaints == ids[Complaint]
    return result


def _elapsed(started: datetime) -> str:
    return f"{(timezone.now() - started).total_seconds():.0f} s"


def _flush(sink: Sink, buffers, result: Result) -> None:
    result.complaints += len(buffers[Complaint])
    result.complainants += len(buffers[Complainant])
    result.events += len(buffers[ComplaintEvent])
    result.contacts += len(buffers[ContactMoment])
    result.emails += len(buffers[OutboundEmail])
    # Parents before children, so foreign keys hold at every moment.
    sink.flush({model: buffers[model] for model in LOADED})
    buffers.clear()


def _next_id(model: type[models.Model]) -> int:
    return (model.objects.aggregate(top=Max("id"))["top"] or 0) + 1


def _counters_save(counters: dict[int, int]) -> None:
    for year, last in counters.items():
        if last:
            ReferenceCounter.objects.update_or_create(year=year, defaults={"last": last})


def _sequences_reset() -> None:
    with connection.cursor() as cursor:
        for model in (Complaint, Complainant, ComplaintEvent, ContactMoment, OutboundEmail):
            table = model._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"GREATEST((SELECT COALESCE(MAX(id), 1) FROM {table}), "
                f"(SELECT last_value FROM {table}_id_seq)))"
            )


def _analyze() -> None:
    # VACUUM also sets the visibility map (index-only scans); it cannot run in a transaction (tests).
    command = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
    with connection.cursor() as cursor:
        for model in LOADED:
            cursor.execute(f"{command} {model._meta.db_table}")


def _columns(model: type[models.Model]) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields]


def _orm_sink() -> Sink:
    def flush(tables: dict[type[models.Model], list[dict]]) -> None:
        for model, rows in tables.items():
            model.objects.bulk_create([model(**row) for row in rows], batch_size=500)

    return Sink(flush)


def _postgres_sink() -> Sink:
    """COPY every chunk. Secondary indexes are dropped for a big load and built
    again once at the end (inside the same transaction), which is several times
    faster than maintaining them row by row."""
    plans = {}
    for model in (Complaint, Complainant, ComplaintEvent, ContactMoment, OutboundEmail):
        fields = _columns(model)
        json_columns = {f.attname for f in fields if isinstance(f, models.JSONField)}
        columns = [f.attname for f in fields]
        quoted = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        sql = f"COPY {model._meta.db_table} ({quoted}) FROM STDIN"
        plans[model] = (columns, json_columns, sql)

    def flush(tables: dict[type[models.Model], list[dict]]) -> None:
        raw = connection.connection  # the psycopg connection behind Django's
        with raw.cursor() as cursor:
            for model, rows in tables.items():
                columns, json_columns, sql = plans[model]
                with cursor.copy(sql) as copy:
                    for row in rows:
                        copy.write_row([json.dumps(row[c]) if c in json_columns else row[c] for c in columns])

    return Sink(flush)


def _prepare_postgres(*, big: bool) -> list[str]:
    """Skip the per-row foreign-key triggers (every id is made here, parents are
    written first) when allowed, and drop secondary indexes for a big load."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        if cursor.fetchone()[0]:
            cursor.execute("SET LOCAL session_replication_role = replica")
    if not big:
        return []
    return drop_secondary_indexes((Complaint, Complainant, ComplaintEvent, ContactMoment, OutboundEmail))


def drop_secondary_indexes(models_: Iterable[type[models.Model]]) -> list[str]:
    """Drop indexes that back no constraint; return their definitions."""
    tables = [m._meta.db_table for m in models_]
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT i.relname, pg_get_indexdef(x.indexrelid) FROM pg_index x
               JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
               WHERE t.relname = ANY(%s)
                 AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)""",
            [tables],
        )
        found = cursor.fetchall()
        for name, _definition in found:
            cursor.execute(f'DROP INDEX "{name}"')
    return [definition for _name, definition in found]


def restore_indexes(definitions: list[str]) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        for definition in definitions:
            cursor.execute(definition)
