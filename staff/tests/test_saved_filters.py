from django.urls import reverse

from config.testing import BaseTestCase
from staff.models import SavedFilter
from staff.services import SAVED_FILTERS_MAX

LIST = reverse("staff:complaint_list")
SAVE = reverse("staff:saved_filter_save")


class SavedFilterTests(BaseTestCase):
    def test_a_user_saves_applies_and_deletes_a_filter(self):
        self.client.force_login(self.coordinator)
        response = self.client.post(
            SAVE, {"name": "  Verlopen  bij Oceaan ", "query": f"due=overdue&location={self.oceaan.pk}&page=3&x=1"}
        )
        saved = SavedFilter.objects.get(user=self.coordinator)
        self.assertEqual(saved.name, "Verlopen bij Oceaan")
        # Only the list's own parameters are kept, never the page or anything else.
        self.assertEqual(saved.query, f"location={self.oceaan.pk}&due=overdue")
        self.assertRedirects(response, f"{LIST}?{saved.query}")
        page = self.client.get(LIST)
        self.assertContains(page, f'href="{LIST}?location={self.oceaan.pk}&amp;due=overdue">Verlopen bij Oceaan</a>')
        self.client.post(reverse("staff:saved_filter_delete", args=[saved.pk]))
        self.assertFalse(SavedFilter.objects.exists())

    def test_a_complainants_name_or_address_is_never_saved(self):
        self.client.force_login(self.coordinator)
        self.client.post(SAVE, {"name": "Jansen", "query": "q=f.jansen%40voorbeeld.test&status=open"})
        self.assertEqual(SavedFilter.objects.get().query, "status=open")

    def test_the_same_name_replaces_the_filter(self):
        self.client.force_login(self.coordinator)
        self.client.post(SAVE, {"name": "Mijn lijst", "query": "status=open"})
        self.client.post(SAVE, {"name": "Mijn lijst", "query": "status=new"})
        self.assertEqual(list(SavedFilter.objects.values_list("query", flat=True)), ["status=new"])

    def test_filters_are_per_user(self):
        SavedFilter.objects.create(user=self.manager, name="Van de manager", query="status=open")
        self.client.force_login(self.coordinator)
        self.assertNotContains(self.client.get(LIST), "Van de manager")
        # Nor can another user delete it.
        saved = SavedFilter.objects.get()
        response = self.client.post(reverse("staff:saved_filter_delete", args=[saved.pk]), follow=True)
        self.assertContains(response, "Dat filter bestaat niet (meer).")
        self.assertTrue(SavedFilter.objects.filter(pk=saved.pk).exists())

    def test_bad_input_gets_a_dutch_message(self):
        self.client.force_login(self.coordinator)
        for data, message in (
            ({"name": "", "query": "status=open"}, "Geef het filter een naam van hoogstens 80 tekens."),
            ({"name": "x" * 81, "query": "status=open"}, "Geef het filter een naam van hoogstens 80 tekens."),
            ({"name": "Leeg", "query": "page=2&foo=bar"}, "Kies eerst een of meer filters"),
        ):
            with self.subTest(data=data):
                response = self.client.post(SAVE, data, follow=True)
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, message)
        self.assertFalse(SavedFilter.objects.exists())

    def test_there_is_a_limit_per_user(self):
        SavedFilter.objects.bulk_create(
            SavedFilter(user=self.coordinator, name=f"F{index}", query="status=open")
            for index in range(SAVED_FILTERS_MAX)
        )
        self.client.force_login(self.coordinator)
        response = self.client.post(SAVE, {"name": "Nog een", "query": "status=open"}, follow=True)
        self.assertContains(response, f"U kunt hoogstens {SAVED_FILTERS_MAX} filters bewaren")

    def test_saving_needs_a_post_and_a_complaint_reader(self):
        self.client.force_login(self.coordinator)
        self.assertEqual(self.client.get(SAVE).status_code, 405)
        self.client.force_login(self.management)
        self.assertEqual(self.client.post(SAVE, {"name": "x", "query": "status=open"}).status_code, 403)
