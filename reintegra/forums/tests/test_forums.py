import datetime as dt
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reintegra.accounts.actor import actor_for_user
from reintegra.audit.models import ProcessingLogEntry
from reintegra.forums.models import (
    ActionPoint,
    ActionStatus,
    Attendance,
    ForumDocument,
    Meeting,
    Minutes,
    MinutesRevision,
    Representative,
)
from reintegra.forums.services import (
    ForumError,
    StaleMinutesError,
    action_point_close,
    action_point_create,
    attendance_save,
    meeting_create,
    minutes_save,
)
from reintegra.forums.tests.conftest import today
from reintegra.people.tests.factories import PersonFactory, admitted
from reintegra.work.models import Task, TaskStatus

pytestmark = pytest.mark.django_db


def _pdf(size: int = 200) -> bytes:
    return b"%PDF-1.4\n" + b"0" * size


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def _odt() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


# --- Pages and scope -----------------------------------------------------------------------------


def test_forum_list_shows_an_empty_state_before_any_forum(personas, client_for, coordinator):
    body = client_for(coordinator).get("/en/forums/").content.decode()
    assert "No forums yet" in body
    assert "Set up a forum" in body


def test_partner_sees_only_the_forums_their_organisation_is_member_of(
    personas, client_for, forum, actor
):
    from reintegra.forums.services import forum_create

    forum_create(
        actor=actor, name="Tirana forum", area_kind="region", area="Tirana", terms_of_reference=""
    )
    partner_page = client_for(personas.partner_user).get("/en/forums/").content.decode()
    assert "Durrës reintegration forum" in partner_page
    assert "Tirana forum" not in partner_page
    assert client_for(personas.unrelated).get(f"/en/forums/{forum.pk}/").status_code == 404


def test_coordinator_of_another_jurisdiction_gets_404_for_the_forum(
    client_for, forum, meeting, coordinator_b
):
    client = client_for(coordinator_b)
    assert client.get(f"/en/forums/{forum.pk}/").status_code == 404
    assert client.get(f"/en/forums/meetings/{meeting.pk}/").status_code == 404
    response = client.post(f"/en/forums/meetings/{meeting.pk}/decisions/new/", {"text": "X"})
    assert response.status_code == 404
    assert meeting.decisions.count() == 0


def test_partner_member_reads_but_cannot_record(personas, client_for, meeting):
    client = client_for(personas.partner_user)
    assert client.get(f"/en/forums/meetings/{meeting.pk}/").status_code == 200
    response = client.post(f"/en/forums/meetings/{meeting.pk}/decisions/new/", {"text": "X"})
    assert response.status_code == 403
    assert meeting.decisions.count() == 0


def test_forum_page_lists_members_representatives_meetings_and_open_actions(
    personas, client_for, coordinator, forum, meeting, actor
):
    action_point_create(
        actor=actor,
        meeting=meeting,
        text="Find housing options",
        owner=coordinator,
        due_on=today() + dt.timedelta(days=10),
        today=today(),
    )
    body = client_for(coordinator).get(f"/en/forums/{forum.pk}/").content.decode()
    for text in (
        "Mira Sula",
        "Ilir Leka",
        "Durrës town hall",
        "Find housing options",
        personas.social_services_a.name,
    ):
        assert text in body


def test_forum_page_query_count_is_pinned_and_constant(
    personas, client_for, coordinator, forum, meeting, actor, django_assert_max_num_queries
):
    client = client_for(coordinator)
    url = f"/en/forums/{forum.pk}/"
    client.get(url)
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    assert len(first.captured_queries) <= 14
    member = forum.members.first()
    for index in range(5):
        from reintegra.forums.services import representative_add

        representative_add(actor=actor, member=member, full_name=f"Extra Rep {index}")
        other = meeting_create(
            actor=actor,
            forum=forum,
            date=today() - dt.timedelta(days=index),
            place=f"Room {index}",
            agenda="",
        )
        action_point_create(
            actor=actor,
            meeting=other,
            text=f"Task {index}",
            owner=coordinator,
            due_on=today() + dt.timedelta(days=3),
            today=today(),
        )
    with django_assert_max_num_queries(len(first.captured_queries)):
        body = client.get(url).content.decode()
    assert all(f"Extra Rep {index}" in body for index in range(5))


