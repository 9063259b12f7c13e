import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from reintegra.accounts.actor import actor_for_user
from reintegra.accounts.tests.factories import MembershipFactory, UserFactory
from reintegra.coordination.conference_statistics import conference_statistics
from reintegra.coordination.conferences import (
    conference_action_add,
    conference_action_status_change,
    conference_attendee_add,
    conference_convene,
)
from reintegra.coordination.models import ActionStatus, CaseConference, ConferenceAction
from reintegra.core.roles import Role

pytestmark = pytest.mark.django_db


def _user(personas, role, organisation, username):
    user = UserFactory(username=username)
    MembershipFactory(user=user, organisation=organisation, role=role)
    return user


def _conferences(personas, person, count: int, *, held_on: dt.date) -> list[CaseConference]:
    actor = actor_for_user(personas.probation_officer)
    made = []
    for _index in range(count):
        conference = conference_convene(
            actor=actor,
            person=person,
            purpose="Plan the first month after release",
            held_on=held_on,
            place="Probation office",
            confidentiality_statement="What is said here stays with the agencies present.",
        )
        conference_attendee_add(
            actor=actor,
            conference=conference,
            organisation=personas.social_services_a,
            representative_name="Ana Social",
            agreed=True,
        )
        conference_action_add(
            actor=actor,
            conference=conference,
            description="Find temporary accommodation",
            responsible_organisation=personas.social_services_a,
            deadline=timezone.localdate() + dt.timedelta(days=7),
        )
        made.append(conference)
    return made


def _done(personas, actions) -> None:
    actor = actor_for_user(personas.probation_officer)
    for action in actions:
        conference_action_status_change(actor=actor, action=action, status=ActionStatus.DONE)


def test_conferences_are_counted_by_year_agency_type_and_action_state(personas, released) -> None:
    today = timezone.localdate()
    last_year = today.replace(year=today.year - 1, month=6, day=1)
    _conferences(personas, released, 5, held_on=last_year)
    _conferences(personas, released, 2, held_on=today + dt.timedelta(days=30))
    actions = ConferenceAction.objects.order_by("created_at")
    _done(personas, actions[:3])
    later = today + dt.timedelta(days=8)
    (albania, serbia) = conference_statistics(["AL", "RS"], today=later)
    # The two conferences planned for next month are not held yet, but their actions count.
    assert albania.held_by_year == {last_year.year: 5}
    assert list(albania.attendance.values()) == [5]
    assert albania.actions == {"open": 0, "overdue": 4, "done": 3}
    assert serbia.held == 0 and serbia.attendance == {} and sum(serbia.actions.values()) == 0


def test_statistics_page_shows_counts_and_suppresses_small_ones_in_page_and_csv(
    personas, released, client_for, django_assert_max_num_queries
) -> None:
    held_on = timezone.localdate() - dt.timedelta(days=1)
    conferences = _conferences(personas, released, 5, held_on=held_on)
    _done(personas, ConferenceAction.objects.filter(conference=conferences[0]))
    client = client_for(_user(personas, Role.MINISTRY_ANALYST, personas.ministry_a, "analyst"))
    with django_assert_max_num_queries(11):
        page = client.get(reverse("coordination:conference-statistics"))
    assert page.status_code == 200
    body = page.content.decode()
    assert "<svg" in body and "Conferences held by year" in body
    assert "&lt;5" in body
    assert released.reference not in body and "Ana Social" not in body
    csv = b"".join(
        client.get(reverse("coordination:conference-statistics-csv")).streaming_content
    ).decode("utf-8-sig")
    lines = csv.strip().splitlines()
    assert lines[0] == "jurisdiction,measure,item,count"
    assert f"AL,conferences_held,{held_on.year},5" in lines
    assert "AL,actions,open,4" not in lines and "AL,actions,open,<5" in lines
    assert "AL,actions,done,<5" in lines
    assert "Ana Social" not in csv and released.reference not in csv


def test_statistics_page_says_so_when_no_conference_was_held(personas, client_for) -> None:
    client = client_for(_user(personas, Role.MINISTRY_ANALYST, personas.ministry_a, "analyst"))
    page = client.get(reverse("coordination:conference-statistics"))
    assert page.status_code == 200
    assert "No case conferences held yet." in page.content.decode()
    csv = b"".join(
        client.get(reverse("coordination:conference-statistics-csv")).streaming_content
    ).decode("utf-8-sig")
    assert csv.strip().splitlines()[1:] == [
        "AL,actions,open,0",
        "AL,actions,overdue,0",
        "AL,actions,done,0",
    ]


def test_a_ministry_analyst_sees_only_their_own_jurisdiction(
    personas, released, client_for
) -> None:
    _conferences(personas, released, 5, held_on=timezone.localdate() - dt.timedelta(days=1))
    serbian = _user(personas, Role.MINISTRY_ANALYST, personas.ministry_b, "analyst-b")
    client = client_for(serbian)
    page = client.get(reverse("coordination:conference-statistics")).content.decode()
    assert "No case conferences held yet." in page
    csv = b"".join(
        client.get(reverse("coordination:conference-statistics-csv")).streaming_content
    ).decode("utf-8-sig")
    assert "AL," not in csv and "RS,actions,open,0" in csv


def test_the_regional_programme_team_sees_every_jurisdiction(
    personas, released, client_for
) -> None:
    from reintegra.organisations.tests.factories import OrganisationFactory

    regional = OrganisationFactory(jurisdiction=None, type_id="regional_programme")
    client = client_for(_user(personas, Role.REGIONAL_PROGRAMME, regional, "regional"))
    csv = b"".join(
        client.get(reverse("coordination:conference-statistics-csv")).streaming_content
    ).decode("utf-8-sig")
    assert "AL,actions,open,0" in csv and "RS,actions,open,0" in csv


def test_conference_statistics_are_closed_to_caseworkers_and_partner_users(
    personas, client_for
) -> None:
    for user in (personas.partner_user, personas.probation_officer, personas.specialist):
        client = client_for(user)
        assert client.get(reverse("coordination:conference-statistics")).status_code == 403
        assert client.get(reverse("coordination:conference-statistics-csv")).status_code == 403


def test_the_referral_statistics_page_links_to_the_conference_statistics(
    personas, client_for
) -> None:
    client = client_for(_user(personas, Role.NATIONAL_COORDINATOR, personas.ministry_a, "nc"))
    page = client.get(reverse("coordination:statistics")).content.decode()
    assert reverse("coordination:conference-statistics") in page
