from django.urls import reverse

from config.testing import BaseTestCase

URL = reverse("staff:home")


class HomeTests(BaseTestCase):
    def test_it_lands_coordinators_and_operations_managers_on_the_worklist(self):
        for user in (self.coordinator, self.ops_north):
            with self.subTest(user=user.username):
                self.client.force_login(user)
                self.assertRedirects(self.client.get(URL), reverse("staff:worklist"))

    def test_it_lands_location_managers_and_departments_on_their_complaint_list(self):
        for user in (self.manager, self.department_handler):
            with self.subTest(user=user.username):
                self.client.force_login(user)
                self.assertRedirects(self.client.get(URL), reverse("staff:complaint_list"))

    def test_it_sends_administrators_to_the_admin(self):
        self.client.force_login(self.administrator)
        self.assertRedirects(self.client.get(URL), reverse("admin:index"))

    def test_it_sends_management_to_the_weekly_report(self):
        self.client.force_login(self.management)
        self.assertRedirects(self.client.get(URL), reverse("reporting:weekly_latest"), fetch_redirect_response=False)

    def test_it_sends_anonymous_visitors_to_the_login_page(self):
        self.assertRedirects(self.client.get(URL), f"{reverse('login')}?next={URL}")
