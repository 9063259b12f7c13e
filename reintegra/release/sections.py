from reintegra.core.roles import PRISON_STAFF_ROLES
from reintegra.people.models import AccessScope
from reintegra.people.permissions import person_policy
from reintegra.people.sections import PersonSection
from reintegra.release.permissions import release_plan_policy
from reintegra.release.selectors import latest_release_plan, plan_handover


def release_section(actor, person) -> PersonSection | None:
    if not release_plan_policy.allows(actor, "view"):
        return None
    if actor.role not in PRISON_STAFF_ROLES and AccessScope.RELEASE not in (
        person_policy.scopes_for(actor, person)
    ):
        return None
    plan = latest_release_plan(person)
    return PersonSection(
        order=60,
        template="release/person_section.html",
        context={
            "person": person,
            "plan": plan,
            "handover": plan_handover(plan),
            "can_open": person.in_custody
            and (plan is None or plan.is_closed)
            and release_plan_policy.allows(actor, "open"),
            "can_record_release": person.in_custody
            and release_plan_policy.allows(actor, "record_release"),
        },
    )
