from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template import Context, Template
from django.test import RequestFactory
from rest_framework import exceptions
from rest_framework.test import APIRequestFactory, force_authenticate
from rest_framework.views import APIView

from accounts.capabilities import (
    CAPABILITIES,
    Capability,
    CapabilityPermission,
    capability_required,
    has_capability,
    roles_with,
)
from accounts.models import Role
from config.testing import BaseTestCase

C = Capability
HANDLER = {C.VIEW_COMPLAINTS, C.HANDLE}
EXPECTED = {
    "coordinator": {
        C.VIEW_COMPLAINTS,
        C.REGISTER,
        C.TRIAGE,
        C.HANDLE,
        C.VIEW_REPORTS,
        C.EDIT_ANNUAL_REPORT,
        C.PRIVACY_REQUESTS,
        C.MANAGE_IMPROVEMENTS,
        C.MERGE_LOCATIONS,
    },
    "manager": HANDLER,
    "ops_north": HANDLER,
    "department_handler": HANDLER,
    "management": {C.VIEW_REPORTS},
    "administrator": set(),
}


class CapabilityMapTests(BaseTestCase):
    def test_it_gives_each_role_its_capabilities(self):
        for persona, expected in EXPECTED.items():
            user = getattr(self, persona)
            with self.subTest(persona):
                self.assertEqual({c for c in Capability if has_capability(user, c)}, expected)

    def test_it_maps_every_role(self):
        self.assertEqual(set(CAPABILITIES), set(Role.values))

    def test_it_refuses_anonymous_and_inactive_users(self):
        self.coordinator.is_active = False
        for user in (AnonymousUser(), self.coordinator):
            with self.subTest(user):
                self.assertFalse(any(has_capability(user, c) for c in Capability))

    def test_it_refuses_a_user_without_a_role(self):
        self.coordinator.role = ""
        self.assertFalse(has_capability(self.coordinator, C.VIEW_COMPLAINTS))

    def test_it_lists_the_roles_with_a_capability(self):
        self.assertEqual(roles_with(C.VIEW_REPORTS), {Role.COORDINATOR, Role.MANAGEMENT})
        self.assertEqual(roles_with(C.REGISTER), {Role.COORDINATOR})


class CapabilityRequiredTests(BaseTestCase):
    def setUp(self):
        self.view = capability_required(C.VIEW_REPORTS)(lambda request: HttpResponse("ok"))

    def request(self, user):
        request = RequestFactory().get("/rapport/")
        request.user = user
        return request

    def test_it_runs_the_view_for_a_role_with_the_capability(self):
        self.assertEqual(self.view(self.request(self.management)).content, b"ok")

    def test_it_refuses_a_role_without_it(self):
        with self.assertRaises(PermissionDenied):
            self.view(self.request(self.manager))

    def test_it_sends_anonymous_users_to_the_login_page(self):
        response = self.view(self.request(AnonymousUser()))
        self.assertEqual(response.status_code, 302)
        self.assertIn("next=/rapport/", response["Location"])


class CanFilterTests(BaseTestCase):
    template = Template('{% load capabilities %}{% if user|can:"register" %}ja{% else %}nee{% endif %}')

    def test_it_answers_for_the_user(self):
        self.assertEqual(self.template.render(Context({"user": self.coordinator})), "ja")
        self.assertEqual(self.template.render(Context({"user": self.manager})), "nee")
        self.assertEqual(self.template.render(Context({"user": AnonymousUser()})), "nee")

    def test_it_fails_loudly_on_an_unknown_capability(self):
        with self.assertRaises(ValueError):
            Template('{% load capabilities %}{{ user|can:"regster" }}').render(Context({"user": self.coordinator}))


class ReportsApi(APIView):
    permission_classes = [CapabilityPermission]
    required_capability = C.VIEW_REPORTS

    def get(self, request):
        return HttpResponse("ok")


class CapabilityPermissionTests(BaseTestCase):
    def call(self, user=None):
        request = APIRequestFactory().get("/api/rapport/")
        if user is not None:
            force_authenticate(request, user=user)
        return ReportsApi.as_view()(request)

    def test_it_lets_a_role_with_the_capability_through(self):
        self.assertEqual(self.call(self.management).status_code, 200)

    def test_it_refuses_a_role_without_it_with_the_reason(self):
        response = self.call(self.department_handler)
        self.assertEqual(response.status_code, 403)
        self.assertIn("Uw rol heeft geen toegang tot de rapportages.", str(response.data))

    def test_it_asks_anonymous_users_to_authenticate(self):
        self.assertEqual(self.call().status_code, 401)

    def test_it_raises_the_drf_exception(self):
        request = APIRequestFactory().get("/")
        request.user = self.manager
        with self.assertRaises(exceptions.PermissionDenied):
            CapabilityPermission().has_permission(request, ReportsApi())
