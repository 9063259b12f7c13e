"""The journey the issue asks for: a catalogue entry, a group run over several sessions with
attendance recorded and corrected, outcomes recorded, the group closed."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from reintegra.audit.models import Category, ProcessingLogEntry
from reintegra.programmes.models import (
    Attendance,
    Enrolment,
    Group,
    GroupSession,
    GroupStatus,
    Module,
    Programme,
    SessionStatus,
    SessionTemplate,
)


def _register(session: GroupSession, statuses: list[str], notes: dict[int, str] | None = None):
    roster = list(
        Enrolment.objects.filter(group=session.group).order_by(
            "person__family_name_latin", "person__given_name_latin", "id"
        )
    )
    data = {}
    for index, (enrolment, status) in enumerate(zip(roster, statuses, strict=True)):
        data[f"status-{enrolment.pk}"] = status
        data[f"note-{enrolment.pk}"] = (notes or {}).get(index, "")
    return data


def test_manager_builds_a_programme_in_the_catalogue(personas, client_for, manager) -> None:
    client = client_for(manager)
    response = client.post(
        reverse("programmes:programme-new"),
        {
            "name": "Carpentry workshop",
            "code": "carpentry",
            "kind": "vocational_workshop",
            "duration_weeks": "10",
            "description": "Joinery basics towards a recognised certificate.",
            "facilitator_requirements": "Certified instructor.",
            "is_active": "on",
        },
    )
    programme = Programme.objects.get(code="carpentry")
    assert response["Location"] == reverse("programmes:programme-detail", args=[programme.pk])
    assert programme.jurisdiction_id == "AL" and programme.kind == "vocational_workshop"

    for title in ("Tools and safety", "Joints"):
        client.post(reverse("programmes:module-new", args=[programme.pk]), {"title": title})
    first, second = Module.objects.filter(programme=programme).order_by("order")
    assert (first.order, first.title, second.order) == (1, "Tools and safety", 2)
    url = reverse("programmes:session-template-new", args=[programme.pk])
    for module, title in ((first, "The workshop"), (first, "Hand tools"), (second, "Mortise")):
        client.post(url, {"module": module.pk, "title": title, "duration_minutes": "120"})
    assert list(SessionTemplate.objects.filter(module=first).values_list("order", "title")) == [
        (1, "The workshop"),
        (2, "Hand tools"),
    ]

    page = client.get(reverse("programmes:programme-detail", args=[programme.pk])).content.decode()
    assert "Mortise" in page and "Vocational workshop" in page
    catalogue = client_for(personas.officer).get(reverse("programmes:programme-list"))
    assert "Carpentry workshop" in catalogue.content.decode()
    assert ProcessingLogEntry.objects.filter(action="programme.create").count() == 1


def test_a_group_runs_over_several_sessions_with_attendance(
    personas, client_for, manager, programme, held
) -> None:
    today = timezone.localdate()
    managing = client_for(manager)
    facilitating = client_for(personas.specialist)

    # The manager sets the group up, three weeks ago, with the specialist facilitating.
    response = managing.post(
        reverse("programmes:group-new", args=[programme.pk]),
        {
            "name": "Winter group",
            "facility": personas.facility_a.pk,
            "start_date": (today - dt.timedelta(days=21)).isoformat(),
            "end_date": "",
            "capacity": "8",
            "facilitators": [personas.specialist.pk],
        },
    )
    group = Group.objects.get(name="Winter group")
    assert response["Location"] == reverse("programmes:group-detail", args=[group.pk])
    assert group.end_date == group.start_date + dt.timedelta(weeks=12, days=-1)

    for person in held:
        managing.post(
            reverse("programmes:enrol", args=[group.pk]),
            {"person": person.pk, "enrolled_on": group.start_date.isoformat()},
        )
    assert group.enrolments.filter(status="enrolled").count() == 3

    templates = list(SessionTemplate.objects.filter(module__programme=programme))
    for days_ago, template in zip((20, 13, 6), templates, strict=True):
        managing.post(
            reverse("programmes:session-new", args=[group.pk]),
            {
                "template": template.pk,
                "date": (today - dt.timedelta(days=days_ago)).isoformat(),
                "time": "10:00",
                "location": "Classroom 2",
            },
        )
    sessions = list(group.sessions.order_by("scheduled_for"))
    assert [s.title for s in sessions] == ["Getting started", "Goals", "Who I am"]

    # The facilitator records each register from the session's page.
    registers = [
        ["attended", "attended", "late"],
        ["attended", "unexcused", "excused"],
        ["refused", "attended", "attended"],
    ]
    for session, statuses in zip(sessions, registers, strict=True):
        url = reverse("programmes:session-attendance", args=[session.pk])
        assert facilitating.get(url).status_code == 200
        response = facilitating.post(
            url, _register(session, statuses, notes={0: "Engaged well with the exercise."})
        )
        assert response.status_code == 302, response.content.decode()
    assert Attendance.objects.filter(session__group=group).count() == 9
    assert set(group.sessions.values_list("status", flat=True)) == {SessionStatus.HELD}
    note = Attendance.objects.filter(session=sessions[0]).exclude(note="").get()
    assert note.note == "Engaged well with the exercise."

    # A mistake is corrected, with a reason, as an alteration.
    second = sessions[1]
    correction = _register(
        second, ["attended", "excused", "excused"], notes={0: "Engaged well with the exercise."}
    )
    correction["reason"] = "The absence was a medical appointment, confirmed by the clinic."
    response = facilitating.post(
        reverse("programmes:session-attendance-correct", args=[second.pk]), correction
    )
    assert response.status_code == 302
    entry = ProcessingLogEntry.objects.get(action="programme.attendance_correct")
    assert entry.category == Category.ALTERATION
    assert "medical appointment" in entry.justification
    assert list(entry.details.values()) == ["unexcused→excused"]

    # The group page shows the attendance grid and who attended how often.
    page = managing.get(reverse("programmes:group-detail", args=[group.pk])).content.decode()
    assert page.count("Refused to attend") == 1
    assert "Excused absence" in page and "Late" in page

    # Outcomes for everyone, then the group is closed.
    for enrolment, status, outcome in zip(
        group.enrolments.order_by("person__family_name_latin"),
        ("completed", "completed", "withdrawn"),
        ("completed", "partially_completed", "not_completed"),
        strict=True,
    ):
        response = managing.post(
            reverse("programmes:enrolment-end", args=[enrolment.pk]),
            {
                "status": status,
                "outcome": outcome,
                "completion_date": today.isoformat(),
                "note": "Reviewed with the person.",
            },
        )
        assert response.status_code == 302, response.content.decode()
    managing.post(reverse("programmes:group-status", args=[group.pk]), {"status": "completed"})
    group.refresh_from_db()
    assert group.status == GroupStatus.COMPLETED
    finished = Enrolment.objects.get(person=held[2], group=group)
    assert (
        finished.outcome == "not_completed" and finished.outcome_note == "Reviewed with the person."
    )

    # The person's page counts the sessions by attendance.
    person_page = managing.get(reverse("people:person-detail", args=[held[0].pk]))
    section = next(
        s for s in person_page.context["sections"] if s.template == "programmes/person_section.html"
    )
    (row,) = section.context["rows"]
    statuses = ("attended", "late", "excused", "unexcused", "refused")
    assert dict(zip(statuses, row["counts"], strict=True)) == {
        "attended": 2,
        "late": 0,
        "excused": 0,
        "unexcused": 0,
        "refused": 1,
    }


def test_attendance_notes_are_kept_from_prison_officers(personas, client_for, group, held) -> None:
    from reintegra.programmes.tests.factories import EnrolmentFactory, session_at

    for person in held:
        EnrolmentFactory(group=group, person=person, enrolled_by=personas.supervisor)
    session = session_at(group, days_ago=2, location="Library")
    client_for(personas.specialist).post(
        reverse("programmes:session-attendance", args=[session.pk]),
        _register(session, ["attended"] * 3, notes={1: "Talked about his family at length."}),
    )
    url = reverse("programmes:session-attendance", args=[session.pk])
    assert "Talked about his family" in client_for(personas.supervisor).get(url).content.decode()
    officer_page = client_for(personas.officer).get(url)
    assert officer_page.status_code == 200
    assert "Talked about his family" not in officer_page.content.decode()
    assert "Attended" in officer_page.content.decode()
