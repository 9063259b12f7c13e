import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from reintegra.accounts.actor import actor_for_user
from reintegra.audit.models import ProcessingLogEntry
from reintegra.release.models import (
    CaseConference,
    ConferenceAttendee,
    Handover,
    Pathway,
    PathwayEntry,
    ReadinessItem,
    ReadinessState,
    ReleasePlanStatus,
)
from reintegra.release.readiness import readiness_validate, standard_checklist
from reintegra.release.services import case_conference_record, readiness_checklist_update
from reintegra.release.services.plans import AttendeeInput
from reintegra.release.tests.factories import handed_over, opened_plan, releasing_in
from reintegra.work.models import Task, TaskStatus


def _conference_form(**changes) -> dict:
    data = {
        "held_on": timezone.localdate().isoformat(),
        "person_participation": "attended",
        "participation_note": "",
        "decisions": "Release address agreed; mentor to meet him at the gate.",
        "next_steps": "Probation to visit the address before release.",
        "attendees-TOTAL_FORMS": "2",
        "attendees-INITIAL_FORMS": "0",
        "attendees-MIN_NUM_FORMS": "0",
        "attendees-MAX_NUM_FORMS": "60",
        "attendees-0-name": "Drita Hoxha",
        "attendees-0-organisation": "Demo Prison North",
        "attendees-0-role": "Psychologist",
        "attendees-0-agency_type": "prison",
        "attendees-1-name": "",
    }
    data.update(changes)
    return data


def test_a_case_conference_is_recorded_with_attendees_who_need_no_account(
    personas, client_for
) -> None:
    plan = opened_plan(personas, releasing_in(personas, 5))
    client = client_for(personas.specialist)
    url = f"/en/release/{plan.pk}/conferences/new/"
    more = client.post(url, _conference_form(**{"more_rows": "1"}))
    body = more.content.decode()
    assert more.status_code == 200 and "There is a problem" not in body
    assert 'value="Drita Hoxha"' in body and "attendees-6-name" in body
    response = client.post(
        url,
        _conference_form(
            **{
                "attendees-1-name": "Ilir Berisha",
                "attendees-1-organisation": "Social Services of Durrës",
                "attendees-1-agency_type": "partner",
            }
        ),
    )
    assert response["Location"] == f"/en/release/{plan.pk}/"
    conference = CaseConference.objects.get()
    assert [a.name for a in conference.attendees.all()] == ["Drita Hoxha", "Ilir Berisha"]
    page = client.get(f"/en/release/{plan.pk}/").content.decode()
    assert "Release address agreed" in page and "Social Services of Durrës" in page


def test_bad_conferences_are_refused_with_a_clear_message_and_nothing_is_written(
    personas, client_for
) -> None:
    plan = opened_plan(personas, releasing_in(personas, 5))
    client = client_for(personas.specialist)
    url = f"/en/release/{plan.pk}/conferences/new/"
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    cases = [
        ({"held_on": tomorrow}, "the date cannot be in the future"),
        ({"held_on": "2020-01-01"}, "The conference cannot be before the person&#x27;s admission"),
        ({"attendees-0-name": ""}, "Give the name of the person who took part."),
        (
            {"attendees-0-name": "", "attendees-0-organisation": "", "attendees-0-role": "",
             "attendees-0-agency_type": ""},
            "List at least one person who took part.",
        ),
        ({"person_participation": "not_invited"}, "Say why the person was not invited."),
        ({"decisions": ""}, "This field is required."),
    ]  # fmt: skip
    for changes, message in cases:
        response = client.post(url, _conference_form(**changes))
        assert response.status_code == 400, changes
        body = response.content.decode()
        assert "There is a problem" in body and message in body, changes
        # What the user typed is still there.
        assert "Release address agreed" in body or changes.get("decisions") == ""
    assert not CaseConference.objects.exists() and not ConferenceAttendee.objects.exists()


def test_the_plan_is_ready_only_when_every_checklist_item_is_resolved(personas, client_for) -> None:
    plan = opened_plan(personas, releasing_in(personas, 5))
    client = client_for(personas.specialist)
    refused = client.post(f"/en/release/{plan.pk}/status/", {"status": "ready"}, follow=True)
    assert "checklist items are still not done" in refused.content.decode()
    items = list(ReadinessItem.objects.filter(plan=plan))
    data = {f"state_{item.pk}": "done" for item in items}
    data.update({f"note_{item.pk}": "" for item in items})
    data[f"state_{items[0].pk}"] = "not_applicable"
    data[f"note_{items[0].pk}"] = "Returns to the family home."
    assert client.post(f"/en/release/{plan.pk}/checklist/", data).status_code == 302
    assert ReadinessItem.objects.filter(plan=plan, state=ReadinessState.DONE).count() == (
        len(items) - 1
    )
    assert ReadinessItem.objects.get(pk=items[0].pk).checked_by == personas.specialist
    client.post(f"/en/release/{plan.pk}/status/", {"status": "ready"})
    plan.refresh_from_db()
    assert plan.status == ReleasePlanStatus.READY
    assert Task.objects.get(kind="release_plan_opened").status == TaskStatus.DONE


