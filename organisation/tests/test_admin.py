from django.test import TestCase
from django.urls import reverse

from accounts.models import Role
from accounts.testing import VerifiedClient
from config.testing import make_location, make_user
from organisation.models import LegalEntity, Location, YearFacts


class RegisterFieldsAdminTests(TestCase):
    client_class = VerifiedClient

    @classmethod
    def setUpTestData(cls) -> None:
        cls.admin = make_user("beheerder", Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
        cls.partou = LegalEntity.objects.create(name="Partou B.V.")
        cls.mozaiek = Location.objects.create(
            name="Partou KDV De Mozaïek",
            legal_entity=cls.partou,
            lrk_number="123456789",
            street="Kerkstraat 1",
            postcode="1012 AB",
            city="Amsterdam",
        )
        cls.other = Location.objects.create(
            name="Partou BSO Het Baken", legal_entity=cls.partou, lrk_number="987654321", city="Utrecht"
        )
        cls.historical = make_location("Partou KDV Kanaalweg 176", entity=cls.partou)

    def setUp(self) -> None:
        self.client.force_login(self.admin)

    def found(self, term: str) -> set[str]:
        response = self.client.get(reverse("admin:organisation_location_changelist"), {"q": term})
        self.assertEqual(response.status_code, 200)
        return {location.name for location in response.context["cl"].result_list}

    def test_locations_are_found_by_name_town_postcode_and_lrk_number(self) -> None:
        self.assertEqual(self.found("mozaïek"), {"Partou KDV De Mozaïek"})
        self.assertEqual(self.found("Utrecht"), {"Partou BSO Het Baken"})
        self.assertEqual(self.found("1012 AB"), {"Partou KDV De Mozaïek"})
        self.assertEqual(self.found("1012ab"), {"Partou KDV De Mozaïek"})
        self.assertEqual(self.found("987654321"), {"Partou BSO Het Baken"})

    def test_the_change_form_shows_the_register_fields(self) -> None:
        response = self.client.get(reverse("admin:organisation_location_change", args=[self.mozaiek.pk]))
        self.assertContains(response, "Landelijk Register Kinderopvang")
        self.assertContains(response, 'value="123456789"')
        self.assertContains(response, 'value="1012 AB"')

    def test_a_location_saved_without_lrk_number_keeps_it_empty(self) -> None:
        url = reverse("admin:organisation_location_change", args=[self.historical.pk])
        response = self.client.post(
            url,
            {"name": "Partou KDV Kanaalweg 176", "legal_entity": self.partou.pk, "is_active": "on", "lrk_number": ""},
        )
        self.assertEqual(response.status_code, 302)
        self.historical.refresh_from_db()
        self.assertIsNone(self.historical.lrk_number)

    def test_kvk_number_and_report_order_are_editable(self) -> None:
        url = reverse("admin:organisation_legalentity_change", args=[self.partou.pk])
        response = self.client.post(url, {"name": "Partou B.V.", "kvk_number": "12345678", "report_order": "2"})
        self.assertEqual(response.status_code, 302)
        self.partou.refresh_from_db()
        self.assertEqual((self.partou.kvk_number, self.partou.report_order), ("12345678", 2))

    def test_a_kvk_number_that_is_not_8_digits_is_refused_in_dutch(self) -> None:
        url = reverse("admin:organisation_legalentity_change", args=[self.partou.pk])
        response = self.client.post(url, {"name": "Partou B.V.", "kvk_number": "1234", "report_order": "0"})
        self.assertContains(response, "Een KvK-nummer bestaat uit 8 cijfers.")
        self.partou.refresh_from_db()
        self.assertEqual(self.partou.kvk_number, "")

    def test_the_list_checks_the_kvk_number_too(self) -> None:
        response = self.client.post(
            reverse("admin:organisation_legalentity_changelist"),
            {
                "form-TOTAL_FORMS": "1",
                "form-INITIAL_FORMS": "1",
                "form-0-id": str(self.partou.pk),
                "form-0-kvk_number": "abc",
                "form-0-report_order": "1",
                "_save": "Opslaan",
            },
        )
        self.assertContains(response, "Een KvK-nummer bestaat uit 8 cijfers.")

    def test_locations_and_employees_of_a_year_are_editable(self) -> None:
        facts = YearFacts.objects.create(year=2025, children_served=72684)
        url = reverse("admin:organisation_yearfacts_change", args=[facts.pk])
        form = self.client.get(url)
        self.assertContains(form, 'name="locations_count"')
        self.assertContains(form, 'name="employees_count"')
        response = self.client.post(
            url,
            {
                "year": "2025",
                "children_served": "72684",
                "locations_count": "753",
                "employees_count": "11000",
                "source": "",
                "category_totals-TOTAL_FORMS": "0",
                "category_totals-INITIAL_FORMS": "0",
            },
        )
        self.assertEqual(response.status_code, 302)
        facts.refresh_from_db()
        self.assertEqual((facts.locations_count, facts.employees_count), (753, 11000))
