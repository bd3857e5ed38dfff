from django.urls import path

from improvements import views

app_name = "improvements"
urlpatterns = [
    path("", views.improvement_list_view, name="list"),
    path("nieuw/", views.improvement_create_view, name="create"),
    path("<int:pk>/", views.improvement_update_view, name="update"),
    path("<int:pk>/status/", views.improvement_status_view, name="status"),
]
