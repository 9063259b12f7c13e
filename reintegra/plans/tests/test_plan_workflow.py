import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from reintegra.accounts.actor import actor_for_user
from reintegra.audit.models import ProcessingLogEntry
from reintegra.plans.lifecycle import plan_approve, plan_review_add, plan_submit
from reintegra.plans.models import (
    Intervention,
    Objective,
    ObjectiveStatus,
    Plan,
    PlanReview,
    PlanStatus,
)
from reintegra.plans.selectors import plan_objectives
from reintegra.plans.services import PlanError, plan_save, plan_start
from reintegra.plans.tests.conftest import (
    TODAY,
    approved_plan,
    complete_draft,
    detail_url,
    intervention_data,
    locked_assessment,
    objective_data,
)
from reintegra.work.models import Task, TaskStatus


def _start(client, person) -> Plan:
    response = client.post(reverse("plans:plan-new", args=[person.pk]))
    assert response.status_code == 302, response.content.decode()
    return Plan.objects.get(person=person, status=PlanStatus.DRAFT)


def test_a_specialist_drafts_and_submits_and_a_supervisor_puts_the_plan_in_force(
    personas, client_for, held, assessed
):
    specialist = client_for(personas.specialist)
    plan = _start(specialist, held)
    assert plan.based_on == assessed
    response = specialist.post(
        reverse("plans:objective-new", args=[plan.pk]), objective_data(plan.version)
    )
    assert response.status_code == 302
    objective = Objective.objects.get(plan=plan)
    plan.refresh_from_db()
    specialist.post(
        reverse("plans:intervention-new", args=[objective.pk]),
        intervention_data(personas, plan.version),
    )
    assert Intervention.objects.get(objective=objective).owner_user == personas.specialist
    plan.refresh_from_db()
    specialist.post(
        reverse("plans:plan-edit", args=[plan.pk]),
        {"version": plan.version, "person_view": "Wants a job.", "agreement": "agreed"},
    )
    plan.refresh_from_db()
    check = specialist.get(reverse("plans:plan-submit", args=[plan.pk]))
    assert "Submit for countersignature" in check.content.decode()
    specialist.post(reverse("plans:plan-submit", args=[plan.pk]), {"version": plan.version})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED
    assert Task.objects.get(kind="plan_countersignature", status=TaskStatus.OPEN).roles == (
        ",supervisor,"
    )

    client_for(personas.supervisor).post(
        reverse("plans:plan-countersign", args=[plan.pk]), {"decision": "approve"}
    )
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED
    assert plan.approver == personas.supervisor
    assert plan.next_review_date > TODAY()
    assert not Task.objects.filter(kind="plan_countersignature", status=TaskStatus.OPEN).exists()
    review_task = Task.objects.get(kind="plan_review", status=TaskStatus.OPEN)
    assert review_task.due == plan.next_review_date
    actions = set(
        ProcessingLogEntry.objects.filter(subject_ids__contains=str(held.pk)).values_list(
            "action", flat=True
        )
    )
    assert {
        "plan.start",
        "plan.objective_add",
        "plan.intervention_add",
        "plan.save",
        "plan.submit",
        "plan.approve",
        "plan.submit_open",
    } <= actions


def test_the_plan_page_shows_which_needs_have_no_objective_yet(
    personas, client_for, held, assessed
):
    complete_draft(personas, held)
    body = (
        client_for(personas.specialist)
        .get(reverse("plans:plan-person", args=[held.pk]))
        .content.decode()
    )
    assert "1 need has no objective yet" in body
    assert "Education and work" in body
    assert "?need=work" in body


def test_starting_a_plan_without_a_locked_assessment_is_refused_with_a_clear_message(
    personas, client_for, held
):
    response = client_for(personas.specialist).post(reverse("plans:plan-new", args=[held.pk]))
    assert response.status_code == 409
    assert "has none yet" in response.content.decode()
    assert not Plan.objects.exists()
    with pytest.raises(PlanError, match="countersigned assessment"):
        plan_start(actor=actor_for_user(personas.specialist), person=held, today=TODAY())


def test_only_one_plan_is_in_progress_per_person(personas, client_for, held, assessed):
    complete_draft(personas, held)
    response = client_for(personas.supervisor).post(reverse("plans:plan-new", args=[held.pk]))
    assert response.status_code == 400
    assert "already in progress" in response.content.decode()
    assert Plan.objects.count() == 1


