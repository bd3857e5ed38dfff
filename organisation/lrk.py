"""Import of the national location register (Landelijk Register Kinderopvang, LRK).

The open-data export (`export_opendata_lrk.csv`, format in the shared reference `lrk-export.md`)
holds every registration in the country. Only the rows whose holder's KvK number is that of one of
the organisation's legal entities (`LegalEntity.kvk_number`) are kept; each becomes or updates the
location with its LRK number. A registration that is "Uitgeschreven", or that is missing from the
file while its holder is one of ours, makes its location inactive: locations are never deleted,
their complaints stay.

Two phases like the annual-report importer: every row is read and checked first (problems name
file, line, column and reason, and nothing is written), then everything is written in one
transaction. A second run with the same file changes nothing.

A location known only by a name in an annual report (no LRK number) is left alone here: linking
it to its registration is the matching's job, decided by a person."""

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.db import transaction

from organisation.files import DataFileError, ErrorList, csv_rows, read_text
from organisation.models import LegalEntity, Location

__all__ = [
    "EXPORT_COLUMNS",
    "DataFileError",
    "RegisterImportResult",
    "RegisterRow",
    "normalise_postcode",
    "register_import",
]

# The columns of the export as readers of the file use them (the file has more; unknown ones are
# ignored). The demo's register and the tests write files with these.
EXPORT_COLUMNS = (
    "lrk_id",
    "type_oko",
    "actuele_naam_oko",
    "aantal_kindplaatsen",
    "status",
    "inschrijfdatum",
    "uitschrijfdatum",
    "opvanglocatie_adres",
    "opvanglocatie_postcode",
    "opvanglocatie_woonplaats",
    "verantwoordelijke_gemeente",
    "naam_houder",
    "kvk_nummer_houder",
    "vestigingsnummer_houder",
    "rechtsvorm_houder",
    "contact_telefoon",
    "contact_emailadres",
    "contact_website",
)
REQUIRED_COLUMNS = ("lrk_id", "type_oko", "actuele_naam_oko", "kvk_nummer_houder")
DEREGISTERED = "uitgeschreven"
AGENCY = "GOB"  # gastouderbureau: an agency, not a place where children are cared for

# type_oko -> the care type flag it sets. KDV is day care; PSZ (older files) pre-school care;
# VGO a childminder's home (voorziening voor gastouderopvang).
CARE_TYPE_FLAGS = {
    "KDV": "offers_dagopvang",
    "PSZ": "offers_peuteropvang",
    "BSO": "offers_bso",
    "VGO": "offers_gastouderopvang",
}
FLAG_NAMES = tuple(CARE_TYPE_FLAGS.values())

_POSTCODE = re.compile(r"^([1-9][0-9]{3})\s*([A-Za-z]{2})$")
_LRK_ID = re.compile(r"^[0-9]{1,12}$")
_KVK = re.compile(r"^[0-9]{8}$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})")
_DUTCH_DATE = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})")
_PROGRESS_EVERY = 500


def normalise_postcode(value: str) -> str | None:
    """ "1234ab", "1234 AB" -> "1234 AB"; None for anything that is no Dutch postcode."""
    match = _POSTCODE.match(value.strip())
    return f"{match[1]} {match[2].upper()}" if match else None


def _parse_date(value: str) -> date | None:
    """YYYY-MM-DD (with or without a time after it) or DD-MM-YYYY; ValueError otherwise."""
    if match := _ISO_DATE.match(value):
        year, month, day = (int(part) for part in match.groups())
    elif match := _DUTCH_DATE.match(value):
        day, month, year = (int(part) for part in match.groups())
    else:
        raise ValueError(value)
    return date(year, month, day)


@dataclass(frozen=True, slots=True)
class RegisterRow:
    """One registration of one of the organisation's legal entities, checked."""

    line: int
    lrk_number: str
    kvk_number: str
    type_oko: str
    name: str
    street: str
    postcode: str
    city: str
    places: int | None
    status: str
    registered_on: date | None
    deregistered_on: date | None

    @property
    def is_registered(self) -> bool:
        return not self.status.casefold().startswith(DEREGISTERED)


@dataclass
class RegisterImportResult:
    source: str
    dry_run: bool
    rows: int = 0
    created: int = 0
    updated: int = 0
    deactivated: int = 0
    reactivated: int = 0
    unchanged: int = 0
    skipped: Counter[str] = field(default_factory=Counter)

    @property
    def changed_anything(self) -> bool:
        return bool(self.created or self.updated or self.deactivated)


