"""Every bad input is refused with a clear message, what was typed stays in the form, and nothing
is written: neither the record nor a log entry."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from reintegra.accounts.actor import actor_for_user
from reintegra.audit.models import Category, ProcessingLogEntry
from reintegra.people.tests.factories import PersonFactory, admitted
from reintegra.programmes.models import (
    Attendance,
    Enrolment,
    Group,
    GroupSession,
    Programme,
    SessionStatus,
)
from reintegra.programmes.services import ProgrammeError, enrolment_create
from reintegra.programmes.sessions import (
    AttendanceEntry,
    AttendanceError,
    attendance_correct,
    attendance_record,
)
from reintegra.programmes.tests.factories import EnrolmentFactory, session_at

# Re-showing a form consults the people on it, and a refusal by role is itself logged as denied.
NOT_WRITES = (Category.CONSULTATION, Category.DENIED)


def _no_writes(before: dict[str, int]) -> None:
    for model in (Programme, Group, Enrolment, GroupSession, Attendance):
        assert model.objects.count() == before[model.__name__], model.__name__
    written = ProcessingLogEntry.objects.exclude(category__in=NOT_WRITES).count()
    assert written == before["log"], "a refused request wrote a log entry"


def _counts() -> dict[str, int]:
    counts = {
        model.__name__: model.objects.count()
        for model in (Programme, Group, Enrolment, GroupSession, Attendance)
    }
    counts["log"] = ProcessingLogEntry.objects.exclude(category__in=NOT_WRITES).count()
    return counts


def _refused(response, message: str, status: int = 400) -> None:
    assert response.status_code == status, response.content.decode()[:2000]
    assert escape(message) in response.content.decode()


@pytest.fixture
def enrolled(personas, group, held) -> list[Enrolment]:
    return [
        EnrolmentFactory(group=group, person=person, enrolled_by=personas.supervisor)
        for person in held
    ]


def _register(enrolments, status="attended", **per_row) -> dict[str, str]:
    data = {}
    for enrolment in enrolments:
        data[f"status-{enrolment.pk}"] = per_row.get(str(enrolment.pk), status)
        data[f"note-{enrolment.pk}"] = ""
    return data


# --- Groups and sessions -------------------------------------------------------------------------


def test_group_ending_before_it_starts_is_refused(personas, client_for, manager, programme):
    before = _counts()
    today = timezone.localdate()
    response = client_for(manager).post(
        reverse("programmes:group-new", args=[programme.pk]),
        {
            "name": "Backwards group",
            "facility": personas.facility_a.pk,
            "start_date": today.isoformat(),
            "end_date": (today - dt.timedelta(days=1)).isoformat(),
            "capacity": "8",
            "facilitators": [personas.specialist.pk],
        },
    )
    _refused(response, "The end date must be on or after the start date.")
    assert response.context["form"]["name"].value() == "Backwards group"
    _no_writes(before)


def test_group_in_another_facility_or_with_an_outside_facilitator_is_refused(
    personas, client_for, manager, programme
):
    before = _counts()
    data = {
        "name": "Elsewhere",
        "facility": personas.facility_b.pk,
        "start_date": timezone.localdate().isoformat(),
        "capacity": "8",
        "facilitators": [personas.specialist.pk],
    }
    client = client_for(manager)
    _refused(client.post(reverse("programmes:group-new", args=[programme.pk]), data), "valid")
    data.update(facility=personas.facility_a.pk, facilitators=[personas.outsider.pk])
    _refused(client.post(reverse("programmes:group-new", args=[programme.pk]), data), "valid")
    _no_writes(before)


@pytest.mark.parametrize(
    ("days", "message"),
    [
        (9 * 7, "The session cannot be after the group ends"),
        (-5 * 7, "The session cannot be before the group starts"),
    ],
)
def test_session_outside_the_group_dates_is_refused(
    personas, client_for, manager, group, days, message
):
    before = _counts()
    response = client_for(manager).post(
        reverse("programmes:session-new", args=[group.pk]),
        {
            "template": "",
            "title": "Extra session",
            "date": (timezone.localdate() + dt.timedelta(days=days)).isoformat(),
            "time": "10:00",
            "location": "Hall",
        },
    )
    _refused(response, message)
    assert response.context["form"]["title"].value() == "Extra session"
    _no_writes(before)


def test_session_at_the_same_time_twice_is_refused(personas, client_for, manager, group):
    data = {
        "template": "",
        "title": "Weekly session",
        "date": timezone.localdate().isoformat(),
        "time": "09:30",
    }
    client = client_for(manager)
    assert client.post(reverse("programmes:session-new", args=[group.pk]), data).status_code == 302
    before = _counts()
    response = client.post(reverse("programmes:session-new", args=[group.pk]), data)
    _refused(response, "The group already has a session at that time.")
    _no_writes(before)


# --- Enrolment -----------------------------------------------------------------------------------


def test_enrolling_someone_held_in_another_facility_is_refused(personas, group):
    from reintegra.accounts.tests.factories import MembershipFactory, UserFactory
    from reintegra.core.roles import Role
    from reintegra.organisations.tests.factories import FacilityFactory

    # Headquarters staff see every prison of the service, so the list alone cannot stop them.
    headquarters = UserFactory(username="headquarters")
    MembershipFactory(user=headquarters, organisation=personas.prisons_a, role=Role.PRISON_MANAGER)
    elsewhere = FacilityFactory(organisation=personas.prisons_a, name="Facility A2", code="a2")
    other = admitted(PersonFactory(), elsewhere)
    before = _counts()
    with pytest.raises(ProgrammeError, match="is not held in Facility A, where the group meets"):
        enrolment_create(
            actor=actor_for_user(headquarters),
            group=group,
            person=other,
            enrolled_on=timezone.localdate(),
            today=timezone.localdate(),
        )
    _no_writes(before)


def test_the_enrol_form_offers_only_people_held_where_the_group_meets(
    personas, client_for, manager, group, held
):
    elsewhere = admitted(PersonFactory(jurisdiction_id="RS"), personas.facility_b)
    client = client_for(manager)
    page = client.get(reverse("programmes:enrol", args=[group.pk])).content.decode()
    assert held[0].reference in page and elsewhere.reference not in page
    before = _counts()
    response = client.post(
        reverse("programmes:enrol", args=[group.pk]),
        {"person": elsewhere.pk, "enrolled_on": timezone.localdate().isoformat()},
    )
    _refused(response, "Select a valid choice.")
    _no_writes(before)


def test_enrolling_a_person_the_actor_cannot_see_is_refused(personas, manager, group):
    stranger = admitted(PersonFactory(jurisdiction_id="RS"), personas.facility_b)
    with pytest.raises(ProgrammeError, match="Choose a person from the list"):
        enrolment_create(
            actor=actor_for_user(manager),
            group=group,
            person=stranger,
            enrolled_on=timezone.localdate(),
            today=timezone.localdate(),
        )
    assert not Enrolment.objects.exists()


def test_enrolling_twice_or_beyond_capacity_is_refused(personas, client_for, manager, group, held):
    client = client_for(manager)
    url = reverse("programmes:enrol", args=[group.pk])
    today = timezone.localdate().isoformat()
    assert client.post(url, {"person": held[0].pk, "enrolled_on": today}).status_code == 302
    before = _counts()
    # The list no longer offers the person; the service refuses them even so.
    with pytest.raises(ProgrammeError, match="is already enrolled in this group"):
        enrolment_create(
            actor=actor_for_user(manager),
            group=group,
            person=held[0],
            enrolled_on=timezone.localdate(),
            today=timezone.localdate(),
        )
    Group.objects.filter(pk=group.pk).update(capacity=1)
    _refused(
        client.post(url, {"person": held[1].pk, "enrolled_on": today}),
        "The group is full: its 1 place is taken.",
    )
    _no_writes(before)


def test_ending_an_enrolment_with_an_impossible_outcome_or_date_is_refused(
    personas, client_for, manager, enrolled
):
    url = reverse("programmes:enrolment-end", args=[enrolled[0].pk])
    client = client_for(manager)
    before = _counts()
    today = timezone.localdate()
    cases = [
        (
            {"status": "withdrawn", "outcome": "completed", "completion_date": today.isoformat()},
            "Someone withdrawn or excluded has not completed the programme",
        ),
        (
            {
                "status": "completed",
                "outcome": "completed",
                "completion_date": (enrolled[0].enrolled_on - dt.timedelta(days=1)).isoformat(),
            },
            "The end date cannot be before the enrolment",
        ),
        (
            {
                "status": "completed",
                "outcome": "completed",
                "completion_date": (today + dt.timedelta(days=1)).isoformat(),
            },
            "The end date cannot be in the future.",
        ),
    ]
    for data, message in cases:
        _refused(client.post(url, {**data, "note": "Kept after the refusal"}), message)
    _no_writes(before)
    enrolled[0].refresh_from_db()
    assert enrolled[0].is_active


def test_closing_a_group_with_people_still_enrolled_is_refused(
    personas, client_for, manager, group, enrolled
):
    before = _counts()
    response = client_for(manager).post(
        reverse("programmes:group-status", args=[group.pk]), {"status": "completed"}, follow=True
    )
    assert "3 people are still enrolled" in response.content.decode()
    _no_writes(before)


# --- Attendance ----------------------------------------------------------------------------------


def test_attendance_recorded_twice_is_refused_and_the_first_register_stands(
    personas, client_for, group, enrolled
):
    session = session_at(group, days_ago=1)
    url = reverse("programmes:session-attendance", args=[session.pk])
    client = client_for(personas.specialist)
    assert client.post(url, _register(enrolled)).status_code == 302
    before = _counts()
    second = _register(enrolled, status="refused")
    second[f"note-{enrolled[0].pk}"] = "Typed into a stale form"
    response = client.post(url, second)
    _refused(response, "Attendance for this session has already been recorded.", status=409)
    # What the second user typed is still on the page for them to use.
    assert "Typed into a stale form" in response.content.decode()
    _no_writes(before)
    assert set(Attendance.objects.values_list("status", flat=True)) == {"attended"}


def test_the_database_refuses_a_second_register_even_past_the_service(personas, group, enrolled):
    session = session_at(group, days_ago=1)
    actor = actor_for_user(personas.specialist)
    entries = [AttendanceEntry(enrolment=e, status="attended") for e in enrolled]
    attendance_record(actor=actor, session=session, entries=entries, now=timezone.now())
    # As if a concurrent request had read the session before the first one committed.
    GroupSession.objects.filter(pk=session.pk).update(status=SessionStatus.SCHEDULED)
    with pytest.raises(AttendanceError, match="already been recorded"):
        attendance_record(actor=actor, session=session, entries=entries, now=timezone.now())
    assert Attendance.objects.count() == 3


def test_attendance_for_a_cancelled_session_is_refused(personas, client_for, group, enrolled):
    session = session_at(group, days_ago=1, status=SessionStatus.CANCELLED)
    before = _counts()
    response = client_for(personas.specialist).post(
        reverse("programmes:session-attendance", args=[session.pk]), _register(enrolled)
    )
    _refused(response, "This session was cancelled; attendance cannot be recorded.")
    _no_writes(before)


def test_attendance_before_the_day_of_the_session_is_refused(personas, client_for, group, enrolled):
    session = session_at(group, days_ago=-2)
    before = _counts()
    response = client_for(personas.specialist).post(
        reverse("programmes:session-attendance", args=[session.pk]), _register(enrolled)
    )
    _refused(response, "Attendance can be recorded from the day of the session")
    _no_writes(before)


def test_a_register_with_someone_left_out_names_them(personas, client_for, group, enrolled):
    session = session_at(group, days_ago=1)
    data = _register(enrolled)
    data[f"status-{enrolled[1].pk}"] = ""
    data[f"note-{enrolled[0].pk}"] = "bad\x1bnote"
    before = _counts()
    response = client_for(personas.specialist).post(
        reverse("programmes:session-attendance", args=[session.pk]), data
    )
    _refused(response, f"Choose the attendance of {enrolled[1].person.reference}.")
    assert "invisible control characters" in response.content.decode()
    _no_writes(before)


def test_only_facilitators_and_managers_record_attendance(
    personas, client_for, second_specialist, group, enrolled
):
    session = session_at(group, days_ago=1)
    url = reverse("programmes:session-attendance", args=[session.pk])
    before = _counts()
    for user in (second_specialist, personas.officer):
        assert client_for(user).post(url, _register(enrolled)).status_code == 403
    _no_writes(before)
    assert client_for(personas.supervisor).post(url, _register(enrolled)).status_code == 302


def test_a_correction_needs_a_reason_and_a_change(personas, client_for, group, enrolled):
    session = session_at(group, days_ago=1)
    actor = actor_for_user(personas.specialist)
    attendance_record(
        actor=actor,
        session=session,
        entries=[AttendanceEntry(enrolment=e, status="attended") for e in enrolled],
        now=timezone.now(),
    )
    url = reverse("programmes:session-attendance-correct", args=[session.pk])
    client = client_for(personas.specialist)
    before = _counts()
    _refused(client.post(url, _register(enrolled, status="late")), "This field is required.")
    _refused(
        client.post(url, {**_register(enrolled), "reason": "Checked again"}),
        "Nothing has changed: the attendance is as recorded.",
    )
    _no_writes(before)
    with pytest.raises(AttendanceError, match="Say why"):
        attendance_correct(
            actor=actor,
            session=session,
            entries=[AttendanceEntry(enrolment=enrolled[0], status="late")],
            reason=" ",
            now=timezone.now(),
        )
