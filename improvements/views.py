"""Improvement actions in the staff screens (issue 14 point 6): the list, a new
action drawn from a complaint or a pattern (categories), owner and due date,
and the status (open, in progress, done). For the coordinator
(``Capability.MANAGE_IMPROVEMENTS``); the services do every write."""

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.capabilities import Capability, capability_required
from complaints.models import Category
from complaints.selectors import complaint_visible_to
from improvements.forms import ImprovementCreateForm, ImprovementUpdateForm
from improvements.models import Improvement, ImprovementStatus
from improvements.services import ImprovementError, improvement_create, improvement_set_status, improvement_update

improvements_manager_required = capability_required(Capability.MANAGE_IMPROVEMENTS)

STATUS_FILTERS = {
    "open": [ImprovementStatus.OPEN, ImprovementStatus.IN_PROGRESS],
    "afgerond": [ImprovementStatus.DONE],
    "alle": list(ImprovementStatus.values),
}


@improvements_manager_required
@require_safe
def improvement_list_view(request: HttpRequest) -> HttpResponse:
    shown = request.GET.get("status", "open")
    if shown not in STATUS_FILTERS:
        shown = "open"
    improvements = (
        Improvement.objects.filter(status__in=STATUS_FILTERS[shown])
        .select_related("owner")
        .prefetch_related("categories")
        .annotate(complaint_count=Count("complaints", distinct=True))
        .order_by("status", "due_date", "id")
    )
    return render(request, "improvements/list.html", {"improvements": improvements, "shown": shown})


@improvements_manager_required
@require_http_methods(["GET", "POST"])
def improvement_create_view(request: HttpRequest) -> HttpResponse:
    """A new action; ``?klacht=<reference>`` or ``?categorie=<id>`` fills in what led to it."""
    visible = complaint_visible_to(request.user)
    initial: dict = {}
    if reference := request.GET.get("klacht", "").strip()[:20]:
        initial["references"] = reference
    if (category_id := request.GET.get("categorie", "")).isdigit():
        initial["categories"] = list(Category.objects.filter(pk=int(category_id)).values_list("pk", flat=True))
    form = ImprovementCreateForm(request.POST if request.method == "POST" else None, initial=initial, visible=visible)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            improvement = improvement_create(
                title=data["title"],
                kind=data["kind"],
                description=data["description"],
                owner=data["owner"],
                owner_name="" if data["owner"] else data["owner_name"],
                due_date=data["due_date"],
                complaints=data["references"],
                categories=data["categories"],
                actor=request.user,
            )
        except ImprovementError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Verbeteractie “%(title)s” is vastgelegd.") % {"title": improvement.title})
            return redirect("improvements:list")
    return render(request, "improvements/form.html", {"form": form})


@improvements_manager_required
@require_http_methods(["GET", "POST"])
def improvement_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    improvement = get_object_or_404(Improvement.objects.select_related("owner"), pk=pk)
    form = ImprovementUpdateForm(
        request.POST if request.method == "POST" else None,
        initial={"owner": improvement.owner_id, "owner_name": improvement.owner_name, "due_date": improvement.due_date},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            improvement_update(
                improvement=improvement,
                owner=data["owner"],
                owner_name="" if data["owner"] else data["owner_name"],
                due_date=data["due_date"],
                actor=request.user,
            )
        except ImprovementError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Verbeteractie “%(title)s” is gewijzigd.") % {"title": improvement.title})
            return redirect("improvements:list")
    return render(request, "improvements/update.html", {"form": form, "improvement": improvement})


@improvements_manager_required
@require_POST
def improvement_status_view(request: HttpRequest, pk: int) -> HttpResponse:
    improvement = get_object_or_404(Improvement, pk=pk)
    status = request.POST.get("status", "")
    try:
        improvement_set_status(improvement=improvement, status=status, actor=request.user)
    except ImprovementError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Verbeteractie “%(title)s”: %(status)s.")
            % {"title": improvement.title, "status": ImprovementStatus(status).label},
        )
    return redirect("improvements:list")
