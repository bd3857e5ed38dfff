import io
import json
import tempfile
from pathlib import Path

from django.core.management import CommandError, call_command
from django.test import override_settings
from sklearn.naive_bayes import ComplementNB
from sklearn.svm import LinearSVC

from triage import classifier
from triage.suggestions import category_model_train, training_data
from triage.tests.helpers import TriageTestCase


def jsonl(lines: list) -> str:
    handle = tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8")
    with handle:
        for line in lines:
            handle.write((line if isinstance(line, str) else json.dumps(line)) + "\n")
    return handle.name


def run(*args: str) -> list[dict]:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


class SuggestCategoryCommandTests(TriageTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.make_training_data()
        category_model_train()

    def test_it_writes_three_suggestions_per_line_best_first(self):
        path = jsonl([{"id": 7, "text": "De factuur klopt niet."}, "", {"id": "b", "text": "Het hek stond open."}])
        rows = run("suggest_category", "--input", path)
        self.assertEqual([row["id"] for row in rows], [7, "b"])
        for row in rows:
            self.assertEqual(set(row), {"id", "suggestions"})
            self.assertEqual(len(row["suggestions"]), 3)
            scores = [s["score"] for s in row["suggestions"]]
            self.assertEqual(scores, sorted(scores, reverse=True))
        self.assertEqual(rows[0]["suggestions"][0]["category"], "Facturen en betalingen")
        self.assertEqual(rows[1]["suggestions"][0]["category"], "Veiligheid en gezondheid")

    def test_it_writes_to_a_file(self):
        target = Path(tempfile.mkdtemp()) / "out.jsonl"
        call_command("suggest_category", "--input", jsonl([{"id": 1, "text": "factuur"}]), "--output", str(target))
        self.assertEqual(json.loads(target.read_text())["id"], 1)

    def test_bad_input_stops_with_the_line_number(self):
        with self.assertRaisesMessage(CommandError, "Regel 2: geen geldige JSON"):
            run("suggest_category", "--input", jsonl([{"id": 1, "text": "a"}, "{niet json"]))
        with self.assertRaisesMessage(CommandError, "Regel 1: verwacht"):
            run("suggest_category", "--input", jsonl([{"text": "zonder id"}]))
        with self.assertRaisesMessage(CommandError, "Kan /nergens.jsonl niet lezen"):
            run("suggest_category", "--input", "/nergens.jsonl")

    def test_without_a_model_it_says_to_train_first(self):
        self.taxonomy.category_models.all().delete()
        with self.assertRaisesMessage(CommandError, "train_category_model"):
            run("suggest_category", "--input", jsonl([{"id": 1, "text": "a"}]))

    def test_train_category_model_reports_the_measured_accuracy(self):
        out = io.StringIO()
        call_command("train_category_model", stdout=out)
        self.assertRegex(out.getvalue(), r"Indeling 2026: 18 klachten, cross-gevalideerd top-1 \d+\.\d%, top-3 \d+")
        self.assertEqual(self.taxonomy.category_models.count(), 2)

    def test_if_changed_trains_only_when_the_categorised_complaints_changed(self):
        out = io.StringIO()
        call_command("train_category_model", "--if-changed", stdout=out)
        self.assertIn("niet opnieuw getraind", out.getvalue())
        self.assertEqual(self.taxonomy.category_models.count(), 1)
        self.taxonomy.category_models.update(samples=17)  # as if a complaint was categorised since
        call_command("train_category_model", "--if-changed", stdout=io.StringIO())
        self.assertEqual(self.taxonomy.category_models.count(), 2)

    def test_if_changed_retrains_a_model_stored_with_other_settings(self):
        """A model of an earlier version of the classifier (here: another C) is replaced at the next `make run`."""
        texts, labels = training_data(self.taxonomy)
        older = classifier.pipeline_build()
        older.set_params(model__estimators=[LinearSVC(C=5.0), ComplementNB(alpha=1.0)])
        self.taxonomy.category_models.update(model=classifier.dumps(older.fit(texts, labels)))
        call_command("train_category_model", "--if-changed", stdout=io.StringIO())
        self.assertEqual(self.taxonomy.category_models.count(), 2)
        latest = classifier.loads(bytes(self.taxonomy.category_models.first().model))
        self.assertEqual(classifier.description(latest), classifier.description(classifier.pipeline_build()))


@override_settings(TRIAGE_USE_DEDUCE=False)
class AnonymiseCommandTests(TriageTestCase):
    def test_it_writes_the_anonymised_text_per_line(self):
        path = jsonl(
            [
                {"id": 1, "text": "Mijn zoon Kofi zat bij Rakkertjes; bel 06-12345678."},
                {"id": 2, "text": "Op dinsdag was de groep te vol."},
            ]
        )
        rows = run("anonymise", "--input", path)
        self.assertEqual(
            rows,
            [
                {"id": 1, "text": "Mijn zoon zat bij Rakkertjes; bel [telefoonnummer]."},
                {"id": 2, "text": "Op dinsdag was de groep te vol."},
            ],
        )

    def test_bad_input_stops_with_the_line_number(self):
        with self.assertRaisesMessage(CommandError, "Regel 1: verwacht"):
            run("anonymise", "--input", jsonl([{"id": 1, "text": 5}]))
