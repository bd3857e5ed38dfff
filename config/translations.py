"""The English message catalogue (locale/en/LC_MESSAGES/django.po): which sources it
covers, extracting their messages with Django's makemessages, and keeping the catalogue
up to date (`make messages`). Dutch is the source language: the msgids are the Dutch
texts, the catalogue holds their English. It covers the public side, what the complainant
receives, and the staff screens of the complaints (list, worklist, complaint pages,
registration, login and two-step verification); Dutch stays the default of staff screens
(config.middleware.DutchFirstLocaleMiddleware), English is chosen with the switch. Documents
(exports, reports) stay Dutch. intake/tests/test_translations.py fails when a covered
message has no English.

makemessages runs over a throw-away tree of links to the covered files, so it never
writes into the checkout and never picks up the messages of sources not covered."""

import os
import shutil
import subprocess
import tempfile
from collections import defaultdict
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db.models import Model
from django.test.utils import override_settings
from django.utils import translation
from django.utils.module_loading import import_string

# Files and folders (relative to the project) whose messages reach the public side.
CATALOGUE_SOURCES = (
    "templates/intake",
    "templates/errors/layout.html",
    "templates/400.html",
    "templates/403.html",
    "templates/404.html",
    "templates/500.html",
    "templates/busy.html",
    "templates/csrf_failure.html",
    "templates/too_large.html",
    "templates/includes/language_switch.html",
    # The office's staff screens (issue 18 point 3): reports, inbox, improvement actions, the
    # annual report's screens, the custom admin pages, and the Python that puts text on them.
    # Not the documents (they stay Dutch): the annual report's own text (_document.html,
    # _part.html, document.html), the GGD reports, the weekly report's and dashboard's PDFs.
    "templates/reporting/_signals.html",
    "templates/reporting/dashboard/_bars.html",
    "templates/reporting/dashboard/_dashboard.html",
    "templates/reporting/dashboard/page.html",
    "templates/reporting/weekly/_report.html",
    "templates/reporting/weekly/page.html",
    "templates/inbox",
    "templates/improvements",
    "templates/annualreport/index.html",
    "templates/annualreport/check.html",
    "templates/annualreport/job.html",
    "templates/annualreport/job_start.html",
    "templates/annualreport/_job_status.html",
    "templates/annualreport/report.html",
    "templates/annualreport/report_missing.html",
    "templates/annualreport/section_edit.html",
    "templates/annualreport/section_delete.html",
    "templates/annualreport/colophon_edit.html",
    "templates/annualreport/ggd.html",
    "templates/admin/complaints/template_change_form.html",
    "templates/admin/complaints/template_preview.html",
    "templates/admin/organisation/location/merge_confirm.html",
    "triage/templates/triage",
    "reporting/charts.py",
    "reporting/dashboard.py",
    "reporting/dashboard_charts.py",
    "reporting/dashboard_views.py",
    "reporting/signals.py",
    "reporting/views.py",
    "reporting/weekly.py",
    "inbox/forms.py",
    "inbox/services.py",
    "inbox/views.py",
    "improvements/forms.py",
    "improvements/services.py",
    "improvements/views.py",
    "annualreport/forms.py",
    "annualreport/services.py",
    "annualreport/views.py",
    "triage/views.py",
    "intake/forms.py",
    "intake/services.py",
    "intake/spam.py",
    "intake/views.py",
    "complaints/attachments.py",
    "complaints/forms.py",
    "complaints/selectors.py",
    # What the complainant receives in their language (issue 18 point 2): the e-mails to them,
    # the closing letter, the suggested answer-date text.
    "templates/emails/base.html",
    "templates/emails/_signature.html",
    "templates/emails/_signature.txt",
    "templates/emails/receipt-body.html",
    "templates/emails/receipt-body.txt",
    "templates/emails/receipt-subject.txt",
    "templates/emails/message_to_complainant-body.html",
    "templates/emails/message_to_complainant-body.txt",
    "templates/emails/message_to_complainant-subject.txt",
    "templates/emails/status_link-body.html",
    "templates/emails/status_link-body.txt",
    "templates/emails/status_link-subject.txt",
    "templates/emails/closing_letter-body.html",
    "templates/emails/closing_letter-body.txt",
    "templates/emails/closing_letter-subject.txt",
    "templates/letters",
    "complaints/emails.py",
    "complaints/letters.py",
    # The staff screens of the complaints (issue 18 point 3): their templates, and the Python
    # that puts text on them (forms, filters, messages, the services' ComplaintError texts).
    "templates/base.html",
    "templates/includes/staff_menu.html",
    "templates/staff",
    "templates/registration",
    "staff",
    "accounts/forms.py",
    "accounts/views.py",
    "accounts/capabilities.py",
    "complaints/deadlines.py",
    "complaints/services",
)
# Choices whose labels the pages show (the form's radios, the verdict and the kind of contact
# on the status page; statuses and history on staff screens). Only these labels of their
# models' files are covered.
CATALOGUE_CHOICES = (
    "complaints.models.ComplainantKind",
    "complaints.models.Salutation",
    "complaints.models.Verdict",
    # The verdict short labels of the screens and reports (a dict of lazy labels).
    "complaints.models.VERDICT_SHORT_LABELS",
    "complaints.models.ContactMethod",
    # The office's screens: the inbox's states, the improvement actions' kinds and statuses,
    # a file's progress, a section's kind, a dispute's outcome (the admin).
    "inbox.models.MessageState",
    "improvements.models.Kind",
    "improvements.models.ImprovementStatus",
    "annualreport.models.JobStatus",
    "annualreport.models.SectionKind",
    "disputes.models.Outcome",
    "annualreport.models.REVISION_KINDS",  # a dict: its values are the labels
    "organisation.models.CareType",
    "complaints.models.Language",
    "accounts.models.Role",  # the signer's role under a letter or e-mail
    # Staff screens: the list's and the history's labels.
    "complaints.models.Channel",
    "complaints.models.Status",
    "complaints.models.EventKind",
    "organisation.models.MatchStatus",
    # A model named here brings its fields' labels: the history shows them for each change.
    "complaints.models.Complaint",
)
CATALOGUE_LANGUAGE = "en"


