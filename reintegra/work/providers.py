from collections.abc import Iterator

from django.urls import translate_url
from django.utils.translation import get_language
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
}


def task_work_items(actor) -> Iterator[WorkItem]:
    if getattr(actor, "organisation_id", None) is None:
        return
    for task in open_tasks_for(actor)[:500]:
        yield WorkItem(
            kind=task.kind,
            kind_label=str(TASK_KIND_LABELS.get(task.kind, task.kind)),
            title=f"{task.person.reference} · {task.title}" if task.person else task.title,
            url=translate_url(task.url, get_language()) if task.url else "",
            due=task.due,
        )
