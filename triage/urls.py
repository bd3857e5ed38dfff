from django.urls import path

from triage import views

app_name = "triage"
urlpatterns = [
    path("klachten/<str:reference>/publicatieconcept/", views.publication_draft_request_view, name="draft_request"),
]
