"""Drafting a plan: starting it, then its view and agreement, objectives and interventions.

Every change to a draft (the plan, its objectives or interventions) names the plan version it
started from (optimistic locking, as for assessments), runs in one transaction and writes its
processing-log entry there. Submitting, countersigning and reviewing are in `lifecycle.py`.
Nothing here decides what a person needs: the assessment found the needs, and staff write the
objectives.
"""

import calendar
import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from reintegra.accounts.models import User
from reintegra.assessments.selectors import latest_locked_assessment
from reintegra.audit.models import Category
from reintegra.audit.services import record
from reintegra.organisations.models import Organisation
from reintegra.people.models import Person
from reintegra.plans.models import (
    EDITABLE,
    IN_PROGRESS,
    Agreement,
    Intervention,
    InterventionKind,
    InterventionStatus,
    Objective,
    ObjectiveStatus,
    Plan,
    PlanStatus,
)
from reintegra.plans.selectors import owner_organisations, staff_owners

OPEN_OBJECTIVE = (ObjectiveStatus.NOT_STARTED, ObjectiveStatus.IN_PROGRESS)
OPEN_INTERVENTION = (InterventionStatus.PLANNED, InterventionStatus.IN_PROGRESS)


class PlanError(ValueError):
    """A refused step; `problems` are shown to the user as they are and nothing is written."""

    def __init__(self, problems: list[str] | str) -> None:
        self.problems = [problems] if isinstance(problems, str) else problems
        super().__init__("; ".join(self.problems))


class ConflictError(PlanError):
    """Someone else changed the plan after this user opened it."""


@dataclass(frozen=True)
class InterventionInput:
    kind: str
    description: str
    owner_user: User | None
    owner_organisation: Organisation | None
    start_date: dt.date
    target_date: dt.date | None
    status: str = InterventionStatus.PLANNED
    on_request: bool = False


def months_after(day: dt.date, months: int) -> dt.date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def plan_url(plan: Plan) -> str:
    """Stored in English on tasks; "My work" shows it in the reader's language."""
    with translation.override("en"):
        return reverse("plans:plan-detail", args=[plan.pk])


def claim_plan_version(plan: Plan, expected_version: int) -> None:
    """Moves the version on only if nobody else did first; otherwise nothing is written."""
    claimed = Plan.objects.filter(pk=plan.pk, version=expected_version, status__in=EDITABLE).update(
        version=F("version") + 1, updated_at=timezone.now()
    )
    if claimed:
        plan.version = expected_version + 1
        return
    if Plan.objects.get(pk=plan.pk).status not in EDITABLE:
        raise PlanError(_("This plan is no longer a draft and cannot be changed."))
    raise ConflictError(
        _(
            "Someone else changed this plan after you opened it. Your changes have not been "
            "saved: they are still in the form below. Open the plan again to see the other "
            "changes, then enter yours again."
        )
    )


# --- Starting and editing a draft ----------------------------------------------------------------


@transaction.atomic
def plan_start(*, actor, person: Person, today: dt.date) -> Plan:
    """A new draft on the latest locked assessment; a revision starts from the plan in force."""
    assessment = latest_locked_assessment(person)
    if assessment is None:
        raise PlanError(
            _(
                "A plan is built on a countersigned assessment, and this person has none yet. "
                "Complete the assessment and have it countersigned first."
            )
        )
    if Plan.objects.select_for_update().filter(person=person, status__in=IN_PROGRESS).exists():
        raise PlanError(_("A plan for this person is already in progress."))
    previous = Plan.objects.filter(person=person, status=PlanStatus.APPROVED).first()
    try:
        with transaction.atomic():
            plan = Plan.objects.create(
                person=person,
                based_on=assessment,
                supersedes=previous,
                author=actor.user,
                organisation_id=actor.organisation_id,
                facility_id=actor.facility_id,
            )
    except IntegrityError:
        # Someone else started one in the same instant; theirs stands.
        raise PlanError(_("A plan for this person is already in progress.")) from None
    left_behind = _carry_forward(previous, plan, today) if previous else 0
    record(
        actor=actor,
        category=Category.COLLECTION,
        action="plan.start",
        subjects=[person.pk],
        obj=plan,
        details={
            "based_on": str(assessment.pk),
            "supersedes": str(previous.pk) if previous else "",
            "objectives_not_carried": str(left_behind),
        },
    )
    return plan


