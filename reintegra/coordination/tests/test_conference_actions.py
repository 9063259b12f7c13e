import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from reintegra.accounts.actor import actor_for_user
from reintegra.audit.models import ProcessingLogEntry
from reintegra.coordination.conferences import (
    ACTION_TASK_KIND,
    conference_action_add,
    conference_action_status_change,
    conference_attendee_add,
    conference_convene,
    conference_pack_issue,
)
from reintegra.coordination.models import (
    ActionStatus,
    CaseConference,
    ConferenceAction,
    Consent,
)
from reintegra.coordination.services import CoordinationError
from reintegra.people.tests.factories import PersonFactory, admitted
from reintegra.work.models import Task, TaskStatus
from reintegra.work.registry import work_items_for

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def conference(personas) -> CaseConference:
    held = admitted(PersonFactory(family_name="Actionperson"), personas.facility_a)
    actor = actor_for_user(personas.supervisor)
    conference = conference_convene(
        actor=actor,
        person=held,
        purpose="Prepare release and housing",
        held_on=TODAY + dt.timedelta(days=2),
        place="Facility A",
        confidentiality_statement="Nothing leaves this room.",
    )
    for organisation, name in (
        (personas.social_services_a, "Ana Social"),
        (personas.ngo_a, "Nino Helper"),
    ):
        conference_attendee_add(
            actor=actor,
            conference=conference,
            organisation=organisation,
            representative_name=name,
            agreed=True,
        )
    return conference


def _add(personas, conference, organisation, description="Arrange emergency housing", days=10):
    return conference_action_add(
        actor=actor_for_user(personas.supervisor),
        conference=conference,
        description=description,
        responsible_organisation=organisation,
        deadline=TODAY + dt.timedelta(days=days),
    )


@pytest.fixture
def action(personas, conference) -> ConferenceAction:
    return _add(personas, conference, personas.social_services_a)


def _issue_pack(personas, conference, legal_basis, organisation) -> None:
    conference_pack_issue(
        actor=actor_for_user(personas.supervisor),
        conference=conference,
        organisation=organisation,
        summary="Leaves on Friday.",
        legal_basis=legal_basis,
        data_categories=["identity"],
        consent=Consent.GIVEN,
    )


def _url(action) -> str:
    return reverse("coordination:conference-action-status", args=[action.pk])


def _text(response) -> str:
    return response.content.decode().replace("&#x27;", "'")


# --- The service ---------------------------------------------------------------------------------


def test_responsible_agency_marks_an_action_done_with_who_when_and_a_logged_entry(
    personas, action
) -> None:
    closed = conference_action_status_change(
        actor=actor_for_user(personas.partner_user),
        action=action,
        status=ActionStatus.DONE,
        reason="",
    )
    closed.refresh_from_db()
    assert closed.status == ActionStatus.DONE
    assert closed.closed_by == personas.partner_user
    assert closed.closed_by_organisation == personas.social_services_a
    assert closed.closed_at is not None
    assert ProcessingLogEntry.objects.filter(action="conference.action_done").count() == 1


def test_dropping_an_action_without_a_reason_is_refused_and_nothing_changes(
    personas, action
) -> None:
    with pytest.raises(CoordinationError, match="Say why the action is dropped"):
        conference_action_status_change(
            actor=actor_for_user(personas.supervisor),
            action=action,
            status=ActionStatus.DROPPED,
            reason="   ",
        )
    action.refresh_from_db()
    assert action.status == ActionStatus.OPEN
    assert action.closed_at is None
    assert not ProcessingLogEntry.objects.filter(action="conference.action_dropped").exists()
    assert Task.objects.get(kind=ACTION_TASK_KIND).status == TaskStatus.OPEN


