import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from reintegra.accounts.actor import actor_for_user
from reintegra.coordination.conferences import (
    conference_action_add,
    conference_action_status_change,
    conference_attendee_add,
    conference_convene,
    conference_decision_add,
    conference_information_add,
    conference_pack_issue,
)
from reintegra.coordination.models import (
    ActionStatus,
    CaseConference,
    ConferenceAction,
    ConferenceAttendee,
    ConferencePack,
    Consent,
    InformationBrought,
)
from reintegra.coordination.tests.conftest import shared_here
from reintegra.people.tests.factories import PersonFactory, admitted

pytestmark = pytest.mark.django_db

IN_TWO_WEEKS = (timezone.localdate() + dt.timedelta(days=14)).isoformat()


@pytest.fixture
def held(personas):
    return admitted(PersonFactory(family_name="Conferenceperson"), personas.facility_a)


@pytest.fixture
def conference(personas, held) -> CaseConference:
    actor = actor_for_user(personas.supervisor)
    conference = conference_convene(
        actor=actor,
        person=held,
        purpose="Prepare release and housing",
        held_on=timezone.localdate() + dt.timedelta(days=2),
        place="Facility A, meeting room",
        confidentiality_statement="Nothing leaves this room without the convenor's agreement.",
    )
    conference_attendee_add(
        actor=actor,
        conference=conference,
        organisation=personas.social_services_a,
        representative_name="Ana Social",
        agreed=True,
    )
    conference_attendee_add(
        actor=actor,
        conference=conference,
        organisation=personas.ngo_a,
        representative_name="Nino Helper",
    )
    return conference


def _url(name: str, conference) -> str:
    return reverse(f"coordination:{name}", args=[conference.pk])


def _text(response) -> str:
    return response.content.decode().replace("&#x27;", "'")


def test_supervisor_plans_a_conference_from_the_person_s_conference_list(
    personas, held, client_for
) -> None:
    client = client_for(personas.supervisor)
    person_page = client.get(reverse("people:person-detail", args=[held.pk]))
    list_url = reverse("coordination:conference-list", args=[held.pk])
    assert list_url in person_page.content.decode()
    response = client.post(
        list_url,
        {
            "purpose": "Plan the week of release",
            "held_on": (timezone.localdate() + dt.timedelta(days=5)).isoformat(),
            "place": "Facility A",
            "confidentiality_statement": "Confidential to those present.",
            "review_on": "",
        },
    )
    conference = CaseConference.objects.get()
    assert response["Location"].endswith(_url("conference-detail", conference))
    assert "Plan the week of release" in client.get(list_url).content.decode()


def test_conference_with_review_before_the_meeting_is_refused(personas, held, client_for) -> None:
    response = client_for(personas.supervisor).post(
        reverse("coordination:conference-list", args=[held.pk]),
        {
            "purpose": "Plan",
            "held_on": "2030-05-10",
            "place": "Facility A",
            "confidentiality_statement": "Confidential.",
            "review_on": "2030-05-01",
        },
    )
    assert response.status_code == 400
    assert "The review date must be after the conference." in _text(response)
    assert CaseConference.objects.count() == 0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {
                "description": "Find a room",
                "responsible_organisation": "",
                "deadline": IN_TWO_WEEKS,
            },
            "Choose the agency responsible for the action.",
        ),
        (
            {"description": "Find a room", "responsible_organisation": "social", "deadline": ""},
            "Give the deadline of the action.",
        ),
        (
            {
                "description": "Find a room",
                "responsible_organisation": "ministry",
                "deadline": IN_TWO_WEEKS,
            },
            "Choose an agency that attends this conference.",
        ),
        (
            {
                "description": "Find a room",
                "responsible_organisation": "social",
                "deadline": "2001-01-01",
            },
            "The deadline cannot be in the past.",
        ),
    ],
)
def test_action_with_bad_input_is_refused_with_a_clear_message_and_nothing_written(
    personas, conference, client_for, data, message
) -> None:
    ids = {"social": str(personas.social_services_a.pk), "ministry": str(personas.ministry_a.pk)}
    data = {**data, "responsible_organisation": ids.get(data["responsible_organisation"], "")}
    response = client_for(personas.supervisor).post(_url("conference-action", conference), data)
    assert response.status_code == 400
    assert message in _text(response)
    assert ConferenceAction.objects.count() == 0


def test_attendee_from_another_jurisdiction_is_refused(personas, conference, client_for) -> None:
    response = client_for(personas.supervisor).post(
        _url("conference-attendee", conference),
        {"organisation": str(personas.ministry_b.pk), "representative_name": "Other Country"},
    )
    assert response.status_code == 400
    assert "Choose an organisation of the person's jurisdiction." in _text(response)
    assert not ConferenceAttendee.objects.filter(organisation=personas.ministry_b).exists()


