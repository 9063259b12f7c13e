"""A session whose time has passed without a register is in its facilitators' "My work"."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reintegra.accounts.actor import actor_for_user
from reintegra.programmes.models import GroupStatus, SessionStatus
from reintegra.programmes.providers import session_attendance_items
from reintegra.programmes.sessions import AttendanceEntry, attendance_record
from reintegra.programmes.tests.factories import EnrolmentFactory, GroupFactory, session_at


def _titles(client) -> str:
    return client.get(reverse("work:my-work")).content.decode()


def test_a_past_session_without_attendance_is_in_its_facilitators_my_work_only(
    personas, client_for, second_specialist, group
) -> None:
    session_at(group, days_ago=2, title="Conflict and anger")
    session_at(group, days_ago=-3, title="Future session")
    page = _titles(client_for(personas.specialist))
    assert "Conflict and anger" in page
    assert "Session attendance to record" in page
    assert "Future session" not in page
    for someone_else in (second_specialist, personas.officer, personas.supervisor):
        assert "Conflict and anger" not in _titles(client_for(someone_else))


def test_the_session_leaves_my_work_once_recorded_or_cancelled(personas, client_for, group, held):
    enrolment = EnrolmentFactory(group=group, person=held[0], enrolled_by=personas.supervisor)
    recorded = session_at(group, days_ago=3, title="Recorded session")
    cancelled = session_at(group, days_ago=2, title="Cancelled session")
    client = client_for(personas.specialist)
    assert "Recorded session" in _titles(client) and "Cancelled session" in _titles(client)

    attendance_record(
        actor=actor_for_user(personas.specialist),
        session=recorded,
        entries=[AttendanceEntry(enrolment=enrolment, status="attended")],
        now=timezone.now(),
    )
    client_for(personas.specialist).post(
        reverse("programmes:session-cancel", args=[cancelled.pk]),
        {"reason": "The classroom was closed for repairs."},
    )
    cancelled.refresh_from_db()
    assert cancelled.status == SessionStatus.CANCELLED
    page = _titles(client)
    assert "Recorded session" not in page and "Cancelled session" not in page


def test_sessions_of_a_closed_group_or_another_facility_are_not_listed(personas, group) -> None:
    closed = GroupFactory(
        facility=personas.facility_a,
        status=GroupStatus.COMPLETED,
        facilitators=[personas.specialist],
    )
    session_at(closed, days_ago=1, title="Closed group session")
    items = list(session_attendance_items(actor_for_user(personas.specialist)))
    assert items == []


def test_the_provider_reads_in_one_query_however_many_sessions(personas, group) -> None:
    actor = actor_for_user(personas.specialist)
    for days_ago in range(1, 6):
        session_at(group, days_ago=days_ago)
    with CaptureQueriesContext(connection) as queries:
        items = list(session_attendance_items(actor))
    assert len(items) == 5
    assert len(queries) == 1
    # Oldest first: the most overdue register leads.
    assert items[0].due == timezone.localdate() - dt.timedelta(days=5)
    assert "/programmes/sessions/" in items[0].url
