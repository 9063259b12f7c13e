import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from reintegra.accounts.actor import actor_for_user
from reintegra.accounts.tests.factories import MembershipFactory, UserFactory
from reintegra.audit.models import ProcessingLogEntry
from reintegra.core.roles import Role
from reintegra.people.models import DataSubjectCategory, PersonAccessGrant
from reintegra.people.tests.factories import PersonFactory
from reintegra.probation.models import (
    ComplianceStep,
    Contact,
    ContactStatus,
    RiskReview,
    SupervisionCase,
    SupervisionStatus,
)
from reintegra.probation.services import (
    contact_record,
    risk_review_record,
    supervision_close,
)
from reintegra.work.models import Task, TaskStatus


def _today() -> dt.date:
    return timezone.localdate()


def _contact(personas, case, days_ago=0, status=ContactStatus.ATTENDED, **extra) -> Contact:
    return contact_record(
        actor=actor_for_user(personas.probation_officer),
        case=case,
        scheduled_for=_today() - dt.timedelta(days=days_ago),
        kind=extra.pop("kind", "office"),
        status=status,
        notes=extra.pop("notes", ""),
        today=_today(),
    )


def _contact_form(**changes) -> dict:
    data = {
        "scheduled_for": _today().isoformat(),
        "kind": "home",
        "status": "attended",
        "notes": "Found at home; job interview on Monday.",
    }
    data.update(changes)
    return data


def test_the_officer_records_a_contact_and_the_first_contact_task_closes(
    personas, client_for, case
) -> None:
    client = client_for(personas.probation_officer)
    response = client.post(f"/en/probation/{case.pk}/contacts/new/", _contact_form())
    assert response["Location"] == f"/en/probation/{case.pk}/"
    contact = Contact.objects.get()
    assert (
        contact.status == ContactStatus.ATTENDED
        and contact.recorded_by == personas.probation_officer
    )
    assert Task.objects.get(kind="supervision_opened").status == TaskStatus.DONE
    assert "job interview on Monday" in client.get(f"/en/probation/{case.pk}/").content.decode()


def test_a_contact_for_a_closed_case_is_refused_with_a_message_and_nothing_is_written(
    personas, client_for, case
) -> None:
    supervision_close(
        actor=actor_for_user(personas.probation_officer),
        case=case,
        closed_on=_today(),
        outcome="completed",
        note="",
        today=_today(),
    )
    client = client_for(personas.probation_officer)
    page = client.get(f"/en/probation/{case.pk}/contacts/new/").content.decode()
    assert "This supervision case is closed" in page and 'name="kind"' not in page
    logged = ProcessingLogEntry.objects.count()
    response = client.post(f"/en/probation/{case.pk}/contacts/new/", _contact_form())
    body = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in body
    assert "This supervision case is closed: no contact can be recorded on it." in body
    assert "job interview on Monday" in body
    assert not Contact.objects.exists()
    assert not ProcessingLogEntry.objects.filter(action__startswith="supervision.contact").exists()
    assert ProcessingLogEntry.objects.count() == logged


def test_bad_contacts_are_refused_with_clear_messages(personas, client_for, case) -> None:
    SupervisionCase.objects.filter(pk=case.pk).update(start_date=_today() - dt.timedelta(days=10))
    client = client_for(personas.probation_officer)
    url = f"/en/probation/{case.pk}/contacts/new/"
    yesterday = (_today() - dt.timedelta(days=1)).isoformat()
    tomorrow = (_today() + dt.timedelta(days=1)).isoformat()
    before = (_today() - dt.timedelta(days=11)).isoformat()
    cases = [
        ({"status": "planned", "scheduled_for": yesterday}, "A planned contact must be today or"),
        ({"status": "attended", "scheduled_for": tomorrow}, "the date cannot be in the future"),
        ({"status": "missed", "scheduled_for": before}, "before supervision began"),
        ({"kind": "carrier_pigeon"}, "Select a valid choice."),
    ]
    for changes, message in cases:
        response = client.post(url, _contact_form(**changes))
        assert response.status_code == 400, changes
        assert message in response.content.decode(), changes
    assert not Contact.objects.exists()


def test_a_missed_contact_puts_a_task_in_the_officers_my_work(personas, client_for, case) -> None:
    client = client_for(personas.probation_officer)
    client.post(f"/en/probation/{case.pk}/contacts/new/", _contact_form(status="missed"))
    task = Task.objects.get(kind="missed_contact")
    assert task.assignee == personas.probation_officer
    assert task.due == _today() + dt.timedelta(days=7)
    work = client.get("/en/work/").content.decode()
    assert "Missed contact: decide the next step" in work and case.person.reference in work
    # A warning is the officer's answer: the task is done.
    response = client.post(
        f"/en/probation/{case.pk}/compliance/new/",
        {"date": _today().isoformat(), "kind": "warning", "note": "Warned in writing."},
    )
    assert response.status_code == 302
    assert ComplianceStep.objects.get().kind == "warning"
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE


