"""The organisation that generated complaints belong to: labels, regions,
locations, departments, staff users of every role, and a taxonomy per year.
Each step adds only what is missing, so a second run reuses the first's."""

import re
from collections import defaultdict
from dataclasses import dataclass
from random import Random

from django.contrib.auth.hashers import make_password

from accounts.models import Role, User
from complaints.models import Category, TaxonomyVersion
from organisation.models import Department, LegalEntity, Location, Region, match_key

from .mix import Mix, Picker
from .shapes import CITIES, DEPARTMENTS, FIRST_NAMES, LAST_NAMES, REGIONS, SEED_CATEGORIES, SEED_LABELS, STREETS

USERNAME_PREFIX = "gen-"
GENERATED_PASSWORD = "klachtwijs-demo"


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


def ensure_organisation(rng: Random, *, locations: int, staff: int, mix: Mix, years: list[int]) -> Organisation:
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

    ensure_users(rng, staff=staff, locations=all_locations, regions=regions, departments=departments)
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
        categories=ensure_taxonomies(years, mix),
        users=generated.count(),
    )


def ensure_users(rng: Random, *, staff: int, locations, regions, departments) -> None:
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


def ensure_taxonomies(years: list[int], mix: Mix) -> dict[int, dict[str, int]]:
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
