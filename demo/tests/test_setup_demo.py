from io import StringIO

from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone

from accounts.models import Role, User
from complaints.models import Category, Complaint, ComplaintEvent, Status, TaxonomyVersion
from config.testing import make_location
from demo.services import _SITUATIONS, DEMO_PASSWORD, DEPARTMENTS, REGIONS, demo_setup
from organisation.models import Department, LegalEntity, Location, Region

ROLES = {
    "coordinator": Role.COORDINATOR,
    "locatiemanager": Role.LOCATION_MANAGER,
    "opsmanager": Role.OPERATIONS_MANAGER,
    "debiteuren": Role.DEPARTMENT_HANDLER,
    "management": Role.MANAGEMENT,
    "beheerder": Role.ADMINISTRATOR,
}
COMPLAINTS = 12


class SetupDemoTests(TestCase):
    """The demo on top of an imported organisation: four locations, one taxonomy."""

    @classmethod
    def setUpTestData(cls) -> None:
        partou = LegalEntity.objects.create(name="Partou B.V.")
        cls.locations = [make_location(f"Demo locatie {n}", entity=partou) for n in range(4)]
        taxonomy = TaxonomyVersion.objects.create(year=timezone.localdate().year, name="Indeling")
        Category.objects.bulk_create(
            Category(version=taxonomy, name=name, position=position)
            for position, (name, _description, _desired) in enumerate(_SITUATIONS)
        )
        cls.users = demo_setup(complaints=COMPLAINTS)

    def test_it_creates_a_user_for_every_role_with_the_demo_password(self) -> None:
        self.assertEqual([user.username for user in self.users], list(ROLES))
        for username, role in ROLES.items():
            with self.subTest(username=username):
                user = User.objects.get(username=username)
                self.assertEqual(user.role, role)
                self.assertTrue(user.check_password(DEMO_PASSWORD))
                self.assertEqual(user.is_staff, role == Role.ADMINISTRATOR)

    def test_it_gives_every_user_their_scope(self) -> None:
        manager = User.objects.get(username="locatiemanager")
        self.assertEqual(manager.locations.count(), 2)
        # The manager's screen is not empty: the first demo complaints sit at their locations.
        self.assertTrue(Complaint.objects.filter(location__in=manager.locations.all()).exists())
        ops = User.objects.get(username="opsmanager")
        self.assertIsNotNone(ops.region)
        self.assertEqual(User.objects.get(username="debiteuren").department.name, DEPARTMENTS[0])
        self.assertEqual(set(Region.objects.values_list("name", flat=True)), {f"Regio {name}" for name in REGIONS})
        self.assertFalse(Location.objects.filter(region__isnull=True).exists())

    def test_it_describes_the_users_it_made(self) -> None:
        manager = next(user for user in self.users if user.username == "locatiemanager")
        names = User.objects.get(username="locatiemanager").locations.values_list("name", flat=True)
        self.assertEqual(manager.scope, ", ".join(sorted(names)))

    def test_its_complaints_are_marked_as_demo_data(self) -> None:
        self.assertEqual(Complaint.objects.count(), COMPLAINTS)
        self.assertEqual(Complaint.objects.filter(is_demo=True).count(), COMPLAINTS)

    def test_its_complaints_carry_the_history_the_services_write(self) -> None:
        for complaint in Complaint.objects.all():
            with self.subTest(reference=complaint.reference):
                kinds = list(complaint.events.order_by("id").values_list("kind", flat=True))
                self.assertEqual(kinds[0], "complaint.registered")
                if complaint.status != Status.NEW:
                    self.assertIn("complaint.forwarded", kinds)
                if complaint.status == Status.CLOSED:
                    self.assertIn("complaint.closed", kinds)
        # At different stages, so the screens show more than one kind of complaint.
        self.assertGreaterEqual(Complaint.objects.values("status").distinct().count(), 2)

    def test_it_is_idempotent(self) -> None:
        before = {
            "users": User.objects.count(),
            "complaints": Complaint.objects.count(),
            "events": ComplaintEvent.objects.count(),
            "regions": Region.objects.count(),
            "departments": Department.objects.count(),
        }
        password = User.objects.get(username="coordinator").password
        again = demo_setup(complaints=COMPLAINTS)
        after = {
            "users": User.objects.count(),
            "complaints": Complaint.objects.count(),
            "events": ComplaintEvent.objects.count(),
            "regions": Region.objects.count(),
            "departments": Department.objects.count(),
        }
        self.assertEqual(after, before)
        self.assertEqual(again, self.users)
        # Not a location more for the manager: the busiest locations are chosen by imported complaints only.
        self.assertEqual(User.objects.get(username="locatiemanager").locations.count(), 2)
        self.assertEqual(User.objects.get(username="coordinator").password, password)

    def test_the_command_prints_the_users_and_their_password(self) -> None:
        out = StringIO()
        call_command("setup_demo", stdout=out)
        text = out.getvalue()
        self.assertIn(DEMO_PASSWORD, text)
        for username in ROLES:
            self.assertIn(username, text)
        self.assertEqual(Complaint.objects.count(), COMPLAINTS)


class SetupDemoWithoutDataTests(TestCase):
    def test_it_asks_for_the_import_first_and_leaves_nothing_behind(self) -> None:
        with self.assertRaisesMessage(RuntimeError, "import the annual report first"):
            demo_setup(complaints=3)
        self.assertFalse(User.objects.exists())
        self.assertFalse(Region.objects.exists())
