"""The plan, attendance, task and reminder operations of the benchmark, run at a tiny scale.

They build their objects on the first call and reuse them on the next, and a save that does not go
through must fail the operation rather than time nothing.
"""

import pytest

from bench import operations, rehabilitation_operations
from bench.dataset import dataset_build
from bench.scales import Scale
from reintegra.plans.models import Plan
from reintegra.programmes.models import Attendance, GroupSession
from reintegra.work.models import ReminderSent, Task, TaskStatus

PATHWAY_TINY = Scale("tiny", 120, 2, 1, 3, 200, 100, 12, 150)


def test_rehabilitation_operations_answer_and_reuse_their_objects(db: None) -> None:
    dataset_build(PATHWAY_TINY)

    plan_page = rehabilitation_operations.plan_page(rounds=2, warmup=1)
    again = rehabilitation_operations.plan_page(rounds=1, warmup=0)
    save = rehabilitation_operations.attendance_save(rounds=3, warmup=1)
    my_work = rehabilitation_operations.my_work_with_tasks(rounds=2, warmup=1)

    assert Plan.objects.count() == 1
    plan = Plan.objects.get()
    assert plan.objectives.count() == rehabilitation_operations.PLAN_OBJECTIVES
    assert plan_page.queries == again.queries > 0
    # One warm-up, one counted and three timed registers, each of the whole group.
    recorded = GroupSession.objects.filter(attendance_recorded_at__isnull=False)
    assert recorded.count() == 5
    assert Attendance.objects.count() == 5 * rehabilitation_operations.GROUP_SIZE
    assert save.queries > 0
    membership = rehabilitation_operations.bench_membership()
    assigned = Task.objects.filter(assignee=membership.user, status=TaskStatus.OPEN)
    assert assigned.count() == rehabilitation_operations.BENCH_TASKS
    assert my_work.ratio == pytest.approx(my_work.median_ms / my_work.sql_alone_median_ms)


def test_reminders_send_once_per_user_and_day_and_the_rerun_sends_none(db: None) -> None:
    dataset_build(PATHWAY_TINY)

    first = rehabilitation_operations.reminders()
    second = rehabilitation_operations.reminders()

    assert first.queries > 0
    # The day's markers are cleared before each timed run, so both runs send the same mail.
    assert first.detail.split(";")[0] == second.detail.split(";")[0]
    assert ReminderSent.objects.count() > 1
    assert "0 already sent" not in first.detail


def test_attendance_save_fails_when_the_register_is_refused(db: None, monkeypatch) -> None:
    dataset_build(PATHWAY_TINY)
    rehabilitation_operations.attendance_save(rounds=1, warmup=0)
    # A session already recorded refuses a second register: the operation must say so.
    recorded = list(GroupSession.objects.filter(attendance_recorded_at__isnull=False))
    monkeypatch.setattr(
        rehabilitation_operations, "bench_sessions", lambda membership, needed: recorded * needed
    )

    with pytest.raises(operations.BenchFailedError, match="did not go through"):
        rehabilitation_operations.attendance_save(rounds=1, warmup=0)
