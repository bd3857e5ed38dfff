from django.urls import path

from staff.views import (
    assignment,
    bulk,
    detail,
    files,
    handling,
    letters,
    lists,
    locations,
    messages,
    privacy,
    register,
    triage,
)

app_name = "staff"

_complaint = "klachten/<str:reference>/"

urlpatterns = [
    path("", lists.home_view, name="home"),
    path("werkvoorraad/", lists.worklist_view, name="worklist"),
    path("klachten/", lists.complaint_list_view, name="complaint_list"),
    path("klachten/export.csv", lists.complaint_export_view, {"extension": "csv"}, name="complaint_export_csv"),
    path("klachten/export.xlsx", lists.complaint_export_view, {"extension": "xlsx"}, name="complaint_export_xlsx"),
    path("klachten/bulk/", bulk.bulk_action_view, name="bulk_action"),
    path("klachten/filters/", lists.saved_filter_save_view, name="saved_filter_save"),
    path(
        "klachten/filters/<int:saved_filter_id>/verwijderen/",
        lists.saved_filter_delete_view,
        name="saved_filter_delete",
    ),
    path("mijn-klachten/", lists.my_complaints_view, name="my_complaints"),
    path("klachten/nieuw/", register.complaint_register_view, name="complaint_register"),
    path("locaties/opties/", register.location_options_view, name="location_options"),
    path("locaties/koppelen/", locations.location_matches_view, name="location_matches"),
    path("locaties/koppelen/alles/", locations.location_matches_bulk_view, name="location_matches_bulk"),
    path("locaties/koppelen/<int:pk>/", locations.location_match_decide_view, name="location_match_decide"),
    path(_complaint, detail.complaint_detail_view, name="complaint_detail"),
    path(_complaint + "toewijzen/", assignment.complaint_assign_view, name="complaint_assign"),
    path(_complaint + "doorsturen/", triage.complaint_forward_view, name="complaint_forward"),
    path(_complaint + "contact/", handling.contact_record_view, name="contact_record"),
    path(_complaint + "notitie/", handling.note_add_view, name="note_add"),
    path(_complaint + "bericht/", messages.message_send_view, name="message_send"),
    path(_complaint + "antwoorddatum/", messages.answer_date_set_view, name="answer_date_set"),
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
    path(_complaint + "bijlagen/<int:attachment_id>/", files.attachment_download_view, name="attachment_download"),
]
