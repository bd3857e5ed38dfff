"""Shared personas and small builders for the test suite."""

from datetime import datetime
from itertools import count

from django.test import TestCase
from django.utils import timezone

from accounts.models import Role, User
from accounts.testing import VerifiedClient
from complaints.models import Category, Channel, ComplainantKind, Complaint, TaxonomyVersion
from complaints.services import ComplainantData, complaint_register
from organisation.models import Department, LegalEntity, Location, Region

_numbers = count(1)


def make_location(name: str, *, entity: LegalEntity, region: Region | None = None) -> Location:
    return Location.objects.create(name=name, legal_entity=entity, region=region)


def make_user(username: str, role: str, **scope) -> User:
    locations = scope.pop("locations", [])
    user = User.objects.create_user(username=username, password=None, role=role, **scope)
    if locations:
        user.locations.set(locations)
    return user


def register(
    *,
    location: Location,
    received_at: datetime | None = None,
    description: str = "Het kind is zonder overdracht opgehaald.",
    **extra,
) -> Complaint:
    return complaint_register(
        received_at=received_at or timezone.now(),
        channel=extra.pop("channel", Channel.WEB),
        complainant_kind=extra.pop("complainant_kind", ComplainantKind.PARENT),
        location=location,
        description=description,
        complainant=extra.pop("complainant", ComplainantData(name="Ouder Test", email="ouder@voorbeeld.test")),
        **extra,
    )


class BaseTestCase(TestCase):
    """Two legal entities, two regions, three locations, one department, a
    taxonomy, and a user for every role. ``self.client.force_login`` also
    passes the second factor (accounts/testing.py)."""

    client_class = VerifiedClient

    @classmethod
    def setUpTestData(cls) -> None:
        cls.partou = LegalEntity.objects.create(name="Partou B.V.")
        cls.smallsteps = LegalEntity.objects.create(name="Smallsteps B.V.")
        cls.north = Region.objects.create(name="Regio Noord")
        cls.south = Region.objects.create(name="Regio Zuid")
        cls.oceaan = make_location("Partou BSO Oceaan 16", entity=cls.partou, region=cls.north)
        cls.rakkertjes = make_location("Rakkertjes", entity=cls.smallsteps, region=cls.north)
        cls.margriet = make_location("Margriet", entity=cls.smallsteps, region=cls.south)
        cls.debiteuren = Department.objects.create(name="Debiteuren en facturatie")
        cls.taxonomy = TaxonomyVersion.objects.create(year=2026, name="Indeling 2026")
        cls.communication = Category.objects.create(version=cls.taxonomy, name="Communicatie vanuit locatie")
        cls.invoices = Category.objects.create(version=cls.taxonomy, name="Facturen en betalingen")
        cls.coordinator = make_user("coordinator", Role.COORDINATOR)
        cls.manager = make_user("manager", Role.LOCATION_MANAGER, locations=[cls.oceaan])
        cls.other_manager = make_user("manager2", Role.LOCATION_MANAGER, locations=[cls.margriet])
        cls.ops_north = make_user("ops", Role.OPERATIONS_MANAGER, region=cls.north)
        cls.department_handler = make_user("debiteuren", Role.DEPARTMENT_HANDLER, department=cls.debiteuren)
        cls.management = make_user("management", Role.MANAGEMENT)
        cls.administrator = make_user("beheerder", Role.ADMINISTRATOR, is_staff=True, is_superuser=True)


def close(
    complaint: Complaint, *, actor: User, verdict: str = "ja", solution: str = "Besproken met de ouder."
) -> Complaint:
    """Take a complaint through outcome, letter and closing, as a handler would."""
    from complaints.services import complaint_close, complaint_set_outcome, letter_draft, letter_send

    complaint_set_outcome(complaint=complaint, verdict=verdict, solution=solution, actor=actor)
    letter_draft(complaint=complaint, actor=actor)
    letter_send(complaint=complaint, actor=actor)
    return complaint_close(complaint=complaint, actor=actor)


DATA_MIGRATIONS = ["complaints.migrations.0003_default_letter_template", "reminders.migrations.0002_default_schedule"]


def restore_migration_data() -> None:
    """A TransactionTestCase empties every table afterwards, also the rows that
    data migrations made (default letter template, reminder schedule); tests
    that run after one put them back with this. The functions are idempotent."""
    import importlib

    from django.apps import apps

    for module in DATA_MIGRATIONS:
        importlib.import_module(module).create(apps, None)


def run_racing(work, *, workers: int = 2) -> list:
    """Run ``work()`` in several threads that start at the same moment, each on
    its own database connection, and return their results; an exception in a
    thread is raised here. For tests that two workers never do a job twice."""
    import threading

    from django.db import connection

    barrier = threading.Barrier(workers)
    results: list = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            barrier.wait(timeout=5)
            results.append(work())
        except BaseException as error:  # noqa: BLE001 - raised again in the test's thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    if errors:
        raise errors[0]
    return results


def blank_pdf() -> bytes:
    """A real one-page PDF (attachments are parsed: a PDF must be readable)."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
