from django.test import Client, TestCase


class CsrfFailureTests(TestCase):
    def test_it_explains_a_refused_form_in_dutch(self):
        client = Client(enforce_csrf_checks=True)
        response = client.post("/", {"name": "x"})
        self.assertEqual(response.status_code, 403)
        self.assertContains(response, "Het formulier kon niet worden verstuurd", status_code=403)