def test_meeting_page_query_count_is_pinned_and_constant(
    personas, client_for, coordinator, forum, meeting, actor, django_assert_max_num_queries
):
    minutes_save(actor=actor, meeting=meeting, text="Opening minutes", version=0)
    client = client_for(coordinator)
    url = f"/en/forums/meetings/{meeting.pk}/"
    client.get(url)
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    assert len(first.captured_queries) <= 20
    from reintegra.forums.services import decision_add, representative_add

    member = forum.members.first()
    for index in range(5):
        representative_add(actor=actor, member=member, full_name=f"Register Rep {index}")
        decision_add(actor=actor, meeting=meeting, text=f"Decision {index}")
        action_point_create(
            actor=actor,
            meeting=meeting,
            text=f"Action {index}",
            owner=coordinator,
            due_on=today(),
            today=today(),
        )
        minutes_save(actor=actor, meeting=meeting, text=f"Minutes {index}", version=index + 1)
    with django_assert_max_num_queries(len(first.captured_queries)):
        body = client.get(url).content.decode()
    assert body.count("Register Rep") >= 5
    assert "Revision 6" in body


# --- Representatives -----------------------------------------------------------------------------


def test_removing_a_representative_asks_for_confirmation_first(client_for, coordinator, forum):
    representative = Representative.objects.get(full_name="Mira Sula")
    client = client_for(coordinator)
    url = f"/en/forums/representatives/{representative.pk}/remove/"
    page = client.get(url).content.decode()
    assert "Remove Mira Sula?" in page
    representative.refresh_from_db()
    assert representative.is_current
    response = client.post(url)
    assert response.status_code == 302
    representative.refresh_from_db()
    assert representative.removed_on == today()
    page = client.get(f"/en/forums/{forum.pk}/").content.decode()
    assert "Mira Sula" not in page[page.index("<h2>Members and representatives") :]


def test_adding_a_representative_with_a_user_of_another_organisation_is_refused(
    personas, client_for, coordinator, forum
):
    member = forum.members.get(organisation=personas.probation_a)
    response = client_for(coordinator).post(
        f"/en/forums/members/{member.pk}/representatives/new/",
        {"full_name": "Wrong Person", "user": str(personas.partner_user.pk)},
    )
    assert response.status_code == 400
    assert not Representative.objects.filter(full_name="Wrong Person").exists()


# --- Meetings and personal data ------------------------------------------------------------------


def test_meeting_form_without_an_individual_offers_no_person_field(client_for, coordinator, forum):
    client = client_for(coordinator)
    plain = client.get(f"/en/forums/{forum.pk}/meetings/new/").content.decode()
    assert "person_reference" not in plain
    individual = client.get(f"/en/forums/{forum.pk}/meetings/new/?about=individual")
    assert "person_reference" in individual.content.decode()


def test_a_person_posted_to_a_plain_meeting_is_ignored(personas, client_for, coordinator, forum):
    held = admitted(PersonFactory(), personas.facility_a)
    client_for(coordinator).post(
        f"/en/forums/{forum.pk}/meetings/new/",
        {"date": today().isoformat(), "place": "Hall", "person_reference": held.reference},
    )
    meeting = Meeting.objects.get(place="Hall")
    assert not meeting.discusses_individual and meeting.person_id is None


def test_service_refuses_a_person_on_a_meeting_that_discusses_no_individual(personas, forum, actor):
    held = admitted(PersonFactory(), personas.facility_a)
    with pytest.raises(ForumError, match="holds no personal data"):
        meeting_create(actor=actor, forum=forum, date=today(), place="Hall", agenda="", person=held)
    assert not Meeting.objects.filter(place="Hall").exists()


