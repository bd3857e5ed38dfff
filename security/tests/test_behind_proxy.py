"""Issue 10, point 1: the documented deployment (deploy/production.env, deploy/nginx.conf)
works as a browser meets it. gunicorn with DEBUG off behind Debian's nginx terminating
TLS: the public form and the staff login pass the CSRF origin check, and the intake rate
limit counts each parent's own address, which a client cannot forge."""

import re
import secrets
import time
from binascii import unhexlify
from pathlib import Path

import httpx
import pytest
from django.conf import settings
from django.test import SimpleTestCase
from django_otp.oath import totp

from config.live_testing import LiveInstallation, ReverseProxy
from intake import spam

pytestmark = [pytest.mark.live, pytest.mark.any_database]

PASSWORD = "Kl4chtw1js-proxy-test"


def production_env() -> dict[str, str]:
    lines = (Path(settings.BASE_DIR) / "deploy" / "production.env").read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if line.strip() and not line.startswith("#"))


def hidden(html: str, name: str) -> str:
    tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', html)
    value = re.search(r'value="([^"]*)"', tag.group(0)) if tag else None
    assert value, f"no {name} on the page"
    return value.group(1)


class BehindProxyTests(SimpleTestCase):
    def test_the_form_and_the_login_work_through_the_proxy_and_the_limit_counts_each_parent(self):
        live = LiveInstallation(server="gunicorn")
        proxy = ReverseProxy(upstream_port=live.port)
        env = production_env()
        del env["SECRET_KEY_FILE"], env["DATABASE_URL"]
        env.update(
            SECRET_KEY=secrets.token_urlsafe(50),
            SITE_URL=proxy.url,
            ALLOWED_HOSTS="127.0.0.1",
            CSRF_TRUSTED_ORIGINS=proxy.url,
            INTAKE_RATE_LIMIT="5",
        )
        live.extra_env = env
        with live, proxy:
            location = live.python(
                "import json\n"
                "from accounts.models import User\n"
                "from organisation.models import LegalEntity, Location\n"
                "entity = LegalEntity.objects.create(name='Partou B.V.')\n"
                "location = Location.objects.create(name='Partou KDV De Tulp', legal_entity=entity, city='Utrecht')\n"
                f"user = User.objects.create_user(username='coordinator', password='{PASSWORD}', role='coordinator')\n"
                "from accounts import two_factor\n"
                "device, _ = two_factor.enrol(user=user, secret=two_factor.new_secret())\n"
                "print(json.dumps([location.pk, device.key]))"
            )
            location, app_key = location
            # Six parents, each from an address of their own (127.0.0.2–7): with a limit of five
            # a parent each, all six are accepted. A seventh client forges X-Forwarded-For with
            # a new address each time; its sixth complaint is refused all the same.
            parents = [self._browser(proxy, f"127.0.0.{n}") for n in range(2, 8)]
            forger = self._browser(proxy, "127.0.0.9")
            try:
                forms = [self._form(parent) for parent in parents] + [self._form(forger) for _ in range(6)]
                time.sleep(spam.MIN_FILL_SECONDS + 0.5)
                answers = [self._submit(parent, forms[n], location, n) for n, parent in enumerate(parents)]
                self.assertEqual([a.status_code for a in answers], [303] * 6, live.log("server.log")[-3000:])
                self.assertTrue(all(a.headers["location"].startswith("/status/") for a in answers))

                forged = [
                    self._submit(forger, forms[6 + n], location, 10 + n, forwarded_for=f"198.51.100.{n}")
                    for n in range(6)
                ]
                self.assertEqual([a.status_code for a in forged], [303] * 5 + [200])
                self.assertIn("het afgelopen uur al meerdere klachten verstuurd", forged[-1].text)

                login = parents[0].get("/login/")
                self.assertEqual(login.status_code, 200)
                logged_in = parents[0].post(
                    "/login/",
                    data={
                        "csrfmiddlewaretoken": hidden(login.text, "csrfmiddlewaretoken"),
                        "username": "coordinator",
                        "password": PASSWORD,
                    },
                    headers={"Origin": proxy.url, "Referer": f"{proxy.url}/login/"},
                )
                self.assertEqual(logged_in.status_code, 302, logged_in.text[:2000])
                # The coordinator's second factor: a code from the app, posted through the proxy too.
                verify = parents[0].get(logged_in.headers["location"], follow_redirects=True)
                self.assertIn("/tweestapsverificatie/code/", str(verify.url))
                verified = parents[0].post(
                    str(verify.url),
                    data={
                        "csrfmiddlewaretoken": hidden(verify.text, "csrfmiddlewaretoken"),
                        "code": f"{totp(unhexlify(app_key), drift=1):06d}",
                        "next": hidden(verify.text, "next"),
                    },
                    headers={"Origin": proxy.url, "Referer": str(verify.url)},
                )
                self.assertEqual(verified.status_code, 302, verified.text[:2000])
                home = parents[0].get(verified.headers["location"], follow_redirects=True)
                self.assertEqual(home.status_code, 200)
                self.assertIn("Werkvoorraad", home.text)
            finally:
                for client in [*parents, forger]:
                    client.close()
            stored = live.python(
                "import json\nfrom complaints.models import Complaint\nprint(json.dumps(Complaint.objects.count()))"
            )
            self.assertEqual(stored, 11)
            self.assertNotIn("/status/", proxy.access_log.replace("/status/[token]", ""))
            self.assertIn("/status/[token]", proxy.access_log)

    def _browser(self, proxy: ReverseProxy, address: str) -> httpx.Client:
        transport = httpx.HTTPTransport(verify=False, local_address=address)
        return httpx.Client(base_url=proxy.url, transport=transport, timeout=30)

    def _form(self, client: httpx.Client) -> dict[str, str]:
        page = client.get("/")
        self.assertEqual(page.status_code, 200)
        return {name: hidden(page.text, name) for name in ("csrfmiddlewaretoken", spam.STAMP_FIELD, "submission_key")}

    def _submit(
        self, client: httpx.Client, form: dict[str, str], location: int, number: int, forwarded_for: str = ""
    ) -> httpx.Response:
        headers = {"Origin": str(client.base_url).rstrip("/"), "Referer": f"{client.base_url}"}
        if forwarded_for:
            headers["X-Forwarded-For"] = forwarded_for
        data = {
            **form,
            "complainant_kind": "parent",
            "name": f"Ouder {number}",
            "email": f"ouder{number}@voorbeeld.test",
            "location": str(location),
            "description": f"Klacht {number}: de overdracht ontbrak.",
            "consent": "on",
        }
        response = client.post("/", data=data, headers=headers)
        if response.status_code == 303:
            # The parent follows the redirect to the status page: the token must not reach the log.
            self.assertEqual(client.get(response.headers["location"]).status_code, 200)
        return response
