from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from accounts.models import Role, User
from complaints.selectors import complaint_visible_to
from config.testing import BaseTestCase, make_location
from staff.tests.helpers import forwarded


class UserScopeRuleTests(BaseTestCase):
    """A role that works within a scope cannot exist without that scope."""

    def test_an_operations_manager_needs_a_region(self) -> None:
        user = User(username="ops-zonder-regio", role=Role.OPERATIONS_MANAGER)
        with self.assertRaises(ValidationError):
            user.validate_constraints()
        with self.assertRaises(IntegrityError), transaction.atomic():
            user.save()

    def test_a_department_handler_needs_a_department(self) -> None:
        user = User(username="afdeling-zonder-afdeling", role=Role.DEPARTMENT_HANDLER)
        with self.assertRaises(ValidationError):
            user.validate_constraints()
        with self.assertRaises(IntegrityError), transaction.atomic():
            user.save()

    def test_roles_without_a_scope_need_none(self) -> None:
        for role in (Role.COORDINATOR, Role.MANAGEMENT, Role.ADMINISTRATOR, Role.LOCATION_MANAGER, ""):
            with self.subTest(role=role):
                user = User.objects.create_user(username=f"zonder-{role or 'rol'}", role=role)
                user.validate_constraints()

    def test_a_region_or_department_in_use_cannot_be_deleted(self) -> None:
        with self.assertRaises(ProtectedError):
            self.north.delete()
        with self.assertRaises(ProtectedError):
            self.debiteuren.delete()

    def test_a_location_knows_its_managers(self) -> None:
        self.assertEqual(list(self.oceaan.managers.all()), [self.manager])
        self.assertEqual(list(self.rakkertjes.managers.all()), [])

    def test_it_is_shown_by_full_name_else_username(self) -> None:
        self.assertEqual(str(User(username="sdv", first_name="Sanne", last_name="de Vries")), "Sanne de Vries")
        self.assertEqual(str(User(username="sdv")), "sdv")


class UserScopeTests(BaseTestCase):
    """Which complaints a user sees follows from their role and scope alone."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        # Forwarded to their own location: handlers see a complaint once it is routed to them.
        routed = {"actor": cls.coordinator, "category": cls.communication}
        cls.at_oceaan = forwarded(location=cls.oceaan, **routed)  # region north
        cls.at_rakkertjes = forwarded(location=cls.rakkertjes, **routed)  # region north
        cls.at_margriet = forwarded(location=cls.margriet, **routed)  # region south

    def visible(self, user: User) -> set[str]:
        return set(complaint_visible_to(user).values_list("reference", flat=True))

    def test_each_role_sees_its_own_scope(self) -> None:
        everything = {self.at_oceaan.reference, self.at_rakkertjes.reference, self.at_margriet.reference}
        self.assertEqual(self.visible(self.coordinator), everything)
        self.assertEqual(self.visible(self.manager), {self.at_oceaan.reference})
        self.assertEqual(self.visible(self.ops_north), {self.at_oceaan.reference, self.at_rakkertjes.reference})
        # Nothing is routed to the department yet; management reads figures, not complaints.
        self.assertEqual(self.visible(self.department_handler), set())
        self.assertEqual(self.visible(self.management), set())

    def test_a_user_without_a_role_sees_nothing(self) -> None:
        self.assertEqual(self.visible(User.objects.create_user(username="nieuw")), set())

    def test_a_new_location_widens_the_managers_scope(self) -> None:
        self.manager.locations.add(self.margriet)
        self.assertEqual(self.visible(self.manager), {self.at_oceaan.reference, self.at_margriet.reference})

    def test_a_manager_of_an_empty_location_sees_nothing(self) -> None:
        empty = make_location("Leeg", entity=self.partou)
        self.manager.locations.set([empty])
        self.assertEqual(self.visible(self.manager), set())


class UserTokenTests(BaseTestCase):
    """A user's API token stands for that user, and only while they are active."""

    url = reverse("api:complaint_list")

    def get(self, key: str):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        return client.get(self.url)

    def test_the_token_authenticates_its_user(self) -> None:
        token = Token.objects.create(user=self.coordinator)
        self.assertEqual(len(token.key), 40)
        self.assertEqual(self.get(token.key).status_code, 200)

    def test_one_token_per_user(self) -> None:
        Token.objects.create(user=self.coordinator)
        with self.assertRaises(IntegrityError), transaction.atomic():
            Token.objects.create(user=self.coordinator)

    def test_a_deactivated_user_or_a_deleted_token_is_refused(self) -> None:
        token = Token.objects.create(user=self.manager)
        self.manager.is_active = False
        self.manager.save()
        self.assertEqual(self.get(token.key).status_code, 401)
        key = token.key
        token.delete()
        self.manager.is_active = True
        self.manager.save()
        self.assertEqual(self.get(key).status_code, 401)

    def test_a_role_that_reads_no_complaints_is_refused(self) -> None:
        token = Token.objects.create(user=self.management)
        self.assertEqual(self.get(token.key).status_code, 403)


class UserAdminTests(BaseTestCase):
    def test_the_administrator_edits_role_and_scope(self) -> None:
        self.client.force_login(self.administrator)
        changelist = self.client.get(reverse("admin:accounts_user_changelist"), {"role": Role.LOCATION_MANAGER})
        self.assertEqual(changelist.status_code, 200)
        self.assertEqual({user.username for user in changelist.context["cl"].result_list}, {"manager", "manager2"})
        change = self.client.get(reverse("admin:accounts_user_change", args=[self.ops_north.pk]))
        self.assertContains(change, "Rol en werkgebied")
        self.assertContains(change, 'name="region"')
