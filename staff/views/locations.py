"""The coordinator's review of proposed location links (issue 12 point 2): each
proposal pairs a location name from an imported annual report with a register
location; the coordinator accepts (merge) or rejects it, or accepts the obvious ones
at once after one confirmation. Nothing is merged without this decision."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.capabilities import Capability, capability_required
from complaints.services import (
    ComplaintError,
    location_match_accept,
    location_match_reject,
    location_matches_accept_many,
)
from organisation.matching import BULK_THRESHOLD
from organisation.models import LocationMatchProposal, MatchStatus
from staff.selectors import match_proposals_obvious, match_proposals_open

merge_required = capability_required(Capability.MERGE_LOCATIONS)


@merge_required
@require_safe
def location_matches_view(request: HttpRequest) -> HttpResponse:
    proposals = match_proposals_open()
    return render(
        request,
        "staff/locations/matches.html",
        {
            "proposals": proposals,
            "obvious_count": len(match_proposals_obvious(proposals)),
            "bulk_threshold": BULK_THRESHOLD,
            "decided": LocationMatchProposal.objects.exclude(status=MatchStatus.PROPOSED).count(),
        },
    )


@merge_required
@require_POST
def location_match_decide_view(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_object_or_404(LocationMatchProposal.objects.select_related("historical", "candidate"), pk=pk)
    decision = request.POST.get("besluit")
    try:
        if decision == "accepteren":
            result = location_match_accept(proposal=proposal, actor=request.user)
            messages.success(
                request,
                ngettext(
                    "%(old)s is samengevoegd met %(new)s; %(count)d klacht is verplaatst.",
                    "%(old)s is samengevoegd met %(new)s; %(count)d klachten zijn verplaatst.",
                    result.complaints_moved,
                )
                % {"old": result.source.name, "new": result.target.name, "count": result.complaints_moved},
            )
        elif decision == "afwijzen":
            location_match_reject(proposal=proposal, actor=request.user)
            messages.success(
                request,
                _("Het voorstel %(old)s → %(new)s is afgewezen.")
                % {"old": proposal.historical.name, "new": proposal.candidate.name},
            )
        else:
            messages.error(request, _("Kies accepteren of afwijzen."))
    except ComplaintError as error:
        messages.error(request, str(error))
    return redirect("staff:location_matches")


@merge_required
@require_http_methods(["GET", "POST"])
def location_matches_bulk_view(request: HttpRequest) -> HttpResponse:
    """Accept every obvious proposal (score at least BULK_THRESHOLD, the only such one for
    its name) after one confirmation: GET shows what will be merged, POST does it."""
    obvious = match_proposals_obvious(match_proposals_open())
    if request.method == "POST":
        if request.POST.get("bevestigd") != "1":
            messages.error(request, _("Bevestig eerst dat u deze koppelingen wilt samenvoegen."))
            return redirect("staff:location_matches_bulk")
        expected = request.POST.getlist("voorstel")
        if sorted(expected) != sorted(str(p.pk) for p in obvious):
            messages.error(request, _("De lijst met voorstellen is intussen veranderd. Controleer hem opnieuw."))
            return redirect("staff:location_matches_bulk")
        try:
            results = location_matches_accept_many(proposals=obvious, actor=request.user)
        except ComplaintError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                ngettext("%(count)d locatie is samengevoegd.", "%(count)d locaties zijn samengevoegd.", len(results))
                % {"count": len(results)},
            )
        return redirect("staff:location_matches")
    return render(
        request,
        "staff/locations/bulk_confirm.html",
        {"proposals": obvious, "bulk_threshold": BULK_THRESHOLD},
    )
