"""Plan page, attendance save, "My work" with 200 open tasks, and `send_reminders` over everyone.

The objects these pages need are made once, on the first run against a dataset, through the same
services staff use (the plan) or as plain rows (a programme group with its sessions, the tasks), and
reused by later runs:

- the bench person's plan: six objectives on the needs their latest assessment found, two
  interventions each, the person's view recorded;
- a running group at the bench facility with twelve people enrolled and one past session per
  timed save (a register can be recorded only once);
- 200 open tasks assigned to the bench specialist, due from 30 days ago to 60 days ahead;
- open tasks for every other staff user (five each), a third of them due within three days, so
  that `send_reminders` has e-mails to write for a realistic share of the staff.
"""

import datetime as dt
import time
import uuid
from typing import Any

from django.core import mail
from django.db import connection
from django.test.utils import override_settings
from django.utils import timezone

from bench.operations import (
    STAFF_PAGE_P95_MS,
    BenchFailedError,
    OperationResult,
    StatementRecorder,
    signed_in_client,
)
from bench.pathway_operations import _assessed_person, bench_membership, page_with_sql
from bench.stats import median, percentile
from reintegra.accounts.actor import actor_for_user
from reintegra.accounts.models import Membership
from reintegra.assessments.models import Assessment, AssessmentStatus
from reintegra.people.models import Person
from reintegra.plans.models import Plan
from reintegra.plans.services import (
    InterventionInput,
    intervention_add,
    objective_add,
    plan_save,
    plan_start,
)
from reintegra.programmes.models import (
    Attendance,
    Enrolment,
    Group,
    GroupSession,
    GroupStatus,
    Programme,
    ProgrammeKind,
)
from reintegra.work.models import ReminderSent, Task, TaskStatus
from reintegra.work.reminders import reminders_send

# performance.md and the pathway issue: p95 <= 150 ms for these pages and the save.
PATHWAY_PAGE_P95_MS = min(STAFF_PAGE_P95_MS, 150.0)
REMINDERS_LIMIT_S = 30.0
BENCH_TASKS = 200
TASKS_PER_OTHER_USER = 5
GROUP_SIZE = 12
PLAN_OBJECTIVES = 6
BENCH_PROGRAMME_CODE = "bench-rehabilitation"
_TASK_KINDS = ("plan_review", "reassessment", "countersignature", "handover_due", "missed_contact")
_BATCH = 2_000


# --- The timed operations -------------------------------------------------------------------------


def plan_page(rounds: int, warmup: int = 3) -> OperationResult:
    membership = bench_membership()
    plan = bench_plan(membership)
    result = page_with_sql(
        "plan page", membership, f"/en/plans/{plan.pk}/", rounds, warmup, ratio=False
    )
    return _against(result, PATHWAY_PAGE_P95_MS, f"{plan.objectives.count()} objectives")


def my_work_with_tasks(rounds: int, warmup: int = 3) -> OperationResult:
    membership = bench_membership()
    open_tasks = bench_tasks(membership)
    result = page_with_sql("My work, 200 tasks", membership, "/en/work/", rounds, warmup)
    return _against(result, PATHWAY_PAGE_P95_MS, f"{open_tasks} open tasks assigned")


def attendance_save(rounds: int, warmup: int = 1) -> OperationResult:
    """POSTs a whole register (twelve people), each round to a session not yet recorded."""
    membership = bench_membership()
    sessions = bench_sessions(membership, needed=warmup + 1 + rounds)
    enrolments = list(
        Enrolment.objects.filter(group=sessions[0].group)
        .order_by("created_at")
        .values_list("pk", flat=True)
    )
    client = signed_in_client(membership.user)
    queue = iter(sessions)
    for _round in range(warmup):
        _post_register(client, next(queue), enrolments)
    recorder = StatementRecorder()
    with connection.execute_wrapper(recorder):
        _post_register(client, next(queue), enrolments)
    timings = [_post_register(client, next(queue), enrolments) for _round in range(rounds)]
    p95 = percentile(timings, 0.95)
    return OperationResult(
        name="attendance save",
        rounds=rounds,
        median_ms=median(timings),
        p95_ms=p95,
        queries=len(recorder.statements),
        target=f"p95 <= {PATHWAY_PAGE_P95_MS:.0f} ms",
        met=p95 <= PATHWAY_PAGE_P95_MS,
        detail=f"as {membership.user.username}; {len(enrolments)} people on the register",
    )


