from django.urls import path

from annualreport import views

app_name = "annualreport"
urlpatterns = [
    path("", views.index_view, name="index"),
    path("<int:year>/", views.report_view, name="report"),
    path("<int:year>/aanmaken/", views.create_view, name="create"),
    path("<int:year>/download/<str:format_name>/", views.download_view, name="download"),
    path("<int:year>/bestand/<str:format_name>/", views.job_start_view, name="job_start"),
    path("bestanden/<int:pk>/", views.job_view, name="job"),
    path("bestanden/<int:pk>/status/", views.job_status_view, name="job_status"),
    path("bestanden/<int:pk>/download/", views.job_file_view, name="job_file"),
    path("<int:year>/controle/", views.check_view, name="check"),
    path("<int:year>/colofon/", views.colophon_edit_view, name="colophon_edit"),
    path("<int:year>/teksten/nieuw/", views.section_add_view, name="section_add"),
    path("<int:year>/teksten/<slug:key>/", views.section_edit_view, name="section_edit"),
    path("<int:year>/teksten/<slug:key>/verwijderen/", views.section_delete_view, name="section_delete"),
    path("<int:year>/ggd/", views.ggd_index_view, name="ggd"),
    path("<int:year>/ggd/alle.zip", views.ggd_zip_view, name="ggd_zip"),
    path("<int:year>/ggd/lrk/<str:lrk_number>/<str:format_name>/", views.ggd_lrk_download_view, name="ggd_lrk"),
    path(
        "<int:year>/ggd/<str:kind>/<int:pk>/<str:format_name>/",
        views.ggd_download_view,
        name="ggd_download",
    ),
]