def test_meeting_about_an_individual_is_read_only_by_staff_who_see_the_person(
    personas, client_for, forum
):
    from reintegra.accounts.tests.factories import MembershipFactory, UserFactory
    from reintegra.core.roles import Role

    held = admitted(PersonFactory(), personas.facility_a)
    # A prison manager of Prisons A coordinates too: they see the person held in their facility.
    keeper = UserFactory(username="prison_coordinator")
    MembershipFactory(user=keeper, organisation=personas.prisons_a, role=Role.FORUM_COORDINATOR)
    keeper_actor = actor_for_user(keeper)
    with pytest.raises(ForumError, match="whose record you may see"):
        meeting_create(
            actor=keeper_actor,
            forum=forum,
            date=today(),
            place="Hall",
            agenda="",
            discusses_individual=True,
            person=held,
        )
    supervisor = actor_for_user(personas.supervisor)
    meeting = meeting_create(
        actor=supervisor,
        forum=forum,
        date=today(),
        place="Case room",
        agenda="Plan for release",
        discusses_individual=True,
        person=held,
    )
    partner_page = (
        client_for(personas.partner_user).get(f"/en/forums/meetings/{meeting.pk}/").content.decode()
    )
    assert held.reference not in partner_page
    assert "Plan for release" not in partner_page
    assert "shown only to staff who may see that person" in partner_page
    entries = ProcessingLogEntry.objects.filter(action="forum.meeting_create")
    assert entries.filter(subject_ids__contains=f",{held.pk},").exists()


# --- Attendance ----------------------------------------------------------------------------------


def test_attendance_is_recorded_present_absent_or_excused(client_for, coordinator, meeting):
    mira = Representative.objects.get(full_name="Mira Sula")
    ilir = Representative.objects.get(full_name="Ilir Leka")
    response = client_for(coordinator).post(
        f"/en/forums/meetings/{meeting.pk}/attendance/",
        {f"rep-{mira.pk}": "present", f"rep-{ilir.pk}": "excused"},
    )
    assert response.status_code == 302
    assert dict(Attendance.objects.values_list("representative__full_name", "status")) == {
        "Mira Sula": "present",
        "Ilir Leka": "excused",
    }


def test_attendance_with_an_unknown_status_writes_nothing(client_for, coordinator, meeting):
    mira = Representative.objects.get(full_name="Mira Sula")
    client_for(coordinator).post(
        f"/en/forums/meetings/{meeting.pk}/attendance/", {f"rep-{mira.pk}": "asleep"}
    )
    assert not Attendance.objects.exists()


def test_attendance_for_someone_off_the_register_is_refused(personas, meeting, actor, forum):
    from reintegra.forums.services import forum_create, member_add, representative_add

    elsewhere = forum_create(
        actor=actor, name="Other", area_kind="region", area="North", terms_of_reference=""
    )
    member = member_add(
        actor=actor,
        forum=elsewhere,
        organisation=personas.ngo_a,
        joined_on=today() - dt.timedelta(days=30),
    )
    stranger = representative_add(actor=actor, member=member, full_name="Stranger")
    with pytest.raises(ForumError, match="forum's representatives"):
        attendance_save(
            actor=actor, meeting=meeting, statuses={str(stranger.pk): "present"}, today=today()
        )
    assert not Attendance.objects.exists()


def test_attendance_cannot_be_taken_before_the_meeting(forum, actor):
    future = meeting_create(
        actor=actor, forum=forum, date=today() + dt.timedelta(days=3), place="Hall", agenda=""
    )
    mira = Representative.objects.get(full_name="Mira Sula")
    with pytest.raises(ForumError, match="on or after the day"):
        attendance_save(
            actor=actor, meeting=future, statuses={str(mira.pk): "present"}, today=today()
        )


# --- Minutes -------------------------------------------------------------------------------------


