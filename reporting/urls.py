from django.urls import path

from reporting import views

app_name = "reporting"
urlpatterns = [
    path("week/", views.weekly_report_latest_view, name="weekly_latest"),
    path("week/<int:year>/<int:week>/", views.weekly_report_view, name="weekly"),
    path("week/<int:year>/<int:week>/pdf/", views.weekly_report_pdf_view, name="weekly_pdf"),
]
