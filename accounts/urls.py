from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.overview, name="two_factor"),
    path("code/", views.verify, name="two_factor_verify"),
    path("instellen/", views.enrol, name="two_factor_enrol"),
    path("herstelcodes/", views.recovery_codes, name="two_factor_recovery_codes"),
    path("uitschakelen/", views.disable, name="two_factor_disable"),
]
