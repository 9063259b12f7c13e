"""Scope cases for the coordination app's models (see tests/scope_cases.py).

The partner user of social services in jurisdiction A is the insider: referrals and disclosures
are addressed to their organisation. The NGO user of the same jurisdiction, a partner too but
not the recipient, is the unrelated organisation; a prison specialist of jurisdiction B is the
other jurisdiction.
"""

from typing import Any

from tests.scope_cases import ScopeCase, scope_case


def _referral(personas: Any):
    from reintegra.accounts.actor import actor_for_user
    from reintegra.coordination.models import Consent, LegalBasis
    from reintegra.coordination.services import legal_bases_load, referral_send
    from reintegra.people.tests.factories import PersonFactory, admitted

    legal_bases_load()
    held = admitted(PersonFactory(family_name="Referralprobe"), personas.facility_a)
    return referral_send(
        actor=actor_for_user(personas.probation_officer),
        person=held,
        to_organisation=personas.social_services_a,
        reason="Scopeprobe reason",
        desired_outcome="Scopeprobe outcome",
        summary="Scopeprobe summary for the partner",
        legal_basis=LegalBasis.objects.get(jurisdiction_id="AL", code="social-care"),
        data_categories=["identity", "needs"],
        consent=Consent.GIVEN,
    )


@scope_case("coordination.Referral")
def coordination_referral(personas: Any) -> ScopeCase:
    referral = _referral(personas)
    return ScopeCase(
        obj=referral,
        marker="Scopeprobe summary for the partner",
        insider=personas.partner_user,
        other_jurisdiction=personas.outsider,
        unrelated_organisation=personas.unrelated,
    )


@scope_case("coordination.Disclosure")
def coordination_disclosure(personas: Any) -> ScopeCase:
    disclosure = _referral(personas).disclosure
    return ScopeCase(
        obj=disclosure,
        marker="Scopeprobe summary for the partner",
        insider=personas.partner_user,
        other_jurisdiction=personas.outsider,
        unrelated_organisation=personas.unrelated,
    )
