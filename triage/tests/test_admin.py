from django.urls import reverse

from triage.models import CategoryModel
from triage.suggestions import category_model_train
from triage.tasks import train_category_model_nightly
from triage.tests.helpers import TriageTestCase


class CategoryModelAdminTests(TriageTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.make_training_data()
        cls.model = category_model_train()

    def setUp(self) -> None:
        self.client.force_login(self.administrator)

    def test_it_shows_the_cross_validated_accuracy_per_category(self):
        response = self.client.get(reverse("admin:triage_categorymodel_change", args=[self.model.pk]))
        figures = self.model.per_category["Facturen en betalingen"]
        self.assertContains(
            response,
            f"Facturen en betalingen: 6 klachten, top-1 {round(100 * figures['top1'])}%, "
            f"top-3 {round(100 * figures['top3'])}%",
        )

    def test_the_retrain_action_trains_a_new_model(self):
        url = reverse("admin:triage_categorymodel_changelist")
        self.assertContains(self.client.get(url), "Indeling 2026")
        response = self.client.post(url, {"action": "retrain", "_selected_action": [self.model.pk]})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(CategoryModel.objects.count(), 2)


class NightlyTrainingTests(TriageTestCase):
    def test_the_nightly_task_trains_the_current_version(self):
        self.make_training_data()
        model_id = train_category_model_nightly.call_local()
        self.assertEqual(CategoryModel.objects.get(pk=model_id).version, self.taxonomy)
