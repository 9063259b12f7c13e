import pytest
from django.urls import reverse

from reintegra.accounts.actor import actor_for_user
from reintegra.coordination.models import Consent, Referral, ReferralState
from reintegra.coordination.services import referral_transition
from reintegra.coordination.tests.conftest import send_referral, shared_here
from reintegra.people.tests.factories import PersonFactory, admitted

pytestmark = pytest.mark.django_db


def _form(personas, legal_basis, /, **overrides) -> dict:
    data = {
        "to_organisation": str(personas.social_services_a.pk),
        "reason": "Needs a place to live.",
        "desired_outcome": "Housing",
        "summary": "Released this week; no address yet.",
        "data_categories": ["identity", "needs"],
        "legal_basis": str(legal_basis.pk),
        "consent": Consent.GIVEN,
        "consent_note": "",
        "expires_on": "",
    }
    data.update(overrides)
    return data


def test_probation_officer_refers_from_the_person_page_and_the_share_is_listed_there(
    personas, released, legal_basis, client_for
) -> None:
    client = client_for(personas.probation_officer)
    person_page = client.get(reverse("people:person-detail", args=[released.pk]))
    new_url = reverse("coordination:referral-new", args=[released.pk])
    assert new_url in person_page.content.decode()
    assert client.get(new_url).status_code == 200
    response = client.post(new_url, _form(personas, legal_basis))
    referral = Referral.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(
        reverse("coordination:referral-detail", args=[referral.pk])
    )
    person_page = client.get(reverse("people:person-detail", args=[released.pk]))
    body = person_page.content.decode()
    assert "Disclosures" in body
    assert personas.social_services_a.name in body
    assert legal_basis.title in body


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"to_organisation": "ministry"}, "Choose an organisation from the jurisdiction"),
        ({"to_organisation": ""}, "Choose the partner organisation to refer to."),
        ({"legal_basis": ""}, "Choose the legal basis that allows this disclosure."),
        ({"data_categories": []}, "Choose the categories of data disclosed."),
        ({"consent": Consent.OVERRIDE}, "Justify overriding the person"),
        ({"summary": "   "}, "Write the summary the partner will read."),
        ({"expires_on": "2001-01-01"}, "The expiry date must be after today."),
    ],
)
def test_referral_form_with_bad_input_shows_a_clear_message_and_writes_nothing(
    personas, released, legal_basis, client_for, overrides, message
) -> None:
    if overrides.get("to_organisation") == "ministry":
        overrides = {"to_organisation": str(personas.ministry_a.pk)}
    client = client_for(personas.probation_officer)
    response = client.post(
        reverse("coordination:referral-new", args=[released.pk]),
        _form(personas, legal_basis, **overrides),
    )
    assert response.status_code == 400
    assert message in response.content.decode().replace("&#x27;", "'")
    assert Referral.objects.count() == 0
    assert shared_here().count() == 0


def test_partner_user_cannot_open_the_referral_form(
    personas, released, legal_basis, client_for
) -> None:
    response = client_for(personas.partner_user).get(
        reverse("coordination:referral-new", args=[released.pk])
    )
    assert response.status_code == 404


def test_sender_trying_to_acknowledge_is_told_only_the_recipient_can(
    personas, referral, client_for
) -> None:
    client = client_for(personas.probation_officer)
    url = reverse("coordination:disclosure-acknowledge", args=[referral.disclosure.pk])
    response = client.post(url, follow=True)
    assert "Only the receiving organisation can acknowledge this disclosure." in (
        response.content.decode()
    )
    referral.disclosure.refresh_from_db()
    assert referral.disclosure.acknowledged_at is None
    partner = client_for(personas.partner_user)
    partner.post(url)
    referral.disclosure.refresh_from_db()
    assert referral.disclosure.acknowledged_by == personas.partner_user


