"""Issue 11, point 3: the API fuzzed against its own description. Schemathesis
generates requests from /api/v1/schema/ (valid and invalid ones) for every operation
and sends them, with a coordinator's token, to a live installation (gunicorn as in
production, its own database: SQLite file, or PostgreSQL in the suite's second pass).
No answer may be a 5xx or contradict the description: status code, content type
and body (errors in the one error shape). Only 127.0.0.1 is contacted."""

import hypothesis.strategies as st
import pytest
import schemathesis
from django.test import SimpleTestCase
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from config.live_testing import LiveInstallation

CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance, content_type_conformance]
pytestmark = [pytest.mark.live]

MAX_EXAMPLES = 50  # per operation and phase; the whole run stays well under two minutes

SETUP = """
import json
from datetime import timedelta
from django.utils import timezone
from rest_framework.authtoken.models import Token
from accounts.models import Role, User
from complaints.models import Channel, Complaint
from complaints.services import ComplainantData, complaint_register, note_add
from organisation.models import LegalEntity, Location

coordinator = User.objects.create_user(username="fuzz", password=None, role=Role.COORDINATOR)
entity = LegalEntity.objects.create(name="Partou B.V.")
location = Location.objects.create(name="Partou KDV De Tulp", legal_entity=entity, city="Utrecht")
references = []
for number in range(3):
    complaint = complaint_register(
        received_at=timezone.now() - timedelta(days=number),
        channel=Channel.WEB,
        complainant_kind="parent",
        location=location,
        description=f"Klacht {number}: mijn kind is zonder overdracht meegegeven.",
        complainant=ComplainantData(name="Ouder", email="ouder@voorbeeld.test"),
        notify=False,
    )
    references.append(complaint.reference)
note_add(complaint=complaint, text="Gebeld met de ouder.", actor=coordinator)
# An imported complaint: no dates, no location, as the annual report gives it.
imported = Complaint.objects.create(
    reference="K2025-00001", year=2025, sequence=1, channel=Channel.IMPORT, legal_entity=entity,
    description="Geimporteerde klacht.", status="closed", verdict="ja", appendix_position=1,
)
references.append(imported.reference)
print(json.dumps({"token": Token.objects.create(user=coordinator).key, "references": references}))
"""


class LiveApiFuzzTests(SimpleTestCase):
    def test_the_live_api_answers_as_described_without_server_errors(self):
        with LiveInstallation(server="gunicorn", extra_env={"DEBUG": "0", "DATABASE_CONN_MAX_AGE": "60"}) as live:
            made = live.python(SETUP)
            headers = {"Authorization": f"Token {made['token']}"}
            # No example database in the checkout (.hypothesis/); bounded per operation.
            config = SchemathesisConfig.from_dict({"generation": {"max-examples": MAX_EXAMPLES, "database": "none"}})
            schema = schemathesis.openapi.from_url(f"{live.url}/api/v1/schema/", config=config, headers=headers)
            schema.config.update(base_url=live.url)
            operations = [result.ok() for result in schema.get_all_operations()]
            self.assertEqual(len(operations), 5)
            for operation in operations:
                for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                    with self.subTest(operation=operation.label, mode=mode.value):
                        try:
                            self.fuzz(operation.as_strategy(generation_mode=mode), headers)
                        except Unsatisfiable:
                            # Nothing to make invalid: the detail takes only a free string.
                            if mode is GenerationMode.POSITIVE:
                                raise
                if any(parameter.name == "reference" for parameter in operation.path_parameters):
                    # Generated references hardly ever exist: also the answers with a
                    # complaint (and its history), for every kind of complaint made above.
                    existing = st.sampled_from(made["references"]).flatmap(
                        lambda reference, operation=operation: operation.as_strategy(
                            path_parameters={"reference": reference}
                        )
                    )
                    with self.subTest(operation=operation.label, mode="existing complaints"):
                        self.fuzz(existing, headers)
            self.assertNotIn("Traceback", live.log("server.log"))

    def fuzz(self, strategy, headers: dict[str, str]) -> None:
        @given(case=strategy)
        @settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
            phases=[Phase.explicit, Phase.generate],  # report the first failing request, unshrunk
        )
        def run(case) -> None:
            case.call_and_validate(headers=headers, checks=CHECKS, timeout=30)

        run()
