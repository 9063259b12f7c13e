import datetime as dt

import pytest

from reintegra.accounts.actor import actor_for_user
from reintegra.forums.models import ActionPoint, ActionStatus, Forum
from reintegra.forums.services import (
    action_point_close,
    action_point_create,
    attendance_save,
    forum_create,
    meeting_create,
    member_add,
    representative_add,
)
from reintegra.forums.statistics import coordination_statistics
from reintegra.forums.tests.conftest import today

pytestmark = pytest.mark.django_db


@pytest.fixture
def known(personas, coordinator, forum, actor):
    """Two meetings held and one planned; social services present twice and absent once,
    probation excused once and present once; one overdue action, one open, one done late."""
    mira = forum.members.get(organisation=personas.social_services_a).representatives.get()
    ilir = forum.members.get(organisation=personas.probation_a).representatives.get()
    first = meeting_create(
        actor=actor, forum=forum, date=today() - dt.timedelta(days=60), place="Hall", agenda=""
    )
    second = meeting_create(
        actor=actor, forum=forum, date=today() - dt.timedelta(days=30), place="Hall", agenda=""
    )
    meeting_create(
        actor=actor, forum=forum, date=today() + dt.timedelta(days=30), place="Hall", agenda=""
    )
    attendance_save(
        actor=actor,
        meeting=first,
        statuses={str(mira.pk): "present", str(ilir.pk): "excused"},
        today=today(),
    )
    attendance_save(
        actor=actor,
        meeting=second,
        statuses={str(mira.pk): "present", str(ilir.pk): "present"},
        today=today(),
    )
    third_rep = representative_add(
        actor=actor,
        member=forum.members.get(organisation=personas.social_services_a),
        full_name="Second Social",
    )
    attendance_save(
        actor=actor, meeting=second, statuses={str(third_rep.pk): "absent"}, today=today()
    )
    action_point_create(
        actor=actor,
        meeting=first,
        text="Overdue",
        owner=coordinator,
        due_on=today() - dt.timedelta(days=5),
        today=today(),
    )
    action_point_create(
        actor=actor,
        meeting=second,
        text="Open",
        owner=coordinator,
        due_on=today() + dt.timedelta(days=5),
        today=today(),
    )
    late = action_point_create(
        actor=actor,
        meeting=first,
        text="Done late",
        owner=coordinator,
        due_on=today() - dt.timedelta(days=20),
        today=today(),
    )
    action_point_close(actor=actor, action=late, today=today())
    # A forum of another jurisdiction, whose figures must never be counted.
    other_actor = actor_for_user(personas.outsider)
    elsewhere = forum_create(
        actor=other_actor, name="Niš", area_kind="municipality", area="Niš", terms_of_reference=""
    )
    member = member_add(
        actor=other_actor,
        forum=elsewhere,
        organisation=personas.prisons_b,
        joined_on=today() - dt.timedelta(days=90),
    )
    rep = representative_add(actor=other_actor, member=member, full_name="B rep")
    held = meeting_create(
        actor=other_actor,
        forum=elsewhere,
        date=today() - dt.timedelta(days=3),
        place="B",
        agenda="",
    )
    attendance_save(
        actor=other_actor, meeting=held, statuses={str(rep.pk): "present"}, today=today()
    )
    return forum


def test_statistics_count_meetings_held_attendance_by_agency_type_and_overdue_actions(known):
    stats = coordination_statistics(Forum.objects.filter(pk=known.pk), today=today())
    [figures] = stats.forums
    assert figures.meetings_held == 2
    assert figures.actions_open == 2
    assert figures.actions_overdue == 1
    by_type = {row.type_code: row.counts for row in figures.attendance}
    assert by_type == {
        "social_services": {"present": 2, "excused": 0, "absent": 1},
        "probation_service": {"present": 1, "excused": 1, "absent": 0},
    }
    social = next(row for row in figures.attendance if row.type_code == "social_services")
    assert social.present_share == 67
    widths = [width for _status, _x, width, _count, _fill in social.bars(300)]
    assert widths == [200, 0, 100]


def test_jurisdiction_statistics_page_counts_only_its_own_forums(client_for, coordinator, known):
    body = client_for(coordinator).get("/en/forums/statistics/").content.decode()
    assert "<svg" in body and "Attendance by agency type" in body
    assert "<strong>2</strong> meetings held" in body
    assert "<strong>1</strong> overdue" in body
    assert "Niš" not in body


def test_statistics_csv_has_one_row_per_forum_and_agency_type(client_for, coordinator, known):
    response = client_for(coordinator).get("/en/forums/statistics.csv")
    text = b"".join(response.streaming_content).decode()
    lines = text.strip().splitlines()
    assert lines[0].lstrip("\ufeff").startswith("Forum,Meetings held,Actions open,Actions overdue")
    assert len(lines) == 3
    assert any(",2,2,1,Social services," in line and line.endswith(",2,0,1") for line in lines)


def test_per_forum_statistics_page_and_refusal_for_member_staff(
    personas, client_for, coordinator, known
):
    page = client_for(coordinator).get(f"/en/forums/{known.pk}/statistics/")
    assert page.status_code == 200
    assert known.name in page.content.decode()
    assert client_for(personas.partner_user).get("/en/forums/statistics/").status_code == 403


def test_an_action_closed_after_its_due_date_is_not_overdue(known):
    assert ActionPoint.objects.filter(status=ActionStatus.DONE).count() == 1
    stats = coordination_statistics(Forum.objects.filter(pk=known.pk), today=today())
    assert stats.actions_overdue == 1


def test_forum_list_and_statistics_take_constant_queries(
    personas, client_for, coordinator, known, actor, django_assert_max_num_queries
):
    client = client_for(coordinator)
    for url in ("/en/forums/", "/en/forums/statistics/"):
        client.get(url)
    with django_assert_max_num_queries(8):
        client.get("/en/forums/")
    with django_assert_max_num_queries(10):
        client.get("/en/forums/statistics/")
    for index in range(4):
        extra = forum_create(
            actor=actor,
            name=f"Extra forum {index}",
            area_kind="region",
            area="North",
            terms_of_reference="",
        )
        member = member_add(
            actor=actor,
            forum=extra,
            organisation=personas.ngo_a,
            joined_on=today() - dt.timedelta(days=40),
        )
        rep = representative_add(actor=actor, member=member, full_name=f"Rep {index}")
        held = meeting_create(
            actor=actor, forum=extra, date=today() - dt.timedelta(days=2), place="Hall", agenda=""
        )
        attendance_save(actor=actor, meeting=held, statuses={str(rep.pk): "present"}, today=today())
    with django_assert_max_num_queries(8):
        body = client.get("/en/forums/").content.decode()
    assert "Extra forum 3" in body
    with django_assert_max_num_queries(10):
        body = client.get("/en/forums/statistics/").content.decode()
    assert "<strong>6</strong> meetings held" in body
