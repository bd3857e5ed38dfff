"""Every write to a complaint goes through these functions. Each one runs in a
transaction and records what it changed in the complaint's history. One
module per verb; the public names are re-exported here, so callers import
``from complaints.services import …``."""

from complaints.services.assignment import complaint_assign
from complaints.services.bulk import (
    BULK_MAX,
    BulkResult,
    complaints_assign_bulk,
    complaints_forward_bulk,
    complaints_mark_confidential_bulk,
)
from complaints.services.closing import complaint_close, complaint_withdraw
from complaints.services.common import ComplaintError, apply_changes, event_record, format_reference
from complaints.services.confidentiality import complaint_set_confidential
from complaints.services.files import attachments_add
from complaints.services.handling import (
    complaint_set_outcome,
    contact_record,
    measure_add,
    measure_complete,
    note_add,
)
from complaints.services.language import complaint_set_language
from complaints.services.letters import letter_draft, letter_send, letter_update
from complaints.services.locations import (
    MergeResult,
    location_match_accept,
    location_match_reject,
    location_matches_accept_many,
    location_merge,
)
from complaints.services.messages import (
    complainant_message_add,
    complainant_message_send,
    complaint_answer_date_set,
    complaint_messages_seen,
    complaint_reopen,
    message_template_render,
    status_link_resend,
)
from complaints.services.privacy import (
    ComplainantExport,
    complainant_erase,
    complainant_erase_on_request,
    complainant_export,
    complainants_erase_expired,
    complaint_set_publication_text,
)
from complaints.services.registration import ComplainantData, complaint_register, reference_allocate
from complaints.services.safety import complaint_set_safety
from complaints.services.taxonomy import taxonomy_version_copy
from complaints.services.triage import complaint_forward

__all__ = [
    "MergeResult",
    "location_match_accept",
    "location_match_reject",
    "location_matches_accept_many",
    "location_merge",
    "BULK_MAX",
    "BulkResult",
    "complaints_assign_bulk",
    "complaints_forward_bulk",
    "complaints_mark_confidential_bulk",
    "ComplainantData",
    "ComplainantExport",
    "ComplaintError",
    "apply_changes",
    "attachments_add",
    "complainant_erase",
    "complainant_erase_on_request",
    "complainant_export",
    "complainant_message_add",
    "complainant_message_send",
    "complainants_erase_expired",
    "complaint_answer_date_set",
    "complaint_assign",
    "complaint_close",
    "complaint_messages_seen",
    "complaint_forward",
    "complaint_register",
    "complaint_set_confidential",
    "complaint_set_language",
    "complaint_reopen",
    "complaint_set_outcome",
    "complaint_set_publication_text",
    "complaint_set_safety",
    "complaint_withdraw",
    "contact_record",
    "event_record",
    "format_reference",
    "letter_draft",
    "letter_send",
    "letter_update",
    "measure_add",
    "measure_complete",
    "message_template_render",
    "note_add",
    "reference_allocate",
    "status_link_resend",
    "taxonomy_version_copy",
]
