from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from reintegra.accounts.models import Membership, User
from reintegra.core.roles import PRISON_STAFF_ROLES
from reintegra.instruments.definition import text
from reintegra.organisations.models import Organisation
from reintegra.people.models import Person
from reintegra.plans.models import (
    IN_PROGRESS,
    Intervention,
    Objective,
    ObjectiveStatus,
    Plan,
    PlanReview,
    PlanStatus,
)
from reintegra.plans.permissions import intervention_policy, objective_policy, plan_policy

PLAN_RELATED = (
    "person",
    "based_on__instrument_version__instrument",
    "author",
    "approver",
    "supersedes",
)


def plans_visible_to(actor) -> QuerySet[Plan]:
    return plan_policy.visible_to(actor).select_related(*PLAN_RELATED)


def plan_people_visible_to(actor) -> QuerySet[Person]:
    """The people whose plans the actor may read: the person page of this app starts here."""
    return plan_policy.people_in_scope(actor)


def objectives_visible_to(actor) -> QuerySet[Objective]:
    return objective_policy.visible_to(actor).select_related(
        *(f"plan__{name}" for name in PLAN_RELATED)
    )


def interventions_visible_to(actor) -> QuerySet[Intervention]:
    return intervention_policy.visible_to(actor).select_related(
        "owner_user",
        "owner_organisation",
        *(f"objective__plan__{name}" for name in PLAN_RELATED),
    )


def plan_history(actor, person: Person) -> list[Plan]:
    """Every plan version of the person the actor may read, newest first."""
    return list(
        plan_policy.visible_to(actor)
        .filter(person=person)
        .select_related("person", "based_on__instrument_version__instrument", "author", "approver")
        .order_by("-created_at")
    )


def current_plans(history: list[Plan]) -> tuple[Plan | None, Plan | None]:
    """(the plan in force, the plan in progress) from a person's history."""
    in_force = next((plan for plan in history if plan.status == PlanStatus.APPROVED), None)
    in_progress = next((plan for plan in history if plan.status in IN_PROGRESS), None)
    return in_force, in_progress


def plan_objectives(plan: Plan) -> list[Objective]:
    """The objectives with their interventions and owners, in the plan's order."""
    return list(
        plan.objectives.prefetch_related(
            Prefetch(
                "interventions",
                queryset=Intervention.objects.select_related("owner_user", "owner_organisation"),
            )
        )
    )


def plan_reviews(plan: Plan) -> list[PlanReview]:
    return list(plan.reviews.select_related("reviewer"))


@dataclass(frozen=True)
class NeedCoverage:
    code: str
    name: str
    objectives: list[Objective]

    @property
    def is_covered(self) -> bool:
        return any(o.status != ObjectiveStatus.DISCONTINUED for o in self.objectives)


def need_name(plan: Plan, code: str) -> str:
    try:
        return text(plan.based_on.instrument_version.parsed.need(code).name) or code
    except KeyError:
        return code


def needs_coverage(plan: Plan, objectives: list[Objective]) -> list[NeedCoverage]:
    """Each need the assessment found, with the objectives that address it, in the instrument's
    order. A need whose only objectives are discontinued counts as not covered."""
    definition = plan.based_on.instrument_version.parsed
    found = set(plan.based_on.needs)
    return [
        NeedCoverage(
            code=need.code,
            name=text(need.name) or need.code,
            objectives=[o for o in objectives if o.need_code == need.code],
        )
        for need in definition.needs
        if need.code in found
    ]


def need_choices(plan: Plan) -> list[tuple[str, str]]:
    return [(item.code, item.name) for item in needs_coverage(plan, [])]


def staff_owners(person: Person) -> QuerySet[User]:
    """Staff who may own an intervention: current members of the person's jurisdiction's prison
    and probation services."""
    memberships = Membership.objects.current().filter(
        organisation__jurisdiction_id=person.jurisdiction_id,
        role__in=[*PRISON_STAFF_ROLES, "probation_officer"],
    )
    return (
        User.objects.filter(is_active=True, pk__in=memberships.values("user_id"))
        .order_by("last_name", "first_name", "username")
        .distinct()
    )


def owner_organisations(person: Person) -> QuerySet[Organisation]:
    """Organisations that may own an intervention: any active one of the person's jurisdiction,
    partner agencies (NGOs, employment, health, religious counsellors…) included."""
    return Organisation.objects.filter(
        jurisdiction_id=person.jurisdiction_id, is_active=True
    ).order_by("name")
