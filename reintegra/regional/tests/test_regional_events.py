"""Regional events: who sees them, what staff record, and bad input refused with nothing written."""

import datetime as dt

import pytest
from django.urls import reverse
from icalendar import Calendar

from reintegra.audit.models import ProcessingLogEntry
from reintegra.regional.models import EventParticipant, FollowUp, Outcome, RegionalEvent

pytestmark = pytest.mark.django_db


def _event_data(**changes) -> dict:
    data = {
        "kind": "regional_conference",
        "title": "Regional conference on probation",
        "summary": "Six beneficiaries meet.",
        "starts_at": "2026-10-06T09:00",
        "ends_at": "2026-10-07T17:00",
        "venue": "Podgorica",
        "attendance_mode": "mixed",
        "jurisdictions": ["AL", "RS"],
        "agenda": "Opening\nPanels",
        "minutes": "",
    }
    data.update(changes)
    return data


def test_keeper_plans_a_regional_event_across_jurisdictions(keeper, client_for) -> None:
    response = client_for(keeper).post(reverse("regional:event-new"), _event_data())
    event = RegionalEvent.objects.get()
    assert response.status_code == 302
    assert {j.code for j in event.jurisdictions.all()} == {"AL", "RS"}
    assert ProcessingLogEntry.objects.filter(action="regional.event_create").exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"ends_at": "2026-10-05T09:00"}, "cannot end before it starts"),
        ({"jurisdictions": []}, "Choose at least one participating jurisdiction"),
        ({"jurisdictions": ["XX"]}, "Select a valid choice"),
        ({"kind": "party"}, "Select a valid choice"),
        ({"title": ""}, "This field is required"),
        ({"starts_at": "next tuesday"}, "Enter a valid date/time"),
    ],
)
def test_bad_event_is_refused_with_a_clear_message_and_nothing_written(
    keeper, client_for, changes, message
) -> None:
    response = client_for(keeper).post(reverse("regional:event-new"), _event_data(**changes))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not RegionalEvent.objects.exists()


def test_manager_of_participating_jurisdiction_reads_the_event_but_cannot_change_it(
    working_group, manager_a, client_for
) -> None:
    client = client_for(manager_a)
    page = client.get(reverse("regional:event-detail", args=[working_group.pk]))
    assert page.status_code == 200
    assert "Genti Private" in page.content.decode()
    assert client.get(reverse("regional:event-edit", args=[working_group.pk])).status_code == 403
    publish = client.post(reverse("regional:event-publish", args=[working_group.pk]))
    assert publish.status_code == 403


def test_manager_of_another_jurisdiction_does_not_see_the_event(
    working_group, manager_b, client_for
) -> None:
    client = client_for(manager_b)
    listing = client.get(reverse("regional:event-list")).content.decode()
    assert working_group.title not in listing
    page = client.get(reverse("regional:event-detail", args=[working_group.pk]))
    assert page.status_code == 404


def test_casework_staff_are_refused_regional_events(working_group, personas, client_for) -> None:
    assert client_for(personas.officer).get(reverse("regional:event-list")).status_code == 403


def test_event_list_query_count_is_pinned(
    working_group, keeper, client_for, django_assert_max_num_queries
) -> None:
    for number in range(10):
        event = RegionalEvent.objects.create(
            kind=working_group.kind,
            title=f"Forum {number}",
            summary="s",
            starts_at=working_group.starts_at,
            ends_at=working_group.ends_at,
            created_by=keeper,
        )
        event.jurisdictions.set(working_group.jurisdictions.all())
    client = client_for(keeper)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("regional:event-list"))
    assert page.content.decode().count("Forum ") == 10


def test_event_detail_query_count_is_pinned(
    working_group, keeper, client_for, django_assert_max_num_queries
) -> None:
    client = client_for(keeper)
    with django_assert_max_num_queries(25):
        assert (
            client.get(reverse("regional:event-detail", args=[working_group.pk])).status_code == 200
        )


def test_participant_from_a_jurisdiction_not_taking_part_is_refused(
    working_group, keeper, personas, client_for
) -> None:
    response = client_for(keeper).post(
        reverse("regional:participant-new", args=[working_group.pk]),
        {"full_name": "Milan Outside", "organisation": personas.prisons_b.pk},
    )
    assert response.status_code == 400
    assert "Choose an organisation from the list" in response.content.decode()
    assert not EventParticipant.objects.filter(full_name="Milan Outside").exists()


