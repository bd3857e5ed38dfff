"""The second-factor pages: enter a code after the password, set up an
authenticator app (QR code, recovery codes shown once), and the
"Tweestapsverificatie" page of the user menu. Password pages are Django's own
views, wired in config/urls.py with ``OutboxPasswordResetForm``."""

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_static.models import StaticDevice

from accounts import two_factor
from accounts.forms import CodeForm, EnrolForm

log = logging.getLogger(__name__)
PENDING_SECRET = "two_factor_pending_secret"


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return settings.LOGIN_REDIRECT_URL


@login_required
def verify(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user.is_verified():
        return redirect(_next_url(request))
    if not two_factor.has_authenticator(user):
        return redirect("accounts:two_factor_enrol")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = two_factor.verify_code(user, form.cleaned_data["code"])
        if device is not None:
            two_factor.log_in_device(request, device)
            if isinstance(device, StaticDevice):
                left = two_factor.recovery_codes_left(user)
                messages.warning(
                    request,
                    gettext(
                        "U bent ingelogd met een herstelcode; u heeft er nog %(count)d. "
                        "Maak nieuwe herstelcodes aan op de pagina Tweestapsverificatie."
                    )
                    % {"count": left},
                )
            log.info("second factor verified for user %s", user.pk)
            return redirect(_next_url(request))
        log.info("second factor refused for user %s", user.pk)
        form.add_error(
            "code", gettext("Deze code klopt niet of is al gebruikt. Wacht op een nieuwe code en probeer het opnieuw.")
        )
    return render(request, "registration/two_factor_verify.html", {"form": form, "next": _next_url(request)})


@login_required
def enrol(request: HttpRequest) -> HttpResponse:
    user = request.user
    # Replacing an app needs the old one first; otherwise a password would be enough.
    if two_factor.has_authenticator(user) and not user.is_verified():
        return redirect("accounts:two_factor_verify")
    secret = request.session.get(PENDING_SECRET)
    if not secret:
        secret = two_factor.new_secret()
        request.session[PENDING_SECRET] = secret
    form = EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.code_matches_secret(secret, form.cleaned_data["code"]):
            device, codes = two_factor.enrol(user=user, secret=secret)
            del request.session[PENDING_SECRET]
            two_factor.log_in_device(request, device)
            log.info("authenticator app set up for user %s", user.pk)
            return render(
                request, "registration/two_factor_codes.html", {"codes": codes, "next": _next_url(request), "new": True}
            )
        form.add_error(
            "code",
            gettext("Deze code klopt niet. Controleer of de klok van uw telefoon goed staat en probeer het opnieuw."),
        )
    context = {
        "form": form,
        "qr_svg": two_factor.qr_svg(two_factor.setup_url(user, secret)),
        "secret": two_factor.secret_for_people(secret),
        "required": two_factor.requires_two_factor(user),
        "next": _next_url(request),
    }
    return render(request, "registration/two_factor_enrol.html", context)


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    user = request.user
    context = {
        "enabled": two_factor.has_authenticator(user),
        "required": two_factor.requires_two_factor(user),
        "codes_left": two_factor.recovery_codes_left(user),
    }
    return render(request, "registration/two_factor.html", context)


@require_POST
@login_required
def recovery_codes(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not two_factor.has_authenticator(user):
        return redirect("accounts:two_factor")
    codes = two_factor.new_recovery_codes(user=user)
    log.info("recovery codes renewed for user %s", user.pk)
    return render(request, "registration/two_factor_codes.html", {"codes": codes, "new": False})


@require_POST
@login_required
def disable(request: HttpRequest) -> HttpResponse:
    user = request.user
    if two_factor.requires_two_factor(user):
        messages.error(request, gettext("Voor uw rol is tweestapsverificatie verplicht; u kunt die niet uitzetten."))
        return redirect("accounts:two_factor")
    two_factor.disable(user=user)
    log.info("second factor turned off by user %s", user.pk)
    messages.success(request, gettext("Tweestapsverificatie staat uit."))
    return redirect("accounts:two_factor")