def _carry_forward(previous: Plan, plan: Plan, today: dt.date) -> int:
    """Copies the open objectives whose need the new assessment still found, with their open
    interventions. The person's view and agreement are asked again. Returns how many open
    objectives were left behind because their need is no longer there."""
    needs = set(plan.based_on.needs)
    left_behind = 0
    for objective in previous.objectives.filter(status__in=OPEN_OBJECTIVE).prefetch_related(
        "interventions"
    ):
        if objective.need_code not in needs:
            left_behind += 1
            continue
        copy = Objective.objects.create(
            plan=plan,
            need_code=objective.need_code,
            description=objective.description,
            target_date=objective.target_date,
            status=objective.status,
            order=objective.order,
        )
        Intervention.objects.bulk_create(
            [
                Intervention(
                    objective=copy,
                    kind=intervention.kind,
                    description=intervention.description,
                    owner_user_id=intervention.owner_user_id,
                    owner_organisation_id=intervention.owner_organisation_id,
                    start_date=intervention.start_date,
                    target_date=intervention.target_date,
                    status=intervention.status,
                    on_request=intervention.on_request,
                )
                for intervention in objective.interventions.all()
                if intervention.status in OPEN_INTERVENTION
            ]
        )
    return left_behind


@transaction.atomic
def plan_save(
    *,
    actor,
    plan: Plan,
    expected_version: int,
    person_view: str,
    agreement: str,
    next_review_date: dt.date | None,
    today: dt.date,
) -> Plan:
    problems = []
    if agreement and agreement not in Agreement.values:
        problems.append(_("Choose one of the answers offered for the person's agreement."))
    if next_review_date is not None and next_review_date <= today:
        problems.append(_("The first plan review must be after today."))
    if problems:
        raise PlanError(problems)
    claim_plan_version(plan, expected_version)
    plan.person_view = person_view
    plan.agreement = agreement
    plan.next_review_date = next_review_date
    plan.save(update_fields=["person_view", "agreement", "next_review_date", "updated_at"])
    record(
        actor=actor,
        category=Category.ALTERATION,
        action="plan.save",
        subjects=[plan.person_id],
        obj=plan,
    )
    return plan


def _objective_problems(
    plan: Plan,
    *,
    need_code: str,
    description: str,
    target_date: dt.date | None,
    today: dt.date,
    unchanged_target: dt.date | None = None,
) -> list[str]:
    problems = []
    if not need_code:
        problems.append(_("Choose the need this objective addresses."))
    elif need_code not in plan.based_on.needs:
        problems.append(
            _(
                "An objective must address one of the needs the assessment found; "
                "“%(code)s” is not one of them."
            )
            % {"code": need_code}
        )
    if not description.strip():
        problems.append(_("Describe the objective."))
    if target_date is None:
        problems.append(_("Give a target date for the objective."))
    elif target_date < today and target_date != unchanged_target:
        problems.append(_("The target date cannot be in the past."))
    return problems


@transaction.atomic
def objective_add(
    *,
    actor,
    plan: Plan,
    expected_version: int,
    need_code: str,
    description: str,
    target_date: dt.date | None,
    today: dt.date,
) -> Objective:
    problems = _objective_problems(
        plan, need_code=need_code, description=description, target_date=target_date, today=today
    )
    if problems or target_date is None:
        raise PlanError(problems)
    claim_plan_version(plan, expected_version)
    last = plan.objectives.aggregate(last=Max("order"))["last"]
    objective = Objective.objects.create(
        plan=plan,
        need_code=need_code,
        description=description,
        target_date=target_date,
        order=(last or 0) + 1,
    )
    record(
        actor=actor,
        category=Category.COLLECTION,
        action="plan.objective_add",
        subjects=[plan.person_id],
        obj=objective,
        details={"plan": str(plan.pk), "need": need_code},
    )
    return objective


