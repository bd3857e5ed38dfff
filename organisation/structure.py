"""Import of the organisation file: which region each register location belongs to, and which
location manager handles it.

A CSV (separator `;` or `,`, UTF-8 or Latin-1) or XLSX file with the columns `lrk_nummer`,
`regio` and `email_locatiemanager`. A region that does not exist yet is created; the user with
that e-mail address gets the location in their scope (`User.locations`, the scope of a location
manager). An LRK number that is no location, or an e-mail address that is no location manager,
is reported with file and line, never guessed; nothing is written then. One transaction; a second
run changes nothing.

`organisation` is a ground app and does not import `accounts` (the contracts keep ground apps
apart): the user model is reached through Django's `get_user_model()`."""

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from organisation.files import DataFileError, ErrorList, csv_rows, read_text
from organisation.models import Location, Region

# accounts.models.Role.LOCATION_MANAGER (a test checks that they agree).
LOCATION_MANAGER_ROLE = "location_manager"
COLUMNS = ("lrk_nummer", "regio", "email_locatiemanager")


@dataclass(frozen=True, slots=True)
class AssignmentRow:
    line: int
    lrk_number: str
    region: str
    email: str


@dataclass
class StructureImportResult:
    source: str
    dry_run: bool
    rows: int = 0
    regions_created: int = 0
    regions_set: int = 0
    managers_added: int = 0
    unchanged: int = 0
    managers: Counter[str] = field(default_factory=Counter)

    @property
    def changed_anything(self) -> bool:
        return bool(self.regions_created or self.regions_set or self.managers_added)


def _xlsx_rows(path: Path) -> tuple[list[str], Iterator[tuple[int, dict]]]:
    from openpyxl import load_workbook  # only for XLSX files

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is no workbook
        raise DataFileError(f"{path}: is not a readable XLSX file ({exc.__class__.__name__})") from exc
    sheet = workbook.worksheets[0]
    values = sheet.iter_rows(values_only=True)
    header = next(values, None)
    if header is None:
        raise DataFileError(f"{path}:1: header: the sheet is empty")
    columns = [str(name or "").strip().lower() for name in header]

    def text(value) -> str:
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # an LRK number typed in a cell comes back as 123456789.0
        return str(value).strip()

    def rows() -> Iterator[tuple[int, dict]]:
        for line, row in enumerate(values, start=2):
            if not any(text(value) for value in row):
                continue
            yield line, {name: text(row[i]) if i < len(row) else "" for i, name in enumerate(columns)}
        workbook.close()

    return columns, rows()


def read_structure(path: Path) -> list[AssignmentRow]:
    source = str(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        columns, rows = _xlsx_rows(path)
    else:
        columns, rows = csv_rows(read_text(path), source=source, delimiter=None)
    if "lrk_nummer" not in columns or not ({"regio", "email_locatiemanager"} & set(columns)):
        raise DataFileError(f"{source}:1: header: the columns are {', '.join(COLUMNS)}; found {', '.join(columns)}")
    errors = ErrorList(source)
    result: list[AssignmentRow] = []
    region_limit = Region._meta.get_field("name").max_length
    for line, row in rows:
        lrk_number = row.get("lrk_nummer", "")
        region = " ".join(row.get("regio", "").split())
        email = row.get("email_locatiemanager", "").strip()
        if not lrk_number:
            errors.add(line, "lrk_nummer", "empty")
        if len(region) > region_limit:
            errors.add(line, "regio", f"{len(region)} characters, at most {region_limit} fit")
        result.append(AssignmentRow(line=line, lrk_number=lrk_number, region=region, email=email))
    errors.raise_if_any()
    return result


class _DryRunRollback(Exception):
    pass


def structure_import(*, path: Path, dry_run: bool = False) -> StructureImportResult:
    """Set the region and the location managers of register locations from the organisation file."""
    rows = read_structure(path)
    result = StructureImportResult(source=str(path), dry_run=dry_run, rows=len(rows))
    errors = ErrorList(str(path))
    locations = {
        location.lrk_number: location
        for location in Location.objects.filter(lrk_number__in={row.lrk_number for row in rows})
    }
    user_model = get_user_model()
    emails = {row.email.casefold() for row in rows if row.email}
    users_by_email: dict[str, list] = {}
    for user in user_model.objects.exclude(email="") if emails else []:
        if user.email.casefold() in emails:
            users_by_email.setdefault(user.email.casefold(), []).append(user)
    for row in rows:
        if row.lrk_number not in locations:
            errors.add(row.line, "lrk_nummer", f"{row.lrk_number} is no known location (import the register first)")
        if not row.email:
            continue
        users = users_by_email.get(row.email.casefold(), [])
        if not users:
            errors.add(row.line, "email_locatiemanager", f"{row.email} is no user of Klachtwijs")
        elif len(users) > 1:
            errors.add(row.line, "email_locatiemanager", f"{row.email} belongs to {len(users)} users; which is meant?")
        elif users[0].role != LOCATION_MANAGER_ROLE:
            errors.add(
                row.line,
                "email_locatiemanager",
                f"{row.email} is no location manager (role: {users[0].get_role_display() or 'none'})",
            )
        elif not users[0].is_active:
            errors.add(row.line, "email_locatiemanager", f"{row.email} is an inactive account")
    errors.raise_if_any()

    try:
        with transaction.atomic():
            _write(rows, locations=locations, users_by_email=users_by_email, result=result)
            if dry_run:
                raise _DryRunRollback
    except _DryRunRollback:
        pass
    return result


def _write(rows: list[AssignmentRow], *, locations: dict, users_by_email: dict, result: StructureImportResult) -> None:
    regions = {region.name.casefold(): region for region in Region.objects.all()}
    managed = {
        (link.user_id, link.location_id)
        for link in get_user_model().locations.through.objects.filter(
            location_id__in=[location.pk for location in locations.values()]
        )
    }
    for row in rows:
        location = locations[row.lrk_number]
        changed = False
        if row.region:
            region = regions.get(row.region.casefold())
            if region is None:
                region = Region.objects.create(name=row.region)
                regions[row.region.casefold()] = region
                result.regions_created += 1
            if location.region_id != region.pk:
                location.region = region
                location.save(update_fields=["region"])
                result.regions_set += 1
                changed = True
        if row.email:
            user = users_by_email[row.email.casefold()][0]
            if (user.pk, location.pk) not in managed:
                user.locations.add(location)
                managed.add((user.pk, location.pk))
                result.managers_added += 1
                result.managers[user.username] += 1
                changed = True
        if not changed:
            result.unchanged += 1
