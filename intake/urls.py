from django.urls import path

from intake import views

app_name = "intake"
urlpatterns = [
    path("", views.complaint_form_view, name="complaint_form"),
    path("locaties/", views.location_search_view, name="location_search"),
    path("statuslink/", views.status_link_request_view, name="status_link_request"),
    path("status/<str:token>/", views.status_view, name="status"),
    path("status/<str:token>/brief.pdf", views.status_letter_view, name="status_letter"),
    path("privacy/", views.privacy_view, name="privacy"),
]
