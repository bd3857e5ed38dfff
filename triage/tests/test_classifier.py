"""The classifier itself (pure scikit-learn): the pipeline chosen by
cross-validation (docs/benchmarks.md "## Triage"), and the soft vote of its
two models with calibrated probabilities."""

import numpy as np
from django.test import SimpleTestCase
from sklearn.naive_bayes import ComplementNB
from sklearn.svm import LinearSVC

from triage import classifier
from triage.tests.helpers import TEXTS


def data() -> tuple[list[str], list[str]]:
    texts, labels = [], []
    for label, items in TEXTS.items():
        texts += items
        labels += [label] * len(items)
    return texts, labels


class PipelineTests(SimpleTestCase):
    def test_the_pipeline_is_the_one_chosen_by_cross_validation(self):
        pipeline = classifier.pipeline_build()
        words, chars = (transformer for _, transformer in pipeline.named_steps["features"].transformer_list)
        self.assertEqual((words.analyzer, words.ngram_range, words.sublinear_tf), ("word", (1, 2), True))
        self.assertEqual((chars.analyzer, chars.ngram_range, chars.sublinear_tf), ("char_wb", (3, 5), True))
        self.assertEqual((words.strip_accents, chars.strip_accents), ("unicode", "unicode"))
        model = pipeline.named_steps["model"]
        self.assertIsInstance(model, classifier.SoftVote)
        svm, bayes = model.estimators
        self.assertIsInstance(svm, LinearSVC)
        self.assertEqual((svm.C, svm.class_weight), (0.3, "balanced"))
        self.assertIsInstance(bayes, ComplementNB)
        self.assertEqual(bayes.alpha, 0.1)

    def test_probabilities_are_calibrated_scores_that_sum_to_one(self):
        texts, labels = data()
        pipeline = classifier.train(texts, labels)
        probabilities = pipeline.predict_proba(["De factuur is dubbel afgeschreven.", "Niemand vertelde iets."])
        np.testing.assert_allclose(probabilities.sum(axis=1), 1.0)
        self.assertTrue(((probabilities > 0) & (probabilities < 1)).all())
        self.assertEqual(list(pipeline.predict(["De factuur is dubbel afgeschreven."])), ["invoices"])
        model = pipeline.named_steps["model"]
        self.assertEqual(len(model.temperatures_), 2)
        for temperature in model.temperatures_:
            self.assertIn(temperature, classifier.TEMPERATURES)

    def test_a_category_with_one_complaint_is_still_learned_and_ranked(self):
        texts, labels = data()
        texts.append("De kok gebruikte pinda's terwijl er een allergie bekend was.")
        labels.append("food")
        pipeline = classifier.train(texts, labels)
        self.assertIn("food", pipeline.classes_)
        [ranked] = classifier.suggest(pipeline, ["De kok gebruikte pinda's bij de allergie."], top=1)
        self.assertEqual(ranked[0][0], "food")

    def test_a_class_a_fold_model_never_saw_scores_lowest(self):
        texts, labels = data()
        features = classifier.pipeline_build().named_steps["features"].fit(texts)
        X = features.transform(texts)
        seen = [i for i, label in enumerate(labels) if label != "invoices"]
        model = LinearSVC().fit(X[seen], [labels[i] for i in seen])
        classes = np.array(sorted(set(labels)))
        scores = classifier._scores(model, X[:2], classes)
        missing = list(classes).index("invoices")
        self.assertTrue((scores[:, missing] < np.delete(scores, missing, axis=1).min(axis=1)).all())


def test_django_starts_without_importing_scikit_learn():
    """Web processes, commands and the worker start without scikit-learn and SciPy
    (over a second and about 100 MB); the classifier loads them on first use."""
    import subprocess
    import sys

    from django.conf import settings

    code = (
        "import django, sys; django.setup(); "
        "import triage.tasks, triage.receivers, triage.templatetags.triage; "
        "print(sorted(name for name in sys.modules if name.split('.')[0] in ('sklearn', 'scipy')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env={"DJANGO_SETTINGS_MODULE": "config.test_settings", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert result.stdout.strip().splitlines()[-1] == "[]"
