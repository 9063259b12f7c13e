import rules
from django.db.models import QuerySet

from reintegra.core.policy import Policy
from reintegra.core.roles import PRISON_STAFF_ROLES, Role
from reintegra.people.models import AccessScope, Person
from reintegra.people.permissions import person_policy
from reintegra.probation.models import Contact, SupervisionCase


@rules.predicate
def is_probation_officer(actor) -> bool:
    return actor.role == Role.PROBATION_OFFICER


@rules.predicate
def is_prison_staff(actor) -> bool:
    return actor.role in PRISON_STAFF_ROLES


@rules.predicate
def belongs_to_the_case_service(actor, case: SupervisionCase) -> bool:
    return case.organisation_id == actor.organisation_id


@rules.predicate
def is_active(actor, case: SupervisionCase) -> bool:
    return case.is_active


class SupervisionCasePolicy(Policy[SupervisionCase]):
    """Probation officers work the cases of their own service for people whose "supervision" part
    has been opened to them (by a handover or another grant). Prison staff who can still see the
    person read the case; partner agencies see nothing here.

    Recording on a closed case is not refused here but by the services, which say why.
    """

    model = SupervisionCase
    rules = rules.RuleSet(
        {
            "view": is_probation_officer | is_prison_staff,
            "open": is_probation_officer,
            "record": is_probation_officer & belongs_to_the_case_service,
            "close": is_probation_officer & belongs_to_the_case_service & is_active,
        }
    )

    def people_visible_to(self, actor) -> QuerySet[Person]:
        """The people whose supervision the actor may see."""
        if actor.role == Role.PROBATION_OFFICER:
            return person_policy.granted_to(actor, scope=AccessScope.SUPERVISION)
        if actor.role in PRISON_STAFF_ROLES:
            return person_policy.visible_to(actor)
        return Person.objects.none()

    def visible_to(self, actor) -> QuerySet[SupervisionCase]:
        if not self.allows(actor, "view"):
            return SupervisionCase.objects.none()
        cases = SupervisionCase.objects.filter(person__in=self.people_visible_to(actor))
        if actor.role == Role.PROBATION_OFFICER:
            cases = cases.filter(organisation_id=actor.organisation_id)
        return cases


class ContactPolicy(Policy[Contact]):
    model = Contact
    rules = rules.RuleSet({"view": is_probation_officer | is_prison_staff})

    def visible_to(self, actor) -> QuerySet[Contact]:
        return Contact.objects.filter(case__in=supervision_case_policy.visible_to(actor))


supervision_case_policy = SupervisionCasePolicy()
contact_policy = ContactPolicy()
