import rules
from django.db.models import QuerySet

from reintegra.core.policy import Policy
from reintegra.core.roles import PRISON_STAFF_ROLES, Role
from reintegra.people.models import AccessScope, Person
from reintegra.people.permissions import person_policy
from reintegra.release.models import PathwayEntry, ReleasePlan

RELEASE_PLAN_WRITERS = frozenset({Role.SPECIALIST, Role.SUPERVISOR})
RELEASE_RECORDERS = frozenset({Role.SPECIALIST, Role.SUPERVISOR, Role.PRISON_MANAGER})


@rules.predicate
def is_prison_staff(actor) -> bool:
    return actor.role in PRISON_STAFF_ROLES


@rules.predicate
def is_probation_officer(actor) -> bool:
    return actor.role == Role.PROBATION_OFFICER


@rules.predicate
def writes_release_plans(actor) -> bool:
    return actor.role in RELEASE_PLAN_WRITERS


@rules.predicate
def records_releases(actor) -> bool:
    return actor.role in RELEASE_RECORDERS


@rules.predicate
def is_not_closed(actor, plan: ReleasePlan) -> bool:
    return not plan.is_closed


class ReleasePlanPolicy(Policy[ReleasePlan]):
    """Prison staff read the plans of the people they can see, and its specialists and supervisors
    write them. A probation officer reads a plan only once a handover (or another grant) has
    opened the person's "release" part to them. Partner agencies see nothing here."""

    model = ReleasePlan
    rules = rules.RuleSet(
        {
            "view": is_prison_staff | is_probation_officer,
            "open": writes_release_plans,
            "edit": writes_release_plans & is_not_closed,
            "hand_over": writes_release_plans & is_not_closed,
            "record_release": records_releases,
        }
    )

    def people_visible_to(self, actor) -> QuerySet[Person]:
        """The people whose release plans the actor may open."""
        if actor.role in PRISON_STAFF_ROLES:
            return person_policy.visible_to(actor)
        if actor.role == Role.PROBATION_OFFICER:
            return person_policy.granted_to(actor, scope=AccessScope.RELEASE)
        return Person.objects.none()

    def visible_to(self, actor) -> QuerySet[ReleasePlan]:
        if not self.allows(actor, "view"):
            return ReleasePlan.objects.none()
        return ReleasePlan.objects.filter(person__in=self.people_visible_to(actor))


class PathwayEntryPolicy(Policy[PathwayEntry]):
    model = PathwayEntry
    rules = rules.RuleSet({"view": is_prison_staff | is_probation_officer})

    def visible_to(self, actor) -> QuerySet[PathwayEntry]:
        return PathwayEntry.objects.filter(plan__in=release_plan_policy.visible_to(actor))


release_plan_policy = ReleasePlanPolicy()
pathway_entry_policy = PathwayEntryPolicy()
