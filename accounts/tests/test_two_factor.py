"""Second factor: coordinators, administrators and management must set up an
authenticator app and enter a code before any staff page, the admin or the API;
other roles may. Recovery codes work once."""

import re

from django.test import TestCase, override_settings
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import two_factor
from accounts.models import Role, User
from accounts.tests.helpers import PASSWORD, app_code, log_in
from organisation.models import Department

VERIFY = reverse("accounts:two_factor_verify")
ENROL = reverse("accounts:two_factor_enrol")
HOME = reverse("staff:home")
STAFF = reverse("staff:complaint_list")  # a staff page the test users may see


class TwoFactorTestCase(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        def user(username: str, role: str, **extra) -> User:
            return User.objects.create_user(username=username, password=PASSWORD, role=role, **extra)

        cls.coordinator = user("coordinator", Role.COORDINATOR)
        cls.management = user("directie", Role.MANAGEMENT)
        cls.administrator = user("beheerder", Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
        cls.handler = user(
            "debiteuren", Role.DEPARTMENT_HANDLER, department=Department.objects.create(name="Debiteuren")
        )

    def enrolled(self, user: User) -> tuple[TOTPDevice, list[str]]:
        return two_factor.enrol(user=user, secret=two_factor.new_secret())


class RequiredRolesTests(TwoFactorTestCase):
    def test_a_required_role_without_an_app_must_set_one_up_before_any_staff_page(self):
        for user in (self.coordinator, self.management, self.administrator):
            with self.subTest(user.role):
                self.client.post(reverse("logout"))
                self.assertRedirects(log_in(self.client, user.username), HOME, fetch_redirect_response=False)
                for url in (HOME, STAFF, reverse("admin:index"), "/admin/accounts/user/"):
                    response = self.client.get(url)
                    self.assertEqual(response.status_code, 302, url)
                    self.assertTrue(response["Location"].startswith(ENROL + "?next="), response["Location"])
                api = self.client.get(reverse("api:complaint_list"))
                self.assertEqual(api.status_code, 403)
                self.assertEqual(api.json()["error"]["code"], "two_factor_required")

    def test_an_enrolled_required_role_must_enter_a_code(self):
        self.enrolled(self.coordinator)
        log_in(self.client, "coordinator")
        response = self.client.get(reverse("staff:worklist"))
        self.assertRedirects(response, f"{VERIFY}?next=%2Fstaff%2Fwerkvoorraad%2F", fetch_redirect_response=False)
        # Enrolling another app instead of entering the code is not a way around it.
        self.assertRedirects(self.client.get(ENROL), VERIFY, fetch_redirect_response=False)
        self.assertEqual(self.client.get(reverse("admin:index")).status_code, 302)

    def test_the_admin_is_reachable_after_the_code(self):
        device, _ = self.enrolled(self.administrator)
        log_in(self.client, "beheerder")
        self.assertEqual(self.client.get(reverse("admin:index")).status_code, 302)
        answer = self.client.post(VERIFY, {"code": app_code(device.key), "next": "/admin/"})
        self.assertRedirects(answer, "/admin/", fetch_redirect_response=False)
        self.assertEqual(self.client.get(reverse("admin:index")).status_code, 200)
        devices = self.client.get("/admin/otp_totp/totpdevice/")
        self.assertContains(devices, "beheerder")
        self.assertNotContains(devices, device.key)

    def test_logging_out_ends_the_verification(self):
        device, _ = self.enrolled(self.coordinator)
        log_in(self.client, "coordinator")
        self.client.post(VERIFY, {"code": app_code(device.key)})
        self.assertEqual(self.client.get(STAFF).status_code, 200)
        self.client.post(reverse("logout"))
        log_in(self.client, "coordinator")
        self.assertEqual(self.client.get(STAFF).status_code, 302)

    def test_a_required_role_cannot_turn_it_off(self):
        device, _ = self.enrolled(self.coordinator)
        log_in(self.client, "coordinator")
        self.client.post(VERIFY, {"code": app_code(device.key)})
        response = self.client.post(reverse("accounts:two_factor_disable"), follow=True)
        self.assertContains(response, "verplicht")
        self.assertTrue(two_factor.has_authenticator(self.coordinator))


class EnrolmentTests(TwoFactorTestCase):
    def test_it_enrols_with_a_code_from_the_secret_and_shows_recovery_codes_once(self):
        log_in(self.client, "coordinator")
        page = self.client.get(f"{ENROL}?next=/staff/klachten/")
        self.assertContains(page, "<svg")
        self.assertContains(page, "Voor uw rol is tweestapsverificatie verplicht")
        secret = self.client.session["two_factor_pending_secret"]
        # The secret the page shows for typing is the same key.
        shown = re.search(r'id="two-factor-secret">([A-Z2-7 ]+)<', page.content.decode()).group(1)
        self.assertEqual(shown, two_factor.secret_for_people(secret))
        self.assertFalse(TOTPDevice.objects.exists())  # nothing stored before the first code

        wrong = self.client.post(ENROL, {"code": "000000"})
        self.assertContains(wrong, "Deze code klopt niet")
        self.assertFalse(TOTPDevice.objects.exists())

        done = self.client.post(ENROL, {"code": app_code(secret, step=0), "next": "/staff/klachten/"})
        self.assertContains(done, "Uw herstelcodes")
        codes = re.findall(r"<li>([a-z2-7]{8})</li>", done.content.decode())
        self.assertEqual(len(codes), 10)
        self.assertEqual(StaticToken.objects.filter(device__user=self.coordinator).count(), 10)
        device = TOTPDevice.objects.get(user=self.coordinator)
        self.assertTrue(device.confirmed)
        self.assertEqual(device.key, secret)
        self.assertEqual(self.client.get(STAFF).status_code, 200)
        self.assertNotContains(self.client.get(reverse("accounts:two_factor")), codes[0])

        # Next login: password, then a code computed from the same secret.
        self.client.post(reverse("logout"))
        log_in(self.client, "coordinator")
        self.assertEqual(self.client.get(STAFF).status_code, 302)
        used_again = self.client.post(VERIFY, {"code": app_code(secret, step=0)})
        self.assertContains(used_again, "Deze code klopt niet of is al gebruikt")

    def test_a_code_logs_in_and_returns_to_the_page_asked_for(self):
        device, _ = self.enrolled(self.coordinator)
        log_in(self.client, "coordinator")
        answer = self.client.post(VERIFY, {"code": app_code(device.key), "next": "/staff/klachten/"})
        self.assertRedirects(answer, "/staff/klachten/", fetch_redirect_response=False)
        self.assertEqual(self.client.get("/staff/klachten/").status_code, 200)

    def test_it_never_redirects_to_another_site(self):
        device, _ = self.enrolled(self.coordinator)
        log_in(self.client, "coordinator")
        answer = self.client.post(VERIFY, {"code": app_code(device.key), "next": "https://evil.example/"})
        self.assertRedirects(answer, HOME, fetch_redirect_response=False)

    def test_a_recovery_code_works_once(self):
        _, codes = self.enrolled(self.coordinator)
        log_in(self.client, "coordinator")
        answer = self.client.post(VERIFY, {"code": codes[0].upper()}, follow=True)
        self.assertEqual(answer.status_code, 200)
        self.assertContains(answer, "nog 9")
        self.assertEqual(self.client.get(STAFF).status_code, 200)

        self.client.post(reverse("logout"))
        log_in(self.client, "coordinator")
        again = self.client.post(VERIFY, {"code": codes[0]})
        self.assertContains(again, "Deze code klopt niet of is al gebruikt")
        self.assertEqual(self.client.get(STAFF).status_code, 302)

    def test_new_recovery_codes_replace_the_old(self):
        device, old = self.enrolled(self.coordinator)
        log_in(self.client, "coordinator")
        self.client.post(VERIFY, {"code": app_code(device.key)})
        page = self.client.post(reverse("accounts:two_factor_recovery_codes"))
        new = re.findall(r"<li>([a-z2-7]{8})</li>", page.content.decode())
        self.assertEqual(len(new), 10)
        self.assertFalse(StaticToken.objects.filter(token__in=old).exists())

    def test_the_recovery_code_page_refuses_get(self):
        log_in(self.client, "debiteuren")
        self.assertEqual(self.client.get(reverse("accounts:two_factor_recovery_codes")).status_code, 405)


class OptionalRolesTests(TwoFactorTestCase):
    def test_other_roles_reach_the_staff_pages_without_a_second_factor(self):
        log_in(self.client, "debiteuren")
        self.assertEqual(self.client.get(STAFF).status_code, 200)
        page = self.client.get(reverse("accounts:two_factor"))
        self.assertContains(page, "Staat uit.")
        self.assertContains(self.client.get(STAFF), "Tweestapsverificatie")

    def test_once_enrolled_they_are_asked_for_the_code_and_may_turn_it_off(self):
        device, _ = self.enrolled(self.handler)
        log_in(self.client, "debiteuren")
        self.assertEqual(self.client.get(STAFF).status_code, 302)
        self.client.post(VERIFY, {"code": app_code(device.key)})
        self.assertEqual(self.client.get(STAFF).status_code, 200)
        self.client.post(reverse("accounts:two_factor_disable"))
        self.assertFalse(two_factor.has_authenticator(self.handler))
        self.client.post(reverse("logout"))
        log_in(self.client, "debiteuren")
        self.assertEqual(self.client.get(STAFF).status_code, 200)

    def test_the_public_form_stays_public(self):
        self.assertEqual(self.client.get("/").status_code, 200)


@override_settings(OTP_DEMO_SKIP=True)
class DemoSkipTests(TwoFactorTestCase):
    def test_demo_users_may_skip_setting_it_up(self):
        log_in(self.client, "coordinator")
        self.assertEqual(self.client.get(STAFF).status_code, 200)

    def test_once_set_up_the_code_is_still_asked(self):
        self.enrolled(self.coordinator)
        log_in(self.client, "coordinator")
        self.assertEqual(self.client.get(STAFF).status_code, 302)


class TokenTwoFactorTests(TwoFactorTestCase):
    url = reverse("api:token_obtain")

    def post(self, **data):
        return self.client.post(self.url, {"username": "coordinator", "password": PASSWORD, **data}, "application/json")

    def test_a_required_role_without_an_app_gets_no_token(self):
        response = self.post()
        self.assertEqual(response.status_code, 403)
        self.assertEqual(response.json()["error"]["code"], "two_factor_enrolment_required")

    def test_an_enrolled_user_needs_the_code_for_a_token(self):
        device, _ = self.enrolled(self.coordinator)
        self.assertEqual(self.post().json()["error"]["code"], "two_factor_required")
        self.assertEqual(self.post(code="000000").json()["error"]["code"], "invalid_code")

    def test_the_right_code_gives_a_token(self):
        device, _ = self.enrolled(self.coordinator)
        response = self.post(code=app_code(device.key))
        self.assertEqual(response.status_code, 200)
        self.assertIn("token", response.json())