@transaction.atomic
def objective_update(
    *,
    actor,
    objective: Objective,
    expected_version: int,
    need_code: str,
    description: str,
    target_date: dt.date | None,
    status: str,
    today: dt.date,
) -> Objective:
    plan = objective.plan
    problems = _objective_problems(
        plan,
        need_code=need_code,
        description=description,
        target_date=target_date,
        today=today,
        unchanged_target=objective.target_date,
    )
    if status not in ObjectiveStatus.values:
        problems.append(_("Choose a status for the objective."))
    if problems or target_date is None:
        raise PlanError(problems)
    claim_plan_version(plan, expected_version)
    objective.need_code = need_code
    objective.description = description
    objective.target_date = target_date
    objective.status = status
    objective.save(
        update_fields=["need_code", "description", "target_date", "status", "updated_at"]
    )
    record(
        actor=actor,
        category=Category.ALTERATION,
        action="plan.objective_update",
        subjects=[plan.person_id],
        obj=objective,
        details={"plan": str(plan.pk), "need": need_code},
    )
    return objective


def _intervention_problems(
    plan: Plan,
    given: InterventionInput,
    *,
    today: dt.date,
    unchanged_target: dt.date | None = None,
) -> list[str]:
    problems = []
    if given.kind not in InterventionKind.values:
        problems.append(_("Choose the kind of intervention."))
    if given.kind == InterventionKind.RELIGIOUS_COUNSELLING and not given.on_request:
        problems.append(
            _(
                "Religious counselling is offered only when the person asks for it, never as a "
                "risk measure. Confirm that the person asked for it, or choose another kind."
            )
        )
    if not given.description.strip():
        problems.append(_("Describe what will be done."))
    user, organisation = given.owner_user, given.owner_organisation
    if user is None and organisation is None:
        problems.append(
            _("Choose who owns the intervention: a member of staff or an organisation.")
        )
    elif user is not None and organisation is not None:
        problems.append(_("Choose one owner only: a member of staff or an organisation, not both."))
    elif user is not None and not staff_owners(plan.person).filter(pk=user.pk).exists():
        problems.append(_("Choose a member of staff of the person's jurisdiction."))
    elif (
        organisation is not None
        and not owner_organisations(plan.person).filter(pk=organisation.pk).exists()
    ):
        problems.append(_("Choose an organisation of the person's jurisdiction."))
    if given.status not in InterventionStatus.values:
        problems.append(_("Choose a status for the intervention."))
    if given.target_date is not None:
        if given.target_date < given.start_date:
            problems.append(_("The target date must be on or after the start date."))
        elif given.target_date < today and given.target_date != unchanged_target:
            problems.append(_("The target date cannot be in the past."))
    return problems


_INTERVENTION_FIELDS = (
    "kind",
    "description",
    "owner_user",
    "owner_organisation",
    "start_date",
    "target_date",
    "status",
    "on_request",
)


@transaction.atomic
def intervention_add(
    *,
    actor,
    objective: Objective,
    expected_version: int,
    given: InterventionInput,
    today: dt.date,
) -> Intervention:
    plan = objective.plan
    problems = _intervention_problems(plan, given, today=today)
    if problems:
        raise PlanError(problems)
    claim_plan_version(plan, expected_version)
    intervention = Intervention.objects.create(
        objective=objective, **{name: getattr(given, name) for name in _INTERVENTION_FIELDS}
    )
    record(
        actor=actor,
        category=Category.COLLECTION,
        action="plan.intervention_add",
        subjects=[plan.person_id],
        obj=intervention,
        details={"plan": str(plan.pk), "kind": given.kind},
    )
    return intervention


@transaction.atomic
def intervention_update(
    *,
    actor,
    intervention: Intervention,
    expected_version: int,
    given: InterventionInput,
    today: dt.date,
) -> Intervention:
    plan = intervention.objective.plan
    problems = _intervention_problems(
        plan, given, today=today, unchanged_target=intervention.target_date
    )
    if problems:
        raise PlanError(problems)
    claim_plan_version(plan, expected_version)
    for name in _INTERVENTION_FIELDS:
        setattr(intervention, name, getattr(given, name))
    intervention.save(update_fields=[*_INTERVENTION_FIELDS, "updated_at"])
    record(
        actor=actor,
        category=Category.ALTERATION,
        action="plan.intervention_update",
        subjects=[plan.person_id],
        obj=intervention,
        details={"plan": str(plan.pk), "kind": given.kind},
    )
    return intervention
