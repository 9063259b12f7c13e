import pytest
from django.test import override_settings
from django.urls import reverse

from reintegra.accounts.actor import actor_for_user
from reintegra.accounts.models import User
from reintegra.coordination.demo import demo_coordination_seed
from reintegra.coordination.models import CaseConference, ConferencePack, Referral
from reintegra.demo.seed import demo_seed
from reintegra.work.registry import work_items_for


@override_settings(DEMO_MODE=True)
@pytest.mark.django_db
def test_demo_refers_the_released_person_to_social_services_once(client_for) -> None:
    demo_seed()
    assert demo_coordination_seed() == 0
    referral = Referral.objects.select_related("referred_by", "to_organisation").get(
        person__jurisdiction_id="AL"
    )
    assert referral.referred_by.username == "al.probation-officer"
    assert referral.to_organisation.name == "Social Services of Durrës (demo)"
    assert not referral.person.in_custody
    partner = User.objects.get(username="al.partner-user")
    # The referral to answer, and the demo conference's action assigned to social services.
    assert sorted(item.kind for item in work_items_for(actor_for_user(partner))) == [
        "conference_action",
        "referral_received",
    ]
    page = client_for(partner).get(reverse("coordination:referral-detail", args=[referral.pk]))
    assert page.status_code == 200
    assert Referral.objects.count() == 2


@override_settings(DEMO_MODE=True)
@pytest.mark.django_db
def test_demo_holds_a_case_conference_and_issues_the_pack_to_social_services(client_for) -> None:
    demo_seed()
    conference = CaseConference.objects.get(person__jurisdiction_id="AL")
    pack = ConferencePack.objects.select_related("recipient_organisation").get(
        conference=conference
    )
    assert pack.recipient_organisation.name == "Social Services of Durrës (demo)"
    assert pack.disclosure.recipient_organisation_id == pack.recipient_organisation_id
    partner = client_for(User.objects.get(username="al.partner-user"))
    pdf = partner.get(reverse("coordination:pack-download", args=[pack.pk]))
    assert pdf.content.startswith(b"%PDF")
