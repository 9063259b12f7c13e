import rules
from django.db.models import QuerySet

from reintegra.core.policy import Policy
from reintegra.core.roles import PRISON_STAFF_ROLES, Role
from reintegra.people.models import AccessScope, Person
from reintegra.people.permissions import person_policy
from reintegra.people.selectors import people_visible_to
from reintegra.plans.models import Intervention, Objective, Plan, PlanStatus

PLAN_WRITERS = frozenset({Role.SPECIALIST, Role.SUPERVISOR})
# Outside the prison, a plan is read only through a current grant that names the plan.
GRANTED_READERS = frozenset({Role.PROBATION_OFFICER})


@rules.predicate
def is_prison_staff(actor) -> bool:
    return actor.role in PRISON_STAFF_ROLES


@rules.predicate
def reads_plans(actor) -> bool:
    return actor.role in PRISON_STAFF_ROLES or actor.role in GRANTED_READERS


@rules.predicate
def writes_plans(actor) -> bool:
    return actor.role in PLAN_WRITERS


@rules.predicate
def works_in_the_persons_facility(actor, obj: Person | Plan | None) -> bool:
    # Headquarters staff see the jurisdiction but the plan is the facility team's work.
    if obj is None or actor.facility_id is None:
        return False
    person = obj if isinstance(obj, Person) else obj.person
    return person.current_facility_id == actor.facility_id


@rules.predicate
def may_countersign(actor) -> bool:
    membership = getattr(actor, "membership", None)
    return membership is not None and membership.can_countersign


@rules.predicate
def is_editable(actor, plan: Plan) -> bool:
    return plan.is_editable


@rules.predicate
def is_submitted(actor, plan: Plan) -> bool:
    return plan.status == PlanStatus.SUBMITTED


@rules.predicate
def is_in_force(actor, plan: Plan) -> bool:
    return plan.is_in_force


@rules.predicate
def is_not_the_author(actor, plan: Plan) -> bool:
    return plan.author_id != actor.user_id


class PlanPolicy(Policy[Plan]):
    """Prison staff who can see the person read the plan; a probation officer reads the plans in
    force and their history when a current grant names the plan. Specialists and supervisors of
    the person's facility write it, and someone else who may countersign puts it in force."""

    model = Plan
    rules = rules.RuleSet(
        {
            "view": reads_plans,
            "start": writes_plans & works_in_the_persons_facility,
            "edit": writes_plans & works_in_the_persons_facility & is_editable,
            "submit": writes_plans & works_in_the_persons_facility & is_editable,
            "countersign": is_prison_staff & may_countersign & is_submitted & is_not_the_author,
            "review": writes_plans & works_in_the_persons_facility & is_in_force,
        }
    )

    def allows_start(self, actor, person: Person) -> bool:
        """Starting is decided on the person, before any plan of theirs exists."""
        return actor is not None and bool(self.rules.test_rule("start", actor, person))

    def people_in_scope(self, actor) -> QuerySet[Person]:
        """The people whose plans the actor may read."""
        if not self.allows(actor, "view"):
            return Person.objects.none()
        people = people_visible_to(actor)
        if actor.role in PRISON_STAFF_ROLES:
            return people
        granted = person_policy.granted_to(actor, scope=AccessScope.PLAN)
        return people.filter(pk__in=granted.values("pk"))

    def visible_to(self, actor) -> QuerySet[Plan]:
        plans = Plan.objects.filter(person__in=self.people_in_scope(actor))
        if actor.role in PRISON_STAFF_ROLES:
            return plans
        # Drafts are the prison team's working papers; what is shared is what was countersigned.
        return plans.filter(status__in=[PlanStatus.APPROVED, PlanStatus.SUPERSEDED])


class ObjectivePolicy(Policy[Objective]):
    """An objective is read and written with its plan."""

    model = Objective
    rules = rules.RuleSet({"view": reads_plans})

    def visible_to(self, actor) -> QuerySet[Objective]:
        return Objective.objects.filter(plan__in=plan_policy.visible_to(actor))


class InterventionPolicy(Policy[Intervention]):
    """An intervention is read and written with its plan."""

    model = Intervention
    rules = rules.RuleSet({"view": reads_plans})

    def visible_to(self, actor) -> QuerySet[Intervention]:
        return Intervention.objects.filter(objective__plan__in=plan_policy.visible_to(actor))


plan_policy = PlanPolicy()
objective_policy = ObjectivePolicy()
intervention_policy = InterventionPolicy()
