"""PDF and Word files of the annual report are made by the worker (issue 15 point 4): the user
starts a job, the page polls its progress, the file is downloaded when ready and served again
until the data or texts change; two people asking for the same file share one job."""

from unittest import mock

from accounts.models import Role
from accounts.testing import VerifiedClient
from annualreport import exporters
from annualreport.models import JobStatus, ReportJob
from annualreport.services import report_job_request
from annualreport.tests.base import SeedTestCase
from complaints.models import Complaint
from config.testing import make_user

START = "/jaarverslag/2025/bestand/docx/"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class ReportJobTests(SeedTestCase):
    def setUp(self) -> None:
        self.client.force_login(self.coordinator)

    def start(self, client=None, **data):
        with self.captureOnCommitCallbacks(execute=False) as queued:
            response = (client or self.client).post(START, data)
        return response, queued

    def test_start_poll_run_download_and_reuse(self):
        response, queued = self.start()
        job = ReportJob.objects.get()
        self.assertRedirects(response, f"/jaarverslag/bestanden/{job.pk}/")
        self.assertEqual((job.status, job.format_name, job.final, len(queued)), (JobStatus.QUEUED, "docx", False, 1))

        page = self.client.get(f"/jaarverslag/bestanden/{job.pk}/")
        self.assertContains(page, f'hx-get="/jaarverslag/bestanden/{job.pk}/status/"')
        self.assertContains(page, 'hx-trigger="every 1s"')
        self.assertContains(page, "In de wachtrij")
        self.assertNotContains(page, "<script>")  # no inline script (CSP): htmx from a file only

        # While the worker writes the file, the status the page polls shows the step and progress.
        seen = []
        real_export = exporters.export

        def export_while_polled(doc, format_name):
            seen.append(self.client.get(f"/jaarverslag/bestanden/{job.pk}/status/").content.decode())
            return real_export(doc, format_name)

        with mock.patch.object(exporters, "export", export_while_polled):
            queued[0]()  # the worker runs the job (huey is immediate in the tests)
        self.assertIn("Word-bestand opmaken", seen[0])
        self.assertIn('aria-valuenow="50"', seen[0])
        self.assertIn("hx-trigger", seen[0])

        job.refresh_from_db()
        self.assertEqual((job.status, job.progress), (JobStatus.DONE, 100))
        status = self.client.get(f"/jaarverslag/bestanden/{job.pk}/status/")
        self.assertContains(status, f"/jaarverslag/bestanden/{job.pk}/download/")
        self.assertNotContains(status, "hx-trigger")  # polling stops
        download = self.client.get(f"/jaarverslag/bestanden/{job.pk}/download/")
        self.assertEqual(download["Content-Type"], DOCX)
        content = b"".join(download.streaming_content)
        self.assertTrue(content.startswith(b"PK"))
        self.assertIn('filename="klachtenjaarverslag-2025-concept.docx"', download["Content-Disposition"])

        # A second coordinator asking for the same file gets the same finished job: no new work.
        other = VerifiedClient()
        other.force_login(make_user("coordinator2", Role.COORDINATOR))
        response, queued = self.start(client=other)
        self.assertRedirects(response, f"/jaarverslag/bestanden/{job.pk}/", fetch_redirect_response=False)
        self.assertEqual((ReportJob.objects.count(), len(queued)), (1, 0))
        # The plain download link serves the kept file at once.
        again = other.get("/jaarverslag/2025/download/docx/")
        self.assertEqual(b"".join(again.streaming_content), content)

        # Once the data change, the kept file is not served: the page offers to make a new one.
        complaint = Complaint.objects.get(reference="K2025-00001")
        complaint.save()
        stale = self.client.get("/jaarverslag/2025/download/docx/")
        self.assertEqual(stale["Content-Type"], "text/html; charset=utf-8")
        self.assertContains(stale, 'action="/jaarverslag/2025/bestand/docx/"')
        response, queued = self.start()
        self.assertEqual((ReportJob.objects.count(), len(queued)), (2, 1))
        queued[0]()
        # The file made from the older data is removed once the new one is there.
        self.assertEqual(list(ReportJob.objects.values_list("status", flat=True)), [JobStatus.DONE])
        self.assertNotEqual(ReportJob.objects.get().pk, job.pk)

    def test_two_requests_for_the_same_file_share_one_queued_job(self):
        with self.captureOnCommitCallbacks(execute=False) as queued:
            first, queued_first = report_job_request(
                report=self.report, format_name="pdf", final=False, show_unreviewed_texts=True, actor=self.coordinator
            )
            second, queued_second = report_job_request(
                report=self.report, format_name="pdf", final=False, show_unreviewed_texts=True, actor=self.management
            )
        self.assertEqual((first.pk, queued_first, queued_second, len(queued)), (second.pk, True, False, 1))

    def test_a_failed_job_says_so_and_can_be_started_again(self):
        response, queued = self.start()
        with mock.patch.object(exporters, "export", side_effect=RuntimeError("schijf vol")):
            queued[0]()
        job = ReportJob.objects.get()
        self.assertEqual(job.status, JobStatus.FAILED)
        status = self.client.get(f"/jaarverslag/bestanden/{job.pk}/status/")
        self.assertContains(status, "Het bestand kon niet worden gemaakt")
        self.assertContains(status, "schijf vol")
        self.assertNotContains(status, "hx-trigger")
        self.assertEqual(self.client.get(f"/jaarverslag/bestanden/{job.pk}/download/").status_code, 404)
        _response, queued = self.start()
        job.refresh_from_db()
        self.assertEqual((job.status, len(queued)), (JobStatus.QUEUED, 1))

    def test_a_file_with_unchecked_texts_is_for_editors_only_and_other_roles_are_refused(self):
        self.start()
        job = ReportJob.objects.get()
        self.assertTrue(job.show_unreviewed_texts)
        self.client.force_login(self.management)
        self.assertEqual(self.client.get(f"/jaarverslag/bestanden/{job.pk}/").status_code, 404)
        self.client.force_login(self.manager)
        self.assertEqual(self.client.get(f"/jaarverslag/bestanden/{job.pk}/").status_code, 403)
        self.assertEqual(self.client.post(START).status_code, 403)

    def test_the_final_version_is_refused_while_texts_are_unchecked(self):
        Complaint.objects.filter(reference="K2025-00003").update(publication_reviewed=False)
        response = self.client.post(START, {"definitief": "1"}, follow=True)
        self.assertRedirects(response, "/jaarverslag/2025/")
        self.assertContains(response, "De definitieve versie kan nog niet worden gemaakt")
        self.assertFalse(ReportJob.objects.exists())

    def test_an_unknown_format_and_a_get_are_refused(self):
        self.assertEqual(self.client.post("/jaarverslag/2025/bestand/xlsx/").status_code, 404)
        self.assertEqual(self.client.get(START).status_code, 405)
