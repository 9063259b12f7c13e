import pytest
from django.db.models import QuerySet
from django.utils import timezone

from reintegra.accounts.actor import actor_for_user
from reintegra.coordination.models import Consent, Disclosure, LegalBasis, Referral
from reintegra.coordination.services import legal_bases_load, referral_send
from reintegra.people.models import Person
from reintegra.release.services import release_record
from reintegra.release.tests.factories import handed_over, opened_plan, releasing_in


@pytest.fixture
def legal_basis(personas) -> LegalBasis:
    legal_bases_load()
    return LegalBasis.objects.get(jurisdiction_id="AL", code="execution-of-sanctions")


@pytest.fixture
def released(personas) -> Person:
    """A person handed over to the probation officer and released today, under supervision."""
    held = releasing_in(personas, 1, family_name="Referredperson")
    handed_over(personas, opened_plan(personas, held))
    today = timezone.localdate()
    release_record(actor=actor_for_user(personas.supervisor), person=held, date=today, today=today)
    held.refresh_from_db()
    return held


def send_referral(personas, person, legal_basis, /, **overrides) -> Referral:
    values = {
        "actor": actor_for_user(personas.probation_officer),
        "person": person,
        "to_organisation": personas.social_services_a,
        "reason": "Needs housing support after release.",
        "desired_outcome": "Temporary accommodation and benefits claim",
        "summary": "Released this week; lives with his brother for now; no income yet.",
        "legal_basis": legal_basis,
        "data_categories": ["identity", "release", "needs"],
        "consent": Consent.GIVEN,
    }
    values.update(overrides)
    return referral_send(**values)


@pytest.fixture
def referral(personas, released, legal_basis) -> Referral:
    return send_referral(personas, released, legal_basis)


def shared_here() -> QuerySet[Disclosure]:
    """The register entries of coordination's own shares: the scenarios' handovers to probation
    are registered too, and are not what these tests count."""
    return Disclosure.objects.exclude(source_type="release.handover")
