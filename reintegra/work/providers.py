from collections.abc import Iterator

from django.urls import translate_url
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from reintegra.work.registry import WorkItem
from reintegra.work.selectors import open_tasks_for

TASK_KIND_LABELS = {
    "screening_referral": _("Full assessments to start"),
    "reassessment": _("Reassessments triggered"),
    "countersignature": _("Awaiting countersignature"),
    "returned_assessment": _("Assessments returned"),
    "allocation_approval": _("Allocation decisions to approve"),
    "allocation_review": _("Allocation reviews due"),
    "plan_countersignature": _("Plans awaiting countersignature"),
    "plan_returned": _("Plans returned"),
    "plan_review": _("Plan reviews due"),
    "release_plan_opened": _("Release plans to prepare"),
    "handover_due": _("Handovers to probation due"),
    "handover_received": _("Handovers received"),
    "supervision_opened": _("First contacts to plan"),
    "missed_contact": _("Missed contacts"),
    "forum_action": _("Forum action points"),
    "conference_action": _("Case conference actions"),
}


def task_work_items(actor) -> Iterator[WorkItem]:
    if getattr(actor, "organisation_id", None) is None:
        return
    for task in open_tasks_for(actor)[:500]:
        yield WorkItem(
            kind=task.kind,
            kind_label=task_kind_label(task.kind),
            title=_task_title(task),
            url=translate_url(task.url, get_language()) if task.url else "",
            due=task.due,
        )


def _task_title(task) -> str:
    title = gettext(task.title)
    if task.kind == "reassessment" and task.reason:
        # Why the review came forward is the first thing the assessor needs to know.
        title = f"{title}: {gettext(task.reason)}"
    return f"{task.person.reference} · {title}" if task.person else title


def task_kind_label(kind: str) -> str:
    return str(TASK_KIND_LABELS.get(kind, kind))
