from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path

from api.errors import not_found_view as api_not_found

urlpatterns = [
    path("", include("intake.urls")),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("staff/", include("staff.urls")),
    path("rapportage/", include("reporting.urls")),
    path("jaarverslag/", include("annualreport.urls")),
    path("api/v1/", include("api.urls")),
    re_path(r"^api/", api_not_found),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]
