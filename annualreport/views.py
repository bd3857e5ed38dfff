"""The annual report in the back office: the report page with its downloads,
the editor per section, the colophon, the check of the publication texts and
the statutory reports per location for the GGD. Views stay thin: a form, one
service or one document, and a message.

A GET never writes: a report that does not exist yet is shown as such, and
the coordinator creates it with an explicit POST (``create_view``)."""

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from annualreport import prose
from annualreport.builder import AnnualReportDocument, ReportNotReady
from annualreport.errors import AnnualReportError
from annualreport.exporters import FORMAT_NAMES, export
from annualreport.figures import Scope
from annualreport.forms import ColophonForm, LocationSearchForm, SectionAddForm, SectionForm
from annualreport.ggd import ggd_zip_chunks, ggd_zip_filename, year_is_final
from annualreport.models import (
    MAX_YEAR,
    MIN_YEAR,
    AnnualReport,
    JobStatus,
    ReportJob,
    ReportRevision,
    ReportSection,
    SectionKind,
)
from annualreport.outline import Variant, spec_for
from annualreport.permissions import (
    annual_report_editor_required,
    annual_report_reader_required,
    can_edit_annual_report,
)
from annualreport.placeholders import fill, section_problems
from annualreport.selectors import (
    legal_entities_with_counts,
    locations_with_counts,
    report_file_fingerprint,
    report_years,
    unreviewed_complaints,
)
from annualreport.services import (
    JOB_FORMATS,
    annual_report_get_or_create,
    annual_report_update,
    report_job_request,
    report_section_add,
    report_section_delete,
    report_section_update,
)
from annualreport.values import report_placeholders
from organisation.models import LegalEntity, Location

FORMAT_LABELS = {"pdf": "PDF", "docx": "Word", "xlsx": gettext_lazy("Excel (bijlage 1)"), "html": "HTML"}
NOT_READY = gettext_lazy("De definitieve versie kan nog niet worden gemaakt:")


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404("Geen jaarverslag voor dit jaar")


def _report(request: HttpRequest, year: int) -> AnnualReport:
    """The report of ``year``; not found until the coordinator has created it."""
    _check_year(year)
    return get_object_or_404(AnnualReport, year=year)


def _download(doc: AnnualReportDocument, format_name: str) -> HttpResponse:
    result = export(doc, format_name)
    response = HttpResponse(result.content, content_type=result.content_type)
    disposition = "inline" if format_name in ("pdf", "html") else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{result.filename}"'
    return response


def _wants_final(request: HttpRequest) -> bool:
    return request.GET.get("definitief") == "1"


@require_GET
@annual_report_reader_required
def index_view(request: HttpRequest) -> HttpResponse:
    return render(request, "annualreport/index.html", {"years": report_years()})


@require_GET
@annual_report_reader_required
def report_view(request: HttpRequest, year: int) -> HttpResponse:
    _check_year(year)
    can_edit = can_edit_annual_report(request.user)
    report = AnnualReport.objects.filter(year=year).first()
    if report is None:
        return render(request, "annualreport/report_missing.html", {"year": year, "can_edit": can_edit})
    doc = AnnualReportDocument(report=report, show_unreviewed_texts=can_edit)
    if not doc.problems:
        doc.make_final()
    return render(
        request,
        "annualreport/report.html",
        {
            "doc": doc,
            "medium": "web",
            "can_edit": can_edit,
            "formats": [(name, FORMAT_LABELS[name]) for name in FORMAT_NAMES],
            "job_formats": JOB_FORMATS,
            "add_form": SectionAddForm(),
        },
    )


@require_POST
@annual_report_editor_required
def create_view(request: HttpRequest, year: int) -> HttpResponse:
    _check_year(year)
    created = not AnnualReport.objects.filter(year=year).exists()
    annual_report_get_or_create(year=year, actor=request.user)
    if created:
        messages.success(request, _("Jaarverslag %(year)s is aangemaakt met de standaardteksten.") % {"year": year})
    return redirect("annualreport:report", year)


@require_GET
@annual_report_reader_required
def download_view(request: HttpRequest, year: int, format_name: str) -> HttpResponse:
    if format_name not in FORMAT_NAMES:
        raise Http404("Onbekend formaat")
    report = _report(request, year)
    try:
        doc = AnnualReportDocument(
            report=report,
            final=_wants_final(request),
            show_unreviewed_texts=can_edit_annual_report(request.user),
        )
    except ReportNotReady as error:
        messages.error(request, " ".join([str(NOT_READY), *error.problems]))
        return redirect("annualreport:report", year)
    if format_name in JOB_FORMATS:
        # PDF and Word are made by the worker; a GET only serves a file that is ready.
        return _job_file_or_start_page(request, report, format_name=format_name, final=doc.is_final)
    return _download(doc, format_name)


@require_GET
@annual_report_editor_required
def check_view(request: HttpRequest, year: int) -> HttpResponse:
    report = _report(request, year)
    placeholders = report_placeholders(report=report)
    section_errors = []
    for section in report.sections.all():
        problems = section_problems(section=section, title=section.title, body=section.body, placeholders=placeholders)
        if problems:
            section_errors.append((section, problems))
    return render(
        request,
        "annualreport/check.html",
        {
            "report": report,
            "unreviewed": unreviewed_complaints(year=year),
            "section_errors": section_errors,
        },
    )