def catalogue_path(language: str = CATALOGUE_LANGUAGE) -> Path:
    return Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po"


def choice_msgids() -> dict[str, list[str]]:
    """The labels of ``CATALOGUE_CHOICES`` as written in the code, by the file that has them:
    a choices class's labels, a dict's values, a model's field labels (``verbose_name``)."""
    found: dict[str, list[str]] = defaultdict(list)
    with translation.override(None):
        for dotted in CATALOGUE_CHOICES:
            named = import_string(dotted)
            module_file = dotted.rsplit(".", 1)[0].replace(".", "/") + ".py"
            if isinstance(named, type) and issubclass(named, Model):
                labels = [
                    str(field.verbose_name) for field in named._meta.get_fields() if hasattr(field, "verbose_name")
                ]
            elif isinstance(named, dict):
                labels = [str(label) for label in named.values()]
            else:
                labels = [str(label) for label in named.labels]
            found[module_file].extend(label for label in labels if label not in found[module_file])
    return found


def extract(workdir: Path, language: str = CATALOGUE_LANGUAGE) -> Path:
    """The covered messages, as a fresh catalogue without translations, made by Django's
    makemessages in ``workdir``; returns its path."""
    base = Path(settings.BASE_DIR)
    tree = workdir / "sources"
    for relative in CATALOGUE_SOURCES:
        link = tree / relative
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(base / relative, target_is_directory=(base / relative).is_dir())
    for module_file, labels in choice_msgids().items():
        # A stand-in for the models' file holding only these labels: the catalogue refers to the real file.
        stand_in = tree / module_file
        stand_in.parent.mkdir(parents=True, exist_ok=True)
        lines = ["from django.utils.translation import gettext_noop", ""]
        lines += [f"gettext_noop({label!r})" for label in labels]
        stand_in.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tree / "locale").mkdir()
    previous = os.getcwd()
    os.chdir(tree)
    try:
        with override_settings(LOCALE_PATHS=[]):
            call_command(
                "makemessages", locale=[language], symlinks=True, add_location="file", no_obsolete=True, verbosity=0
            )
    finally:
        os.chdir(previous)
    return tree / "locale" / language / "LC_MESSAGES" / "django.po"


def update_catalogue(language: str = CATALOGUE_LANGUAGE) -> Path:
    """Bring the catalogue in line with the code: new messages come in without a translation
    (to be written), messages no longer used leave. Returns the catalogue's path."""
    target = catalogue_path(language)
    with tempfile.TemporaryDirectory(prefix="klachtwijs-messages-") as workdir:
        fresh = extract(Path(workdir), language)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(fresh, target)
        run_gettext(
            "msgmerge",
            "--quiet",
            "--no-fuzzy-matching",
            "--add-location=file",
            "--update",
            "--backup=none",
            str(target),
            str(fresh),
        )
        run_gettext("msgattrib", "--no-obsolete", "--add-location=file", "-o", str(target), str(target))
    # No header line that changes with every run: the file changes only when the messages do.
    lines = target.read_text(encoding="utf-8").splitlines(keepends=True)
    volatile = ('"POT-Creation-Date:', '"Report-Msgid-Bugs-To:')
    target.write_text("".join(line for line in lines if not line.startswith(volatile)), encoding="utf-8")
    return target


def run_gettext(*command: str) -> subprocess.CompletedProcess:
    """A GNU gettext tool (scripts/ensure-system-deps.sh installs them); raises with its
    message when it fails."""
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command[:1])} failed: {result.stderr.strip() or result.stdout.strip()}")
    return result
