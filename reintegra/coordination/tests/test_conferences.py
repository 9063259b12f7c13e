import datetime as dt
import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from reintegra.accounts.actor import actor_for_user
from reintegra.audit.models import Category, ProcessingLogEntry
from reintegra.coordination.conferences import (
    conference_action_add,
    conference_attendee_add,
    conference_convene,
    conference_information_add,
    conference_pack_issue,
)
from reintegra.coordination.models import (
    CaseConference,
    ConferenceAction,
    ConferenceAttendee,
    ConferencePack,
    Consent,
    InformationBrought,
)
from reintegra.coordination.packs import pack_pdf
from reintegra.coordination.services import CoordinationError
from reintegra.coordination.tests.conftest import shared_here

pytestmark = pytest.mark.django_db


def convene(personas, person, **overrides) -> CaseConference:
    values = {
        "actor": actor_for_user(personas.probation_officer),
        "person": person,
        "purpose": "Plan the first month after release",
        "held_on": timezone.localdate() + dt.timedelta(days=3),
        "place": "Probation office, room 2",
        "confidentiality_statement": "What is said here stays with the agencies present.",
        "review_on": timezone.localdate() + dt.timedelta(days=60),
    }
    values.update(overrides)
    return conference_convene(**values)


@pytest.fixture
def conference(personas, released) -> CaseConference:
    conference = convene(personas, released)
    actor = actor_for_user(personas.probation_officer)
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
    deadline = timezone.localdate() + dt.timedelta(days=14)
    conference_action_add(
        actor=actor,
        conference=conference,
        description="Find temporary accommodation",
        responsible_organisation=personas.social_services_a,
        deadline=deadline,
    )
    conference_action_add(
        actor=actor,
        conference=conference,
        description="Mentor visits every week",
        responsible_organisation=personas.ngo_a,
        deadline=deadline,
    )
    return conference


def issue_pack(personas, conference, legal_basis, organisation, **overrides) -> ConferencePack:
    values = {
        "actor": actor_for_user(personas.probation_officer),
        "conference": conference,
        "organisation": organisation,
        "summary": "Released this week; needs a room.",
        "legal_basis": legal_basis,
        "data_categories": ["identity", "needs"],
        "consent": Consent.GIVEN,
    }
    values.update(overrides)
    return conference_pack_issue(**values)


def _pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def test_pack_is_a_pdf_with_only_the_agency_s_own_actions_and_its_register_entry(
    personas, conference, legal_basis
) -> None:
    pack = issue_pack(personas, conference, legal_basis, personas.social_services_a)
    pdf = pack_pdf(pack)
    assert pdf.startswith(b"%PDF")
    text = " ".join(_pages(pdf))
    assert "Find temporary accommodation" in text
    assert "Released this week; needs a room." in text
    assert "What is said here stays" in text
    assert "Mentor visits every week" not in text
    assert personas.ngo_a.name not in text
    disclosure = pack.disclosure
    assert disclosure.recipient_organisation == personas.social_services_a
    assert disclosure.source_type == "coordination.conferencepack"
    assert disclosure.source_id == str(pack.pk)
    assert ProcessingLogEntry.objects.filter(
        category=Category.DISCLOSURE, action="disclosure.record"
    ).exists()


def test_every_page_of_a_long_pack_is_watermarked_with_the_recipient(
    personas, conference, legal_basis
) -> None:
    long_summary = "\n".join(f"Line {n} of the summary for the agency." for n in range(150))
    pack = issue_pack(
        personas, conference, legal_basis, personas.social_services_a, summary=long_summary
    )
    pages = _pages(pack_pdf(pack))
    assert len(pages) > 1
    name = personas.social_services_a.name
    assert all(name in page for page in pages)


def test_pack_for_an_agency_not_attending_is_refused_and_nothing_is_written(
    personas, conference, legal_basis
) -> None:
    with pytest.raises(CoordinationError, match="does not attend this conference"):
        issue_pack(personas, conference, legal_basis, personas.ministry_a)
    assert ConferencePack.objects.count() == 0
    assert shared_here().count() == 0


def test_pack_for_an_agency_that_has_not_agreed_the_statement_is_refused(
    personas, conference, legal_basis
) -> None:
    with pytest.raises(CoordinationError, match="before issuing their pack"):
        issue_pack(personas, conference, legal_basis, personas.ngo_a)
    assert ConferencePack.objects.count() == 0
    assert shared_here().count() == 0


def test_pack_without_legal_basis_leaves_no_pack(personas, conference) -> None:
    with pytest.raises(CoordinationError, match="legal basis"):
        issue_pack(personas, conference, None, personas.social_services_a)
    assert ConferencePack.objects.count() == 0
    assert shared_here().count() == 0


def test_information_from_an_attendee_who_has_not_agreed_is_refused(personas, conference) -> None:
    ngo = ConferenceAttendee.objects.get(conference=conference, organisation=personas.ngo_a)
    with pytest.raises(CoordinationError, match="has not agreed the confidentiality statement"):
        conference_information_add(
            actor=actor_for_user(personas.probation_officer),
            conference=conference,
            attendee=ngo,
            summary="Mentor available on Tuesdays",
        )
    assert InformationBrought.objects.count() == 0


def test_attendee_from_another_jurisdiction_is_refused(personas, conference) -> None:
    with pytest.raises(CoordinationError, match="not an organisation of the person"):
        conference_attendee_add(
            actor=actor_for_user(personas.probation_officer),
            conference=conference,
            organisation=personas.ministry_b,
            representative_name="Someone Else",
        )
    assert ConferenceAttendee.objects.filter(organisation=personas.ministry_b).count() == 0


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"responsible_organisation": None}, "Choose the agency responsible"),
        ({"deadline": None}, "Give the deadline"),
        ({"description": "  "}, "Describe the action"),
    ],
)
def test_action_without_agency_or_deadline_is_refused(
    personas, conference, overrides, message
) -> None:
    before = ConferenceAction.objects.count()
    values = {
        "actor": actor_for_user(personas.probation_officer),
        "conference": conference,
        "description": "Check in",
        "responsible_organisation": personas.social_services_a,
        "deadline": timezone.localdate() + dt.timedelta(days=5),
    }
    values.update(overrides)
    with pytest.raises(CoordinationError, match=message):
        conference_action_add(**values)
    assert ConferenceAction.objects.count() == before


def test_partner_user_cannot_convene_a_conference(personas, released) -> None:
    with pytest.raises(CoordinationError, match="run by prison and probation staff"):
        convene(personas, released, actor=actor_for_user(personas.partner_user))
    assert CaseConference.objects.count() == 0
