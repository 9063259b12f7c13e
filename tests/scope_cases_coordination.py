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


def _conference(personas: Any):
    """A conference about a person in Facility A, run by its supervisor, which social services
    attends and the NGO does not."""
    import datetime as dt

    from django.utils import timezone

    from reintegra.accounts.actor import actor_for_user
    from reintegra.coordination.conferences import (
        conference_attendee_add,
        conference_convene,
    )
    from reintegra.people.tests.factories import PersonFactory, admitted

    held = admitted(PersonFactory(family_name="Conferenceprobe"), personas.facility_a)
    actor = actor_for_user(personas.supervisor)
    conference = conference_convene(
        actor=actor,
        person=held,
        purpose="Scopeprobe conference purpose",
        held_on=timezone.localdate() + dt.timedelta(days=2),
        place="Facility A",
        confidentiality_statement="Scopeprobe statement",
    )
    conference_attendee_add(
        actor=actor,
        conference=conference,
        organisation=personas.social_services_a,
        representative_name="Scopeprobe representative",
        agreed=True,
    )
    return conference


@scope_case("coordination.CaseConference")
def coordination_case_conference(personas: Any) -> ScopeCase:
    return ScopeCase(
        obj=_conference(personas),
        marker="Scopeprobe conference purpose",
        insider=personas.supervisor,
        other_jurisdiction=personas.outsider,
        unrelated_organisation=personas.unrelated,
    )


@scope_case("coordination.ConferencePack")
def coordination_conference_pack(personas: Any) -> ScopeCase:
    from reintegra.accounts.actor import actor_for_user
    from reintegra.coordination.conferences import conference_pack_issue
    from reintegra.coordination.models import Consent, LegalBasis
    from reintegra.coordination.services import legal_bases_load

    legal_bases_load()
    conference = _conference(personas)
    pack = conference_pack_issue(
        actor=actor_for_user(personas.supervisor),
        conference=conference,
        organisation=personas.social_services_a,
        summary="Scopeprobe pack summary",
        legal_basis=LegalBasis.objects.get(jurisdiction_id="AL", code="social-care"),
        data_categories=["identity"],
        consent=Consent.GIVEN,
    )
    return ScopeCase(
        obj=pack,
        marker="Scopeprobe pack summary",
        insider=personas.partner_user,
        other_jurisdiction=personas.outsider,
        unrelated_organisation=personas.unrelated,
    )


@scope_case("coordination.ConferenceAction")
def coordination_conference_action(personas: Any) -> ScopeCase:
    import datetime as dt

    from django.utils import timezone

    from reintegra.accounts.actor import actor_for_user
    from reintegra.coordination.conferences import conference_action_add

    action = conference_action_add(
        actor=actor_for_user(personas.supervisor),
        conference=_conference(personas),
        description="Scopeprobe action of the plan",
        responsible_organisation=personas.social_services_a,
        deadline=timezone.localdate() + dt.timedelta(days=10),
    )
    return ScopeCase(
        obj=action,
        marker="Scopeprobe action of the plan",
        insider=personas.supervisor,
        other_jurisdiction=personas.outsider,
        unrelated_organisation=personas.unrelated,
    )
