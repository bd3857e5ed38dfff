import logging
import re
import uuid
from email.utils import parseaddr
from urllib.parse import urlencode

from django.conf import settings
from django.core.signals import setting_changed
from django.db import OperationalError
from django.dispatch import receiver
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseRedirect
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from complaints.models import Status
from complaints.selectors import (
    complaint_public_timeline,
    location_matches_public,
    location_query,
)
from complaints.services import ComplainantData, ComplaintError
from config.proxy import client_address
from intake import spam
from intake.forms import (
    ComplaintForm,
    LinkRequestForm,
    StatusMessageForm,
    initial_from,
    stamp_from,
    submission_key_from,
)
from intake.selectors import complaint_by_status_token, letter_sent
from intake.services import status_link_request, status_message_submit, web_complaint_submit

logger = logging.getLogger(__name__)
SEARCH_LIMIT = 30
BUSY_MESSAGE = _(
    "Het is op dit moment erg druk en uw klacht is nog niet opgeslagen. "
    "Uw gegevens staan hieronder nog; verstuur het formulier over een paar seconden opnieuw."
)

PUBLIC_STATUS = {
    Status.NEW: (
        _("ontvangen"),
        _("Uw klacht is ontvangen en geregistreerd. We bekijken wie hem het beste kan behandelen."),
    ),
    Status.FORWARDED: (
        _("in behandeling"),
        _("Uw klacht wordt behandeld. De locatie of afdeling die hem behandelt, neemt contact met u op."),
    ),
    Status.IN_PROGRESS: (
        _("in behandeling"),
        _("Uw klacht wordt behandeld. De locatie of afdeling die hem behandelt, neemt contact met u op."),
    ),
    Status.CLOSED: (
        _("afgehandeld"),
        _("Uw klacht is afgehandeld. U heeft een brief gekregen met ons oordeel en wat we hebben gedaan."),
    ),
    Status.WITHDRAWN: (
        _("ingetrokken"),
        _("U heeft uw klacht ingetrokken. Wilt u toch een klacht indienen, dan kan dat altijd opnieuw."),
    ),
}


def _location_id(value: object) -> int | None:
    text = str(value or "")
    return int(text) if text.isdigit() and len(text) < 18 else None


def _private(response: HttpResponse) -> HttpResponse:
    """Status pages carry a secret link: kept out of search engines, caches
    and the Referer header of links followed from them to other sites.
    "same-origin", not "no-referrer": with that, browsers post the page's own
    forms with ``Origin: null``, which the CSRF check refuses."""
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _render_form(
    request: HttpRequest,
    form: ComplaintForm,
    *,
    query: str,
    stamp: str,
    submission_key: str,
    files_sent: bool,
    csrf_token: str | None = None,
) -> HttpResponse:
    selected = form["location"].value()
    # Locations only once something is typed (htmx, or the search button without JavaScript).
    matches = location_matches_public(query=query, limit=SEARCH_LIMIT, include_id=_location_id(selected))
    if files_sent:
        form.describe_files_again()
    context = {
        "form": form,
        "locations": matches.locations,
        "more": matches.more,
        "limit": SEARCH_LIMIT,
        "fuzzy": matches.fuzzy,
        "selected_location": str(selected or ""),
        "query": query,
        "stamp": stamp,
        "submission_key": submission_key,
        "files_sent": files_sent,
        "honeypot_field": spam.HONEYPOT_FIELD,
        "stamp_field": spam.STAMP_FIELD,
    }
    if csrf_token is not None:
        context["csrf_token"] = csrf_token
    return render(request, "intake/complaint_form.html", context)


# The empty form is the page every parent opens: rendered once per language and process,
# then served with this request's CSRF token, submission key and stamp put in place of
# these marks (plain letters and digits: the template's escaping leaves them as they are).
BLANK_FORM_MARKS = {"csrf": "csrfMARKq7Zk2", "key": "keyMARKq7Zk2", "stamp": "stampMARKq7Zk2"}
_MARK_PATTERN = re.compile("(" + "|".join(BLANK_FORM_MARKS.values()) + ")")
# Per language: the page's bytes cut at the marks (even items text, odd items a mark).
_blank_form_pages: dict[str, list[bytes | str]] = {}
# What ``never_cache`` writes, written at once on the empty form (the same two headers).
NEVER_CACHE = "max-age=0, no-cache, no-store, must-revalidate, private"


@receiver(setting_changed)
def _blank_form_forget(**kwargs) -> None:
    _blank_form_pages.clear()