def reminders(limit_seconds: float = REMINDERS_LIMIT_S) -> OperationResult:
    """One `send_reminders` run over every staff user, e-mails into memory, then a rerun.

    The day's "sent" markers are cleared first, so that each bench run sends the whole day's mail.
    """
    bench_tasks(bench_membership())
    other_tasks()
    today = timezone.localdate()
    ReminderSent.objects.filter(day=today).delete()
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        mail.outbox = []
        recorder = StatementRecorder()
        started = time.perf_counter()
        with connection.execute_wrapper(recorder):
            run = reminders_send(today=today)
        elapsed = time.perf_counter() - started
        started = time.perf_counter()
        rerun = reminders_send(today=today)
        rerun_elapsed = time.perf_counter() - started
        sent_mail = len(mail.outbox)
    if run.sent == 0 or sent_mail != run.sent or rerun.sent != 0:
        raise BenchFailedError(
            f"send_reminders sent {run.sent} ({sent_mail} e-mails) then {rerun.sent} on the rerun: "
            "a run that sends nothing, or sends twice, measures nothing."
        )
    return OperationResult(
        name="send_reminders",
        rounds=1,
        median_ms=elapsed * 1000,
        p95_ms=elapsed * 1000,
        queries=len(recorder.statements),
        target=f"<= {limit_seconds:.0f} s",
        met=elapsed <= limit_seconds,
        detail=f"{run.users_checked:,} users checked, {run.sent:,} e-mails; "
        f"rerun the same day {rerun_elapsed:.1f} s, {rerun.already_sent:,} already sent",
    )


# --- What the operations need, made once ----------------------------------------------------------


def bench_plan(membership: Membership) -> Plan:
    person = _assessed_person(membership)
    existing = Plan.objects.filter(person=person).order_by("-created_at").first()
    if existing is not None:
        return existing
    latest = (
        Assessment.objects.filter(person=person, status=AssessmentStatus.LOCKED)
        .order_by("-countersigned_at")
        .first()
    )
    if latest is None or not latest.needs:
        raise BenchFailedError(f"{person.reference} has no locked assessment with needs.")
    actor = actor_for_user(membership.user, membership)
    today = timezone.localdate()
    plan = plan_start(actor=actor, person=person, today=today)
    for index in range(PLAN_OBJECTIVES):
        need = latest.needs[index % len(latest.needs)]
        objective = objective_add(
            actor=actor,
            plan=plan,
            expected_version=plan.version,
            need_code=need,
            description=f"Objective {index + 1} on {need}: steps agreed with the person.",
            target_date=today + dt.timedelta(days=90 + 30 * index),
            today=today,
        )
        plan.refresh_from_db(fields=["version"])
        for kind in ("education", "mentoring"):
            intervention_add(
                actor=actor,
                objective=objective,
                expected_version=plan.version,
                given=InterventionInput(
                    kind=kind,
                    description=f"{kind.capitalize()} towards objective {index + 1}.",
                    owner_user=membership.user,
                    owner_organisation=None,
                    start_date=today,
                    target_date=today + dt.timedelta(days=60 + 30 * index),
                ),
                today=today,
            )
            plan.refresh_from_db(fields=["version"])
    plan_save(
        actor=actor,
        plan=plan,
        expected_version=plan.version,
        person_view="Wants to finish school and find work near his family.",
        agreement="agreed",
        next_review_date=today + dt.timedelta(days=90),
        today=today,
    )
    return plan


def bench_sessions(membership: Membership, needed: int) -> list[GroupSession]:
    """`needed` past sessions of the bench group whose register is not recorded yet."""
    group = _bench_group(membership)
    fresh = list(
        GroupSession.objects.filter(group=group, attendance_recorded_at__isnull=True).order_by(
            "scheduled_for"
        )
    )
    if len(fresh) < needed:
        # Each run adds what it needs, on the days before the earliest session so far.
        earliest = GroupSession.objects.filter(group=group).order_by("scheduled_for").first()
        start = earliest.scheduled_for if earliest else timezone.now() - dt.timedelta(hours=2)
        made = [
            GroupSession(
                group=group,
                title=f"Bench session {index + 1}",
                scheduled_for=start - dt.timedelta(hours=3 * (index + 1)),
            )
            for index in range(needed - len(fresh))
        ]
        GroupSession.objects.bulk_create(made)
        fresh += made
        earliest_day = min(session.scheduled_for for session in fresh).date()
        if earliest_day < group.start_date:
            Group.objects.filter(pk=group.pk).update(start_date=earliest_day)
    return fresh[:needed]