def test_an_author_cannot_countersign_their_own_plan(personas, client_for, held, assessed):
    plan = complete_draft(personas, held, author=personas.supervisor)
    supervisor = client_for(personas.supervisor)
    supervisor.post(reverse("plans:plan-submit", args=[plan.pk]), {"version": plan.version})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED
    response = supervisor.post(
        reverse("plans:plan-countersign", args=[plan.pk]), {"decision": "approve"}, follow=True
    )
    assert "You cannot countersign your own plan." in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED
    with pytest.raises(PlanError, match="your own plan"):
        plan_approve(actor=actor_for_user(personas.supervisor), plan=plan, today=TODAY())


def test_database_refuses_a_plan_approved_by_its_author(personas, held, assessed):
    plan = complete_draft(personas, held)
    with pytest.raises(IntegrityError), transaction.atomic():
        Plan.objects.filter(pk=plan.pk).update(approver=personas.specialist)


def test_a_specialist_without_countersigning_rights_cannot_countersign(
    personas, client_for, held, assessed
):
    plan = complete_draft(personas, held, author=personas.supervisor)
    client_for(personas.supervisor).post(
        reverse("plans:plan-submit", args=[plan.pk]), {"version": plan.version}
    )
    response = client_for(personas.specialist).get(
        reverse("plans:plan-countersign", args=[plan.pk])
    )
    assert response.status_code == 403


def test_returning_needs_comments_and_gives_the_draft_back_to_its_author(
    personas, client_for, held, assessed
):
    plan = complete_draft(personas, held)
    specialist = client_for(personas.specialist)
    specialist.post(reverse("plans:plan-submit", args=[plan.pk]), {"version": plan.version})
    url = reverse("plans:plan-countersign", args=[plan.pk])
    supervisor = client_for(personas.supervisor)
    refused = supervisor.post(url, {"decision": "return", "comments": ""})
    assert refused.status_code == 400
    assert "Say what must change" in refused.content.decode()
    supervisor.post(url, {"decision": "return", "comments": "Add a family objective."})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.RETURNED
    assert Task.objects.get(kind="plan_returned", status=TaskStatus.OPEN).assignee == (
        personas.specialist
    )
    assert "Add a family objective." in specialist.get(detail_url(plan)).content.decode()
    assert specialist.get(reverse("plans:plan-edit", args=[plan.pk])).status_code == 200