def _blank_form_parts(request: HttpRequest) -> list[bytes | str]:
    marked = _render_form(
        request,
        ComplaintForm(),
        query="",
        stamp=BLANK_FORM_MARKS["stamp"],
        submission_key=BLANK_FORM_MARKS["key"],
        files_sent=False,
        csrf_token=BLANK_FORM_MARKS["csrf"],
    )
    names = {mark: name for name, mark in BLANK_FORM_MARKS.items()}
    parts = _MARK_PATTERN.split(marked.content.decode())
    # Text as bytes; each mark as the name of what goes in its place.
    return [names[part] if number % 2 else part.encode() for number, part in enumerate(parts)]


def _blank_form(request: HttpRequest) -> HttpResponse:
    submission_key = str(uuid.uuid4())
    stamp = spam.stamp_make(submission_key=submission_key)
    if settings.DEBUG:  # templates edited while developing show at once
        response = _render_form(
            request, ComplaintForm(), query="", stamp=stamp, submission_key=submission_key, files_sent=False
        )
    else:
        language = get_language() or ""
        parts = _blank_form_pages.get(language)
        if parts is None:
            parts = _blank_form_pages[language] = _blank_form_parts(request)
        values = {"csrf": get_token(request).encode(), "key": submission_key.encode(), "stamp": stamp.encode()}
        response = HttpResponse(b"".join(values[part] if isinstance(part, str) else part for part in parts))
    # As ``never_cache`` (the other answers of the view): the page carries this visitor's tokens.
    response.headers["Expires"] = http_date()
    response.headers["Cache-Control"] = NEVER_CACHE
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def complaint_form_view(request: HttpRequest) -> HttpResponse:
    if request.method != "POST" and not request.GET:
        return _blank_form(request)
    return _complaint_form(request)


