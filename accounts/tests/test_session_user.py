"""The user and the authenticator app the session was verified with are read in one
query on every request (accounts.backends, accounts.middleware.OTPMiddleware);
nothing is kept between requests, so every change takes effect on the next one."""

from django.contrib.auth import BACKEND_SESSION_KEY
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import two_factor
from accounts.models import Role, User
from accounts.tests.helpers import PASSWORD, app_code, log_in

VERIFY = reverse("accounts:two_factor_verify")
LOGIN = reverse("login")
STAFF = reverse("staff:complaint_list")


class SessionUserTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.coordinator = User.objects.create_user(username="coordinator", password=PASSWORD, role=Role.COORDINATOR)
        cls.other = User.objects.create_user(username="andere", password=PASSWORD, role=Role.COORDINATOR)

    def setUp(self) -> None:
        self.device, self.codes = two_factor.enrol(user=self.coordinator, secret=two_factor.new_secret())
        log_in(self.client, "coordinator")
        self.client.post(VERIFY, {"code": app_code(self.device.key)})
        self.assertEqual(self.client.get(STAFF).status_code, 200)

    def assert_sent_to(self, target: str) -> None:
        response = self.client.get(STAFF)
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith(target + "?next="), response["Location"])

    def test_the_user_and_the_app_are_one_query(self):
        with CaptureQueriesContext(connection) as queries:
            self.assertEqual(self.client.get(STAFF).status_code, 200)
        reading = [q["sql"] for q in queries if "otp_totp_totpdevice" in q["sql"]]
        self.assertEqual(len(reading), 1, reading)
        self.assertIn("accounts_user", reading[0])
        users = [q["sql"] for q in queries if 'FROM "accounts_user"' in q["sql"]]
        self.assertEqual(len(users), 1, users)

    def test_a_removed_app_ends_the_verification_on_the_next_request(self):
        TOTPDevice.objects.filter(pk=self.device.pk).delete()
        self.assert_sent_to(reverse("accounts:two_factor_enrol"))
        self.assertNotIn(DEVICE_ID_SESSION_KEY, self.client.session)

    def test_an_unconfirmed_app_does_not_verify(self):
        TOTPDevice.objects.filter(pk=self.device.pk).update(confirmed=False)
        self.assert_sent_to(reverse("accounts:two_factor_enrol"))

    def test_another_users_app_does_not_verify(self):
        theirs = TOTPDevice.objects.create(user=self.other, name="App", confirmed=True)
        session = self.client.session
        session[DEVICE_ID_SESSION_KEY] = theirs.persistent_id
        session.save()
        self.assert_sent_to(VERIFY)

    def test_a_replaced_app_asks_for_the_code_again(self):
        two_factor.enrol(user=self.coordinator, secret=two_factor.new_secret())
        self.assert_sent_to(VERIFY)

    def test_a_deactivated_user_is_logged_out_on_the_next_request(self):
        User.objects.filter(pk=self.coordinator.pk).update(is_active=False)
        self.assert_sent_to(LOGIN)

    def test_a_password_changed_elsewhere_logs_out(self):
        self.coordinator.set_password("Een-Heel-Ander-Wachtwoord-7")
        self.coordinator.save()
        self.assert_sent_to(LOGIN)

    def test_a_changed_role_counts_on_the_next_request(self):
        matching = reverse("staff:location_matches")  # coordinators only
        self.assertEqual(self.client.get(matching).status_code, 200)
        User.objects.filter(pk=self.coordinator.pk).update(role=Role.LOCATION_MANAGER)
        self.assertEqual(self.client.get(matching).status_code, 403)

    def test_a_deleted_user_is_logged_out(self):
        User.objects.filter(pk=self.coordinator.pk).delete()
        self.assert_sent_to(LOGIN)

    def test_a_session_of_before_stays_logged_in(self):
        session = self.client.session
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session.save()
        self.assertEqual(self.client.get(STAFF).status_code, 200)
        self.assertEqual(self.client.session[BACKEND_SESSION_KEY], "accounts.backends.ModelBackend")

    def test_a_recovery_code_session_takes_django_otps_way(self):
        self.client.post(reverse("logout"))
        log_in(self.client, "coordinator")
        self.client.post(VERIFY, {"code": self.codes[0]})
        self.assertTrue(self.client.session[DEVICE_ID_SESSION_KEY].startswith("otp_static."))
        self.assertEqual(self.client.get(STAFF).status_code, 200)