@require_http_methods(["GET", "POST"])
@annual_report_editor_required
def section_edit_view(request: HttpRequest, year: int, key: str) -> HttpResponse:
    report = _report(request, year)
    section = get_object_or_404(ReportSection, report=report, key=key)
    placeholders = report_placeholders(report=report)
    form = SectionForm(request.POST or None, initial={"title": section.title, "body": section.body})
    title, body = section.title, section.body
    problems = [str(p) for p in section_problems(section=section, title=title, body=body, placeholders=placeholders)]
    if request.method == "POST" and form.is_valid():
        title, body = form.cleaned_data["title"], form.cleaned_data["body"]
        if request.POST.get("action") == "preview":
            problems = [
                str(p) for p in section_problems(section=section, title=title, body=body, placeholders=placeholders)
            ]
        else:
            try:
                report_section_update(
                    section=section, title=title, body=body, actor=request.user, placeholders=placeholders
                )
            except AnnualReportError as error:
                problems = error.problems
                form.add_error(None, _("De tekst is niet opgeslagen: los eerst de fouten hieronder op."))
            else:
                messages.success(request, _("‘%(title)s’ is opgeslagen.") % {"title": title})
                return redirect("annualreport:section_edit", year, key)
    spec = spec_for(section.key)
    blocks = prose.parse(body, fill=lambda text: fill(text, placeholders))
    return render(
        request,
        "annualreport/section_edit.html",
        {
            "report": report,
            "section": section,
            "spec": spec,
            "is_ggd_only": spec.variants == frozenset({Variant.GGD}),
            "form": form,
            "problems": problems,
            "preview_title": fill(title, placeholders),
            "preview": prose.to_html(blocks, marker_html='<p class="alert alert-secondary py-1">[tabel]</p>'),
            "placeholders": placeholders,
            "revisions": ReportRevision.objects.filter(report=report, section_key=section.key).select_related("actor")[
                :20
            ],
            "can_delete": section.kind == SectionKind.ANALYSIS,
        },
    )


@require_POST
@annual_report_editor_required
def section_add_view(request: HttpRequest, year: int) -> HttpResponse:
    report = _report(request, year)
    form = SectionAddForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Geef de nieuwe analyse een titel."))
        return redirect("annualreport:report", year)
    section = report_section_add(report=report, title=form.cleaned_data["title"], actor=request.user)
    messages.success(request, _("Analyse ‘%(title)s’ toegevoegd; schrijf nu de tekst.") % {"title": section.title})
    return redirect("annualreport:section_edit", year, section.key)


@require_http_methods(["GET", "POST"])
@annual_report_editor_required
def section_delete_view(request: HttpRequest, year: int, key: str) -> HttpResponse:
    report = _report(request, year)
    section = get_object_or_404(ReportSection, report=report, key=key, kind=SectionKind.ANALYSIS)
    if request.method == "POST":
        try:
            report_section_delete(section=section, actor=request.user)
        except AnnualReportError as error:
            messages.error(request, " ".join(error.problems))
            return redirect("annualreport:section_edit", year, key)
        messages.success(request, _("Analyse ‘%(title)s’ verwijderd.") % {"title": section.title})
        return redirect("annualreport:report", year)
    return render(request, "annualreport/section_delete.html", {"report": report, "section": section})


@require_http_methods(["GET", "POST"])
@annual_report_editor_required
def colophon_edit_view(request: HttpRequest, year: int) -> HttpResponse:
    report = _report(request, year)
    initial = {name: getattr(report, name) for name in ("title", "organisation", "version", "author", "report_date")}
    form = ColophonForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            annual_report_update(report=report, actor=request.user, **form.cleaned_data)
        except AnnualReportError as error:
            for problem in error.problems:
                form.add_error(None, problem)
        else:
            messages.success(request, _("Het colofon is opgeslagen."))
            return redirect("annualreport:report", year)
    revisions = ReportRevision.objects.filter(report=report, kind="colophon.updated").select_related("actor")[:20]
    return render(request, "annualreport/colophon_edit.html", {"report": report, "form": form, "revisions": revisions})


@require_GET
@annual_report_reader_required
def ggd_index_view(request: HttpRequest, year: int) -> HttpResponse:
    report = _report(request, year)
    form = LocationSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    is_final = year_is_final(report)
    return render(
        request,
        "annualreport/ggd.html",
        {
            "report": report,
            "form": form,
            "locations": locations_with_counts(year=year, query=query),
            "legal_entities": legal_entities_with_counts(year=year),
            "formats": [(name, FORMAT_LABELS[name]) for name in FORMAT_NAMES],
            # Once the year's report can be final, the links give the final versions.
            "is_final": is_final,
            "final_query": "?definitief=1" if is_final else "",
        },
    )


