from django.urls import path

from inbox import views

app_name = "inbox"

_message = "<int:message_id>/"

urlpatterns = [
    path("", views.queue_view, name="queue"),
    path(_message, views.message_view, name="message"),
    path(_message + "registreren/", views.register_view, name="register"),
    path(_message + "koppelen/", views.attach_view, name="attach"),
    path(_message + "geen-klacht/", views.dismiss_view, name="dismiss"),
    path(_message + "heropenen/", views.reopen_view, name="reopen"),
    path(_message + "gelezen/", views.keep_closed_view, name="keep_closed"),
    path(_message + "origineel.eml", views.raw_view, name="raw"),
    path(_message + "bijlagen/<int:attachment_id>/", views.attachment_view, name="attachment"),
]
