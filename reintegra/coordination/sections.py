from reintegra.coordination.permissions import SENDING_ORGANISATION_TYPES, disclosure_policy
from reintegra.coordination.selectors import disclosures_about
from reintegra.core.roles import CASEWORK_ROLES
from reintegra.people.sections import PersonSection


def disclosures_section(actor, person) -> PersonSection | None:
    """Everything disclosed about the person and to whom, for whoever may open their page."""
    if not disclosure_policy.allows(actor, "view") or actor.role not in CASEWORK_ROLES:
        return None
    membership = actor.membership
    return PersonSection(
        order=90,
        template="coordination/person_section.html",
        context={
            "person": person,
            "disclosures": disclosures_about(person),
            "can_refer": membership is not None
            and membership.organisation.type_id in SENDING_ORGANISATION_TYPES,
        },
    )