def test_each_save_of_the_minutes_makes_a_new_revision(meeting, actor):
    minutes_save(actor=actor, meeting=meeting, text="First draft", version=0)
    minutes_save(actor=actor, meeting=meeting, text="Second draft", version=1)
    revisions = list(MinutesRevision.objects.order_by("number").values_list("number", "text"))
    assert revisions == [(1, "First draft"), (2, "Second draft")]
    assert Minutes.objects.get(meeting=meeting).version == 2


def test_a_stale_minutes_edit_is_refused_and_the_users_text_is_shown_back(
    client_for, coordinator, meeting, actor
):
    minutes_save(actor=actor, meeting=meeting, text="Agreed: housing first", version=0)
    client = client_for(coordinator)
    # Someone else saves revision 2 while this user still edits from revision 1.
    minutes_save(actor=actor, meeting=meeting, text="Agreed: housing and work", version=1)
    response = client.post(
        f"/en/forums/meetings/{meeting.pk}/minutes/",
        {"text": "My careful rewrite of the minutes", "version": "1"},
    )
    body = response.content.decode()
    assert response.status_code == 409
    assert "Someone else saved these minutes" in body
    assert "My careful rewrite of the minutes" in body
    assert "Agreed: housing and work" in body
    assert MinutesRevision.objects.count() == 2
    with pytest.raises(StaleMinutesError):
        minutes_save(actor=actor, meeting=meeting, text="Late", version=1)
    assert 'value="2"' in body  # saving again, deliberately, is now possible


def test_empty_minutes_are_refused(client_for, coordinator, meeting):
    response = client_for(coordinator).post(
        f"/en/forums/meetings/{meeting.pk}/minutes/", {"text": "   ", "version": "0"}
    )
    assert response.status_code == 400
    assert not MinutesRevision.objects.exists()


# --- Action points -------------------------------------------------------------------------------


def test_an_action_point_without_owner_is_refused_with_a_clear_message(
    client_for, coordinator, meeting
):
    response = client_for(coordinator).post(
        f"/en/forums/meetings/{meeting.pk}/actions/new/",
        {"text": "Call the employment agency", "owner": "", "due_on": today().isoformat()},
    )
    assert response.status_code == 400
    assert "every action needs an owner" in response.content.decode()
    assert not ActionPoint.objects.exists()
    assert not Task.objects.filter(kind="forum_action").exists()


def test_service_refuses_an_action_point_without_owner(meeting, actor):
    with pytest.raises(ForumError, match="every action needs an owner"):
        action_point_create(
            actor=actor, meeting=meeting, text="X", owner=None, due_on=today(), today=today()
        )
    assert not ActionPoint.objects.exists()


def test_an_owner_outside_the_forums_members_is_refused(personas, meeting, actor):
    with pytest.raises(ForumError, match="member organisation"):
        action_point_create(
            actor=actor,
            meeting=meeting,
            text="X",
            owner=personas.unrelated,
            due_on=today(),
            today=today(),
        )
    with pytest.raises(ForumError, match="member organisation"):
        action_point_create(
            actor=actor,
            meeting=meeting,
            text="X",
            owner=personas.outsider,
            due_on=today(),
            today=today(),
        )
    assert not ActionPoint.objects.exists()


def test_an_action_point_lands_in_its_owners_work_and_leaves_it_when_done(
    personas, client_for, coordinator, meeting, actor
):
    coordinator_client = client_for(coordinator)
    coordinator_client.post(
        f"/en/forums/meetings/{meeting.pk}/actions/new/",
        {
            "text": "Share the housing list",
            "owner": str(personas.partner_user.memberships.get().pk),
            "due_on": (today() + dt.timedelta(days=14)).isoformat(),
        },
    )
    action = ActionPoint.objects.get()
    assert action.owner == personas.partner_user
    task = Task.objects.get(kind="forum_action")
    assert task.assignee == personas.partner_user
    assert task.organisation == personas.social_services_a
    owner = client_for(personas.partner_user)
    my_work = owner.get("/en/work/").content.decode()
    assert "Share the housing list" in my_work
    assert "Forum action points" in my_work
    # Another member's staff may not close it; its owner may.
    assert (
        client_for(personas.probation_officer)
        .post(f"/en/forums/actions/{action.pk}/close/")
        .status_code
        == 403
    )
    assert owner.post(f"/en/forums/actions/{action.pk}/close/").status_code == 302
    action.refresh_from_db()
    task.refresh_from_db()
    assert action.status == ActionStatus.DONE and action.completed_on == today()
    assert task.status == TaskStatus.DONE
    assert "Share the housing list" not in owner.get("/en/work/").content.decode()


