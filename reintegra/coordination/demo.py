"""Demo coordination: the legal bases of every jurisdiction, and one referral from the probation
officer to the municipal social services about the released demo person. Fictional.

Run after reintegra.probation.demo.demo_probation_seed(); safe to run again: a person who has
already been referred is left as they are.
"""

from reintegra.accounts.actor import actor_for_user
from reintegra.coordination.models import Consent, LegalBasis, Referral
from reintegra.coordination.services import legal_bases_load, referral_send
from reintegra.organisations.models import Organisation
from reintegra.probation.models import SupervisionCase, SupervisionStatus

# Jurisdiction → the legal basis the demo referral to social services rests on.
DEMO_REFERRALS = {"AL": "social-care", "RS": "social-protection"}


def demo_coordination_seed() -> int:
    """Returns how many referrals it sent."""
    legal_bases_load()
    sent = 0
    for code, basis_code in DEMO_REFERRALS.items():
        partner = Organisation.objects.filter(
            jurisdiction_id=code, type_id="social_services"
        ).first()
        basis = LegalBasis.objects.filter(jurisdiction_id=code, code=basis_code).first()
        case = (
            SupervisionCase.objects.filter(
                person__jurisdiction_id=code, status=SupervisionStatus.ACTIVE
            )
            .select_related("person", "officer")
            .order_by("start_date")
            .first()
        )
        if partner is None or basis is None or case is None:
            continue
        if Referral.objects.filter(person=case.person).exists():
            continue
        referral_send(
            actor=actor_for_user(case.officer),
            person=case.person,
            to_organisation=partner,
            reason="Demo: released recently without a stable address or income.",
            desired_outcome="Demo: temporary housing and an application for social assistance",
            summary=(
                "Demo: released from custody this month and under probation supervision. "
                "Staying with his brother for a few weeks; no income. Reports weekly to the "
                "probation office. Agrees to meet social services."
            ),
            legal_basis=basis,
            data_categories=["identity", "release", "needs"],
            consent=Consent.GIVEN,
        )
        sent += 1
    return sent