def test_a_planned_contact_is_in_my_work_until_its_outcome_is_recorded(
    personas, client_for, case
) -> None:
    planned = _contact(personas, case, status=ContactStatus.PLANNED, kind="phone")
    client = client_for(personas.probation_officer)
    assert "record whether it was attended" in client.get("/en/work/").content.decode()
    url = f"/en/probation/contacts/{planned.pk}/outcome/"
    response = client.post(url, {"status": "missed", "notes": "No answer, twice."})
    assert response.status_code == 302
    planned.refresh_from_db()
    assert planned.status == ContactStatus.MISSED and planned.notes == "No answer, twice."
    assert Task.objects.filter(kind="missed_contact", status=TaskStatus.OPEN).count() == 1
    assert "record whether it was attended" not in client.get("/en/work/").content.decode()
    again = client.post(url, {"status": "attended", "notes": ""})
    assert again.status_code == 400
    assert "already been recorded" in again.content.decode()


def test_a_risk_review_asking_for_reassessment_creates_a_reassessment_task(
    personas, client_for, case
) -> None:
    client = client_for(personas.probation_officer)
    response = client.post(
        f"/en/probation/{case.pk}/reviews/new/",
        {
            "date": _today().isoformat(),
            "summary": "Renewed contact with a former co-defendant.",
            "concern_raised": "on",
            "opens_reassessment": "on",
        },
    )
    assert response.status_code == 302
    review = RiskReview.objects.get()
    assert review.concern_raised and review.opens_reassessment
    task = Task.objects.get(kind="reassessment")
    assert task.assignee == personas.probation_officer and task.source_id == str(review.pk)
    case.person.refresh_from_db()
    assert case.person.next_review_due == _today() + dt.timedelta(days=30)
    assert "Reassessment" in client.get("/en/work/").content.decode()


def test_a_risk_review_without_concern_asks_for_nothing(personas, case) -> None:
    risk_review_record(
        actor=actor_for_user(personas.probation_officer),
        case=case,
        date=_today(),
        summary="Stable; works at the bakery.",
        concern_raised=False,
        opens_reassessment=False,
        today=_today(),
    )
    assert not Task.objects.filter(kind="reassessment").exists()


