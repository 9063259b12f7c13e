import rules
from django.db.models import Q, QuerySet

from reintegra.core.policy import Policy
from reintegra.core.roles import PRISON_STAFF_ROLES, Role
from reintegra.people.models import Person


@rules.predicate
def is_prison_staff(actor) -> bool:
    return actor.role in PRISON_STAFF_ROLES


@rules.predicate
def registers_people(actor) -> bool:
    return actor.role in {Role.SPECIALIST, Role.SUPERVISOR, Role.PRISON_MANAGER}


@rules.predicate
def decides_placements(actor) -> bool:
    return actor.role in {Role.SUPERVISOR, Role.PRISON_MANAGER}


class PersonPolicy(Policy[Person]):
    """Prison staff see the people held in their facility; staff without a facility (the prison
    administration's headquarters) see their jurisdiction. Other roles reach a person only through
    what later steps share with them (handover, referral), never through this policy."""

    model = Person
    rules = rules.RuleSet(
        {
            "view": is_prison_staff,
            "register": registers_people,
            "transfer": decides_placements,
        }
    )

    def visible_to(self, actor) -> QuerySet[Person]:
        if not self.allows(actor, "view") or not actor.jurisdiction_code:
            return Person.objects.none()
        people = Person.objects.filter(jurisdiction_id=actor.jurisdiction_code)
        if actor.facility_id:
            people = people.filter(Q(current_facility_id=actor.facility_id))
        return people


person_policy = PersonPolicy()
