"""Creating and closing tasks; every pathway app hands work to people through these."""

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from reintegra.audit.models import Category
from reintegra.audit.services import record
from reintegra.work.models import Task, TaskStatus


@transaction.atomic
def task_create(
    *,
    actor,
    kind: str,
    title: str,
    organisation_id,
    jurisdiction_id: str,
    person=None,
    roles: Iterable[str] = (),
    facility_id=None,
    assignee=None,
    due: dt.date | None = None,
    reason: str = "",
    url: str = "",
    source: object | None = None,
) -> Task:
    """One open task per kind and source: a second trigger for the same thing adds nothing.

    `title` and `reason` are stored untranslated (mark them with gettext_noop) and shown in each
    reader's own language.
    """
    source_type = source._meta.label_lower if source is not None else ""  # type: ignore[attr-defined]
    source_id = str(source.pk) if source is not None else ""  # type: ignore[attr-defined]
    if source is not None:
        existing = Task.objects.filter(
            kind=kind, source_type=source_type, source_id=source_id, status=TaskStatus.OPEN
        ).first()
        if existing is not None:
            return existing
    task = Task.objects.create(
        jurisdiction_id=jurisdiction_id,
        person=person,
        kind=kind,
        title=title[:300],
        reason=reason[:500],
        url=url,
        due=due,
        assignee=assignee,
        organisation_id=organisation_id,
        facility_id=facility_id,
        roles=f",{','.join(roles)}," if roles else "",
        source_type=source_type,
        source_id=source_id,
    )
    record(
        actor=actor,
        category=Category.COLLECTION,
        action=f"task.create.{kind}",
        subjects=[person.pk] if person is not None else [],
        obj=task,
    )
    return task


@transaction.atomic
def tasks_close_for(*, actor, kind: str, source: object, status: str = TaskStatus.DONE) -> int:
    """Closes the open tasks of a kind that a source created, once the work is done."""
    tasks = Task.objects.select_for_update().filter(
        kind=kind,
        source_type=source._meta.label_lower,  # type: ignore[attr-defined]
        source_id=str(source.pk),  # type: ignore[attr-defined]
        status=TaskStatus.OPEN,
    )
    closed = 0
    for task in tasks:
        task.status = status
        task.completed_at = timezone.now()
        task.save(update_fields=["status", "completed_at", "updated_at"])
        record(actor=actor, category=Category.ALTERATION, action=f"task.{status}", obj=task)
        closed += 1
    return closed


@transaction.atomic
def tasks_close_for_person(*, actor, person, kinds: Iterable[str]) -> int:
    """Closes a person's open tasks of these kinds: the work they asked for has been done."""
    closed = 0
    for task in Task.objects.select_for_update().filter(
        person=person, kind__in=list(kinds), status=TaskStatus.OPEN
    ):
        task.status = TaskStatus.DONE
        task.completed_at = timezone.now()
        task.save(update_fields=["status", "completed_at", "updated_at"])
        record(actor=actor, category=Category.ALTERATION, action="task.done", obj=task)
        closed += 1
    return closed
