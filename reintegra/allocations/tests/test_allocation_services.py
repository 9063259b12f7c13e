import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from reintegra.accounts.actor import actor_for_user
from reintegra.allocations.models import AllocationDecision, AllocationStatus, Regime
from reintegra.allocations.services import (
    AllocationError,
    allocation_approve,
    allocation_propose,
    allocation_reject,
    default_review_date,
    months_after,
)
from reintegra.audit.models import Category, ProcessingLogEntry
from reintegra.work.models import Task, TaskStatus
from reintegra.work.selectors import open_tasks_for

RATIONALE = "Repeated pressure on younger prisoners in the general wing; closer supervision needed."


def _propose(user, person, personas, **changes) -> AllocationDecision:
    values = {
        "regime": Regime.objects.get(jurisdiction_id="AL", code="enhanced_supervision"),
        "facility": personas.facility_a,
        "unit": "Unit 3",
        "rationale": RATIONALE,
        "review_date": default_review_date(timezone.localdate()),
        "now": timezone.now(),
    }
    values.update(changes)
    return allocation_propose(actor=actor_for_user(user), person=person, **values)


def _answer(user, decision, approve=True, comment="Agreed.") -> AllocationDecision:
    answer = allocation_approve if approve else allocation_reject
    return answer(
        actor=actor_for_user(user), decision=decision, comment=comment, now=timezone.now()
    )


def test_months_after_keeps_the_day_or_the_end_of_a_shorter_month() -> None:
    assert months_after(dt.date(2025, 1, 15), 6) == dt.date(2025, 7, 15)
    assert months_after(dt.date(2025, 8, 31), 6) == dt.date(2026, 2, 28)
    assert months_after(dt.date(2025, 12, 1), 1) == dt.date(2026, 1, 1)


def test_supervisor_proposes_and_the_approvers_get_a_task(personas, held, manager) -> None:
    decision = _propose(personas.supervisor, held, personas)
    assert decision.status == AllocationStatus.PROPOSED
    assert decision.decided_by == personas.supervisor
    entry = ProcessingLogEntry.objects.get(action="allocation.propose")
    assert entry.category == Category.COLLECTION and entry.subjects == [str(held.pk)]
    task = Task.objects.get(kind="allocation_approval")
    assert task.organisation == personas.prisons_a and task.source_id == str(decision.pk)
    assert task in open_tasks_for(actor_for_user(manager))
    assert task in open_tasks_for(actor_for_user(personas.supervisor))
    assert task not in open_tasks_for(actor_for_user(personas.officer))


def test_another_decision_maker_approves_and_a_review_task_is_due_on_the_review_date(
    personas, held, manager
) -> None:
    decision = _propose(personas.supervisor, held, personas)
    _answer(manager, decision, comment="Proportionate; review earlier if behaviour improves.")
    decision.refresh_from_db()
    assert decision.status == AllocationStatus.APPROVED
    assert decision.approver == manager and decision.approver_decided_at is not None
    assert Task.objects.get(kind="allocation_approval").status == TaskStatus.DONE
    review = Task.objects.get(kind="allocation_review")
    assert review.status == TaskStatus.OPEN and review.due == decision.review_date
    entry = ProcessingLogEntry.objects.get(action="allocation.approve")
    assert entry.category == Category.ALTERATION and entry.subjects == [str(held.pk)]


def test_the_decision_maker_cannot_approve_their_own_decision_and_nothing_is_written(
    personas, held
) -> None:
    decision = _propose(personas.supervisor, held, personas)
    for approve in (True, False):
        with pytest.raises(AllocationError, match="You made this decision"):
            _answer(personas.supervisor, decision, approve=approve)
    decision.refresh_from_db()
    assert decision.status == AllocationStatus.PROPOSED and decision.approver is None
    assert not ProcessingLogEntry.objects.filter(category=Category.ALTERATION).exists()
    assert Task.objects.get(kind="allocation_approval").status == TaskStatus.OPEN


def test_the_database_refuses_an_approver_who_is_the_decision_maker(personas, held) -> None:
    decision = _propose(personas.supervisor, held, personas)
    with pytest.raises(IntegrityError), transaction.atomic():
        AllocationDecision.objects.filter(pk=decision.pk).update(
            status=AllocationStatus.APPROVED,
            approver=personas.supervisor,
            approver_decided_at=timezone.now(),
        )


