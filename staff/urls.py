from django.urls import path

from staff.views import detail, files, handling, letters, lists, messages, privacy, register, reopen, safety, triage

app_name = "staff"

_complaint = "klachten/<str:reference>/"

urlpatterns = [
    path("", lists.home_view, name="home"),
    path("werkvoorraad/", lists.worklist_view, name="worklist"),
    path("klachten/", lists.complaint_list_view, name="complaint_list"),
    path("klachten/nieuw/", register.complaint_register_view, name="complaint_register"),
    path("locaties/opties/", register.location_options_view, name="location_options"),
    path(_complaint, detail.complaint_detail_view, name="complaint_detail"),
    path(_complaint + "doorsturen/", triage.complaint_forward_view, name="complaint_forward"),
    path(_complaint + "contact/", handling.contact_record_view, name="contact_record"),
    path(_complaint + "notitie/", handling.note_add_view, name="note_add"),
    path(_complaint + "bericht/", messages.message_send_view, name="message_send"),
    path(_complaint + "publicatietekst/", handling.publication_text_view, name="publication_text"),
    path(_complaint + "maatregelen/nieuw/", handling.measure_add_view, name="measure_add"),
    path(
        _complaint + "maatregelen/<int:measure_id>/gerealiseerd/",
        handling.measure_complete_view,
        name="measure_complete",
    ),
    path(_complaint + "oordeel/", handling.outcome_set_view, name="outcome_set"),
    path(_complaint + "brief/opstellen/", letters.letter_draft_view, name="letter_draft"),
    path(_complaint + "brief/", letters.letter_edit_view, name="letter_edit"),
    path(_complaint + "brief/voorbeeld.pdf", letters.letter_preview_view, name="letter_preview"),
    path(_complaint + "brief/versturen/", letters.letter_send_view, name="letter_send"),
    path(_complaint + "brief/verstuurd.pdf", letters.letter_pdf_view, name="letter_pdf"),
    path(_complaint + "afsluiten/", handling.complaint_close_view, name="complaint_close"),
    path(_complaint + "intrekken/", handling.complaint_withdraw_view, name="complaint_withdraw"),
    path(_complaint + "vertrouwelijk/", privacy.complaint_confidential_view, name="complaint_confidential"),
    path(_complaint + "indiener/wissen/", privacy.complainant_erase_view, name="complainant_erase"),
    path(_complaint + "indiener/inzage/", privacy.complainant_export_view, name="complainant_export"),
    path(_complaint + "dossier/", detail.complaint_dossier_view, name="complaint_dossier"),
    path(_complaint + "veiligheid/", safety.complaint_safety_view, name="complaint_safety"),
    path(_complaint + "heropenen/", reopen.complaint_reopen_view, name="complaint_reopen"),
    path(_complaint + "bijlagen/nieuw/", files.attachment_add_view, name="attachment_add"),
    path(_complaint + "bijlagen/<int:attachment_id>/", files.attachment_download_view, name="attachment_download"),
]
