"""Starting, changing, cancelling and closing a group."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from reintegra.accounts.actor import actor_for_user
from reintegra.audit.models import ProcessingLogEntry
from reintegra.programmes.models import EnrolmentStatus, GroupStatus, Outcome, SessionStatus
from reintegra.programmes.sessions import AttendanceEntry, attendance_record
from reintegra.programmes.tests.factories import EnrolmentFactory, session_at


def _edit(group, **changes) -> dict:
    data = {
        "name": group.name,
        "facility": group.facility_id,
        "start_date": group.start_date.isoformat(),
        "end_date": group.end_date.isoformat(),
        "capacity": str(group.capacity),
        "facilitators": [user.pk for user in group.facilitators.all()],
    }
    data.update(changes)
    return data


def test_a_planned_group_is_started_by_a_manager(personas, client_for, manager, group) -> None:
    group.status = GroupStatus.PLANNED
    group.save()
    client_for(manager).post(
        reverse("programmes:group-status", args=[group.pk]), {"status": "running"}
    )
    group.refresh_from_db()
    assert group.status == GroupStatus.RUNNING


def test_a_group_that_never_met_is_cancelled_with_its_sessions_and_places(
    personas, client_for, manager, group, held
) -> None:
    enrolment = EnrolmentFactory(group=group, person=held[0], enrolled_by=manager)
    upcoming = session_at(group, days_ago=-7)
    client = client_for(manager)
    url = reverse("programmes:group-status", args=[group.pk])
    response = client.post(url, {"status": "cancelled", "reason": ""}, follow=True)
    assert "Say why the group is cancelled." in response.content.decode()
    client.post(url, {"status": "cancelled", "reason": "The facilitator left the service."})
    group.refresh_from_db()
    upcoming.refresh_from_db()
    enrolment.refresh_from_db()
    assert group.status == GroupStatus.CANCELLED
    assert upcoming.status == SessionStatus.CANCELLED
    assert (enrolment.status, enrolment.outcome) == (
        EnrolmentStatus.WITHDRAWN,
        Outcome.NOT_COMPLETED,
    )
    entry = ProcessingLogEntry.objects.get(action="programme.group_cancelled")
    assert str(held[0].pk) in entry.subject_ids


def test_a_group_that_has_met_cannot_be_cancelled(personas, client_for, manager, group, held):
    enrolment = EnrolmentFactory(group=group, person=held[0], enrolled_by=manager)
    attendance_record(
        actor=actor_for_user(personas.specialist),
        session=session_at(group, days_ago=1),
        entries=[AttendanceEntry(enrolment=enrolment, status="attended")],
        now=timezone.now(),
    )
    response = client_for(manager).post(
        reverse("programmes:group-status", args=[group.pk]),
        {"status": "cancelled", "reason": "Changed our minds."},
        follow=True,
    )
    assert "cannot be cancelled; close it" in response.content.decode()
    group.refresh_from_db()
    assert group.status == GroupStatus.RUNNING


def test_editing_a_group_keeps_its_sessions_and_people_inside_it(
    personas, client_for, manager, group, held
) -> None:
    for person in held:
        EnrolmentFactory(group=group, person=person, enrolled_by=manager)
    session_at(group, days_ago=-14)
    client = client_for(manager)
    url = reverse("programmes:group-edit", args=[group.pk])
    shorter = client.post(url, _edit(group, end_date=timezone.localdate().isoformat()))
    assert shorter.status_code == 400
    assert "Sessions are scheduled outside these dates" in shorter.content.decode()
    smaller = client.post(url, _edit(group, capacity="2"))
    assert "3 people are enrolled" in smaller.content.decode()
    longer = client.post(
        url, _edit(group, end_date=(group.end_date + dt.timedelta(weeks=2)).isoformat())
    )
    assert longer.status_code == 302
    previous_end = group.end_date
    group.refresh_from_db()
    assert group.end_date == previous_end + dt.timedelta(weeks=2)