def test_closing_a_case_records_its_outcome_and_ends_its_work(personas, client_for, case) -> None:
    _contact(personas, case, status=ContactStatus.MISSED)
    client = client_for(personas.probation_officer)
    url = f"/en/probation/{case.pk}/close/"
    refused = client.post(url, {"closed_on": _today().isoformat(), "outcome": "other", "note": ""})
    assert refused.status_code == 400
    assert "Say how the supervision ended." in refused.content.decode()
    response = client.post(url, {"closed_on": _today().isoformat(), "outcome": "completed"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == SupervisionStatus.CLOSED and case.closure_outcome == "completed"
    assert not Task.objects.filter(
        kind__in=["missed_contact", "supervision_opened"], status=TaskStatus.OPEN
    ).exists()


def test_prison_staff_and_other_services_cannot_write_supervision(
    personas, client_for, case
) -> None:
    other = UserFactory(username="other_probation")
    MembershipFactory(user=other, organisation=personas.probation_a, role=Role.PROBATION_OFFICER)
    url = f"/en/probation/{case.pk}/"
    # Released people leave the facility's list; the facility's staff no longer reach them.
    assert client_for(personas.specialist).get(url).status_code == 404
    assert client_for(personas.partner_user).get(url).status_code == 404
    # The grant named one officer: a colleague of the same service does not see the case.
    assert client_for(other).get(url).status_code == 404
    assert client_for(personas.specialist).get("/en/probation/").status_code == 403


def test_a_non_custodial_case_is_opened_by_the_officer_for_a_person_they_can_see(
    personas, client_for
) -> None:
    person = PersonFactory(in_custody=False, family_name="Communityorder")
    PersonAccessGrant.objects.create(
        person=person,
        organisation=personas.probation_a,
        user=personas.probation_officer,
        scopes=",identity,supervision,",
        reason="Court order",
        granted_by=personas.supervisor,
        valid_from=_today(),
    )
    client = client_for(personas.probation_officer)
    person_page = client.get(f"/en/people/{person.pk}/").content.decode()
    assert "Open a supervision case" in person_page
    url = f"/en/probation/people/{person.pk}/new/"
    future = client.post(url, {"start_date": (_today() + dt.timedelta(days=3)).isoformat()})
    assert future.status_code == 400 and "on or after the day supervision starts" in (
        future.content.decode()
    )
    response = client.post(url, {"start_date": _today().isoformat()})
    case = SupervisionCase.objects.get()
    assert response["Location"] == f"/en/probation/{case.pk}/"
    assert case.origin == "non_custodial_sentence" and case.officer == personas.probation_officer
    person.refresh_from_db()
    assert person.data_subject_category == DataSubjectCategory.NON_CUSTODIAL
    second = client.post(url, {"start_date": _today().isoformat()})
    assert "already has an active supervision case" in second.content.decode()
    assert client_for(personas.supervisor).get(url).status_code == 404


def test_caseload_shows_next_contact_and_missed_contacts_in_constant_queries(
    personas, client_for, case, django_assert_max_num_queries
) -> None:
    _contact(personas, case, status=ContactStatus.MISSED)
    planned = _contact(personas, case, status=ContactStatus.PLANNED)
    Contact.objects.filter(pk=planned.pk).update(scheduled_for=_today() + dt.timedelta(days=5))
    client = client_for(personas.probation_officer)
    client.get("/en/probation/")
    with CaptureQueriesContext(connection) as first:
        body = client.get("/en/probation/").content.decode()
    # The log append takes an advisory lock on PostgreSQL: one query more than on SQLite.
    assert len(first.captured_queries) <= 14
    assert case.person.reference in body
    row = body[body.index(case.person.reference) :]
    assert (_today() + dt.timedelta(days=5)).strftime("%-d %b %Y") in row
    assert '<span class="tag tag-overdue">1</span>' in row
    for index in range(3):
        other = PersonFactory(in_custody=False, family_name=f"Caseload{index}")
        PersonAccessGrant.objects.create(
            person=other,
            organisation=personas.probation_a,
            user=personas.probation_officer,
            scopes=",supervision,",
            reason="Court order",
            granted_by=personas.supervisor,
            valid_from=_today(),
        )
        extra = SupervisionCase.objects.create(
            person=other,
            origin="non_custodial_sentence",
            organisation=personas.probation_a,
            officer=personas.probation_officer,
            start_date=_today(),
        )
        _contact(personas, extra, status=ContactStatus.MISSED)
    with django_assert_max_num_queries(len(first.captured_queries)):
        body = client.get("/en/probation/").content.decode()
    assert body.count("Caseload") == 3


def test_case_page_query_count_is_pinned_and_constant(
    personas, client_for, case, django_assert_max_num_queries
) -> None:
    _contact(personas, case)
    client = client_for(personas.probation_officer)
    url = f"/en/probation/{case.pk}/"
    client.get(url)
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    assert len(first.captured_queries) <= 20
    for days in range(3):
        _contact(personas, case, status=ContactStatus.MISSED, notes=f"Missed note {days}")
    with django_assert_max_num_queries(len(first.captured_queries)):
        body = client.get(url).content.decode()
    assert body.count("Missed note") == 3


def test_supervision_free_text_is_encrypted_at_rest(personas, case) -> None:
    actor = actor_for_user(personas.probation_officer)
    _contact(personas, case, notes="Plaintext contact note")
    risk_review_record(
        actor=actor,
        case=case,
        date=_today(),
        summary="Plaintext review summary",
        concern_raised=False,
        opens_reassessment=False,
        today=_today(),
    )
    from reintegra.probation.services import compliance_step_record, condition_add

    condition_add(
        actor=actor, case=case, text="Plaintext condition", start_date=_today(), end_date=None
    )
    compliance_step_record(
        actor=actor, case=case, date=_today(), kind="warning", note="Plaintext step", today=_today()
    )
    supervision_close(
        actor=actor,
        case=case,
        closed_on=_today(),
        outcome="transferred",
        note="Plaintext closing",
        today=_today(),
    )
    tables = {
        "probation_contact": "notes",
        "probation_riskreview": "summary",
        "probation_condition": "text",
        "probation_compliancestep": "note",
        "probation_supervisioncase": "closure_note",
    }
    for table, column in tables.items():
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {column} FROM {table}")  # noqa: S608
            values = [row[0] for row in cursor.fetchall()]
        assert values and all(value.startswith("v1:") for value in values), table
        assert not any("Plaintext" in value for value in values), table
    assert Contact.objects.get().notes == "Plaintext contact note"
