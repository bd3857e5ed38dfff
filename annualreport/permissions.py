"""Who may read and who may edit the annual report, from the capability map:
the coordinator and management read it (it holds no complainant data); only
the coordinator edits it and checks the publication texts."""

from accounts.capabilities import Capability, capability_required, has_capability
from accounts.models import User

annual_report_reader_required = capability_required(Capability.VIEW_REPORTS)
annual_report_editor_required = capability_required(Capability.EDIT_ANNUAL_REPORT)


def can_edit_annual_report(user: User) -> bool:
    return has_capability(user, Capability.EDIT_ANNUAL_REPORT)
