"""Demo coordination: the legal bases of every jurisdiction, one referral from the probation
officer to the municipal social services about the released demo person, and a case conference
about them with the pack issued to social services. Fictional.

Run after reintegra.probation.demo.demo_probation_seed(); safe to run again: a person who has
already been referred is left as they are.
"""

import datetime as dt

from django.utils import timezone

from reintegra.accounts.actor import actor_for_user
from reintegra.coordination.conferences import (
    conference_action_add,
    conference_attendee_add,
    conference_convene,
    conference_pack_issue,
)
from reintegra.coordination.models import CaseConference, Consent, LegalBasis, Referral
from reintegra.coordination.services import legal_bases_load, referral_send
from reintegra.organisations.models import Organisation
from reintegra.probation.models import SupervisionCase, SupervisionStatus

# Jurisdiction → the legal basis the demo referral to social services rests on.
DEMO_REFERRALS = {"AL": "social-care", "RS": "social-protection"}


def demo_coordination_seed() -> int:
    """Returns how many referrals and case conferences it created."""
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
    return sent + _demo_conferences()


def _demo_conferences() -> int:
    held = 0
    for code, basis_code in DEMO_REFERRALS.items():
        referral = (
            Referral.objects.filter(person__jurisdiction_id=code)
            .select_related("person", "referred_by", "to_organisation")
            .order_by("sent_at")
            .first()
        )
        basis = LegalBasis.objects.filter(jurisdiction_id=code, code=basis_code).first()
        if referral is None or basis is None:
            continue
        if CaseConference.objects.filter(person=referral.person).exists():
            continue
        actor = actor_for_user(referral.referred_by)
        today = timezone.localdate()
        conference = conference_convene(
            actor=actor,
            person=referral.person,
            purpose="Demo: agree housing, income and reporting for the first three months.",
            held_on=today + dt.timedelta(days=7),
            place="Demo: probation office, meeting room 1",
            confidentiality_statement=(
                "Demo: what is shared here is used only to support and supervise the person, "
                "and is not passed on without the convenor's agreement."
            ),
            review_on=today + dt.timedelta(days=90),
        )
        partner = referral.to_organisation
        conference_attendee_add(
            actor=actor,
            conference=conference,
            organisation=partner,
            representative_name="Demo social worker",
            agreed=True,
        )
        conference_action_add(
            actor=actor,
            conference=conference,
            description="Demo: find temporary accommodation and open a benefits claim.",
            responsible_organisation=partner,
            deadline=today + dt.timedelta(days=21),
        )
        conference_action_add(
            actor=actor,
            conference=conference,
            description="Demo: weekly reporting appointments at the probation office.",
            responsible_organisation=conference.convening_organisation,
            deadline=today + dt.timedelta(days=14),
        )
        conference_pack_issue(
            actor=actor,
            conference=conference,
            organisation=partner,
            summary=(
                "Demo: released this month, staying with his brother for a few weeks, no income. "
                "Agrees to meet social services."
            ),
            legal_basis=basis,
            data_categories=["identity", "release", "needs"],
            consent=Consent.GIVEN,
        )
        held += 1
    return held
