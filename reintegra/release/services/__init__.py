"""Every write of the release step; `plans` prepares the release, `leaving` hands over and
releases."""

from reintegra.release.services.leaving import handover_create, release_record
from reintegra.release.services.plans import (
    AttendeeInput,
    ConflictError,
    PathwayInput,
    ReleaseError,
    case_conference_record,
    handover_due_task,
    handover_months,
    months_after,
    pathway_entry_update,
    plan_url,
    readiness_checklist_update,
    release_plan_months,
    release_plan_open,
    release_plan_set_status,
)

__all__ = [
    "AttendeeInput",
    "ConflictError",
    "PathwayInput",
    "ReleaseError",
    "case_conference_record",
    "handover_create",
    "handover_due_task",
    "handover_months",
    "months_after",
    "pathway_entry_update",
    "plan_url",
    "readiness_checklist_update",
    "release_plan_months",
    "release_plan_open",
    "release_plan_set_status",
    "release_record",
]