@require_GET
@annual_report_reader_required
def ggd_zip_view(request: HttpRequest, year: int) -> HttpResponse:
    """Every active register location's GGD report as PDF in one ZIP, streamed while it is
    built; final once the year's report is final, otherwise concepts (named so)."""
    report = _report(request, year)
    final = year_is_final(report)
    response = StreamingHttpResponse(
        ggd_zip_chunks(report=report, final=final, show_unreviewed_texts=False), content_type="application/zip"
    )
    response["Content-Disposition"] = f'attachment; filename="{ggd_zip_filename(year=year, final=final)}"'
    return response


@require_GET
@annual_report_reader_required
def ggd_lrk_download_view(request: HttpRequest, year: int, lrk_number: str, format_name: str) -> HttpResponse:
    """The GGD report of one location by its LRK number."""
    location = get_object_or_404(Location, lrk_number=lrk_number[:12])
    return _ggd_download(request, year, Scope(location=location), format_name)


@require_GET
@annual_report_reader_required
def ggd_download_view(request: HttpRequest, year: int, kind: str, pk: int, format_name: str) -> HttpResponse:
    if kind == "locatie":
        scope = Scope(location=get_object_or_404(Location, pk=pk))
    elif kind == "rechtspersoon":
        scope = Scope(legal_entity=get_object_or_404(LegalEntity, pk=pk))
    else:
        raise Http404("Onbekende soort")
    return _ggd_download(request, year, scope, format_name)


def _ggd_download(request: HttpRequest, year: int, scope: Scope, format_name: str) -> HttpResponse:
    if format_name not in FORMAT_NAMES:
        raise Http404("Onbekend formaat")
    report = _report(request, year)
    try:
        doc = AnnualReportDocument(
            report=report,
            variant=Variant.GGD,
            scope=scope,
            final=_wants_final(request),
            show_unreviewed_texts=can_edit_annual_report(request.user),
        )
    except ReportNotReady as error:
        messages.error(request, " ".join([str(NOT_READY), *error.problems]))
        return redirect(reverse("annualreport:ggd", args=[year]))
    return _download(doc, format_name)


# --- PDF and Word made by the worker (issue 15 point 4) -----------------------------------


def _job_file_or_start_page(request: HttpRequest, report: AnnualReport, *, format_name: str, final: bool):
    show_unreviewed = can_edit_annual_report(request.user)
    fingerprint = report_file_fingerprint(
        report, format_name=format_name, final=final, show_unreviewed_texts=show_unreviewed
    )
    job = ReportJob.objects.filter(fingerprint=fingerprint).first()
    if job is not None and job.status == JobStatus.DONE and job.file:
        return _job_file_response(job)
    if job is not None and not job.is_finished:
        return redirect("annualreport:job", job.pk)
    return render(
        request,
        "annualreport/job_start.html",
        {"report": report, "format_name": format_name, "label": FORMAT_LABELS[format_name], "final": final},
    )


def _job_file_response(job: ReportJob) -> HttpResponse:
    try:
        handle = job.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404("Bestand ontbreekt") from missing
    disposition_inline = job.format_name == "pdf"
    return FileResponse(
        handle, content_type=job.content_type, filename=job.filename, as_attachment=not disposition_inline
    )


def _job_for(request: HttpRequest, pk: int) -> ReportJob:
    job = get_object_or_404(ReportJob.objects.select_related("report"), pk=pk)
    if job.show_unreviewed_texts and not can_edit_annual_report(request.user):
        raise Http404("Geen bestand")  # a file with unchecked texts is for editors only
    return job


@require_POST
@annual_report_reader_required
def job_start_view(request: HttpRequest, year: int, format_name: str) -> HttpResponse:
    """Start making the PDF or Word file (or join the job that already makes it)."""
    if format_name not in JOB_FORMATS:
        raise Http404("Onbekend formaat")
    report = _report(request, year)
    final = request.POST.get("definitief") == "1"
    show_unreviewed = can_edit_annual_report(request.user)
    if final:
        problems = AnnualReportDocument(report=report, show_unreviewed_texts=show_unreviewed).problems
        if problems:
            messages.error(request, " ".join([str(NOT_READY), *problems]))
            return redirect("annualreport:report", year)
    job, _queued = report_job_request(
        report=report,
        format_name=format_name,
        final=final,
        show_unreviewed_texts=show_unreviewed,
        actor=request.user,
    )
    return redirect("annualreport:job", job.pk)


@require_GET
@annual_report_reader_required
def job_view(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job_for(request, pk)
    return render(request, "annualreport/job.html", {"job": job, "label": FORMAT_LABELS[job.format_name]})


@require_GET
@annual_report_reader_required
def job_status_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The status fragment the job page polls (htmx); it stops polling once the job is finished."""
    job = _job_for(request, pk)
    response = render(request, "annualreport/_job_status.html", {"job": job, "label": FORMAT_LABELS[job.format_name]})
    response["Cache-Control"] = "no-store"
    return response


@require_GET
@annual_report_reader_required
def job_file_view(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job_for(request, pk)
    if job.status != JobStatus.DONE or not job.file:
        raise Http404("Het bestand is nog niet klaar")
    return _job_file_response(job)
