from unittest import mock

from complaints.models import Category, TaxonomyVersion
from config.testing import register
from triage.models import CategoryModel
from triage.suggestions import category_model_train, category_suggest, category_suggest_texts, training_data
from triage.tests.helpers import TriageTestCase


class CategoryModelTrainTests(TriageTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.make_training_data()
        cls.model = category_model_train()

    def test_it_stores_a_model_with_its_measured_accuracy(self):
        self.assertIsNotNone(self.model)
        self.assertEqual(self.model.version, self.taxonomy)
        self.assertEqual(self.model.samples, 18)
        self.assertGreater(self.model.top3, 0.9)  # three categories: top-3 is always right
        # Six texts per category, held out in folds: above chance (1/3) is what tiny data can show.
        self.assertGreater(self.model.top1, 1 / 3)
        self.assertLessEqual(self.model.top1, self.model.top3)
        self.assertEqual(
            set(self.model.per_category),
            {"Communicatie vanuit locatie", "Facturen en betalingen", "Veiligheid en gezondheid"},
        )
        self.assertEqual(self.model.per_category["Facturen en betalingen"]["n"], 6)

    def test_it_suggests_three_categories_best_first(self):
        complaint = register(
            location=self.oceaan, description="De factuur is te hoog, er is dubbel afgeschreven.", notify=False
        )
        suggestions = category_suggest(complaint)
        self.assertEqual(len(suggestions), 3)
        self.assertEqual(suggestions[0].category, self.invoices)
        scores = [s.score for s in suggestions]
        self.assertEqual(scores, sorted(scores, reverse=True))
        self.assertAlmostEqual(sum(scores), 1.0, places=2)

    def test_an_inactive_category_is_not_suggested(self):
        Category.objects.filter(pk=self.invoices.pk).update(is_active=False)
        [suggestions] = category_suggest_texts(["De factuur is te hoog."], version=self.taxonomy)
        self.assertNotIn(self.invoices, [s.category for s in suggestions])

    def test_the_newest_model_of_the_version_is_used(self):
        newer = category_model_train()
        self.assertEqual(CategoryModel.objects.filter(version=self.taxonomy).first(), newer)

    def test_only_the_newest_models_of_a_version_are_kept(self):
        with mock.patch("triage.suggestions.MODELS_KEPT", 2):
            newest = [category_model_train(), category_model_train()]
        self.assertEqual(list(CategoryModel.objects.filter(version=self.taxonomy)), newest[::-1])

    def test_without_a_model_there_are_no_suggestions(self):
        CategoryModel.objects.all().delete()
        complaint = register(location=self.oceaan, description="De factuur is te hoog.", notify=False)
        self.assertEqual(category_suggest(complaint), [])


class TaxonomyChangeTests(TriageTestCase):
    """A new taxonomy version: the model learns from the old complaints through
    the mapping, and suggests only the new version's categories."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.make_training_data()  # complaints in the 2026 categories
        cls.v2027 = TaxonomyVersion.objects.create(year=2027, name="Indeling 2027", previous=cls.taxonomy)
        cls.money = Category.objects.create(version=cls.v2027, name="Geld")
        cls.talk = Category.objects.create(version=cls.v2027, name="Praten")
        cls.money.maps_to.add(cls.invoices)
        cls.talk.maps_to.add(cls.communication)
        # "Veiligheid en gezondheid" is mapped to nothing in 2027: its complaints do not count.

    def test_training_data_follows_the_mapping(self):
        texts, labels = training_data(self.v2027)
        self.assertEqual(len(texts), 12)
        self.assertEqual(set(labels), {str(self.money.pk), str(self.talk.pk)})

    def test_suggestions_come_only_from_the_new_version(self):
        model = category_model_train(version=self.v2027)
        [suggestions] = category_suggest_texts(["De factuur klopt niet."], version=self.v2027)
        self.assertEqual(model.version, self.v2027)
        self.assertEqual(suggestions[0].category, self.money)
        self.assertTrue(all(s.category.version_id == self.v2027.pk for s in suggestions))

    def test_too_little_data_gives_no_model(self):
        empty = TaxonomyVersion.objects.create(year=2028, name="Indeling 2028", previous=self.v2027)
        Category.objects.create(version=empty, name="Alles")
        self.assertIsNone(category_model_train(version=empty))