def _max_length(name: str) -> int:
    return Location._meta.get_field(name).max_length


def read_register(
    path: Path, *, entities_by_kvk: dict[str, LegalEntity], result: RegisterImportResult
) -> list[RegisterRow]:
    """The rows of our legal entities, checked; rows of other holders are counted and ignored."""
    source = str(path)
    columns, rows = csv_rows(read_text(path), source=source, delimiter=";")
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        raise DataFileError(
            f"{source}:1: header: column {', '.join(missing)} missing; is this the LRK export (separator ';')?"
        )
    errors = ErrorList(source)
    kept: list[RegisterRow] = []
    first_line: dict[str, int] = {}
    name_limit = _max_length("match_key") - 13  # room for "#" and the LRK number in the key
    for line, row in rows:
        result.rows += 1
        kvk = row["kvk_nummer_houder"].replace(" ", "")
        if kvk.isdigit() and len(kvk) < 8:
            kvk = kvk.zfill(8)  # a spreadsheet program drops the leading zero of "01234567"
        if kvk not in entities_by_kvk:
            result.skipped["other holder"] += 1
            continue
        type_oko = row["type_oko"].upper()
        if type_oko == AGENCY:
            result.skipped["gastouderbureau (GOB)"] += 1
            continue
        before = len(errors.errors)
        lrk_number = row["lrk_id"]
        if not _LRK_ID.match(lrk_number):
            errors.add(line, "lrk_id", f"{lrk_number!r} is not a registration number (digits only)")
        elif lrk_number in first_line:
            errors.add(line, "lrk_id", f"{lrk_number} appears twice (also on line {first_line[lrk_number]})")
        else:
            first_line[lrk_number] = line
        if type_oko not in CARE_TYPE_FLAGS:
            errors.add(line, "type_oko", f"{row['type_oko']!r} is not KDV, PSZ, BSO, VGO or GOB")
        name = " ".join(row["actuele_naam_oko"].split())
        if not name:
            errors.add(line, "actuele_naam_oko", "empty")
        elif len(name) > name_limit:
            errors.add(line, "actuele_naam_oko", f"{len(name)} characters, at most {name_limit} fit")
        raw_postcode = row.get("opvanglocatie_postcode", "")
        postcode = normalise_postcode(raw_postcode) if raw_postcode else ""
        if postcode is None:
            errors.add(line, "opvanglocatie_postcode", f"{raw_postcode!r} is not a Dutch postcode (1234 AB)")
        street = " ".join(row.get("opvanglocatie_adres", "").split())
        city = " ".join(row.get("opvanglocatie_woonplaats", "").split())
        status = row.get("status", "")
        for column, value, limit in (
            ("opvanglocatie_adres", street, _max_length("street")),
            ("opvanglocatie_woonplaats", city, _max_length("city")),
            ("status", status, _max_length("registration_status")),
        ):
            if len(value) > limit:
                errors.add(line, column, f"{len(value)} characters, at most {limit} fit")
        places: int | None = None
        raw_places = row.get("aantal_kindplaatsen", "")
        if raw_places:
            if raw_places.isdigit() and int(raw_places) <= 100_000:
                places = int(raw_places)
            else:
                errors.add(line, "aantal_kindplaatsen", f"{raw_places!r} is not a number of places")
        dates: dict[str, date | None] = {}
        for column in ("inschrijfdatum", "uitschrijfdatum"):
            raw = row.get(column, "")
            dates[column] = None
            if raw:
                try:
                    dates[column] = _parse_date(raw)
                except ValueError:
                    errors.add(line, column, f"{raw!r} is not a date (YYYY-MM-DD or DD-MM-YYYY)")
        if len(errors.errors) > before:
            continue
        kept.append(
            RegisterRow(
                line=line,
                lrk_number=lrk_number,
                kvk_number=kvk,
                type_oko=type_oko,
                name=name,
                street=street,
                postcode=postcode or "",
                city=city,
                places=places,
                status=status,
                registered_on=dates["inschrijfdatum"],
                deregistered_on=dates["uitschrijfdatum"],
            )
        )
    errors.raise_if_any()
    return kept


