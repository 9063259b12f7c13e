from reintegra.observations.models import Observation
from reintegra.observations.permissions import observation_policy
from reintegra.people.sections import PersonSection

LATEST = 5


def observation_section(actor, person) -> PersonSection | None:
    if not observation_policy.allows(actor, "view"):
        return None
    observations = list(
        Observation.objects.filter(person=person)
        .select_related("recorded_by")
        .order_by("-observed_at", "-created_at")[: LATEST + 1]
    )
    return PersonSection(
        order=30,
        template="observations/person_section.html",
        context={
            "person": person,
            "observations": observations[:LATEST],
            "has_more": len(observations) > LATEST,
            "can_record": person.in_custody and observation_policy.allows(actor, "record"),
        },
    )
