import datetime as dt

from django.utils import timezone

from reintegra.accounts.actor import actor_for_user
from reintegra.accounts.models import Membership
from reintegra.accounts.tests.factories import MembershipFactory, UserFactory
from reintegra.audit.models import Category, ProcessingLogEntry
from reintegra.core.roles import Role
from reintegra.people.models import CustodyEpisode, DataSubjectCategory, PersonAccessGrant
from reintegra.probation.models import SupervisionCase
from reintegra.release.models import Handover, ReleasePlan, ReleasePlanStatus
from reintegra.release.tests.factories import ADMITTED, handed_over, opened_plan, releasing_in
from reintegra.work.models import Task, TaskStatus


def _handover_form(personas, **changes) -> dict:
    data = {
        "membership": str(Membership.objects.get(user=personas.probation_officer).pk),
        "scopes": ["identity", "release", "supervision"],
        "handed_over_on": timezone.localdate().isoformat(),
        "notes": "Sister's flat in Durrës; work offer from a bakery.",
    }
    data.update(changes)
    return data


def test_handover_is_checked_then_confirmed_and_grants_exactly_the_chosen_scopes(
    personas, client_for
) -> None:
    held = releasing_in(personas, 5)
    plan = opened_plan(personas, held)
    client = client_for(personas.supervisor)
    url = f"/en/release/{plan.pk}/handover/"
    check = client.post(url, _handover_form(personas, scopes=["release", "supervision"]))
    assert check.status_code == 200
    assert "Check the handover before you confirm it" in check.content.decode()
    assert not Handover.objects.exists() and not PersonAccessGrant.objects.exists()
    changing = client.post(
        url, {**_handover_form(personas, scopes=["release", "supervision"]), "change": "1"}
    )
    assert 'name="confirmed"' not in changing.content.decode()
    assert "Sister&#x27;s flat in Durrës" in changing.content.decode()
    confirmed = client.post(
        url, {**_handover_form(personas, scopes=["release", "supervision"]), "confirmed": "1"}
    )
    assert confirmed["Location"] == f"/en/release/{plan.pk}/"
    grant = PersonAccessGrant.objects.get()
    assert grant.scope_list == ["release", "supervision"]
    assert grant.user == personas.probation_officer
    assert grant.organisation == personas.probation_a
    assert ProcessingLogEntry.objects.get(action="person.access_grant").category == (
        Category.DISCLOSURE
    )
    received = Task.objects.get(kind="handover_received")
    assert received.assignee == personas.probation_officer

    probation = client_for(personas.probation_officer)
    plan_page = probation.get(f"/en/release/people/{held.pk}/")
    assert plan_page.status_code == 200
    assert "Sister&#x27;s flat in Durrës" in plan_page.content.decode()
    assert "Edit the pathway" not in plan_page.content.decode()
    person_page = probation.get(f"/en/people/{held.pk}/").content.decode()
    assert "Preparation for release" in person_page
    # Identity and assessments were not handed over, so they stay closed.
    assert "Date of birth" not in person_page and "Screening and assessment" not in person_page
    assert probation.get(f"/en/release/{plan.pk}/checklist/").status_code == 403


def test_a_handover_without_the_release_scope_keeps_the_plan_closed_to_probation(
    personas, client_for
) -> None:
    held = releasing_in(personas, 5)
    plan = opened_plan(personas, held)
    handed_over(personas, plan, scopes=["identity", "supervision"])
    probation = client_for(personas.probation_officer)
    assert probation.get(f"/en/release/{plan.pk}/").status_code == 404
    person_page = probation.get(f"/en/people/{held.pk}/").content.decode()
    assert "Date of birth" in person_page and "Preparation for release" not in person_page


def test_bad_handovers_are_refused_with_a_clear_message_and_nothing_is_written(
    personas, client_for
) -> None:
    plan = opened_plan(personas, releasing_in(personas, 5))
    client = client_for(personas.supervisor)
    url = f"/en/release/{plan.pk}/handover/"
    colleague = UserFactory(username="prison_colleague")
    wrong = MembershipFactory(user=colleague, organisation=personas.prisons_a, role=Role.SPECIALIST)
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    cases = [
        ({"scopes": ["identity", "release"]}, "A handover always includes probation supervision"),
        ({"membership": str(wrong.pk)}, "Select a valid choice."),
        ({"handed_over_on": tomorrow}, "the date cannot be in the future"),
    ]
    for changes, message in cases:
        response = client.post(url, {**_handover_form(personas, **changes), "confirmed": "1"})
        assert response.status_code == 400, changes
        body = response.content.decode()
        assert "There is a problem" in body and message in body, changes
    assert not Handover.objects.exists() and not PersonAccessGrant.objects.exists()
    assert not Task.objects.filter(kind="handover_received").exists()