def test_an_action_due_before_its_meeting_is_refused(coordinator, meeting, actor):
    with pytest.raises(ForumError, match="before the meeting"):
        action_point_create(
            actor=actor,
            meeting=meeting,
            text="X",
            owner=coordinator,
            due_on=meeting.date - dt.timedelta(days=1),
            today=today(),
        )


def test_closing_an_action_twice_is_refused(coordinator, meeting, actor):
    action = action_point_create(
        actor=actor, meeting=meeting, text="X", owner=coordinator, due_on=today(), today=today()
    )
    action_point_close(actor=actor, action=action, today=today())
    with pytest.raises(ForumError, match="already closed"):
        action_point_close(actor=actor, action=action, today=today())


# --- Documents -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "stored_as"),
    [
        ("terms.pdf", _pdf(), "pdf"),
        ("notes.docx", _docx(), "docx"),
        ("agenda.odt", _odt(), "odt"),
        ("renamed.txt", _pdf(), "pdf"),
    ],
)
def test_pdf_odt_and_docx_are_accepted_by_their_content(
    client_for, coordinator, forum, name, content, stored_as
):
    client = client_for(coordinator)
    response = client.post(
        f"/en/forums/{forum.pk}/documents/new/",
        {"title": "Terms", "file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 302
    document = ForumDocument.objects.get()
    assert document.filename == f"Terms.{stored_as}"
    download = client.get(f"/en/forums/documents/{document.pk}/")
    assert b"".join(download.streaming_content) == content


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("fake.pdf", b"MZ\x90\x00 this is an executable"),
        ("fake.docx", b"PK\x03\x04 not really a zip"),
        ("plain.odt", b"just text"),
    ],
)
def test_a_file_that_is_not_pdf_odt_or_docx_is_refused_whatever_its_name(
    client_for, coordinator, forum, name, content
):
    response = client_for(coordinator).post(
        f"/en/forums/{forum.pk}/documents/new/",
        {"title": "Bad", "file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 400
    assert "is not a PDF, ODT or DOCX document" in response.content.decode()
    assert not ForumDocument.objects.exists()


def test_a_zip_that_is_neither_odt_nor_docx_is_refused(forum, actor):
    from reintegra.forums.services import document_upload

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(ForumError, match="not a PDF, ODT or DOCX"):
        document_upload(
            actor=actor,
            forum=forum,
            meeting=None,
            title="Zip",
            upload=SimpleUploadedFile("x.docx", buffer.getvalue()),
        )


def test_an_oversize_file_is_refused(client_for, coordinator, forum):
    big = _pdf(10 * 1024 * 1024)
    response = client_for(coordinator).post(
        f"/en/forums/{forum.pk}/documents/new/",
        {"title": "Big", "file": SimpleUploadedFile("big.pdf", big)},
    )
    assert response.status_code == 400
    assert "at most 10 MB" in response.content.decode()
    assert not ForumDocument.objects.exists()


def test_a_document_of_another_jurisdiction_cannot_be_downloaded(
    client_for, coordinator, coordinator_b, forum, actor
):
    from reintegra.forums.services import document_upload

    document = document_upload(
        actor=actor,
        forum=forum,
        meeting=None,
        title="T",
        upload=SimpleUploadedFile("t.pdf", _pdf()),
    )
    assert client_for(coordinator_b).get(f"/en/forums/documents/{document.pk}/").status_code == 404


def test_an_organisation_of_another_jurisdiction_cannot_join_the_forum(personas, forum, actor):
    from reintegra.forums.services import member_add

    with pytest.raises(ForumError, match="forum's jurisdiction"):
        member_add(actor=actor, forum=forum, organisation=personas.prisons_b, joined_on=today())
    assert not forum.members.filter(organisation=personas.prisons_b).exists()


def test_an_organisation_cannot_join_twice(personas, client_for, coordinator, forum):
    response = client_for(coordinator).post(
        f"/en/forums/{forum.pk}/members/new/",
        {"organisation": str(personas.social_services_a.pk), "joined_on": today().isoformat()},
    )
    assert response.status_code == 400
    assert forum.members.filter(organisation=personas.social_services_a).count() == 1


def test_a_forum_name_is_unique_in_its_jurisdiction(client_for, coordinator, forum):
    response = client_for(coordinator).post(
        "/en/forums/new/",
        {"name": forum.name, "area_kind": "municipality", "area": "Durrës"},
    )
    assert response.status_code == 400
    assert "already exists" in response.content.decode()


def test_coordinator_plans_a_meeting_about_a_person_shared_with_them_and_reading_is_logged(
    personas, client_for, coordinator, forum
):
    from reintegra.people.models import PersonAccessGrant

    held = admitted(PersonFactory(), personas.facility_a)
    PersonAccessGrant.objects.create(
        person=held,
        organisation=personas.probation_a,
        user=coordinator,
        scopes=",supervision,",
        reason="Release planning",
        granted_by=personas.supervisor,
        valid_from=today(),
    )
    client = client_for(coordinator)
    unknown = client.post(
        f"/en/forums/{forum.pk}/meetings/new/?about=individual",
        {"date": today().isoformat(), "place": "Case room", "person_reference": "NOPE-1"},
    )
    assert unknown.status_code == 400
    assert "No person you may see has this reference" in unknown.content.decode()
    assert not Meeting.objects.filter(place="Case room").exists()
    response = client.post(
        f"/en/forums/{forum.pk}/meetings/new/?about=individual",
        {"date": today().isoformat(), "place": "Case room", "person_reference": held.reference},
    )
    meeting = Meeting.objects.get(place="Case room")
    assert response.status_code == 302
    assert meeting.discusses_individual and meeting.person == held
    page = client.get(f"/en/forums/meetings/{meeting.pk}/").content.decode()
    assert held.reference in page
    assert ProcessingLogEntry.objects.filter(
        action="forum.meeting_view", subject_ids__contains=f",{held.pk},"
    ).exists()
    action = action_point_create(
        actor=actor_for_user(coordinator),
        meeting=meeting,
        text=f"Call {held.reference}",
        owner=coordinator,
        due_on=today(),
        today=today(),
    )
    # The task every work list shows names no one.
    task = Task.objects.get(kind="forum_action", source_id=str(action.pk))
    assert held.reference not in task.title


def test_an_organisation_leaving_takes_its_representatives_off_future_registers(
    personas, forum, meeting, actor
):
    from reintegra.forums.selectors import meeting_register
    from reintegra.forums.services import member_leave

    member = forum.members.get(organisation=personas.social_services_a)
    with pytest.raises(ForumError, match="before it joined"):
        member_leave(actor=actor, member=member, left_on=member.joined_on - dt.timedelta(days=1))
    member_leave(actor=actor, member=member, left_on=today())
    later = meeting_create(
        actor=actor, forum=forum, date=today() + dt.timedelta(days=7), place="Hall", agenda=""
    )
    names = {row.representative.full_name for row in meeting_register(later)}
    assert names == {"Ilir Leka"}
    assert "Mira Sula" in {row.representative.full_name for row in meeting_register(meeting)}
    with pytest.raises(ForumError, match="already left"):
        member_leave(actor=actor, member=member, left_on=today())
