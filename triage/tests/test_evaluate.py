import tempfile
from pathlib import Path

from django.test import SimpleTestCase

from triage import evaluate
from triage.suggestions import category_model_train
from triage.tests.helpers import TriageTestCase


class EvaluationSetTests(SimpleTestCase):
    def test_the_sets_are_large_enough_and_well_formed(self):
        categories = evaluate.load("categories.jsonl")
        personal = evaluate.load("personal_data.jsonl")
        self.assertGreaterEqual(len(categories), 100)
        self.assertGreaterEqual(len(personal), 100)
        self.assertGreaterEqual(sum(not item["spans"] for item in personal), 15)
        for item in personal:
            for span in item["spans"]:
                self.assertTrue(item["text"][span["start"] : span["end"]].strip(), item["id"])

    def test_anonymisation_figures_count_spans_and_kept_words(self):
        items = [
            {"id": "a", "text": "Bel 0612345678 nu.", "spans": [{"start": 4, "end": 14, "kind": "phone"}]},
            {"id": "b", "text": "Mijn zoon Kofi huilt.", "spans": [{"start": 10, "end": 14, "kind": "name"}]},
            {"id": "c", "text": "Kofi huilt.", "spans": [{"start": 0, "end": 4, "kind": "name"}]},  # no context
            {"id": "d", "text": "De groep was dicht.", "spans": []},
        ]
        figures = evaluate.evaluate_anonymisation(items, protected=[], use_deduce=False)
        self.assertEqual(figures.spans, 3)
        self.assertAlmostEqual(figures.recall, 2 / 3)
        self.assertEqual(figures.missed, ["c: Kofi (name)"])
        self.assertEqual(figures.words_kept, 1.0)
        self.assertEqual((figures.clean_texts, figures.clean_texts_unchanged), (1, 1))

    def test_the_section_replaces_its_own_and_leaves_the_rest(self):
        path = Path(tempfile.mkdtemp()) / "benchmarks.md"
        path.write_text("# Benchmarks\n\n## Load\n\nfigures\n\n## Triage\n\nold\n\n## Later\n\nmore\n")
        evaluate.write_section(path, "## Triage\n\nnew\n")
        self.assertEqual(
            path.read_text(), "# Benchmarks\n\n## Load\n\nfigures\n\n## Triage\n\nnew\n\n## Later\n\nmore\n"
        )


class CategoryEvaluationTests(TriageTestCase):
    def test_it_measures_top1_and_top3_on_held_out_texts(self):
        self.make_training_data()
        category_model_train()
        items = [
            {"id": 1, "text": "De factuur is te hoog.", "category": "Facturen en betalingen"},
            {"id": 2, "text": "Het hek stond open.", "category": "Veiligheid en gezondheid"},
            {"id": 3, "text": "Iets", "category": "Bestaat niet"},
        ]
        figures = evaluate.evaluate_categories(self.taxonomy, items)
        self.assertEqual(figures.unknown_categories, ["Bestaat niet"])
        self.assertAlmostEqual(figures.top1, 2 / 3)
        self.assertAlmostEqual(figures.top3, 2 / 3)
