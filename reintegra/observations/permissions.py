import rules
from django.db.models import QuerySet

from reintegra.core.policy import Policy
from reintegra.core.roles import PRISON_STAFF_ROLES, Role
from reintegra.observations.models import Observation
from reintegra.people.selectors import people_visible_to


@rules.predicate
def is_prison_staff(actor) -> bool:
    return actor.role in PRISON_STAFF_ROLES


@rules.predicate
def is_supervisor(actor) -> bool:
    return actor.role == Role.SUPERVISOR


@rules.predicate
def is_not_in_error(actor, observation: Observation) -> bool:
    return not observation.entered_in_error


class ObservationPolicy(Policy[Observation]):
    """Prison staff who can see the person read and record observations; a supervisor marks one
    entered in error. Probation, partner agencies and everyone else never see them: they are
    security information held inside the prison."""

    model = Observation
    rules = rules.RuleSet(
        {
            "view": is_prison_staff,
            "record": is_prison_staff,
            "mark_in_error": is_supervisor & is_not_in_error,
        }
    )

    def visible_to(self, actor) -> QuerySet[Observation]:
        if not self.allows(actor, "view"):
            return Observation.objects.none()
        return Observation.objects.filter(person__in=people_visible_to(actor))


observation_policy = ObservationPolicy()
