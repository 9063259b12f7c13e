"""A plan after drafting: submitted → countersigned and in force (four eyes), or returned; then
reviewed on a schedule. Each step runs in one transaction with its processing-log entry and
hands the next piece of work to people through tasks."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from reintegra.audit.models import Category
from reintegra.audit.services import record
from reintegra.core.roles import PRISON_STAFF_ROLES
from reintegra.plans.models import (
    Agreement,
    Objective,
    ObjectiveStatus,
    Plan,
    PlanReview,
    PlanStatus,
)
from reintegra.plans.selectors import need_name
from reintegra.plans.services import (
    OPEN_OBJECTIVE,
    PlanError,
    claim_plan_version,
    months_after,
    plan_url,
)
from reintegra.work.models import TaskStatus
from reintegra.work.services import task_create, tasks_close_for

PLAN_TEAM_ROLES = ("specialist", "supervisor")
COUNTERSIGNING_ROLES = ("supervisor",)
# When the author sets no date: the 90-day plan review the casework anchors use.
DEFAULT_REVIEW_MONTHS = 3


def plan_problems(plan: Plan, objectives: list[Objective], today: dt.date) -> list[tuple[str, str]]:
    """What stops submission, as (anchor on the plan page, message); empty means ready."""
    problems: list[tuple[str, str]] = []
    if not objectives:
        problems.append(("objectives", _("Add at least one objective.")))
    for objective in objectives:
        if objective.status not in OPEN_OBJECTIVE:
            continue
        name = need_name(plan, objective.need_code)
        if not objective.interventions.all():
            problems.append(
                (
                    f"objective-{objective.pk}",
                    _("Add at least one intervention to the objective for “%(need)s”.")
                    % {"need": name},
                )
            )
        if objective.target_date < today:
            problems.append(
                (
                    f"objective-{objective.pk}",
                    _("The target date of the objective for “%(need)s” has passed; set a new one.")
                    % {"need": name},
                )
            )
    if not plan.agreement:
        problems.append(("agreement", _("Record whether the person agrees with the plan.")))
    if plan.agreement != Agreement.COULD_NOT_ANSWER and not plan.person_view.strip():
        problems.append(
            ("agreement", _("Record the person's own view of the plan, in their words."))
        )
    return problems


@transaction.atomic
def plan_submit(
    *, actor, plan: Plan, objectives: list[Objective], expected_version: int, today: dt.date
) -> Plan:
    problems = plan_problems(plan, objectives, today)
    if problems:
        raise PlanError([message for _anchor, message in problems])
    claim_plan_version(plan, expected_version)
    plan.status = PlanStatus.SUBMITTED
    plan.submitted_at = timezone.now()
    plan.save(update_fields=["status", "submitted_at", "updated_at"])
    tasks_close_for(actor=actor, kind="plan_returned", source=plan)
    task_create(
        actor=actor,
        kind="plan_countersignature",
        title=gettext_noop("Countersign a rehabilitation plan"),
        person=plan.person,
        jurisdiction_id=plan.person.jurisdiction_id,
        organisation_id=plan.organisation_id,
        facility_id=plan.facility_id,
        roles=COUNTERSIGNING_ROLES,
        due=today + dt.timedelta(days=14),
        url=plan_url(plan),
        source=plan,
    )
    record(
        actor=actor,
        category=Category.ALTERATION,
        action="plan.submit",
        subjects=[plan.person_id],
        obj=plan,
    )
    return plan


def _refuse_unless_countersigner(actor, plan: Plan) -> None:
    if plan.status != PlanStatus.SUBMITTED:
        raise PlanError(_("Only a submitted plan can be countersigned or returned."))
    if plan.author_id == actor.user_id:
        raise PlanError(_("You cannot countersign your own plan."))
    membership = getattr(actor, "membership", None)
    if actor.role not in PRISON_STAFF_ROLES or membership is None or not membership.can_countersign:
        raise PlanError(_("Countersigning a plan needs the right to countersign."))


@transaction.atomic
def plan_approve(*, actor, plan: Plan, today: dt.date) -> Plan:
    plan = Plan.objects.select_for_update().select_related("person").get(pk=plan.pk)
    _refuse_unless_countersigner(actor, plan)
    # The plan it replaces leaves force first: only one plan is in force at a time.
    replaced = list(
        Plan.objects.select_for_update()
        .filter(person=plan.person, status=PlanStatus.APPROVED)
        .exclude(pk=plan.pk)
    )
    for old in replaced:
        old.status = PlanStatus.SUPERSEDED
        old.version += 1
        old.save(update_fields=["status", "version", "updated_at"])
        tasks_close_for(actor=actor, kind="plan_review", source=old, status=TaskStatus.CANCELLED)
    plan.status = PlanStatus.APPROVED
    plan.approver = actor.user
    plan.approved_at = timezone.now()
    if plan.next_review_date is None or plan.next_review_date <= today:
        plan.next_review_date = months_after(today, DEFAULT_REVIEW_MONTHS)
    plan.version += 1
    plan.save(
        update_fields=[
            "status",
            "approver",
            "approved_at",
            "next_review_date",
            "version",
            "updated_at",
        ]
    )
    tasks_close_for(actor=actor, kind="plan_countersignature", source=plan)
    _review_task(actor, plan)
    record(
        actor=actor,
        category=Category.ALTERATION,
        action="plan.approve",
        subjects=[plan.person_id],
        obj=plan,
        details={"supersedes": ",".join(str(old.pk) for old in replaced)},
    )
    return plan


def _review_task(actor, plan: Plan) -> None:
    person = plan.person
    facility = person.current_facility
    task_create(
        actor=actor,
        kind="plan_review",
        title=gettext_noop("Review a rehabilitation plan"),
        person=person,
        jurisdiction_id=person.jurisdiction_id,
        organisation_id=facility.organisation_id if facility else plan.organisation_id,
        facility_id=facility.pk if facility else plan.facility_id,
        roles=PLAN_TEAM_ROLES,
        due=plan.next_review_date,
        url=plan_url(plan),
        source=plan,
    )


@transaction.atomic
def plan_return(*, actor, plan: Plan, comments: str) -> Plan:
    plan = Plan.objects.select_for_update().select_related("person").get(pk=plan.pk)
    _refuse_unless_countersigner(actor, plan)
    if not comments.strip():
        raise PlanError(_("Say what must change before you return the plan."))
    plan.status = PlanStatus.RETURNED
    plan.return_comments = comments
    plan.version += 1
    plan.save(update_fields=["status", "return_comments", "version", "updated_at"])
    tasks_close_for(actor=actor, kind="plan_countersignature", source=plan)
    task_create(
        actor=actor,
        kind="plan_returned",
        title=gettext_noop("Revise a returned rehabilitation plan"),
        person=plan.person,
        jurisdiction_id=plan.person.jurisdiction_id,
        organisation_id=plan.organisation_id,
        assignee=plan.author,
        due=timezone.localdate() + dt.timedelta(days=14),
        url=plan_url(plan),
        source=plan,
    )
    record(
        actor=actor,
        category=Category.ALTERATION,
        action="plan.return",
        subjects=[plan.person_id],
        obj=plan,
    )
    return plan


@transaction.atomic
def plan_review_add(
    *,
    actor,
    plan: Plan,
    review_date: dt.date | None,
    summary: str,
    person_view: str,
    progress: dict[str, str],
    next_review_date: dt.date | None,
    today: dt.date,
) -> PlanReview:
    """Records a review of the plan in force; the objectives take the statuses it found."""
    plan = Plan.objects.select_for_update().select_related("person").get(pk=plan.pk)
    if plan.status != PlanStatus.APPROVED:
        raise PlanError(_("Only the plan in force can be reviewed."))
    objectives = {str(o.pk): o for o in plan.objectives.all()}
    problems = []
    if review_date is None:
        problems.append(_("Give the date of the review."))
    elif review_date > today:
        problems.append(_("The review date cannot be in the future."))
    elif plan.approved_at and review_date < timezone.localdate(plan.approved_at):
        problems.append(
            _("The review cannot be dated before the plan came into force on %(date)s.")
            % {"date": timezone.localdate(plan.approved_at).isoformat()}
        )
    if not summary.strip():
        problems.append(_("Summarise the progress made."))
    if next_review_date is None:
        problems.append(_("Give the date of the next review."))
    elif next_review_date <= max(today, review_date or today):
        problems.append(_("The next review must be after today and after this review."))
    unknown = [key for key in progress if key not in objectives]
    if unknown or any(value not in ObjectiveStatus.values for value in progress.values()):
        problems.append(_("Choose a status the plan offers for each objective."))
    if problems or review_date is None or next_review_date is None:
        raise PlanError(problems)
    review = PlanReview.objects.create(
        plan=plan,
        review_date=review_date,
        summary=summary,
        person_view=person_view,
        progress=progress,
        next_review_date=next_review_date,
        reviewer=actor.user,
    )
    for key, status in progress.items():
        objective = objectives[key]
        if objective.status != status:
            objective.status = status
            objective.save(update_fields=["status", "updated_at"])
    plan.next_review_date = next_review_date
    plan.version += 1
    plan.save(update_fields=["next_review_date", "version", "updated_at"])
    tasks_close_for(actor=actor, kind="plan_review", source=plan)
    _review_task(actor, plan)
    record(
        actor=actor,
        category=Category.COLLECTION,
        action="plan.review",
        subjects=[plan.person_id],
        obj=review,
        details={"plan": str(plan.pk)},
    )
    return review
