from django.conf import settings
from django.test import SimpleTestCase

from complaints.models import Complaint
from config.routers import ReplicaRouter, reading_from_replica


class ReplicaRouterTests(SimpleTestCase):
    def setUp(self) -> None:
        self.router = ReplicaRouter()
        self.databases_before = dict(settings.DATABASES)

    def tearDown(self) -> None:
        settings.DATABASES.pop("replica", None)

    def test_it_reads_from_default_without_a_replica(self) -> None:
        with reading_from_replica():
            self.assertIsNone(self.router.db_for_read(Complaint))

    def test_it_reads_reports_from_the_replica(self) -> None:
        settings.DATABASES["replica"] = {**settings.DATABASES["default"]}
        self.assertIsNone(self.router.db_for_read(Complaint))
        with reading_from_replica():
            self.assertEqual(self.router.db_for_read(Complaint), "replica")
            self.assertEqual(self.router.db_for_write(Complaint), "default")
        self.assertIsNone(self.router.db_for_read(Complaint))

    def test_it_never_migrates_the_replica(self) -> None:
        self.assertFalse(self.router.allow_migrate("replica", "complaints"))
        self.assertTrue(self.router.allow_migrate("default", "complaints"))