@never_cache
def _complaint_form(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        query = location_query(request.GET.get("q", ""))
        submission_key = submission_key_from({})
        return _render_form(
            request,
            ComplaintForm(),
            query=query,
            stamp=spam.stamp_make(submission_key=str(submission_key)),
            submission_key=str(submission_key),
            files_sent=False,
        )

    submission_key = submission_key_from(request.POST)
    render_again = {
        "query": location_query(request.POST.get("q", "")),
        "stamp": stamp_from(request.POST, submission_key=submission_key),
        "submission_key": str(submission_key),
        "files_sent": bool(request.FILES),
    }
    if "zoek" in request.POST:
        # The no-JavaScript location search: show the form again as typed, not yet judged.
        return _render_form(request, ComplaintForm(initial=initial_from(request.POST)), **render_again)

    form = ComplaintForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            complaint = web_complaint_submit(
                client_address=client_address(request),
                received_at=timezone.now(),
                complainant_kind=data["complainant_kind"],
                location=data["location"],
                location_text=data["location_text"],
                care_type=data["care_type"],
                description=data["description"],
                desired_outcome=data["desired_outcome"],
                complainant=ComplainantData(
                    name=data["name"],
                    salutation=data["salutation"],
                    email=data["email"],
                    phone=data["phone"],
                ),
                attachments=data["attachments"],
                submission_key=data["submission_key"],
                language=request.LANGUAGE_CODE,
            )
        except ComplaintError as error:
            form.add_error(None, str(error))
        except OperationalError:
            # The registration was rolled back whole: the parent gets the form back as typed.
            logger.exception("public complaint not stored: database unavailable")
            form.add_error(None, BUSY_MESSAGE)
            response = _render_form(request, form, **render_again)
            response.status_code = 503
            response["Retry-After"] = "5"
            return response
        else:
            url = reverse("intake:status", args=[complaint.status_token]) + "?" + urlencode({"ontvangen": "1"})
            return HttpResponseRedirect(url, status=303)
    return _render_form(request, form, **render_again)


@require_safe
def location_search_view(request: HttpRequest) -> HttpResponse:
    query = location_query(request.GET.get("q", ""))
    if not request.headers.get("HX-Request"):
        # Without htmx the form itself narrows the list.
        target = reverse("intake:complaint_form") + ("?" + urlencode({"q": query}) if query else "") + "#locatie"
        return HttpResponseRedirect(target)
    # An emptied search box empties the list, as on the form itself.
    selected = request.GET.get("location", "")
    matches = location_matches_public(query=query, limit=SEARCH_LIMIT, include_id=_location_id(selected))
    context = {
        "locations": matches.locations,
        "more": matches.more,
        "fuzzy": matches.fuzzy,
        "query": query,
        "selected_location": selected,
        "limit": SEARCH_LIMIT,
    }
    response = render(request, "intake/_location_search.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _not_found(request: HttpRequest) -> HttpResponse:
    # One answer for a wrong and an expired link: nothing tells whether it ever worked.
    return _private(render(request, "intake/not_found.html", status=404))


def _guard_context(data: dict | None = None) -> dict:
    """The hidden fields of a small public form: a submission key and its stamp
    (kept from the post while genuine, so the time already spent counts)."""
    data = data or {}
    submission_key = submission_key_from(data)
    return {
        "submission_key": str(submission_key),
        "stamp": stamp_from(data, submission_key=submission_key),
        "honeypot_field": spam.HONEYPOT_FIELD,
        "stamp_field": spam.STAMP_FIELD,
    }


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def status_view(request: HttpRequest, token: str) -> HttpResponse:
    """The complainant's view of the case: status, the timeline of what they
    may see, and a form to add information and attachments."""
    now = timezone.now()
    complaint = complaint_by_status_token(token=token, now=now)
    if complaint is None:
        return _not_found(request)
    form = StatusMessageForm()
    if request.method == "POST":
        form = StatusMessageForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                status_message_submit(
                    client_address=client_address(request),
                    now=now,
                    complaint=complaint,
                    text=form.cleaned_data["text"],
                    attachments=form.cleaned_data["attachments"],
                )
            except ComplaintError as error:
                form.add_error(None, str(error))
            else:
                url = reverse("intake:status", args=[token]) + "?" + urlencode({"bericht": "1"}) + "#tijdlijn"
                return _private(HttpResponseRedirect(url, status=303))
    status_label, status_text = PUBLIC_STATUS[Status(complaint.status)]
    context = {
        "complaint": complaint,
        "status_label": status_label,
        "status_text": status_text,
        "letter": letter_sent(complaint=complaint),
        "just_received": request.GET.get("ontvangen") == "1",
        "message_sent": request.GET.get("bericht") == "1",
        "token": token,
        "timeline": complaint_public_timeline(complaint=complaint),
        # The statutory term has passed while the complaint is still open: said as it is.
        "term_passed": complaint.is_overdue,
        "form": form,
        "files_sent": bool(request.FILES),
        **_guard_context(request.POST if request.method == "POST" else None),
    }
    return _private(render(request, "intake/status.html", context))


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def status_link_request_view(request: HttpRequest) -> HttpResponse:
    """ "Stuur mij de link opnieuw": the same answer whether or not the e-mail
    address and the reference belong to a complaint."""
    form = LinkRequestForm()
    if request.method == "POST":
        form = LinkRequestForm(request.POST)
        if form.is_valid():
            accepted = status_link_request(
                client_address=client_address(request),
                now=timezone.now(),
                email=form.cleaned_data["email"],
                reference=form.cleaned_data["reference"],
            )
            if accepted:
                return _private(render(request, "intake/status_link_sent.html"))
            form.add_error(
                None,
                _(
                    "Vanaf uw internetverbinding is het afgelopen uur al vaak om een link gevraagd. "
                    "Probeer het over een uur opnieuw."
                )
                + " "
                + spam.other_channels(),
            )
    context = {
        "form": form,
        "desk_phone": settings.COMPLAINTS_DESK_PHONE,
        "desk_email": settings.COMPLAINTS_DESK_EMAIL,
        **_guard_context(request.POST if request.method == "POST" else None),
    }
    return _private(render(request, "intake/status_link_request.html", context))


@never_cache
@require_safe
def status_letter_view(request: HttpRequest, token: str) -> HttpResponse:
    complaint = complaint_by_status_token(token=token, now=timezone.now())
    letter = letter_sent(complaint=complaint) if complaint else None
    if letter is None or not letter.pdf:
        return _not_found(request)
    try:
        handle = letter.pdf.open("rb")
    except FileNotFoundError:
        # The stored file has gone missing (restored backup, storage moved): as if
        # there were no letter, the status page still says how it was handled.
        return _not_found(request)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"afhandeling-klacht-{complaint.reference}.pdf",
        content_type="application/pdf",
    )
    return _private(response)


@require_safe
def privacy_view(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "intake/privacy.html",
        {
            "contact_email": parseaddr(settings.DEFAULT_FROM_EMAIL)[1],
            "retention_months": settings.COMPLAINANT_RETENTION_MONTHS,
        },
    )
