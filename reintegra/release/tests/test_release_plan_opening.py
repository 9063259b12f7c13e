import datetime as dt

from django.core.management import call_command
from django.utils import timezone

from reintegra.audit.models import ProcessingLogEntry
from reintegra.release.models import PathwayEntry, ReadinessItem, ReleasePlan
from reintegra.release.readiness import standard_checklist
from reintegra.release.services import months_after
from reintegra.release.tests.factories import handed_over, opened_plan, releasing_in
from reintegra.work.models import Task, TaskStatus


def _run(today=None) -> None:
    arguments = ["--today", today.isoformat()] if today else []
    call_command("open_release_plans", *arguments, stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_open_release_plans_opens_a_plan_once_within_nine_months_and_not_before(personas) -> None:
    soon = releasing_in(personas, 8)
    later = releasing_in(personas, 10)
    _run()
    _run()
    plan = ReleasePlan.objects.get()
    assert plan.person == soon and plan.opened_by is None
    assert PathwayEntry.objects.filter(plan=plan).count() == 6
    assert ReadinessItem.objects.filter(plan=plan).count() == len(standard_checklist())
    opened = Task.objects.get(kind="release_plan_opened")
    assert opened.person == soon and opened.roles == ",specialist,"
    assert opened.facility == personas.facility_a
    assert ProcessingLogEntry.objects.filter(action="release_plan.open").count() == 1
    # A month on, the later release enters the nine months and its plan opens, once.
    next_month = months_after(timezone.localdate(), 1) + dt.timedelta(days=1)
    _run(next_month)
    _run(next_month)
    assert ReleasePlan.objects.filter(person=later).count() == 1
    assert ReleasePlan.objects.count() == 2


def test_the_months_before_release_come_from_the_settings(personas, settings) -> None:
    settings.RELEASE_PLAN_MONTHS_BEFORE = 12
    releasing_in(personas, 11)
    _run()
    assert ReleasePlan.objects.count() == 1


def test_a_handover_is_asked_for_within_six_months_and_once(personas, client_for) -> None:
    near = releasing_in(personas, 5, family_name="Nearrelease")
    far = releasing_in(personas, 8, family_name="Farrelease")
    _run()
    _run()
    due = Task.objects.get(kind="handover_due")
    assert due.person == near and due.roles == ",specialist,supervisor,"
    assert not Task.objects.filter(kind="handover_due", person=far).exists()
    body = client_for(personas.supervisor).get("/en/work/").content.decode()
    assert "Hand over to probation" in body and near.reference in body
    specialist_work = client_for(personas.specialist).get("/en/work/").content.decode()
    assert "Prepare the release plan" in specialist_work


def test_a_handover_closes_its_task_and_the_next_run_asks_for_nothing(personas) -> None:
    near = releasing_in(personas, 5)
    _run()
    handed_over(personas, ReleasePlan.objects.get(person=near))
    assert Task.objects.get(kind="handover_due").status == TaskStatus.DONE
    _run()
    assert Task.objects.filter(kind="handover_due").count() == 1


def test_people_released_or_without_an_expected_date_get_no_plan(personas) -> None:
    no_date = releasing_in(personas, 3)
    no_date.custody_episodes.update(expected_release_date=None)
    _run()
    assert not ReleasePlan.objects.exists()


def test_a_specialist_opens_a_plan_early_and_a_second_one_is_refused(personas, client_for) -> None:
    held = releasing_in(personas, 30)
    client = client_for(personas.specialist)
    response = client.post(f"/en/release/people/{held.pk}/open/")
    plan = ReleasePlan.objects.get()
    assert response["Location"] == f"/en/release/{plan.pk}/"
    assert plan.opened_by == personas.specialist
    again = client.post(f"/en/release/people/{held.pk}/open/", follow=True)
    assert "A release plan is already open for this person" in again.content.decode()
    assert ReleasePlan.objects.count() == 1
    _run()
    assert ReleasePlan.objects.count() == 1


def test_officers_cannot_open_plans_and_partners_see_nothing(personas, client_for) -> None:
    held = releasing_in(personas, 3)
    assert (
        client_for(personas.officer).post(f"/en/release/people/{held.pk}/open/").status_code == 403
    )
    plan = opened_plan(personas, held)
    assert client_for(personas.officer).get(f"/en/release/{plan.pk}/").status_code == 200
    for user in (personas.partner_user, personas.probation_officer):
        assert client_for(user).get(f"/en/release/{plan.pk}/").status_code == 404
        assert client_for(user).get(f"/en/release/people/{held.pk}/").status_code == 404