def test_a_pathway_saved_by_someone_else_is_not_overwritten_unseen(personas, client_for) -> None:
    plan = opened_plan(personas, releasing_in(personas, 5))
    entry = PathwayEntry.objects.get(plan=plan, pathway=Pathway.ACCOMMODATION)
    url = f"/en/release/pathways/{entry.pk}/"
    form = {
        "version": "1",
        "status": "in_progress",
        "needs": "Needs an address away from his former associates.",
        "actions": "",
        "notes": "",
        "responsible_organisation": str(personas.social_services_a.pk),
        "responsible_membership": "",
    }
    assert client_for(personas.specialist).post(url, form).status_code == 302
    entry.refresh_from_db()
    assert entry.version == 2 and entry.responsible_organisation == personas.social_services_a
    late = client_for(personas.supervisor).post(url, {**form, "needs": "Shelter in Tirana."})
    body = late.content.decode()
    assert late.status_code == 400 and "Someone else saved this pathway" in body
    assert "Shelter in Tirana." in body and "away from his former associates" in body
    entry.refresh_from_db()
    assert entry.needs == "Needs an address away from his former associates."


def test_free_text_is_encrypted_at_rest(personas) -> None:
    plan = opened_plan(personas, releasing_in(personas, 5))
    actor = actor_for_user(personas.specialist)
    PathwayEntry.objects.filter(plan=plan, pathway=Pathway.HEALTH).update()
    entry = PathwayEntry.objects.get(plan=plan, pathway=Pathway.HEALTH)
    entry.needs, entry.actions, entry.notes = "Insulin daily", "Clinic referral", "Asked twice"
    entry.save()
    item = ReadinessItem.objects.filter(plan=plan).first()
    readiness_checklist_update(
        actor=actor,
        plan=plan,
        answers={str(item.pk): ("done", "Passport renewed")},
        today=timezone.localdate(),
    )
    case_conference_record(
        actor=actor,
        plan=plan,
        held_on=timezone.localdate(),
        attendees=[AttendeeInput("Drita", "Prison", "Psychologist", "prison")],
        participation="declined",
        participation_note="Said he was tired",
        decisions="Secret decision",
        next_steps="Secret next step",
        today=timezone.localdate(),
    )
    handed_over(personas, plan)
    tables = {
        "release_pathwayentry": ["needs", "actions", "notes"],
        "release_readinessitem": ["note"],
        "release_caseconference": ["participation_note", "decisions", "next_steps"],
        "release_handover": ["notes"],
    }
    plaintext = ["Insulin", "Clinic", "Asked", "Passport", "tired", "Secret", "Durrës"]
    for table, columns in tables.items():
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {', '.join(columns)} FROM {table}")  # noqa: S608
            rows = cursor.fetchall()
        values = [value for row in rows for value in row if value]
        assert values, table
        assert all(value.startswith("v1:") for value in values), table
        assert not any(word in value for value in values for word in plaintext), table
    assert Handover.objects.get().notes.startswith("Lives with his sister")


def test_plan_page_query_count_is_pinned_and_constant(
    personas, client_for, django_assert_max_num_queries
) -> None:
    plan = opened_plan(personas, releasing_in(personas, 5))
    handed_over(personas, plan)
    client = client_for(personas.specialist)
    url = f"/en/release/{plan.pk}/"
    actor = actor_for_user(personas.specialist)

    def conference() -> None:
        case_conference_record(
            actor=actor,
            plan=plan,
            held_on=timezone.localdate(),
            attendees=[AttendeeInput("A", "", "", "prison"), AttendeeInput("B", "", "", "partner")],
            participation="attended",
            participation_note="",
            decisions="Agreed.",
            next_steps="",
            today=timezone.localdate(),
        )

    conference()
    client.get(url)
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    assert len(first.captured_queries) <= 20
    for _ in range(3):
        conference()
    with django_assert_max_num_queries(len(first.captured_queries)):
        body = client.get(url).content.decode()
    assert body.count("Agreed.") == 4
    assert ProcessingLogEntry.objects.filter(action="release_plan.view").exists()


def test_person_page_section_shows_progress_in_few_queries(
    personas, client_for, django_assert_max_num_queries
) -> None:
    from reintegra.release.sections import release_section

    held = releasing_in(personas, 5)
    plan = opened_plan(personas, held)
    specialist = actor_for_user(personas.specialist)
    with django_assert_max_num_queries(1):
        section = release_section(specialist, held)
    assert section.context["plan"] == plan
    body = client_for(personas.specialist).get(f"/en/people/{held.pk}/").content.decode()
    total = len(standard_checklist())
    assert f"0 of {total} items resolved" in body


def test_the_shipped_checklist_is_valid_and_a_missing_language_is_reported() -> None:
    assert len(standard_checklist()) >= 12
    assert {item.pathway for item in standard_checklist()} == set(Pathway.values)
    broken = {"version": 1, "pathways": {p: [] for p in Pathway.values}}
    broken["pathways"]["health"] = [{"code": "doctor", "labels": {"en": "See a doctor"}}]
    errors = readiness_validate(broken)
    assert errors and errors[0].startswith("pathways/health/0/labels")