def test_a_closed_action_cannot_change_again(personas, action) -> None:
    actor = actor_for_user(personas.supervisor)
    conference_action_status_change(
        actor=actor, action=action, status=ActionStatus.DROPPED, reason="Housing found elsewhere"
    )
    with pytest.raises(CoordinationError, match="already dropped"):
        conference_action_status_change(
            actor=actor, action=action, status=ActionStatus.DONE, reason=""
        )
    action.refresh_from_db()
    assert action.status == ActionStatus.DROPPED
    assert action.closing_reason == "Housing found elsewhere"


def test_staff_of_an_organisation_neither_responsible_nor_convening_cannot_close_an_action(
    personas, action
) -> None:
    with pytest.raises(CoordinationError, match="Only the agency responsible"):
        conference_action_status_change(
            actor=actor_for_user(personas.probation_officer),
            action=action,
            status=ActionStatus.DONE,
            reason="",
        )
    action.refresh_from_db()
    assert action.status == ActionStatus.OPEN


def test_an_unknown_status_is_refused(personas, action) -> None:
    with pytest.raises(CoordinationError, match="done or dropped"):
        conference_action_status_change(
            actor=actor_for_user(personas.supervisor), action=action, status="open", reason=""
        )
    action.refresh_from_db()
    assert action.status == ActionStatus.OPEN


# --- The pages -----------------------------------------------------------------------------------


def test_convening_staff_drop_an_action_from_the_conference_page_with_a_reason(
    personas, conference, action, client_for
) -> None:
    client = client_for(personas.supervisor)
    page = client.get(reverse("coordination:conference-detail", args=[conference.pk]))
    assert _url(action) in page.content.decode()
    confirm = client.get(_url(action))
    assert confirm.status_code == 200
    assert "Arrange emergency housing" in _text(confirm)
    response = client.post(
        _url(action), {"status": ActionStatus.DROPPED, "reason": "Family offered a room"}
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.DROPPED
    page = _text(client.get(reverse("coordination:conference-detail", args=[conference.pk])))
    assert "The action is closed: dropped." in page
    assert "Family offered a room" in page
    assert personas.supervisor.display_name in page
    assert _url(action) not in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"status": ActionStatus.DROPPED, "reason": ""}, "Say why the action is dropped."),
        ({"status": "", "reason": "Anyway"}, "Say whether the action was done or dropped."),
        ({"status": "open", "reason": ""}, "Say whether the action was done or dropped."),
        ({"status": ActionStatus.DONE, "reason": "x" * 1001}, "at most 1000 characters"),
        ({"status": ActionStatus.DONE, "reason": "bad\x07bell"}, "Remove the invisible control"),
    ],
)
def test_closing_with_bad_input_is_refused_with_a_clear_message_and_nothing_changes(
    personas, action, client_for, data, message
) -> None:
    response = client_for(personas.supervisor).post(_url(action), data)
    assert response.status_code == 400
    assert message in _text(response)
    action.refresh_from_db()
    assert action.status == ActionStatus.OPEN
    assert action.closed_at is None


def test_second_change_of_a_closed_action_is_refused_and_keeps_the_first(
    personas, action, client_for
) -> None:
    client = client_for(personas.supervisor)
    assert client.post(_url(action), {"status": ActionStatus.DONE}).status_code == 302
    again = client.post(_url(action), {"status": ActionStatus.DROPPED, "reason": "Changed mind"})
    assert again.status_code == 302
    followed = client.get(again["Location"])
    assert "This action is already done: it cannot change again." in _text(followed)
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE
    assert action.closing_reason == ""


def test_outsider_from_another_jurisdiction_gets_404(personas, action, client_for) -> None:
    client = client_for(personas.outsider)
    assert client.get(_url(action)).status_code == 404
    assert client.post(_url(action), {"status": ActionStatus.DONE}).status_code == 404
    action.refresh_from_db()
    assert action.status == ActionStatus.OPEN