def test_withdraw_through_the_page_without_a_reason_is_refused(
    personas, referral, client_for
) -> None:
    client = client_for(personas.probation_officer)
    response = client.post(
        reverse("coordination:referral-step", args=[referral.pk]),
        {"to_state": "withdrawn", "reason": ""},
    )
    assert response.status_code == 400
    assert "Why the referral is withdrawn: this step needs it written." in (
        response.content.decode()
    )
    referral.refresh_from_db()
    assert referral.state == ReferralState.SENT


def test_disclosure_register_shows_the_dpo_every_share_of_the_jurisdiction(
    personas, referral, client_for
) -> None:
    page = client_for(personas.dpo).get(reverse("coordination:disclosure-list"))
    assert referral.person.reference in page.content.decode()
    outsider = client_for(personas.outsider_auditor).get(reverse("coordination:disclosure-list"))
    assert referral.person.reference not in outsider.content.decode()


# --- Query counts --------------------------------------------------------------------------------


def _many_referrals(personas, legal_basis, count: int) -> None:
    for index in range(count):
        person = admitted(PersonFactory(family_name=f"Many{index}"), personas.facility_a)
        send_referral(personas, person, legal_basis)


def test_partner_inbox_query_count_does_not_grow_with_referrals(
    personas, legal_basis, client_for, django_assert_max_num_queries
) -> None:
    _many_referrals(personas, legal_basis, 12)
    client = client_for(personas.partner_user)
    url = reverse("coordination:referral-list")
    with django_assert_max_num_queries(14):
        response = client.get(url)
    assert response.content.decode().count("Many") == 12


def test_referral_page_query_count_is_fixed(
    personas, referral, client_for, django_assert_max_num_queries
) -> None:
    partner = actor_for_user(personas.partner_user)
    referral_transition(actor=partner, referral=referral, to_state=ReferralState.ACCEPTED)
    referral_transition(actor=partner, referral=referral, to_state=ReferralState.IN_PROGRESS)
    client = client_for(personas.partner_user)
    # PostgreSQL takes one more: the processing log's advisory lock.
    with django_assert_max_num_queries(15):
        response = client.get(reverse("coordination:referral-detail", args=[referral.pk]))
    assert response.status_code == 200


def test_disclosure_list_query_count_does_not_grow_with_disclosures(
    personas, legal_basis, client_for, django_assert_max_num_queries
) -> None:
    _many_referrals(personas, legal_basis, 12)
    client = client_for(personas.probation_officer)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("coordination:disclosure-list"))
    assert response.content.decode().count("Housing support") == 0
    assert response.content.decode().count(personas.social_services_a.name) >= 12


# --- Statistics ----------------------------------------------------------------------------------


def _analyst(personas):
    from reintegra.accounts.tests.factories import MembershipFactory, UserFactory
    from reintegra.core.roles import Role

    user = UserFactory(username="analyst")
    MembershipFactory(user=user, organisation=personas.ministry_a, role=Role.MINISTRY_ANALYST)
    return user


def test_statistics_count_referrals_by_state_with_median_time_to_acceptance(
    personas, referral, client_for
) -> None:
    referral_transition(
        actor=actor_for_user(personas.partner_user),
        referral=referral,
        to_state=ReferralState.ACCEPTED,
    )
    client = client_for(_analyst(personas))
    page = client.get(reverse("coordination:statistics"))
    assert page.status_code == 200
    assert "<svg" in page.content.decode()
    csv = b"".join(client.get(reverse("coordination:statistics-csv")).streaming_content)
    lines = csv.decode("utf-8-sig").strip().splitlines()
    assert lines[0].startswith("jurisdiction,sent,accepted,declined")
    assert lines[1].startswith("AL,0,1,0,0,0,0,1,1,0.0")
    assert referral.person.reference not in csv.decode()


def test_statistics_are_closed_to_partner_users(personas, client_for) -> None:
    client = client_for(personas.partner_user)
    assert client.get(reverse("coordination:statistics")).status_code == 403
    assert client.get(reverse("coordination:statistics-csv")).status_code == 403
