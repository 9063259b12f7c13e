"""Every bad input is refused with a clear message, and nothing is lost or half-written."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from reintegra.accounts.actor import actor_for_user
from reintegra.plans.lifecycle import plan_review_add
from reintegra.plans.models import Intervention, Objective, Plan, PlanReview
from reintegra.plans.services import (
    ConflictError,
    InterventionInput,
    PlanError,
    intervention_add,
    objective_add,
    plan_start,
)
from reintegra.plans.tests.conftest import (
    TODAY,
    approved_plan,
    complete_draft,
    intervention_data,
    objective_data,
)


@pytest.fixture
def draft(personas, held, assessed) -> Plan:
    return plan_start(actor=actor_for_user(personas.specialist), person=held, today=TODAY())


@pytest.fixture
def objective(personas, draft) -> Objective:
    created = objective_add(
        actor=actor_for_user(personas.specialist),
        plan=draft,
        expected_version=draft.version,
        need_code="work",
        description="Finds a trade he wants to learn.",
        target_date=TODAY() + dt.timedelta(days=200),
        today=TODAY(),
    )
    draft.refresh_from_db()
    return created


def _intervention(personas, **overrides) -> InterventionInput:
    values = {
        "kind": "vocational_training",
        "description": "Welding course in the prison workshop.",
        "owner_user": personas.specialist,
        "owner_organisation": None,
        "start_date": TODAY(),
        "target_date": TODAY() + dt.timedelta(days=60),
    }
    values.update(overrides)
    return InterventionInput(**values)


# --- Objectives ----------------------------------------------------------------------------------


def test_an_objective_for_a_need_the_assessment_did_not_find_is_refused_and_nothing_is_written(
    personas, client_for, draft
):
    typed = "Stays in stable housing after release."
    response = client_for(personas.specialist).post(
        reverse("plans:objective-new", args=[draft.pk]),
        objective_data(draft.version, need_code="housing", description=typed),
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Choose one of the needs the assessment found." in body
    assert typed in body
    assert not Objective.objects.exists()
    assert Plan.objects.get(pk=draft.pk).version == draft.version
    with pytest.raises(PlanError, match="one of the needs the assessment found"):
        objective_add(
            actor=actor_for_user(personas.specialist),
            plan=draft,
            expected_version=draft.version,
            need_code="housing",
            description=typed,
            target_date=TODAY() + dt.timedelta(days=10),
            today=TODAY(),
        )
    assert not Objective.objects.exists()


def test_an_objective_with_no_need_is_refused_with_a_clear_message(personas, client_for, draft):
    data = objective_data(draft.version)
    del data["need_code"]
    response = client_for(personas.specialist).post(
        reverse("plans:objective-new", args=[draft.pk]), data
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Choose the need this objective addresses." in body
    assert 'href="#id_need_code"' in body
    assert data["description"] in body
    assert not Objective.objects.exists()


def test_an_objective_target_date_in_the_past_is_refused(personas, client_for, draft):
    response = client_for(personas.specialist).post(
        reverse("plans:objective-new", args=[draft.pk]),
        objective_data(draft.version, target_date=(TODAY() - dt.timedelta(days=1)).isoformat()),
    )
    assert response.status_code == 400
    assert "The target date cannot be in the past." in response.content.decode()
    assert not Objective.objects.exists()


# --- Interventions -------------------------------------------------------------------------------


def test_religious_counselling_without_the_persons_request_is_refused(
    personas, client_for, draft, objective
):
    url = reverse("plans:intervention-new", args=[objective.pk])
    response = client_for(personas.specialist).post(
        url, intervention_data(personas, draft.version, kind="religious_counselling")
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "never as a risk measure" in body
    assert 'href="#id_on_request"' in body
    assert "Weekly sessions with a mentor" in body
    assert not Intervention.objects.exists()
    with pytest.raises(PlanError, match="only when the person asks for it"):
        intervention_add(
            actor=actor_for_user(personas.specialist),
            objective=objective,
            expected_version=draft.version,
            given=_intervention(personas, kind="religious_counselling"),
            today=TODAY(),
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Intervention.objects.create(
            objective=objective,
            kind="religious_counselling",
            description="x",
            owner_organisation=personas.ngo_a,
            start_date=TODAY(),
        )
    assert not Intervention.objects.exists()


def test_religious_counselling_the_person_asked_for_is_accepted(
    personas, client_for, draft, objective
):
    response = client_for(personas.specialist).post(
        reverse("plans:intervention-new", args=[objective.pk]),
        intervention_data(personas, draft.version, kind="religious_counselling", on_request="on"),
    )
    assert response.status_code == 302
    assert Intervention.objects.get().on_request is True


@pytest.mark.parametrize(
    ("owner_user", "owner_organisation", "message"),
    [
        ("", "", "Choose who owns the intervention"),
        ("user", "org", "Choose one owner only"),
    ],
)
def test_an_intervention_needs_exactly_one_owner(
    personas, client_for, draft, objective, owner_user, owner_organisation, message
):
    data = intervention_data(
        personas,
        draft.version,
        owner_user=str(personas.specialist.pk) if owner_user else "",
        owner_organisation=str(personas.ngo_a.pk) if owner_organisation else "",
    )
    response = client_for(personas.specialist).post(
        reverse("plans:intervention-new", args=[objective.pk]), data
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Intervention.objects.exists()
    with pytest.raises(PlanError, match=message):
        intervention_add(
            actor=actor_for_user(personas.specialist),
            objective=objective,
            expected_version=draft.version,
            given=_intervention(
                personas,
                owner_user=personas.specialist if owner_user else None,
                owner_organisation=personas.ngo_a if owner_organisation else None,
            ),
            today=TODAY(),
        )


def test_database_refuses_an_intervention_with_two_owners(personas, objective):
    with pytest.raises(IntegrityError), transaction.atomic():
        Intervention.objects.create(
            objective=objective,
            kind="sport",
            description="Football",
            owner_user=personas.specialist,
            owner_organisation=personas.ngo_a,
            start_date=TODAY(),
        )


def test_an_owner_from_another_jurisdiction_is_refused(personas, draft, objective):
    with pytest.raises(PlanError, match="organisation of the person's jurisdiction"):
        intervention_add(
            actor=actor_for_user(personas.specialist),
            objective=objective,
            expected_version=draft.version,
            given=_intervention(personas, owner_user=None, owner_organisation=personas.prisons_b),
            today=TODAY(),
        )


def test_an_intervention_target_before_its_start_is_refused(personas, client_for, draft, objective):
    response = client_for(personas.specialist).post(
        reverse("plans:intervention-new", args=[objective.pk]),
        intervention_data(
            personas,
            draft.version,
            start_date=(TODAY() + dt.timedelta(days=30)).isoformat(),
            target_date=(TODAY() + dt.timedelta(days=10)).isoformat(),
        ),
    )
    assert response.status_code == 400
    assert "on or after the start date" in response.content.decode()
    assert not Intervention.objects.exists()


# --- Reviews -------------------------------------------------------------------------------------


def test_a_review_dated_before_the_plan_came_into_force_is_refused(
    personas, client_for, held, assessed
):
    plan = approved_plan(personas, held)
    response = client_for(personas.specialist).post(
        reverse("plans:review-new", args=[plan.pk]),
        {
            "review_date": (TODAY() - dt.timedelta(days=3)).isoformat(),
            "summary": "Typed summary that must survive.",
            "next_review_date": (TODAY() + dt.timedelta(days=90)).isoformat(),
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "before the plan came into force" in body
    assert "Typed summary that must survive." in body
    assert not PlanReview.objects.exists()


def test_a_next_review_before_the_review_is_refused(personas, held, assessed):
    plan = approved_plan(personas, held)
    objective = plan.objectives.get()
    with pytest.raises(PlanError, match="next review must be after"):
        plan_review_add(
            actor=actor_for_user(personas.specialist),
            plan=plan,
            review_date=TODAY(),
            summary="Fine.",
            person_view="",
            progress={str(objective.pk): "achieved"},
            next_review_date=TODAY(),
            today=TODAY(),
        )
    objective.refresh_from_db()
    assert objective.status == "not_started"
    assert not PlanReview.objects.exists()


# --- Concurrent edits ----------------------------------------------------------------------------


def test_the_second_of_two_concurrent_edits_is_refused_with_409_and_keeps_its_text(
    personas, client_for, draft, objective
):
    first, second = client_for(personas.specialist), client_for(personas.supervisor)
    opened_at = draft.version
    url = reverse("plans:objective-edit", args=[objective.pk])
    assert first.get(url).status_code == 200
    saved = first.post(
        url,
        objective_data(
            opened_at, need_code="work", description="First edit.", status="in_progress"
        ),
    )
    assert saved.status_code == 302
    response = second.post(
        url,
        objective_data(
            opened_at, need_code="work", description="My other wording.", status="not_started"
        ),
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "Someone else changed this plan" in body
    assert "My other wording." in body
    objective.refresh_from_db()
    assert objective.description == "First edit."


def test_a_stale_version_is_refused_by_the_service_and_nothing_is_written(
    personas, draft, objective
):
    stale = draft.version - 1
    with pytest.raises(ConflictError):
        intervention_add(
            actor=actor_for_user(personas.specialist),
            objective=objective,
            expected_version=stale,
            given=_intervention(personas),
            today=TODAY(),
        )
    assert not Intervention.objects.exists()


def test_a_stale_plan_form_is_refused_with_409(personas, client_for, held, assessed):
    plan = complete_draft(personas, held)
    response = client_for(personas.supervisor).post(
        reverse("plans:plan-edit", args=[plan.pk]),
        {"version": plan.version - 1, "person_view": "Different words.", "agreement": "agreed"},
    )
    assert response.status_code == 409
    assert "Different words." in response.content.decode()
    plan.refresh_from_db()
    assert plan.person_view.startswith("Wants to finish school")


def test_an_intervention_can_be_handed_to_a_partner_organisation_on_the_draft(
    personas, client_for, held, assessed
):
    plan = complete_draft(personas, held)
    intervention = Intervention.objects.get()
    response = client_for(personas.supervisor).post(
        reverse("plans:intervention-edit", args=[intervention.pk]),
        intervention_data(
            personas,
            plan.version,
            kind="education",
            owner_user="",
            owner_organisation=str(personas.social_services_a.pk),
            status="in_progress",
        ),
    )
    assert response.status_code == 302
    intervention.refresh_from_db()
    assert (intervention.owner_user, intervention.owner_organisation) == (
        None,
        personas.social_services_a,
    )
    assert intervention.status == "in_progress"
    assert Plan.objects.get(pk=plan.pk).version == plan.version + 1
