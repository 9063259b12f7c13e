"""Proposing, approving and rejecting allocation decisions, each logged in the same transaction."""

import calendar
import datetime as dt

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from reintegra.allocations.models import AllocationDecision, AllocationStatus, Regime
from reintegra.allocations.permissions import DECISION_MAKERS
from reintegra.allocations.selectors import allocation_in_force
from reintegra.audit.models import Category
from reintegra.audit.services import record
from reintegra.organisations.models import Facility
from reintegra.people.models import Person
from reintegra.work.services import task_create, tasks_close_for

DEFAULT_REVIEW_MONTHS = 6
LONGEST_REVIEW_MONTHS = 24
APPROVER_ROLES = tuple(sorted(DECISION_MAKERS))


class AllocationError(ValueError):
    """A request the rules refuse; the message is shown to the user and nothing is written."""


def months_after(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def default_review_date(today: dt.date) -> dt.date:
    return months_after(today, DEFAULT_REVIEW_MONTHS)


def _decision_url(decision: AllocationDecision, name: str = "allocations:decision-detail") -> str:
    """Stored in English; "My work" shows it in the reader's language."""
    with translation.override("en"):
        return reverse(name, args=[decision.pk])


def _refuse_unless_decision_maker(actor, person: Person) -> None:
    if actor.role not in DECISION_MAKERS:
        raise AllocationError(
            _("Only a supervisor or a prison manager can make allocation decisions.")
        )
    if actor.jurisdiction_code != person.jurisdiction_id:
        raise AllocationError(
            _("Only staff of the person's jurisdiction can decide their allocation.")
        )


@transaction.atomic
def allocation_propose(
    *,
    actor,
    person: Person,
    regime: Regime,
    facility: Facility,
    unit: str,
    rationale: str,
    review_date: dt.date,
    now: dt.datetime,
) -> AllocationDecision:
    """A decision by a supervisor or prison manager; it takes effect once someone else approves."""
    _refuse_unless_decision_maker(actor, person)
    today = timezone.localdate(now)
    if not person.in_custody or person.current_facility_id is None:
        raise AllocationError(_("This person is not in custody, so no allocation can be decided."))
    if regime.jurisdiction_id != person.jurisdiction_id or not regime.is_active:
        raise AllocationError(_("Choose a regime from the person's jurisdiction's list."))
    if facility.organisation.jurisdiction_id != person.jurisdiction_id or not facility.is_active:
        raise AllocationError(_("Choose a facility in the person's jurisdiction."))
    if not rationale.strip():
        raise AllocationError(_("Give the rationale for the decision."))
    if review_date <= today:
        raise AllocationError(_("The review date must be after the date of the decision."))
    if review_date > months_after(today, LONGEST_REVIEW_MONTHS):
        raise AllocationError(_("The review date must be within two years of the decision."))
    pending = _(
        "A decision for this person is already awaiting approval; "
        "it must be approved or rejected first."
    )
    if AllocationDecision.objects.filter(person=person, status=AllocationStatus.PROPOSED).exists():
        raise AllocationError(pending)
    try:
        with transaction.atomic():
            decision = AllocationDecision.objects.create(
                person=person,
                regime=regime,
                facility=facility,
                unit=unit.strip(),
                rationale=rationale.strip(),
                decided_by_id=actor.user_id,
                decided_at=now,
                review_date=review_date,
            )
    except IntegrityError:
        # Two proposals at the same moment: the unique constraint lets only one through.
        raise AllocationError(pending) from None
    record(
        actor=actor,
        category=Category.COLLECTION,
        action="allocation.propose",
        subjects=[person.pk],
        obj=decision,
    )
    # Approvers must be able to see the person: the task goes to where the person is held now.
    held_at = person.current_facility or facility
    task_create(
        actor=actor,
        kind="allocation_approval",
        title=gettext_noop("Approve or reject an allocation decision"),
        person=person,
        jurisdiction_id=person.jurisdiction_id,
        organisation_id=held_at.organisation_id,
        facility_id=held_at.pk,
        roles=APPROVER_ROLES,
        due=today + dt.timedelta(days=7),
        url=_decision_url(decision, "allocations:decision-decide"),
        source=decision,
    )
    return decision


def _locked_for_answer(actor, decision: AllocationDecision) -> AllocationDecision:
    """The decision, locked, once the actor is shown to be allowed to answer it (four eyes)."""
    decision = (
        AllocationDecision.objects.select_for_update(of=("self",))
        .select_related("person__current_facility", "facility__organisation")
        .get(pk=decision.pk)
    )
    if decision.status != AllocationStatus.PROPOSED:
        raise AllocationError(_("This decision has already been approved or rejected."))
    if decision.decided_by_id == actor.user_id:
        raise AllocationError(
            _(
                "You made this decision, so you cannot approve or reject it: another supervisor "
                "or prison manager must."
            )
        )
    _refuse_unless_decision_maker(actor, decision.person)
    return decision


@transaction.atomic
def allocation_approve(
    *, actor, decision: AllocationDecision, comment: str, now: dt.datetime
) -> AllocationDecision:
    decision = _locked_for_answer(actor, decision)
    if decision.review_date <= timezone.localdate(now):
        raise AllocationError(
            _("The review date of this decision has passed: reject it and propose a new one.")
        )
    previous = allocation_in_force(decision.person)
    decision.status = AllocationStatus.APPROVED
    decision.approver_id = actor.user_id
    decision.approver_decided_at = now
    decision.approver_comment = comment.strip()
    decision.supersedes = previous
    decision.save(
        update_fields=[
            "status",
            "approver",
            "approver_decided_at",
            "approver_comment",
            "supersedes",
            "updated_at",
        ]
    )
    record(
        actor=actor,
        category=Category.ALTERATION,
        action="allocation.approve",
        subjects=[decision.person_id],
        obj=decision,
    )
    tasks_close_for(actor=actor, kind="allocation_approval", source=decision)
    if previous is not None:
        tasks_close_for(actor=actor, kind="allocation_review", source=previous)
    held_at = decision.person.current_facility or decision.facility
    task_create(
        actor=actor,
        kind="allocation_review",
        title=gettext_noop("Review the allocation decision"),
        person=decision.person,
        jurisdiction_id=decision.person.jurisdiction_id,
        organisation_id=held_at.organisation_id,
        facility_id=held_at.pk,
        roles=APPROVER_ROLES,
        due=decision.review_date,
        url=_decision_url(decision),
        source=decision,
    )
    return decision


@transaction.atomic
def allocation_reject(
    *, actor, decision: AllocationDecision, comment: str, now: dt.datetime
) -> AllocationDecision:
    decision = _locked_for_answer(actor, decision)
    if not comment.strip():
        raise AllocationError(_("Say why you reject the decision."))
    decision.status = AllocationStatus.REJECTED
    decision.approver_id = actor.user_id
    decision.approver_decided_at = now
    decision.approver_comment = comment.strip()
    decision.save(
        update_fields=[
            "status",
            "approver",
            "approver_decided_at",
            "approver_comment",
            "updated_at",
        ]
    )
    record(
        actor=actor,
        category=Category.ALTERATION,
        action="allocation.reject",
        subjects=[decision.person_id],
        obj=decision,
    )
    tasks_close_for(actor=actor, kind="allocation_approval", source=decision)
    return decision


def allocation_consulted(*, actor, decision: AllocationDecision, action: str) -> None:
    record(
        actor=actor,
        category=Category.CONSULTATION,
        action=action,
        subjects=[decision.person_id],
        obj=decision,
    )
