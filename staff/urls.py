from django.urls import path

from staff import views

app_name = "staff"
urlpatterns = [
    path("klachten/", views.complaint_list_view, name="complaint_list"),
    path("klachten/<str:reference>/", views.complaint_detail_view, name="complaint_detail"),
]
