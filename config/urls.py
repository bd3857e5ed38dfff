from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path

from accounts.forms import OutboxPasswordResetForm, ResetSetPasswordForm
from api.errors import not_found_view as api_not_found

# The admin carries the product's name, not "Django-websitebeheer".
admin.site.site_header = "Klachtwijs · beheer"
admin.site.site_title = "Klachtwijs"
admin.site.index_title = "Beheer van referentiegegevens en instellingen"

urlpatterns = [
    path("", include("intake.urls")),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "wachtwoord-vergeten/",
        auth_views.PasswordResetView.as_view(form_class=OutboxPasswordResetForm),
        name="password_reset",
    ),
    path("wachtwoord-vergeten/verstuurd/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "wachtwoord-herstellen/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(form_class=ResetSetPasswordForm),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord-herstellen/klaar/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"
    ),
    path("tweestapsverificatie/", include("accounts.urls")),
    path("staff/inkomend/", include("inbox.urls")),
    path("staff/", include("staff.urls")),
    path("rapportage/", include("reporting.urls")),
    path("jaarverslag/", include("annualreport.urls")),
    path("api/v1/", include("api.urls")),
    path("triage/", include("triage.urls")),
    path("verbeteracties/", include("improvements.urls")),
    re_path(r"^api/", api_not_found),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]
