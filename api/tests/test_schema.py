"""Issue 11, point 3: the API's OpenAPI description and its documentation page
for staff, working under the site's CSP (no inline or foreign script)."""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.contrib.staticfiles import finders
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from config.testing import BaseTestCase

OPERATIONS = {
    ("/api/v1/complaints/", "get"),
    ("/api/v1/complaints/{reference}/", "get"),
    ("/api/v1/complaints/{reference}/notes/", "post"),
    ("/api/v1/complaints/{reference}/messages/", "get"),
    ("/api/v1/token/", "post"),
}


class _Scripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.sources: list[str | None] = []
        self.stylesheets: list[str] = []
        self._in_script = False
        self.inline: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            self.sources.append(attributes.get("src"))
            self._in_script = True
        if tag == "link" and attributes.get("rel") == "stylesheet":
            self.stylesheets.append(attributes["href"])

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.inline.append(data)


class SchemaTests(BaseTestCase):
    url = reverse("api:schema")

    def setUp(self) -> None:
        self.api = APIClient()

    def schema(self, user) -> dict:
        token, _ = Token.objects.get_or_create(user=user)
        self.api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        response = self.api.get(self.url, {"format": "json"})
        self.assertEqual(response.status_code, 200)
        return response.json()

    def test_it_describes_every_operation_with_its_serializers(self):
        schema = self.schema(self.coordinator)
        self.assertTrue(schema["openapi"].startswith("3."))
        described = {(path, method) for path, item in schema["paths"].items() for method in item}
        self.assertEqual(described, OPERATIONS)
        listing = schema["paths"]["/api/v1/complaints/"]["get"]
        self.assertEqual({parameter["name"] for parameter in listing["parameters"]}, {"status", "year", "page"})
        self.assertEqual(
            listing["responses"]["200"]["content"]["application/json"]["schema"],
            {"$ref": "#/components/schemas/ComplaintPage"},
        )
        note = schema["paths"]["/api/v1/complaints/{reference}/notes/"]["post"]
        self.assertEqual(
            note["requestBody"]["content"]["application/json"]["schema"], {"$ref": "#/components/schemas/NoteInput"}
        )
        self.assertEqual(schema["components"]["schemas"]["NoteInput"]["properties"]["text"]["maxLength"], 10000)

    def test_every_error_answer_has_the_one_error_shape(self):
        schema = self.schema(self.coordinator)
        error = schema["components"]["schemas"]["Error"]
        self.assertEqual(error["required"], ["error"])
        detail = schema["components"]["schemas"]["ErrorDetail"]
        self.assertEqual(set(detail["properties"]), {"code", "message", "fields"})
        errors = 0
        for path, item in schema["paths"].items():
            for method, operation in item.items():
                for status, response in operation["responses"].items():
                    if status.startswith("4"):
                        errors += 1
                        with self.subTest(path=path, method=method, status=status):
                            self.assertEqual(
                                response["content"]["application/json"]["schema"],
                                {"$ref": "#/components/schemas/Error"},
                            )
                if path != "/api/v1/token/":  # the one operation without a token
                    self.assertIn("401", operation["responses"])
        self.assertGreaterEqual(errors, 10)

    def test_it_names_the_token_scheme(self):
        schema = self.schema(self.manager)
        self.assertEqual(
            schema["components"]["securitySchemes"]["tokenAuth"],
            {
                "type": "apiKey",
                "in": "header",
                "name": "Authorization",
                "description": 'Token-based authentication with required prefix "Token"',
            },
        )
        operation = schema["paths"]["/api/v1/complaints/"]["get"]
        self.assertIn({"tokenAuth": []}, operation["security"])

    def test_the_real_answers_match_the_description(self):
        # The field names a client reads from the schema are the ones the API sends.
        from config.testing import register

        complaint = register(location=self.oceaan)
        schema = self.schema(self.coordinator)
        body = self.api.get(reverse("api:complaint_detail", args=[complaint.reference])).json()
        detail = schema["components"]["schemas"]["ComplaintDetail"]
        self.assertEqual(set(body), set(detail["properties"]))
        self.assertEqual(set(body["history"][0]), set(schema["components"]["schemas"]["ComplaintEvent"]["properties"]))
        self.assertIsNone(body["history"][0]["actor"])
        self.assertTrue(schema["components"]["schemas"]["ComplaintEvent"]["properties"]["actor"]["nullable"])

    def test_it_is_for_staff_who_read_complaints_only(self):
        response = self.api.get(self.url)
        self.assertEqual(response.status_code, 401)
        self.assertEqual(response.json()["error"]["code"], "not_authenticated")
        token = Token.objects.create(user=self.management)
        self.api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        response = self.api.get(self.url)
        self.assertEqual(response.status_code, 403)
        self.assertEqual(response.json()["error"]["code"], "permission_denied")


class DocsPageTests(BaseTestCase):
    url = reverse("api:docs")

    def test_it_shows_swagger_ui_with_only_same_origin_scripts_under_the_csp(self):
        self.client.force_login(self.coordinator)
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 200)
        csp = response["Content-Security-Policy"]
        self.assertIn("script-src 'self'", csp)
        self.assertNotIn("unsafe-inline", re.search(r"script-src[^;]*", csp).group(0))
        page = _Scripts()
        page.feed(response.content.decode())
        self.assertEqual(page.inline, [])
        self.assertEqual(len(page.sources), 3)
        for source in page.sources + page.stylesheets:
            with self.subTest(source=source):
                self.assertIsNotNone(source)
                parts = urlsplit(source)
                self.assertEqual((parts.scheme, parts.netloc), ("", ""))  # same origin, no CDN
                self.assertTrue(parts.path.startswith("/"))
                if parts.path.startswith("/static/"):
                    self.assertIsNotNone(finders.find(parts.path.removeprefix("/static/")), source)

        start = next(source for source in page.sources if not source.startswith("/static/"))
        script = self.client.get(start)
        self.assertEqual(script.status_code, 200)
        self.assertEqual(script["Content-Type"].split(";")[0], "application/javascript")
        self.assertIn("SwaggerUIBundle", script.content.decode())
        self.assertIn(reverse("api:schema"), script.content.decode())

    def test_it_sends_visitors_who_are_not_logged_in_to_the_login_page(self):
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith(reverse("login")))

    def test_it_refuses_roles_without_complaint_access(self):
        self.client.force_login(self.management)
        self.assertEqual(self.client.get(self.url).status_code, 403)
