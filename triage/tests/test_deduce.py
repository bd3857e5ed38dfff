"""The anonymiser with deduce, as the worker runs it. deduce loads its lookup
structures from the cache `manage.py triage_prepare` built (tens of seconds,
once for this module); without that cache its first start takes minutes."""

import subprocess
import sys
import tempfile
from pathlib import Path
from unittest import mock

from django.conf import settings
from django.test import SimpleTestCase, override_settings

from config.testing import register
from triage import deduce_lookup
from triage.anonymiser import Anonymiser, deduce_instance
from triage.services import publication_draft_make
from triage.tests.helpers import TriageTestCase


class DeduceAnonymiserTests(SimpleTestCase):
    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        deduce_instance()
        cls.anonymiser = Anonymiser(protected=["Rakkertjes", "BSO Oceaan"])

    def test_names_without_a_role_word_are_found_by_deduce(self):
        result = self.anonymiser.anonymise("Jan de Vries belde over de factuur.")
        self.assertEqual(result.text, "[naam] belde over de factuur.")
        self.assertEqual(result.replacements[0]["original"], "Jan de Vries")

    def test_street_addresses_are_found_by_deduce(self):
        self.assertEqual(
            self.anonymiser.anonymise("Wij wonen aan de Julianalaan 4 in Arnhem.").text,
            "Wij wonen aan de [adres] in Arnhem.",
        )

    def test_locations_groups_months_weekdays_and_towns_stay(self):
        text = "Op maandag 3 maart was groep de Zonnetjes van Rakkertjes in Utrecht dicht, en in december BSO Oceaan."
        self.assertEqual(self.anonymiser.anonymise(text).text, text)

    def test_text_without_personal_data_is_unchanged(self):
        text = "De ouder vindt dat er te weinig buiten wordt gespeeld en dat de groep te vol is."
        self.assertEqual(self.anonymiser.anonymise(text).text, text)

    def test_a_role_word_name_and_a_known_name_together(self):
        anonymiser = Anonymiser(known_names={"Ayşe Yılmaz": "ouder"}, protected=["Rakkertjes"])
        result = anonymiser.anonymise("Ayşe Yılmaz zegt dat juf Femke haar zoon Deniz niet zag vallen.")
        self.assertEqual(result.text, "Ouder zegt dat juf haar zoon niet zag vallen.")


@override_settings(TRIAGE_USE_DEDUCE=True)
class DraftWithDeduceTests(TriageTestCase):
    def test_the_draft_of_a_complaint_uses_deduce_when_turned_on(self):
        deduce_instance()
        complaint = register(location=self.oceaan, description="Jan de Vries van Partou BSO Oceaan 16 belde niet.")
        draft = publication_draft_make(complaint=complaint)
        self.assertEqual(draft.text, "[naam] van Partou BSO Oceaan 16 belde niet.")


class SlimDeduceTests(SimpleTestCase):
    """The worker's memory (issue 16: under 1 GB with deduce and the classifier
    loaded): deduce holds only the lookup structures the anonymiser uses."""

    def test_the_configuration_leaves_out_the_institution_and_place_annotators(self):
        annotators = deduce_lookup.slim_config()["annotators"]
        for name in ("hospital", "institution", "placename"):
            self.assertNotIn(name, annotators)
        for name in ("first_name_lookup", "surname_lookup", "street_lookup", "postal_code", "bsn", "phone"):
            self.assertIn(name, annotators)

    def test_the_loaded_deduce_holds_no_institution_or_place_lookups(self):
        structs = deduce_instance().lookup_structs
        for name in deduce_lookup.UNUSED_LOOKUPS:
            self.assertNotIn(name, structs)
        for name in ("first_name", "surname", "street", "prefix", "whitelist"):
            self.assertIn(name, structs)

    def test_a_missing_slim_cache_is_written_by_a_child_process(self):
        missing = Path(tempfile.mkdtemp()) / "cache" / "lookup_structs.pickle"
        with (
            mock.patch.object(deduce_lookup, "slim_cache_file", return_value=missing),
            mock.patch.object(deduce_lookup.subprocess, "run") as run,
        ):
            deduce_lookup.slim_cache_ensure()
        self.assertEqual(run.call_args.args[0], [sys.executable, "-m", "triage.deduce_lookup"])

    def test_an_existing_slim_cache_is_used_as_it_is(self):
        deduce_instance()  # writes the slim cache first if this virtualenv has none yet
        with mock.patch.object(deduce_lookup.subprocess, "run") as run:
            deduce_lookup.slim_cache_ensure()
        run.assert_not_called()


class WorkerStartTests(SimpleTestCase):
    def test_the_worker_does_not_load_deduce_before_a_text_is_anonymised(self):
        """The consumer imports every app's tasks at start; deduce loads with the first draft."""
        code = (
            "import sys, django; django.setup()\n"
            "from django.utils.module_loading import autodiscover_modules\n"
            "autodiscover_modules('tasks')\n"
            "assert 'triage.tasks' in sys.modules\n"
            "print('deduce' in sys.modules)"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, cwd=settings.BASE_DIR, check=True
        )
        self.assertEqual(result.stdout.strip().splitlines()[-1], "False")
