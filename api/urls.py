from django.contrib.auth.decorators import login_required
from django.urls import path

from api import schema, token, views

app_name = "api"
urlpatterns = [
    path("token/", token.TokenObtainApi.as_view(), name="token_obtain"),
    path("complaints/", views.ComplaintListApi.as_view(), name="complaint_list"),
    path("complaints/<str:reference>/", views.ComplaintDetailApi.as_view(), name="complaint_detail"),
    path("complaints/<str:reference>/notes/", views.NoteAddApi.as_view(), name="note_add"),
    path("complaints/<str:reference>/messages/", views.MessageListApi.as_view(), name="message_list"),
]

# The description of the API and its documentation page (a browser page: not logged in
# leads to the login page).
urlpatterns += [
    path("schema/", schema.SchemaApi.as_view(), name="schema"),
    path("docs/", login_required(schema.DocsView.as_view()), name="docs"),
]