def _release(client, person, date: dt.date):
    return client.post(
        f"/en/release/people/{person.pk}/release/", {"date": date.isoformat(), "confirm": "on"}
    )


def test_release_before_admission_or_in_the_future_is_refused_and_nothing_changes(
    personas, client_for
) -> None:
    held = releasing_in(personas, 2)
    plan = opened_plan(personas, held)
    client = client_for(personas.supervisor)
    before_admission = _release(client, held, ADMITTED - dt.timedelta(days=1))
    assert before_admission.status_code == 400
    assert "The release cannot be before the admission date (2022-03-01)." in (
        before_admission.content.decode()
    )
    future = _release(client, held, timezone.localdate() + dt.timedelta(days=1))
    assert future.status_code == 400
    assert "the date cannot be in the future" in future.content.decode()
    unconfirmed = client.post(
        f"/en/release/people/{held.pk}/release/", {"date": timezone.localdate().isoformat()}
    )
    assert "Confirm that the person has left custody." in unconfirmed.content.decode()
    held.refresh_from_db()
    plan.refresh_from_db()
    assert held.in_custody and held.current_facility == personas.facility_a
    assert CustodyEpisode.objects.get(person=held).actual_release_date is None
    assert plan.status == ReleasePlanStatus.OPEN
    assert not ProcessingLogEntry.objects.filter(action="person.release").exists()


def test_release_of_a_handed_over_person_closes_the_plan_and_opens_supervision(
    personas, client_for
) -> None:
    held = releasing_in(personas, 1)
    plan = opened_plan(personas, held)
    handover = handed_over(personas, plan)
    today = timezone.localdate()
    response = _release(client_for(personas.supervisor), held, today)
    # The facility no longer holds the person, so its staff go back to their list.
    assert response["Location"] == "/en/people/"
    held.refresh_from_db()
    plan.refresh_from_db()
    assert not held.in_custody and held.current_facility is None
    assert held.data_subject_category == DataSubjectCategory.RELEASED
    assert CustodyEpisode.objects.get(person=held).actual_release_date == today
    assert plan.status == ReleasePlanStatus.CLOSED and plan.closed_on == today
    case = SupervisionCase.objects.get(person=held)
    assert case.officer == personas.probation_officer and case.start_date == today
    assert case.organisation == personas.probation_a and case.handover == handover
    assert Task.objects.get(kind="handover_received").status == TaskStatus.DONE
    assert Task.objects.get(kind="release_plan_opened").status == TaskStatus.DONE
    first = Task.objects.get(kind="supervision_opened")
    assert first.assignee == personas.probation_officer and first.status == TaskStatus.OPEN
    work = client_for(personas.probation_officer).get("/en/work/").content.decode()
    assert "Plan the first contact" in work


def test_release_without_a_handover_opens_no_supervision(personas) -> None:
    from reintegra.release.services import release_record

    held = releasing_in(personas, 1)
    opened_plan(personas, held)
    release_record(
        actor=actor_for_user(personas.supervisor),
        person=held,
        date=timezone.localdate(),
        today=timezone.localdate(),
    )
    assert ReleasePlan.objects.get().status == ReleasePlanStatus.CLOSED
    assert not SupervisionCase.objects.exists()


def test_a_closed_plan_takes_no_more_changes(personas, client_for) -> None:
    from reintegra.release.services import release_record

    held = releasing_in(personas, 1)
    plan = opened_plan(personas, held)
    release_record(
        actor=actor_for_user(personas.supervisor),
        person=held,
        date=timezone.localdate(),
        today=timezone.localdate(),
    )
    prison_hq = UserFactory(username="hq_specialist")
    MembershipFactory(user=prison_hq, organisation=personas.prisons_a, role=Role.SPECIALIST)
    client = client_for(prison_hq)
    response = client.get(f"/en/release/{plan.pk}/checklist/", follow=True)
    assert "This release plan is closed" in response.content.decode()
    assert "Update the checklist" not in client.get(f"/en/release/{plan.pk}/").content.decode()
