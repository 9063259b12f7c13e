from reintegra.core.roles import PRISON_STAFF_ROLES, Role
from reintegra.people.models import AccessScope
from reintegra.people.permissions import person_policy
from reintegra.people.sections import PersonSection
from reintegra.probation.models import SupervisionStatus
from reintegra.probation.permissions import supervision_case_policy
from reintegra.probation.selectors import supervision_history


def supervision_section(actor, person) -> PersonSection | None:
    if not supervision_case_policy.allows(actor, "view"):
        return None
    if actor.role not in PRISON_STAFF_ROLES and AccessScope.SUPERVISION not in (
        person_policy.scopes_for(actor, person)
    ):
        return None
    # A probation service sees its own cases; another service's are not its to open.
    history = supervision_history(
        person,
        organisation_id=actor.organisation_id if actor.role == Role.PROBATION_OFFICER else None,
    )
    active = next((case for case in history if case.status == SupervisionStatus.ACTIVE), None)
    return PersonSection(
        order=70,
        template="probation/person_section.html",
        context={
            "person": person,
            "history": history,
            "active": active,
            "can_open": not person.in_custody
            and active is None
            and supervision_case_policy.allows(actor, "open"),
        },
    )
