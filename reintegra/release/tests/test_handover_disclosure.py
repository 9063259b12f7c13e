import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from reintegra.accounts.actor import actor_for_user
from reintegra.accounts.models import Membership
from reintegra.audit.models import Category, ProcessingLogEntry
from reintegra.coordination.models import Consent, DataCategory, Disclosure, LegalBasis
from reintegra.core import disclosures
from reintegra.people.models import AccessScope, PersonAccessGrant
from reintegra.release.models import Handover
from reintegra.release.services import ReleaseError, handover_create
from reintegra.release.services.leaving import SCOPE_DATA_CATEGORIES
from reintegra.release.tests.factories import handed_over, opened_plan, releasing_in

pytestmark = pytest.mark.django_db


def _handover(personas, plan, scopes=("identity", "release", "supervision")) -> Handover:
    return handover_create(
        actor=actor_for_user(personas.supervisor),
        plan=plan,
        membership=Membership.objects.get(user=personas.probation_officer),
        scopes=list(scopes),
        handed_over_on=timezone.localdate(),
        notes="Lives with his sister in Durrës after release.",
        today=timezone.localdate(),
    )


def test_every_handover_scope_maps_to_known_data_categories() -> None:
    assert set(SCOPE_DATA_CATEGORIES) == set(AccessScope.values)
    for categories in SCOPE_DATA_CATEGORIES.values():
        assert categories and set(categories) <= set(DataCategory.values)


def test_a_handover_registers_its_disclosure_to_the_probation_officer(personas) -> None:
    plan = opened_plan(personas, releasing_in(personas, 5))
    handover = handed_over(personas, plan, scopes=["release", "supervision"])
    disclosure = Disclosure.objects.get(source_type="release.handover")
    assert disclosure.source_id == str(handover.pk)
    assert disclosure.person == plan.person
    assert disclosure.recipient_organisation == personas.probation_a
    assert disclosure.recipient_user == personas.probation_officer
    assert disclosure.disclosing_organisation_id == personas.prisons_a.pk
    assert disclosure.legal_basis.code == "probation-handover"
    assert disclosure.legal_basis.jurisdiction_id == "AL"
    assert disclosure.data_categories == ["release", "supervision"]
    assert disclosure.consent == Consent.NOT_SOUGHT and disclosure.consent_note


def test_the_registered_content_names_the_date_and_parts_but_not_the_notes(personas) -> None:
    handover = handed_over(personas, opened_plan(personas, releasing_in(personas, 5)))
    content = Disclosure.objects.get(source_type="release.handover").content
    assert handover.handed_over_on.isoformat() in content
    assert "Identity and custody" in content and "Release plan" in content
    assert "Programme attendance" not in content
    assert "Durrës" not in content


def test_the_handover_disclosure_writes_a_disclosure_entry_in_the_processing_log(
    personas,
) -> None:
    plan = opened_plan(personas, releasing_in(personas, 5))
    handed_over(personas, plan)
    entry = ProcessingLogEntry.objects.get(category=Category.DISCLOSURE, action="disclosure.record")
    assert entry.recipient == f"{personas.probation_a.name} ({personas.probation_officer.username})"
    assert "execution of criminal sanctions" in entry.legal_basis
    assert entry.subject_ids == f",{plan.person_id},"
    assert entry.object_type == "coordination.disclosure"


def test_a_handover_without_its_legal_basis_is_refused_and_nothing_is_written(
    personas,
) -> None:
    plan = opened_plan(personas, releasing_in(personas, 5))
    LegalBasis.objects.filter(code="probation-handover").update(is_active=False)
    logged = ProcessingLogEntry.objects.count()
    with pytest.raises(ReleaseError, match="cannot be registered as a disclosure"):
        _handover(personas, plan)
    assert not Handover.objects.exists()
    assert not Disclosure.objects.exists()
    assert not PersonAccessGrant.objects.exists()
    assert ProcessingLogEntry.objects.count() == logged


def test_a_handover_the_register_refuses_is_not_made(personas) -> None:
    plan = opened_plan(personas, releasing_in(personas, 5))
    # The register refuses a share with an organisation of another jurisdiction.
    personas.probation_a.jurisdiction_id = "RS"
    personas.probation_a.save(update_fields=["jurisdiction_id"])
    with pytest.raises(ReleaseError):
        _handover(personas, plan)
    assert not Handover.objects.exists() and not Disclosure.objects.exists()


def test_the_register_refusal_is_shown_on_the_handover_page_and_nothing_written(
    personas, client_for
) -> None:
    plan = opened_plan(personas, releasing_in(personas, 5))
    LegalBasis.objects.filter(jurisdiction_id="AL", code="probation-handover").delete()
    response = client_for(personas.supervisor).post(
        f"/en/release/{plan.pk}/handover/",
        {
            "membership": str(Membership.objects.get(user=personas.probation_officer).pk),
            "scopes": ["identity", "release", "supervision"],
            "handed_over_on": timezone.localdate().isoformat(),
            "notes": "",
            "confirmed": "1",
        },
    )
    assert response.status_code == 400
    assert "cannot be registered as a disclosure" in response.content.decode()
    assert not Handover.objects.exists() and not Disclosure.objects.exists()


def test_without_a_registered_recorder_a_handover_is_improperly_configured(
    personas, monkeypatch
) -> None:
    plan = opened_plan(personas, releasing_in(personas, 5))
    monkeypatch.setattr(disclosures, "_recorder", None)
    with pytest.raises(ImproperlyConfigured):
        _handover(personas, plan)
    assert not Handover.objects.exists() and not Disclosure.objects.exists()
