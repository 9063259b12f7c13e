from reintegra.allocations.models import AllocationStatus
from reintegra.allocations.permissions import allocation_policy
from reintegra.allocations.selectors import allocation_history
from reintegra.people.sections import PersonSection


def allocation_section(actor, person) -> PersonSection | None:
    if not allocation_policy.allows(actor, "view"):
        return None
    history = list(allocation_history(person))
    in_force = next((d for d in history if d.status == AllocationStatus.APPROVED), None)
    pending = next((d for d in history if d.status == AllocationStatus.PROPOSED), None)
    return PersonSection(
        order=40,
        template="allocations/person_section.html",
        context={
            "person": person,
            "history": history,
            "in_force": in_force,
            "pending": pending,
            "can_propose": person.in_custody
            and pending is None
            and allocation_policy.allows(actor, "propose"),
        },
    )
