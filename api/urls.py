from django.urls import path

from api import views

app_name = "api"
urlpatterns = [
    path("complaints/", views.ComplaintListApi.as_view(), name="complaint_list"),
    path("complaints/<str:reference>/", views.ComplaintDetailApi.as_view(), name="complaint_detail"),
    path("complaints/<str:reference>/notes/", views.NoteAddApi.as_view(), name="note_add"),
]
