from reintegra.core.roles import PRISON_STAFF_ROLES
from reintegra.people.models import AccessScope
from reintegra.people.permissions import person_policy
from reintegra.people.sections import PersonSection
from reintegra.plans.models import IN_PROGRESS, Plan, PlanStatus
from reintegra.plans.permissions import plan_policy
from reintegra.plans.selectors import needs_coverage


def plan_section(actor, person) -> PersonSection | None:
    """The plan in force and the one in progress, with the needs no objective addresses yet."""
    if not plan_policy.allows(actor, "view"):
        return None
    if AccessScope.PLAN not in person_policy.scopes_for(actor, person):
        return None
    statuses = [PlanStatus.APPROVED]
    if actor.role in PRISON_STAFF_ROLES:
        statuses.extend(IN_PROGRESS)
    plans = list(
        Plan.objects.filter(person=person, status__in=statuses)
        .select_related("based_on__instrument_version", "author", "approver")
        .prefetch_related("objectives")
        .order_by("-created_at")
    )
    in_force = next((plan for plan in plans if plan.status == PlanStatus.APPROVED), None)
    in_progress = next((plan for plan in plans if plan.status in IN_PROGRESS), None)
    shown = in_force or in_progress
    coverage = needs_coverage(shown, list(shown.objectives.all())) if shown else []
    return PersonSection(
        order=20,
        template="plans/person_section.html",
        context={
            "person": person,
            "in_force": in_force,
            "in_progress": in_progress,
            "shown": shown,
            "objective_count": len(shown.objectives.all()) if shown else 0,
            "uncovered": [need for need in coverage if not need.is_covered],
            "can_start": in_progress is None and plan_policy.allows_start(actor, person),
        },
    )
