"""The daily pass that opens release plans and asks for handovers as release approaches.

Run by `manage.py open_release_plans` (cron, daily). Idempotent: a person gets one plan per
custody episode, and a plan one open "handover due" task, however often it runs.
"""

import datetime as dt

from reintegra.audit.actor import SystemActor
from reintegra.people.models import CustodyEpisode
from reintegra.release.models import ReleasePlan, ReleasePlanStatus
from reintegra.release.services import (
    ReleaseError,
    handover_due_task,
    handover_months,
    months_after,
    release_plan_months,
    release_plan_open,
)
from reintegra.work.models import Task, TaskStatus

COMMAND_USERNAME = "open_release_plans"


def _actor(jurisdiction_code: str) -> SystemActor:
    return SystemActor(username=COMMAND_USERNAME, jurisdiction_code=jurisdiction_code)


def release_plans_open_due(*, today: dt.date) -> dict[str, int]:
    opened = skipped = 0
    episodes = (
        CustodyEpisode.objects.filter(
            actual_release_date__isnull=True,
            expected_release_date__isnull=False,
            expected_release_date__lte=months_after(today, release_plan_months()),
            person__in_custody=True,
            release_plans__isnull=True,
        )
        .select_related("person__current_facility")
        .order_by("expected_release_date", "id")
    )
    for episode in episodes:
        person = episode.person
        try:
            # One transaction per person: a refusal for one never holds back the others.
            release_plan_open(
                actor=_actor(person.jurisdiction_id), person=person, today=today, automatic=True
            )
        except ReleaseError:
            skipped += 1
        else:
            opened += 1
    return {"plans_opened": opened, "skipped": skipped, "handover_tasks": _ask_for_handovers(today)}


def _ask_for_handovers(today: dt.date) -> int:
    already_asked = set(
        Task.objects.filter(
            kind="handover_due", status=TaskStatus.OPEN, source_type="release.releaseplan"
        ).values_list("source_id", flat=True)
    )
    plans = (
        ReleasePlan.objects.exclude(status=ReleasePlanStatus.CLOSED)
        .filter(
            handover__isnull=True,
            episode__expected_release_date__lte=months_after(today, handover_months()),
            person__current_facility__isnull=False,
        )
        .select_related("person__current_facility", "episode")
    )
    created = 0
    for plan in plans:
        if str(plan.pk) in already_asked:
            continue
        if handover_due_task(actor=_actor(plan.person.jurisdiction_id), plan=plan, today=today):
            created += 1
    return created
