from django.db.models import QuerySet

from reintegra.observations.models import Observation
from reintegra.observations.permissions import observation_policy
from reintegra.people.models import Person


def observations_visible_to(actor) -> QuerySet[Observation]:
    return observation_policy.visible_to(actor).select_related(
        "person", "facility", "recorded_by", "error_marked_by"
    )


def observations_of(person: Person) -> QuerySet[Observation]:
    """A person's observations, newest first; the caller has already checked the person's scope."""
    return (
        Observation.objects.filter(person=person)
        .select_related("recorded_by")
        .order_by("-observed_at", "-created_at")
    )
