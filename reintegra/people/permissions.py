import rules
from django.db.models import Q, QuerySet
from django.utils import timezone

from reintegra.core.policy import Policy
from reintegra.core.roles import PRISON_STAFF_ROLES, Role
from reintegra.people.models import AccessScope, Person, PersonAccessGrant


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
        if not actor.jurisdiction_code:
            return Person.objects.none()
        if not self.allows(actor, "view"):
            return self.granted_to(actor)
        people = Person.objects.filter(jurisdiction_id=actor.jurisdiction_code)
        if actor.facility_id:
            people = people.filter(Q(current_facility_id=actor.facility_id))
        return people

    def granted_to(self, actor, scope: str = "") -> QuerySet[Person]:
        """People shared with the actor's organisation (or with them by name) by a current grant."""
        if actor.organisation_id is None:
            return Person.objects.none()
        grants = current_grants_for(actor)
        if scope:
            grants = grants.filter(scopes__contains=f",{scope},")
        return Person.objects.filter(
            jurisdiction_id=actor.jurisdiction_code, pk__in=grants.values("person_id")
        )

    def scopes_for(self, actor, person: Person) -> set[str]:
        """Which parts of a person the actor may see: all for prison staff in scope, otherwise
        exactly what their grants name."""
        if self.allows(actor, "view"):
            return set(AccessScope.values)
        scopes: set[str] = set()
        for grant in current_grants_for(actor).filter(person=person):
            scopes.update(grant.scope_list)
        return scopes


def current_grants_for(actor) -> QuerySet[PersonAccessGrant]:
    today = timezone.localdate()
    return PersonAccessGrant.objects.filter(
        Q(user__isnull=True) | Q(user_id=actor.user_id),
        Q(valid_until__isnull=True) | Q(valid_until__gte=today),
        organisation_id=actor.organisation_id,
        revoked_at__isnull=True,
        valid_from__lte=today,
    )


person_policy = PersonPolicy()
