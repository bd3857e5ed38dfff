from django.urls import path

from reporting import dashboard_views, views

app_name = "reporting"
urlpatterns = [
    path("dashboard/", dashboard_views.dashboard_view, name="dashboard"),
    path("dashboard/pdf/", dashboard_views.dashboard_pdf_view, name="dashboard_pdf"),
    path("week/", views.weekly_report_latest_view, name="weekly_latest"),
    path("week/<int:year>/<int:week>/", views.weekly_report_view, name="weekly"),
    path("week/<int:year>/<int:week>/pdf/", views.weekly_report_pdf_view, name="weekly_pdf"),
]
