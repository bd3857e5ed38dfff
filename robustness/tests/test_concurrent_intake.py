"""Issue 11, point 1: a dozen parents submitting at the same moment on the embedded
default (SQLite file, development server, worker delivering mail) all get their
complaint stored and a receipt; nothing is lost, nobody sees a 500. The same test
runs on PostgreSQL when the suite does."""

import re
import threading
import time
from collections import Counter

import httpx
import pytest
from django.test import SimpleTestCase

from config.live_testing import LiveInstallation
from intake import spam

pytestmark = [pytest.mark.live]

COORDINATOR = "coordinator@klachtwijs.test"
AT_ONCE = 16  # parents pressing "versturen" at the same moment
AFTER = 4  # one after the other, while the worker delivers the first ones' mail
PARENTS = AT_ONCE + AFTER


def _field(html: str, name: str) -> str:
    tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', html)
    value = re.search(r'value="([^"]*)"', tag.group(0)) if tag else None
    assert value, f"no {name} in the form"
    return value.group(1)


class ConcurrentIntakeTests(SimpleTestCase):
    def test_parents_submitting_at_once_are_all_stored_and_all_get_one_receipt(self):
        with LiveInstallation(extra_env={"INTAKE_RATE_LIMIT": "1000", "COORDINATOR_EMAILS": COORDINATOR}) as live:
            location = live.python(
                "import json\n"
                "from organisation.models import LegalEntity, Location\n"
                "entity = LegalEntity.objects.create(name='Partou B.V.')\n"
                "location = Location.objects.create(name='Partou KDV De Tulp', legal_entity=entity, city='Utrecht')\n"
                "print(json.dumps(location.pk))"
            )
            clients = [httpx.Client(base_url=live.url, timeout=60) for _ in range(PARENTS)]
            forms = [self._open_form(client) for client in clients]
            time.sleep(spam.MIN_FILL_SECONDS + 0.5)
            statuses: dict[int, int | str] = {}
            answers: list[str] = []  # pages other than the redirect to the status page, for the failure message
            barrier = threading.Barrier(AT_ONCE)

            def submit(number: int, *, together: bool) -> None:
                data = {
                    **forms[number],
                    "complainant_kind": "parent",
                    "name": f"Ouder {number}",
                    "email": f"ouder{number}@voorbeeld.test",
                    "phone": "06 12345678",
                    "location": str(location),
                    "care_type": "dagopvang",
                    "description": f"Klacht nummer {number}: mijn kind is zonder overdracht meegegeven.",
                    "consent": "on",
                    spam.HONEYPOT_FIELD: "",
                }
                if together:
                    barrier.wait(timeout=30)
                try:
                    response = clients[number].post("/", data=data)
                except httpx.HTTPError as error:
                    statuses[number] = repr(error)
                else:
                    statuses[number] = response.status_code
                    if response.status_code != 303:
                        answers.append(response.text)

            threads = [threading.Thread(target=submit, args=(n,), kwargs={"together": True}) for n in range(AT_ONCE)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=120)
            for number in range(AT_ONCE, PARENTS):
                submit(number, together=False)
            for client in clients:
                client.close()

            self.assertEqual(
                Counter(statuses.values()), Counter({303: PARENTS}), (answers[:1], live.log("server.log")[-4000:])
            )
            stored = live.python(
                "import json\n"
                "from complaints.models import Complaint, ComplaintEvent\n"
                "print(json.dumps({'emails': sorted(c.complainant.email for c in Complaint.objects.all()),\n"
                "  'references': Complaint.objects.values('reference').distinct().count(),\n"
                "  'registered': ComplaintEvent.objects.filter(kind='complaint.registered').count()}))"
            )
            parents = sorted(f"ouder{n}@voorbeeld.test" for n in range(PARENTS))
            self.assertEqual(stored["emails"], parents)
            self.assertEqual(stored["references"], PARENTS)
            self.assertEqual(stored["registered"], PARENTS)

            received = self._wait_for_recipients(live, expected=PARENTS * 2)
            self.assertEqual(received, Counter({**{parent: 1 for parent in parents}, COORDINATOR: PARENTS}))
            self.assertNotIn("Traceback", live.log("server.log"))
            self.assertNotIn("Traceback", live.log("worker.log"))

    def _open_form(self, client: httpx.Client) -> dict[str, str]:
        page = client.get("/")
        self.assertEqual(page.status_code, 200)
        names = ("csrfmiddlewaretoken", spam.STAMP_FIELD, "submission_key")
        return {name: _field(page.text, name) for name in names}

    def _wait_for_recipients(self, live: LiveInstallation, *, expected: int, timeout: float = 90) -> Counter:
        deadline = time.monotonic() + timeout
        while True:
            received = Counter(recipient for _, recipients in list(live.sink.envelopes) for recipient in recipients)
            if sum(received.values()) >= expected or time.monotonic() > deadline:
                return received
            time.sleep(0.5)