def test_submitting_an_incomplete_plan_lists_what_is_missing(personas, client_for, held, assessed):
    specialist = client_for(personas.specialist)
    plan = _start(specialist, held)
    response = specialist.post(
        reverse("plans:plan-submit", args=[plan.pk]), {"version": plan.version}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Add at least one objective." in body
    assert "Record whether the person agrees with the plan." in body
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT


def test_a_submitted_plan_cannot_be_edited(personas, client_for, held, assessed):
    plan = complete_draft(personas, held)
    specialist = client_for(personas.specialist)
    specialist.post(reverse("plans:plan-submit", args=[plan.pk]), {"version": plan.version})
    plan.refresh_from_db()
    assert specialist.get(reverse("plans:plan-edit", args=[plan.pk])).status_code == 403
    assert specialist.get(reverse("plans:objective-new", args=[plan.pk])).status_code == 403


def test_a_revision_starts_from_the_plan_in_force_which_becomes_history_when_approved(
    personas, client_for, held, assessed, spj_version
):
    first = approved_plan(personas, held)
    Objective.objects.create(
        plan=first,
        need_code="work",
        description="Done already.",
        target_date=TODAY(),
        status=ObjectiveStatus.ACHIEVED,
    )
    reassessed = locked_assessment(personas, held, spj_version, needs=("belonging", "work"))
    specialist = client_for(personas.specialist)
    second = _start(specialist, held)
    assert second.supersedes == first
    assert second.based_on == reassessed
    copied = Objective.objects.get(plan=second)
    assert copied.need_code == "belonging"
    assert copied.interventions.get().kind == "education"
    assert second.agreement == ""
    plan_page = specialist.get(reverse("plans:plan-person", args=[held.pk])).content.decode()
    assert "A revised version of this plan is in progress." in plan_page

    second = complete_draft_fields(personas, second)
    client_for(personas.supervisor).post(
        reverse("plans:plan-countersign", args=[second.pk]), {"decision": "approve"}
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (PlanStatus.SUPERSEDED, PlanStatus.APPROVED)
    assert Task.objects.filter(kind="plan_review", status=TaskStatus.OPEN).count() == 1
    history = specialist.get(reverse("plans:plan-person", args=[held.pk])).content.decode()
    assert reverse("plans:plan-detail", args=[first.pk]) in history
    old = specialist.get(detail_url(first)).content.decode()
    assert "replaced by a later plan" in old


def complete_draft_fields(personas, plan: Plan) -> Plan:
    actor = actor_for_user(personas.specialist)
    plan_save(
        actor=actor,
        plan=plan,
        expected_version=plan.version,
        person_view="Still wants to finish school.",
        agreement="agreed",
        next_review_date=None,
        today=TODAY(),
    )
    return plan_submit(
        actor=actor,
        plan=plan,
        objectives=plan_objectives(plan),
        expected_version=plan.version,
        today=TODAY(),
    )


def test_a_review_records_progress_and_schedules_the_next_review(
    personas, client_for, held, assessed
):
    plan = approved_plan(personas, held)
    objective = plan.objectives.get()
    next_review = TODAY() + dt.timedelta(days=90)
    response = client_for(personas.specialist).post(
        reverse("plans:review-new", args=[plan.pk]),
        {
            "review_date": TODAY().isoformat(),
            "summary": "Attends school every week.",
            "person_view": "Finds the classes useful.",
            f"objective_{objective.pk}": "in_progress",
            "next_review_date": next_review.isoformat(),
        },
    )
    assert response.status_code == 302, response.content.decode()
    review = PlanReview.objects.get(plan=plan)
    assert review.progress == {str(objective.pk): "in_progress"}
    objective.refresh_from_db()
    assert objective.status == ObjectiveStatus.IN_PROGRESS
    plan.refresh_from_db()
    assert plan.next_review_date == next_review
    assert Task.objects.filter(kind="plan_review", status=TaskStatus.DONE).count() == 1
    assert Task.objects.get(kind="plan_review", status=TaskStatus.OPEN).due == next_review


def test_a_draft_cannot_be_reviewed(personas, held, assessed):
    plan = complete_draft(personas, held)
    with pytest.raises(PlanError, match="in force"):
        plan_review_add(
            actor=actor_for_user(personas.specialist),
            plan=plan,
            review_date=TODAY(),
            summary="Too early.",
            person_view="",
            progress={},
            next_review_date=TODAY() + dt.timedelta(days=30),
            today=TODAY(),
        )
    assert not PlanReview.objects.exists()


def test_the_person_page_summarises_the_plan(personas, client_for, held, assessed):
    approved_plan(personas, held)
    body = (
        client_for(personas.officer)
        .get(reverse("people:person-detail", args=[held.pk]))
        .content.decode()
    )
    assert "Rehabilitation plan" in body
    assert "Education and work" in body  # the need without an objective
    assert reverse("plans:plan-person", args=[held.pk]) in body


def _pk(obj):
    return obj.pk.hex if connection.vendor == "sqlite" else obj.pk


def test_free_text_is_encrypted_in_the_database(personas, held, assessed):
    plan = approved_plan(personas, held)
    objective = plan.objectives.get()
    with connection.cursor() as cursor:
        cursor.execute("SELECT person_view FROM plans_plan WHERE id = %s", [_pk(plan)])
        (person_view,) = cursor.fetchone()
        cursor.execute("SELECT description FROM plans_objective WHERE id = %s", [_pk(objective)])
        (description,) = cursor.fetchone()
        cursor.execute(
            "SELECT description FROM plans_intervention WHERE objective_id = %s", [_pk(objective)]
        )
        (intervention,) = cursor.fetchone()
    assert person_view.startswith("v1:") and "school" not in person_view
    assert description.startswith("v1:") and "community" not in description
    assert intervention.startswith("v1:") and "certificate" not in intervention


def test_plan_page_query_count_is_pinned(
    personas, client_for, held, assessed, django_assert_max_num_queries
):
    plan = approved_plan(personas, held)
    for extra in range(3):
        Objective.objects.create(
            plan=plan,
            need_code="work",
            description=f"Objective {extra}",
            target_date=TODAY() + dt.timedelta(days=30),
        )
    client = client_for(personas.specialist)
    # PostgreSQL takes one more than SQLite: the processing log's advisory lock.
    pages = ((reverse("plans:plan-person", args=[held.pk]), 18), (detail_url(plan), 16))
    for url, pinned in pages:
        client.get(url)
        with django_assert_max_num_queries(pinned):
            assert client.get(url).status_code == 200
