"""A database still busy after its wait is answered with a Dutch "probeer het opnieuw",
never a 500, and leaves nothing half stored."""

from unittest import mock

from django.db import OperationalError
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from django.urls import path

from complaints.models import Complaint
from config.middleware import DatabaseBusyMiddleware
from intake.tests.base import IntakeTestCase


def _locked_view(request):
    raise OperationalError("database is locked")


def _fine_view(request):
    return HttpResponse("ok")


urlpatterns = [path("bezig/", _locked_view), path("goed/", _fine_view)]


class PublicFormBusyTests(IntakeTestCase):
    def test_the_parent_gets_the_form_back_as_typed_with_what_to_do(self):
        with mock.patch("intake.views.web_complaint_submit", side_effect=OperationalError("database is locked")):
            response = self.submit()
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response["Retry-After"], "5")
        self.assertContains(response, "uw klacht is nog niet opgeslagen", status_code=503)
        self.assertContains(response, 'value="Sanne de Vries"', status_code=503)
        self.assertContains(response, "Mijn dochter is zonder overdracht meegegeven", status_code=503)
        self.assertFalse(Complaint.objects.exists())


@override_settings(ROOT_URLCONF=__name__)
class BusyPageTests(IntakeTestCase):
    def test_any_other_page_answers_503_in_dutch_instead_of_a_500(self):
        with self.assertLogs("config.middleware", "ERROR") as logs:
            response = self.client.get("/bezig/")
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response["Retry-After"], "5")
        self.assertContains(response, "Het is even te druk: probeer het opnieuw", status_code=503)
        self.assertContains(response, "er is niets half opgeslagen", status_code=503)
        self.assertNotContains(response, "OperationalError", status_code=503)
        self.assertIn("database unavailable for GET /bezig/", logs.output[0])

    def test_it_leaves_pages_and_other_errors_alone(self):
        self.assertEqual(self.client.get("/goed/").content, b"ok")
        middleware = DatabaseBusyMiddleware(lambda request: HttpResponse())
        self.assertIsNone(middleware.process_exception(RequestFactory().get("/"), ValueError("stuk")))
