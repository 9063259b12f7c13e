from django.db.models import Q, QuerySet

from reintegra.work.models import Task, TaskStatus


def open_tasks_for(actor) -> QuerySet[Task]:
    """Tasks addressed to the actor by name, or to their role in their organisation (and
    facility)."""
    if actor.organisation_id is None:
        return Task.objects.none()
    for_role = Q(
        assignee__isnull=True,
        organisation_id=actor.organisation_id,
        roles__contains=f",{actor.role},",
    )
    if actor.facility_id:
        for_role &= Q(facility_id=actor.facility_id) | Q(facility__isnull=True)
    tasks = Task.objects.filter(status=TaskStatus.OPEN).filter(
        Q(assignee_id=actor.user_id) | for_role
    )
    return tasks.select_related("person").order_by("due", "created_at")


def team_tasks_for(actor) -> QuerySet[Task]:
    """A supervisor's view of their team: every open task of their organisation (and facility)."""
    if actor.organisation_id is None:
        return Task.objects.none()
    tasks = Task.objects.filter(status=TaskStatus.OPEN, organisation_id=actor.organisation_id)
    if actor.facility_id:
        tasks = tasks.filter(Q(facility_id=actor.facility_id) | Q(facility__isnull=True))
    return tasks.select_related("person", "assignee").order_by("due", "created_at")


def open_tasks_about(actor, person) -> list[Task]:
    """A person's open tasks that the actor's organisation holds, for the person page."""
    if actor.organisation_id is None:
        return []
    return list(
        Task.objects.filter(
            person=person, status=TaskStatus.OPEN, organisation_id=actor.organisation_id
        )
        .select_related("assignee")
        .order_by("due", "created_at")[:20]
    )