def test_same_participant_twice_is_refused(working_group, keeper, personas, client_for) -> None:
    response = client_for(keeper).post(
        reverse("regional:participant-new", args=[working_group.pk]),
        {"full_name": "  Elira   Consenting ", "organisation": personas.prisons_a.pk},
    )
    assert response.status_code == 400
    assert "already listed" in response.content.decode()
    assert working_group.participants.count() == 2


def test_keeper_adds_a_participant_with_consent(working_group, keeper, personas, client_for):
    response = client_for(keeper).post(
        reverse("regional:participant-new", args=[working_group.pk]),
        {
            "full_name": "Arben New",
            "organisation": personas.ngo_a.pk,
            "function": "Mentor",
            "listed_publicly": "on",
        },
    )
    assert response.status_code == 302
    assert EventParticipant.objects.get(full_name="Arben New").listed_publicly


def test_consent_can_be_withdrawn(working_group, keeper, client_for) -> None:
    elira = working_group.participants.get(full_name="Elira Consenting")
    client_for(keeper).post(
        reverse("regional:participant-consent", args=[working_group.pk]),
        {"participant": elira.pk},
    )
    elira.refresh_from_db()
    assert not elira.listed_publicly


def test_consent_for_a_participant_of_another_event_is_refused(
    working_group, keeper, personas, client_for
) -> None:
    other = RegionalEvent.objects.create(
        kind=working_group.kind,
        title="Other",
        summary="s",
        starts_at=working_group.starts_at,
        ends_at=working_group.ends_at,
        created_by=keeper,
    )
    stranger = EventParticipant.objects.create(
        event=other, full_name="Stranger", organisation=personas.prisons_a
    )
    client_for(keeper).post(
        reverse("regional:participant-consent", args=[working_group.pk]),
        {"participant": stranger.pk, "listed_publicly": "on"},
    )
    stranger.refresh_from_db()
    assert not stranger.listed_publicly


def test_recommendation_is_followed_up(working_group, keeper, client_for) -> None:
    client = client_for(keeper)
    client.post(
        reverse("regional:outcome-new", args=[working_group.pk]),
        {"kind": "recommendation", "text": "Train every screener by June", "due_on": "2027-06-30"},
    )
    outcome = Outcome.objects.get()
    response = client.post(
        reverse("regional:outcome-follow-up", args=[outcome.pk]),
        {"follow_up": "in_progress", "note": "Two sessions held."},
    )
    outcome.refresh_from_db()
    assert response.status_code == 302
    assert outcome.follow_up == FollowUp.IN_PROGRESS
    assert outcome.follow_up_note == "Two sessions held."


def test_unknown_follow_up_status_is_refused(working_group, keeper, client_for) -> None:
    outcome = Outcome.objects.create(event=working_group, kind="outcome", text="Agreed a network")
    response = client_for(keeper).post(
        reverse("regional:outcome-follow-up", args=[outcome.pk]), {"follow_up": "forgotten"}
    )
    outcome.refresh_from_db()
    assert response.status_code == 400
    assert "Choose a follow-up status from the list" in response.content.decode()
    assert outcome.follow_up == FollowUp.OPEN


def test_empty_outcome_is_refused(working_group, keeper, client_for) -> None:
    response = client_for(keeper).post(
        reverse("regional:outcome-new", args=[working_group.pk]),
        {"kind": "outcome", "text": "   "},
    )
    assert response.status_code == 400
    assert not Outcome.objects.exists()


def test_ical_export_is_one_valid_event(working_group, manager_a, client_for) -> None:
    response = client_for(manager_a).get(reverse("regional:event-ics", args=[working_group.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    assert str(events[0]["summary"]) == working_group.title
    assert events[0]["dtstart"].dt == working_group.starts_at
    assert str(events[0]["location"]) == "Tirana, Ministry of Justice"
    assert "Genti" not in response.content.decode()


def test_minutes_are_shown_to_staff(working_group, manager_a, client_for) -> None:
    page = client_for(manager_a).get(reverse("regional:event-detail", args=[working_group.pk]))
    assert "behind schedule" in page.content.decode()
    assert dt.date(2026, 6, 9).strftime("%-d %b %Y") in page.content.decode()