def _values(row: RegisterRow, entity: LegalEntity) -> dict[str, Any]:
    return {
        "name": row.name,
        "legal_entity_id": entity.pk,
        "street": row.street,
        "postcode": row.postcode,
        "city": row.city,
        "places": row.places,
        "registration_status": row.status,
        "registered_on": row.registered_on,
        "deregistered_on": row.deregistered_on,
        "is_active": row.is_registered,
        **{flag: flag == CARE_TYPE_FLAGS[row.type_oko] for flag in FLAG_NAMES},
    }


# More registrations missing than this share of the active ones (and more than MISSING_MINIMUM)
# looks like an incomplete file rather than closed locations.
MISSING_LIMIT = 0.25
MISSING_MINIMUM = 10


def _check_missing(path: Path, rows: list[RegisterRow], entities: dict[str, LegalEntity]) -> None:
    active = Location.objects.filter(lrk_number__isnull=False, legal_entity__in=entities.values(), is_active=True)
    in_file = {row.lrk_number for row in rows}
    active_numbers = list(active.values_list("lrk_number", flat=True))
    missing = sum(1 for number in active_numbers if number not in in_file)
    if missing > MISSING_MINIMUM and missing > MISSING_LIMIT * len(active_numbers):
        raise DataFileError(
            f"{path}: {missing} of the {len(active_numbers)} active register locations are not in this file; "
            "is it the complete export? --accept-deactivations deactivates them"
        )


class _DryRunRollback(Exception):
    pass


def register_import(
    *,
    path: Path,
    dry_run: bool = False,
    is_demo: bool = False,
    accept_deactivations: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> RegisterImportResult:
    """Create, update and deactivate the organisation's register locations from an LRK export.

    `is_demo` marks the locations it creates as demo data (the demo's generated register). A file
    that lacks many of the active locations (a truncated download, the wrong file) is refused
    unless `accept_deactivations`: see `MISSING_LIMIT`."""
    result = RegisterImportResult(source=str(path), dry_run=dry_run)
    entities = {e.kvk_number: e for e in LegalEntity.objects.exclude(kvk_number="")}
    if not entities:
        raise DataFileError(
            f"{path}: no legal entity has a KvK number; set it in the admin (Rechtspersonen) so the "
            "organisation's rows of the register can be found"
        )
    bad = [e.name for e in entities.values() if not _KVK.match(e.kvk_number)]
    if bad:
        raise DataFileError(f"{path}: the KvK number of {', '.join(bad)} is not 8 digits (admin)")
    rows = read_register(path, entities_by_kvk=entities, result=result)
    if not accept_deactivations:
        _check_missing(path, rows, entities)
    try:
        with transaction.atomic():
            _write(rows, entities=entities, result=result, is_demo=is_demo, progress=progress)
            if dry_run:
                raise _DryRunRollback
    except _DryRunRollback:
        pass
    return result


def _write(
    rows: list[RegisterRow],
    *,
    entities: dict[str, LegalEntity],
    result: RegisterImportResult,
    is_demo: bool,
    progress: Callable[[int, int], None] | None,
) -> None:
    existing = {
        location.lrk_number: location
        for location in Location.objects.select_for_update().filter(lrk_number__in=[row.lrk_number for row in rows])
    }
    total = len(rows)
    for done, row in enumerate(rows, start=1):
        values = _values(row, entities[row.kvk_number])
        location = existing.get(row.lrk_number)
        if location is None:
            Location.objects.create(lrk_number=row.lrk_number, is_demo=is_demo, **values)
            result.created += 1
        else:
            changed = [name for name, value in values.items() if getattr(location, name) != value]
            if changed:
                was_active = location.is_active
                for name in changed:
                    setattr(location, name, values[name])
                location.save()
                if was_active and not location.is_active:
                    result.deactivated += 1
                else:
                    result.updated += 1
                    result.reactivated += int(not was_active and location.is_active)
            else:
                result.unchanged += 1
        if progress and (done % _PROGRESS_EVERY == 0 or done == total):
            progress(done, total)

    # Registrations of our legal entities that the file no longer holds.
    gone = (
        Location.objects.filter(lrk_number__isnull=False, legal_entity__in=entities.values(), is_active=True)
        .exclude(lrk_number__in=[row.lrk_number for row in rows])
        .select_for_update()
    )
    for location in gone:
        location.is_active = False
        location.save(update_fields=["is_active"])
        result.deactivated += 1