def test_another_attending_agency_cannot_see_or_close_an_action_that_is_not_its_own(
    personas, conference, action, legal_basis, client_for
) -> None:
    _issue_pack(personas, conference, legal_basis, personas.ngo_a)
    response = client_for(personas.unrelated).post(_url(action), {"status": ActionStatus.DONE})
    assert response.status_code == 404
    action.refresh_from_db()
    assert action.status == ActionStatus.OPEN


def test_partner_closes_its_action_once_its_pack_has_given_it_to_them(
    personas, conference, action, legal_basis, client_for
) -> None:
    client = client_for(personas.partner_user)
    detail = reverse("coordination:conference-detail", args=[conference.pk])
    assert client.get(_url(action)).status_code == 404
    assert "Arrange emergency housing" not in _text(client.get(detail))

    _issue_pack(personas, conference, legal_basis, personas.social_services_a)
    page = _text(client.get(detail))
    assert "Arrange emergency housing" in page
    assert "Prepare release and housing" not in page
    response = client.post(_url(action), {"status": ActionStatus.DONE, "reason": "Room found"})
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE
    assert action.closed_by_organisation == personas.social_services_a


def test_probation_officer_who_may_not_see_the_person_gets_404(
    personas, action, client_for
) -> None:
    # The probation service does not hold the person yet: the conference is out of its sight.
    response = client_for(personas.probation_officer).get(_url(action))
    assert response.status_code == 404


# --- My work -------------------------------------------------------------------------------------


def test_open_action_is_a_task_of_the_responsible_agency_until_it_is_closed(
    personas, action
) -> None:
    partner = actor_for_user(personas.partner_user)
    items = [item for item in work_items_for(partner) if item.kind == ACTION_TASK_KIND]
    assert len(items) == 1
    assert items[0].kind_label == "Case conference actions"
    assert items[0].due == action.deadline
    assert "Arrange emergency housing" not in items[0].title
    assert str(action.conference_id) in items[0].url
    assert not [
        item
        for item in work_items_for(actor_for_user(personas.unrelated))
        if item.kind == ACTION_TASK_KIND
    ]

    conference_action_status_change(
        actor=partner, action=action, status=ActionStatus.DONE, reason=""
    )
    assert Task.objects.get(kind=ACTION_TASK_KIND).status == TaskStatus.DONE
    assert not [item for item in work_items_for(partner) if item.kind == ACTION_TASK_KIND]


def test_dropped_action_cancels_its_task(personas, action) -> None:
    conference_action_status_change(
        actor=actor_for_user(personas.supervisor),
        action=action,
        status=ActionStatus.DROPPED,
        reason="No longer needed",
    )
    assert Task.objects.get(kind=ACTION_TASK_KIND).status == TaskStatus.CANCELLED


def test_action_for_the_convening_service_is_a_task_of_its_staff_and_shows_overdue(
    personas, conference
) -> None:
    action = _add(personas, conference, personas.prisons_a, description="Book a visit", days=1)
    officer = actor_for_user(personas.officer)
    items = [item for item in work_items_for(officer) if item.kind == ACTION_TASK_KIND]
    assert [item.due for item in items] == [action.deadline]
    assert items[0].is_overdue(action.deadline + dt.timedelta(days=1))
    assert not items[0].is_overdue(action.deadline)


def test_my_work_page_lists_the_conference_action_under_its_label(
    personas, action, client_for
) -> None:
    page = _text(client_for(personas.partner_user).get(reverse("work:my-work")))
    assert "Case conference actions" in page
    assert "Action from a case conference" in page


def test_partner_conference_page_query_count_is_pinned(
    personas, conference, legal_basis, client_for, django_assert_max_num_queries
) -> None:
    for n in range(5):
        _add(personas, conference, personas.social_services_a, description=f"Action {n}", days=n)
    _issue_pack(personas, conference, legal_basis, personas.social_services_a)
    client = client_for(personas.partner_user)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("coordination:conference-detail", args=[conference.pk]))
    assert "Action 4" in _text(response)