def test_information_from_an_attendee_who_has_not_agreed_is_refused_until_they_agree(
    personas, conference, client_for
) -> None:
    client = client_for(personas.supervisor)
    ngo = ConferenceAttendee.objects.get(organisation=personas.ngo_a)
    data = {"attendee": str(ngo.pk), "summary": "Mentor available on Tuesdays"}
    response = client.post(_url("conference-information", conference), data)
    assert response.status_code == 400
    assert "has not agreed the confidentiality statement" in _text(response)
    assert InformationBrought.objects.count() == 0
    agreed = client.post(_url("conference-agreement", conference), {"attendee": str(ngo.pk)})
    assert agreed.status_code == 302
    assert client.post(_url("conference-information", conference), data).status_code == 302
    assert InformationBrought.objects.get().attendee == ngo


def test_pack_for_an_agency_not_attending_is_refused_and_nothing_is_disclosed(
    personas, conference, legal_basis, client_for
) -> None:
    response = client_for(personas.supervisor).post(
        _url("conference-pack", conference),
        {
            "organisation": str(personas.ministry_a.pk),
            "summary": "Summary",
            "data_categories": ["identity"],
            "legal_basis": str(legal_basis.pk),
            "consent": Consent.GIVEN,
        },
    )
    assert response.status_code == 400
    assert "does not attend this conference" in _text(response)
    assert ConferencePack.objects.count() == 0
    assert shared_here().count() == 0


def test_partner_downloads_only_their_own_pack_without_the_other_agency_s_actions(
    personas, conference, legal_basis, client_for
) -> None:
    actor = actor_for_user(personas.supervisor)
    for organisation, description in (
        (personas.social_services_a, "Arrange emergency housing"),
        (personas.ngo_a, "Weekly mentoring sessions"),
    ):
        conference_action_add(
            actor=actor,
            conference=conference,
            description=description,
            responsible_organisation=organisation,
            deadline=timezone.localdate() + dt.timedelta(days=10),
        )
    client = client_for(personas.supervisor)
    response = client.post(
        _url("conference-pack", conference),
        {
            "organisation": str(personas.social_services_a.pk),
            "summary": "Leaves on Friday; no address yet.",
            "data_categories": ["identity", "needs"],
            "legal_basis": str(legal_basis.pk),
            "consent": Consent.GIVEN,
        },
    )
    assert response.status_code == 302
    pack = ConferencePack.objects.get()
    assert pack.disclosure.recipient_organisation == personas.social_services_a

    partner = client_for(personas.partner_user)
    listing = partner.get(reverse("coordination:pack-list"))
    download_url = reverse("coordination:pack-download", args=[pack.pk])
    assert download_url in listing.content.decode()
    page = partner.get(_url("conference-detail", conference))
    assert page.status_code == 200
    assert "Prepare release and housing" not in page.content.decode()
    assert "Nino Helper" not in page.content.decode()
    pdf = partner.get(download_url)
    assert pdf["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Arrange emergency housing" in text
    assert "Weekly mentoring sessions" not in text
    assert personas.social_services_a.name in text

    # The NGO attends but no pack is addressed to it: it gets nothing of social services'.
    ngo = client_for(personas.unrelated)
    assert ngo.get(download_url).status_code == 404
    assert download_url not in ngo.get(_url("conference-detail", conference)).content.decode()


def test_partner_cannot_write_to_a_conference_their_organisation_attends(
    personas, conference, client_for
) -> None:
    response = client_for(personas.partner_user).post(
        _url("conference-decision", conference), {"text": "We decide"}
    )
    assert response.status_code == 403


def test_conference_page_query_count_is_pinned(
    personas, conference, legal_basis, client_for, django_assert_max_num_queries
) -> None:
    actor = actor_for_user(personas.supervisor)
    social = ConferenceAttendee.objects.get(organisation=personas.social_services_a)
    for n in range(5):
        conference_information_add(
            actor=actor, conference=conference, attendee=social, summary=f"Item {n}"
        )
        action = conference_action_add(
            actor=actor,
            conference=conference,
            description=f"Action {n}",
            responsible_organisation=personas.social_services_a,
            deadline=timezone.localdate() + dt.timedelta(days=n + 1),
        )
        if n % 2:
            # Closed actions show who closed them and why, without a query each.
            conference_action_status_change(
                actor=actor, action=action, status=ActionStatus.DROPPED, reason=f"Reason {n}"
            )
        conference_decision_add(actor=actor, conference=conference, text=f"Decision {n}")
    conference_pack_issue(
        actor=actor,
        conference=conference,
        organisation=personas.social_services_a,
        summary="Summary",
        legal_basis=legal_basis,
        data_categories=["identity"],
        consent=Consent.GIVEN,
    )
    client = client_for(personas.supervisor)
    with django_assert_max_num_queries(25):
        response = client.get(_url("conference-detail", conference))
    assert response.status_code == 200
    assert "Decision 4" in response.content.decode()
    assert "Reason 3" in response.content.decode()


def test_conference_list_query_count_is_pinned(
    personas, held, client_for, django_assert_max_num_queries
) -> None:
    actor = actor_for_user(personas.supervisor)
    for n in range(8):
        conference_convene(
            actor=actor,
            person=held,
            purpose=f"Conference {n}",
            held_on=timezone.localdate() + dt.timedelta(days=n + 1),
            place="Facility A",
            confidentiality_statement="Confidential.",
        )
    client = client_for(personas.supervisor)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("coordination:conference-list", args=[held.pk]))
    assert response.status_code == 200
    assert "Conference 7" in response.content.decode()
