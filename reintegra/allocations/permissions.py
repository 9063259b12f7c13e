import rules
from django.db.models import QuerySet

from reintegra.allocations.models import AllocationDecision, AllocationStatus
from reintegra.core.policy import Policy
from reintegra.core.roles import PRISON_STAFF_ROLES, Role
from reintegra.people.selectors import people_visible_to

DECISION_MAKERS = frozenset({Role.SUPERVISOR, Role.PRISON_MANAGER})


@rules.predicate
def is_prison_staff(actor) -> bool:
    return actor.role in PRISON_STAFF_ROLES


@rules.predicate
def makes_allocation_decisions(actor) -> bool:
    return actor.role in DECISION_MAKERS


@rules.predicate
def is_proposed(actor, decision: AllocationDecision) -> bool:
    return decision.status == AllocationStatus.PROPOSED


@rules.predicate
def is_not_the_decision_maker(actor, decision: AllocationDecision) -> bool:
    return decision.decided_by_id != actor.user_id


@rules.predicate
def is_in_the_same_jurisdiction(actor, decision: AllocationDecision) -> bool:
    return (
        bool(actor.jurisdiction_code) and actor.jurisdiction_code == decision.person.jurisdiction_id
    )


class AllocationDecisionPolicy(Policy[AllocationDecision]):
    """Prison staff who can see the person see where and under which regime they are held; only
    supervisors and prison managers decide, and a decision takes effect only when another of them,
    in the same jurisdiction, approves it (four eyes)."""

    model = AllocationDecision
    rules = rules.RuleSet(
        {
            "view": is_prison_staff,
            "propose": makes_allocation_decisions,
            "decide": makes_allocation_decisions
            & is_proposed
            & is_not_the_decision_maker
            & is_in_the_same_jurisdiction,
        }
    )

    def visible_to(self, actor) -> QuerySet[AllocationDecision]:
        if not self.allows(actor, "view"):
            return AllocationDecision.objects.none()
        return AllocationDecision.objects.filter(person__in=people_visible_to(actor))


allocation_policy = AllocationDecisionPolicy()
