import datetime as dt

from django.urls import reverse

from reintegra.accounts.actor import actor_for_user
from reintegra.audit.models import Category, ProcessingLogEntry
from reintegra.people.services import access_grant
from reintegra.plans.models import Plan
from reintegra.plans.services import plan_start
from reintegra.plans.tests.conftest import TODAY, approved_plan, detail_url


def _grant(personas, person, scopes):
    return access_grant(
        actor=actor_for_user(personas.supervisor),
        person=person,
        organisation=personas.probation_a,
        scopes=list(scopes),
        reason="Handover before release",
        valid_from=dt.date.today(),
    )


def test_probation_without_a_plan_grant_gets_404(personas, client_for, held, assessed):
    plan = approved_plan(personas, held)
    probation = client_for(personas.probation_officer)
    assert probation.get(reverse("plans:plan-person", args=[held.pk])).status_code == 404
    assert probation.get(detail_url(plan)).status_code == 404
    _grant(personas, held, ["identity", "release"])
    assert probation.get(reverse("plans:plan-person", args=[held.pk])).status_code == 404
    assert probation.get(detail_url(plan)).status_code == 404
    person_page = probation.get(reverse("people:person-detail", args=[held.pk]))
    assert person_page.status_code == 200
    assert "Rehabilitation plan" not in person_page.content.decode()
    assert ProcessingLogEntry.objects.filter(
        category=Category.DENIED, object_type="plans.plan", object_id=str(plan.pk)
    ).exists()


def test_probation_with_a_plan_grant_reads_the_plan_in_force_and_nothing_more(
    personas, client_for, held, assessed
):
    plan = approved_plan(personas, held)
    _grant(personas, held, ["plan"])
    probation = client_for(personas.probation_officer)
    response = probation.get(reverse("plans:plan-person", args=[held.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Builds ties to a community outside the movement." in body
    assert reverse("plans:plan-edit", args=[plan.pk]) not in body
    assert "Add an objective" not in body
    assert "Record a review" not in body
    assert "Start a revised plan" not in body
    assert "Read the assessment" not in body
    assert probation.get(detail_url(plan)).status_code == 200
    assert probation.get(reverse("plans:review-new", args=[plan.pk])).status_code == 403
    assert probation.post(reverse("plans:plan-new", args=[held.pk])).status_code == 403
    person_page = probation.get(reverse("people:person-detail", args=[held.pk])).content.decode()
    assert reverse("plans:plan-person", args=[held.pk]) in person_page


def test_probation_never_sees_a_draft(personas, client_for, held, assessed):
    plan = approved_plan(personas, held)
    draft = plan_start(actor=actor_for_user(personas.specialist), person=held, today=TODAY())
    _grant(personas, held, ["plan"])
    probation = client_for(personas.probation_officer)
    assert probation.get(detail_url(draft)).status_code == 404
    body = probation.get(reverse("plans:plan-person", args=[held.pk])).content.decode()
    assert reverse("plans:plan-detail", args=[draft.pk]) not in body
    assert reverse("plans:plan-detail", args=[plan.pk]) in body


def test_a_prison_officer_reads_the_plan_but_cannot_write_it(personas, client_for, held, assessed):
    plan = approved_plan(personas, held)
    officer = client_for(personas.officer)
    assert officer.get(detail_url(plan)).status_code == 200
    assert officer.post(reverse("plans:plan-new", args=[held.pk])).status_code == 403
    assert officer.get(reverse("plans:review-new", args=[plan.pk])).status_code == 403
    assert Plan.objects.count() == 1


def test_staff_of_another_jurisdiction_get_404(personas, client_for, held, assessed):
    plan = approved_plan(personas, held)
    outsider = client_for(personas.outsider)
    assert outsider.get(reverse("plans:plan-person", args=[held.pk])).status_code == 404
    assert outsider.get(detail_url(plan)).status_code == 404
    assert outsider.post(reverse("plans:plan-new", args=[held.pk])).status_code == 404


def test_reading_the_plan_is_logged_as_a_consultation(personas, client_for, held, assessed):
    plan = approved_plan(personas, held)
    client_for(personas.officer).get(detail_url(plan))
    entry = ProcessingLogEntry.objects.filter(action="plan.view").get()
    assert entry.category == Category.CONSULTATION
    assert str(held.pk) in entry.subjects
