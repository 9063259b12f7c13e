"""A partner user sees the referrals and disclosures addressed to their organisation, and nothing
else about the person: every other page answers 403 or 404, or shows nothing of them."""

import pytest
from django.urls import NoReverseMatch, reverse

from reintegra.coordination.models import ReferralState
from reintegra.probation.models import SupervisionCase
from tests.routes import all_routes

pytestmark = pytest.mark.django_db

# Where the referral itself is shown to the partner; "My work" lists it for them to answer.
PARTNER_AREAS = ("coordination:", "work:my-work")


def test_partner_user_gets_404_on_the_person_page_of_the_person_referred_to_them(
    personas, referral, client_for
) -> None:
    client = client_for(personas.partner_user)
    person = referral.person
    assert client.get(reverse("people:person-detail", args=[person.pk])).status_code == 404
    case = SupervisionCase.objects.get(person=person)
    assert client.get(reverse("probation:case-detail", args=[case.pk])).status_code == 404


def test_partner_user_cannot_list_or_search_people(personas, referral, client_for) -> None:
    client = client_for(personas.partner_user)
    person = referral.person
    assert client.get(reverse("people:person-list")).status_code == 403
    search = client.get(reverse("people:person-list"), {"q": person.family_name})
    assert search.status_code == 403
    # The refusal page may repeat the query typed, never a record found by it.
    assert person.reference not in search.content.decode()


def test_every_route_about_a_person_refuses_the_partner_user(
    personas, referral, client_for
) -> None:
    client = client_for(personas.partner_user)
    person = referral.person
    for route in all_routes():
        if route.scoped_model != "people.Person" or route.name.startswith("coordination:"):
            continue
        url = route.url(**{route.scoped_kwarg: person.pk})
        response = client.get(url)
        if response.status_code == 405:
            response = client.post(url, {})
        assert response.status_code in (403, 404), f"{route.name} answered {response.status_code}"
        assert person.reference not in response.content.decode()


def test_no_page_outside_the_referral_shows_the_partner_user_anything_of_the_person(
    personas, referral, client_for
) -> None:
    client = client_for(personas.partner_user)
    person = referral.person
    for route in all_routes():
        if route.object_kwargs or route.is_wagtail or not route.name:
            continue
        if route.name.startswith(PARTNER_AREAS) or route.name.endswith("logout"):
            continue
        try:
            url = route.url()
        except NoReverseMatch:
            continue
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        body = response.content.decode()
        assert person.reference not in body, route.name
        assert person.family_name not in body, route.name


def test_partner_user_works_the_referral_through_its_page(personas, referral, client_for) -> None:
    client = client_for(personas.partner_user)
    page = client.get(reverse("coordination:referral-detail", args=[referral.pk]))
    body = page.content.decode()
    assert page.status_code == 200
    assert referral.summary in body
    assert "Accept" in body and "Decline" in body
    # The partner cannot open the person from here.
    assert reverse("people:person-detail", args=[referral.person.pk]) not in body
    step = reverse("coordination:referral-step", args=[referral.pk])
    assert client.post(step, {"to_state": "accepted"}).status_code == 302
    assert client.post(step, {"to_state": "in_progress"}).status_code == 302
    message = reverse("coordination:referral-message", args=[referral.pk])
    assert client.post(message, {"body": "First meeting held."}).status_code == 302
    refused = client.post(step, {"to_state": "completed", "reason": ""})
    assert refused.status_code == 400
    assert "Outcome of the work: this step needs it written." in refused.content.decode()
    referral.refresh_from_db()
    assert referral.state == ReferralState.IN_PROGRESS
    inbox = client.get(reverse("coordination:referral-list"))
    assert referral.person.reference in inbox.content.decode()


def test_other_partner_organisation_gets_404_on_the_referral_and_its_disclosure(
    personas, referral, client_for
) -> None:
    client = client_for(personas.unrelated)
    assert (
        client.get(reverse("coordination:referral-detail", args=[referral.pk])).status_code == 404
    )
    disclosure_url = reverse("coordination:disclosure-detail", args=[referral.disclosure.pk])
    assert client.get(disclosure_url).status_code == 404
    inbox = client.get(reverse("coordination:referral-list"))
    assert referral.person.reference not in inbox.content.decode()