def _bench_group(membership: Membership) -> Group:
    facility = membership.facility
    assert facility is not None
    group = Group.objects.filter(programme__code=BENCH_PROGRAMME_CODE, facility=facility).first()
    if group is not None:
        return group
    programme, _created = Programme.objects.get_or_create(
        jurisdiction_id=facility.organisation.jurisdiction_id,
        code=BENCH_PROGRAMME_CODE,
        defaults={
            "name": "Thinking skills (bench group)",
            "kind": ProgrammeKind.REHABILITATION,
            "duration_weeks": 12,
        },
    )
    today = timezone.localdate()
    group = Group.objects.create(
        programme=programme,
        facility=facility,
        name="Bench group",
        start_date=today - dt.timedelta(days=28),
        end_date=today + dt.timedelta(days=56),
        capacity=GROUP_SIZE,
        status=GroupStatus.RUNNING,
    )
    group.facilitators.set([membership.user])
    people = Person.objects.filter(current_facility=facility, in_custody=True).order_by(
        "reference"
    )[:GROUP_SIZE]
    Enrolment.objects.bulk_create(
        Enrolment(
            group=group,
            person=person,
            enrolled_on=group.start_date,
            enrolled_by_id=membership.user_id,
        )
        for person in people
    )
    return group


def _post_register(client: Any, session: GroupSession, enrolments: list[uuid.UUID]) -> float:
    path = f"/en/programmes/sessions/{session.pk}/attendance/"
    data: dict[str, str] = {}
    for index, enrolment in enumerate(enrolments):
        data[f"status-{enrolment}"] = ("attended", "late", "excused", "refused")[index % 4]
        data[f"note-{enrolment}"] = "Took part in the role play." if index % 2 else ""
    started = time.perf_counter_ns()
    response = client.post(path, data, secure=True, headers={"host": "testserver"})
    elapsed = (time.perf_counter_ns() - started) / 1e6
    recorded = Attendance.objects.filter(session=session).count()
    if response.status_code != 302 or recorded != len(enrolments):
        raise BenchFailedError(
            f"POST {path} answered {response.status_code} and recorded {recorded} of "
            f"{len(enrolments)}: the save did not go through, so its time means nothing."
        )
    return elapsed


def bench_tasks(membership: Membership) -> int:
    """Tops the bench specialist's open tasks up to 200; returns how many they have."""
    existing = Task.objects.filter(assignee=membership.user, status=TaskStatus.OPEN).count()
    if existing < BENCH_TASKS:
        today = timezone.localdate()
        people = list(
            Person.objects.filter(current_facility_id=membership.facility_id)
            .order_by("reference")
            .values_list("pk", flat=True)[:BENCH_TASKS]
        )
        Task.objects.bulk_create(
            _task(membership, people[index % len(people)], today, index)
            for index in range(existing, BENCH_TASKS)
        )
    return Task.objects.filter(assignee=membership.user, status=TaskStatus.OPEN).count()


def other_tasks() -> int:
    """Five open tasks for every other staff member with a facility, made once."""
    bench_user_id = bench_membership().user_id
    if Task.objects.exclude(assignee_id=bench_user_id).filter(source_type="bench").exists():
        return Task.objects.filter(source_type="bench").count()
    today = timezone.localdate()
    memberships = (
        Membership.objects.current()
        .filter(facility__isnull=False, user__is_active=True)
        .exclude(user_id=bench_user_id)
        .select_related("organisation")
        .order_by("user_id")
    )
    people_by_facility: dict[uuid.UUID, list[uuid.UUID]] = {}
    for facility_id, person_id in Person.objects.filter(in_custody=True).values_list(
        "current_facility_id", "pk"
    ):
        people_by_facility.setdefault(facility_id, []).append(person_id)
    batch: list[Task] = []
    for number, membership in enumerate(memberships.iterator(chunk_size=_BATCH)):
        people = people_by_facility.get(membership.facility_id) or [None]
        for index in range(TASKS_PER_OTHER_USER):
            batch.append(_task(membership, people[(number + index) % len(people)], today, index))
        if len(batch) >= _BATCH:
            Task.objects.bulk_create(batch)
            batch = []
    Task.objects.bulk_create(batch)
    return Task.objects.filter(source_type="bench").count()


def _task(membership: Membership, person_id: uuid.UUID | None, today: dt.date, index: int) -> Task:
    kind = _TASK_KINDS[index % len(_TASK_KINDS)]
    return Task(
        jurisdiction_id=membership.organisation.jurisdiction_id,
        person_id=person_id,
        kind=kind,
        title=f"Bench task {index + 1}",
        due=today + dt.timedelta(days=(index * 7) % 90 - 30),
        assignee_id=membership.user_id,
        organisation_id=membership.organisation_id,
        facility_id=membership.facility_id,
        source_type="bench",
        source_id=f"{membership.user_id}-{index}",
    )


def _against(result: OperationResult, target_ms: float, note: str) -> OperationResult:
    result.target = f"p95 <= {target_ms:.0f} ms"
    result.met = result.p95_ms <= target_ms
    result.detail += f"; {note}"
    return result