def test_the_database_refuses_a_review_date_before_the_decision(personas, held) -> None:
    decision = _propose(personas.supervisor, held, personas)
    with pytest.raises(IntegrityError), transaction.atomic():
        AllocationDecision.objects.filter(pk=decision.pk).update(
            review_date=timezone.localdate() - dt.timedelta(days=1)
        )


def test_only_supervisors_and_managers_approve(personas, held) -> None:
    decision = _propose(personas.supervisor, held, personas)
    for user in (personas.officer, personas.specialist, personas.outsider):
        with pytest.raises(AllocationError):
            _answer(user, decision)
    decision.refresh_from_db()
    assert decision.status == AllocationStatus.PROPOSED


@pytest.mark.parametrize(
    ("days", "message"),
    [
        (0, "must be after the date of the decision"),
        (-10, "must be after the date of the decision"),
        (800, "within two years"),
    ],
)
def test_review_date_must_follow_the_decision(personas, held, days, message) -> None:
    with pytest.raises(AllocationError, match=message):
        _propose(
            personas.supervisor,
            held,
            personas,
            review_date=timezone.localdate() + dt.timedelta(days=days),
        )
    assert not AllocationDecision.objects.exists() and not Task.objects.exists()


def test_a_regime_or_facility_of_another_jurisdiction_is_refused(personas, held) -> None:
    with pytest.raises(AllocationError, match="regime"):
        _propose(
            personas.supervisor,
            held,
            personas,
            regime=Regime.objects.get(jurisdiction_id="RS", code="standard"),
        )
    with pytest.raises(AllocationError, match="facility"):
        _propose(personas.supervisor, held, personas, facility=personas.facility_b)
    assert not AllocationDecision.objects.exists()


def test_prison_officer_and_specialist_cannot_propose(personas, held) -> None:
    for user in (personas.officer, personas.specialist):
        with pytest.raises(AllocationError, match="Only a supervisor or a prison manager"):
            _propose(user, held, personas)


def test_a_second_proposal_waits_for_the_first(personas, held, manager) -> None:
    _propose(personas.supervisor, held, personas)
    with pytest.raises(AllocationError, match="already awaiting approval"):
        _propose(manager, held, personas)
    assert AllocationDecision.objects.count() == 1


def test_rejection_needs_a_comment(personas, held, manager) -> None:
    decision = _propose(personas.supervisor, held, personas)
    with pytest.raises(AllocationError, match="Say why you reject"):
        _answer(manager, decision, approve=False, comment=" ")
    _answer(
        manager,
        decision,
        approve=False,
        comment="The rationale does not say why less is not enough.",
    )
    decision.refresh_from_db()
    assert decision.status == AllocationStatus.REJECTED
    assert Task.objects.get(kind="allocation_approval").status == TaskStatus.DONE
    assert not Task.objects.filter(kind="allocation_review").exists()
    assert (
        ProcessingLogEntry.objects.get(action="allocation.reject").category == Category.ALTERATION
    )


def test_a_new_approved_decision_supersedes_the_one_in_force_and_closes_its_review(
    personas, held, manager
) -> None:
    first = _answer(manager, _propose(personas.supervisor, held, personas))
    second = _propose(
        manager,
        held,
        personas,
        regime=Regime.objects.get(jurisdiction_id="AL", code="standard"),
        rationale="Six months without incident; engaged in programmes.",
    )
    _answer(personas.supervisor, second)
    second.refresh_from_db()
    assert second.supersedes == first
    reviews = Task.objects.filter(kind="allocation_review")
    assert reviews.get(source_id=str(first.pk)).status == TaskStatus.DONE
    assert reviews.get(source_id=str(second.pk)).status == TaskStatus.OPEN


def test_rationale_and_comment_are_encrypted_at_rest(personas, held, manager) -> None:
    decision = _answer(
        manager, _propose(personas.supervisor, held, personas), comment="Agreed, proportionate."
    )
    key = AllocationDecision._meta.pk.get_db_prep_value(decision.pk, connection)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rationale, approver_comment FROM allocations_allocationdecision WHERE id = %s",
            [key],
        )
        rationale, comment = cursor.fetchone()
    assert rationale.startswith("v1:") and comment.startswith("v1:")
    assert "pressure" not in rationale and "proportionate" not in comment
    decision = AllocationDecision.objects.get(pk=decision.pk)
    assert decision.rationale == RATIONALE and decision.approver_comment == "Agreed, proportionate."
