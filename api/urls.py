from django.urls import path

from api import token, views

app_name = "api"
urlpatterns = [
    path("token/", token.TokenObtainApi.as_view(), name="token_obtain"),
    path("complaints/", views.ComplaintListApi.as_view(), name="complaint_list"),
    path("complaints/<str:reference>/", views.ComplaintDetailApi.as_view(), name="complaint_detail"),
    path("complaints/<str:reference>/notes/", views.NoteAddApi.as_view(), name="note_add"),
]
