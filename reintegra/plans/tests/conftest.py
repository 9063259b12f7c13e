import datetime as dt
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from reintegra.accounts.actor import actor_for_user
from reintegra.assessments.models import Assessment, AssessmentStatus
from reintegra.audit.actor import SystemActor
from reintegra.instruments.services import instrument_load
from reintegra.people.tests.factories import PersonFactory, admitted
from reintegra.plans.lifecycle import plan_approve, plan_submit
from reintegra.plans.models import Plan
from reintegra.plans.selectors import plan_objectives
from reintegra.plans.services import (
    InterventionInput,
    intervention_add,
    objective_add,
    plan_save,
    plan_start,
)

INSTRUMENTS = Path(__file__).resolve().parents[2] / "assessments" / "tests" / "instruments"
TODAY = dt.date.today


@pytest.fixture
def spj_version(db):
    return instrument_load(actor=SystemActor(), path=INSTRUMENTS / "test-spj.yaml").version


@pytest.fixture
def held(personas):
    """A person held in Facility A."""
    return admitted(PersonFactory(family_name="Planperson"), personas.facility_a)


def locked_assessment(personas, person, version, needs=("belonging", "work")) -> Assessment:
    """A countersigned assessment that found `needs` (the test instrument offers both)."""
    return Assessment.objects.create(
        person=person,
        instrument_version=version,
        assessor=personas.specialist,
        organisation=personas.prisons_a,
        facility=personas.facility_a,
        status=AssessmentStatus.LOCKED,
        needs=list(needs),
        judgement_level="moderate",
        judgement_rationale="Rationale.",
        formulation="Formulation.",
        countersigned_by=personas.supervisor,
        countersigned_at=timezone.now(),
    )


@pytest.fixture
def assessed(personas, held, spj_version) -> Assessment:
    return locked_assessment(personas, held, spj_version)


def objective_data(version: int, **overrides) -> dict:
    data = {
        "version": version,
        "need_code": "belonging",
        "description": "Builds ties to a community outside the movement.",
        "target_date": (TODAY() + dt.timedelta(days=180)).isoformat(),
    }
    data.update(overrides)
    return data


def intervention_data(personas, version: int, **overrides) -> dict:
    data = {
        "version": version,
        "kind": "mentoring",
        "description": "Weekly sessions with a mentor from the local youth centre.",
        "owner_user": str(personas.specialist.pk),
        "owner_organisation": "",
        "start_date": TODAY().isoformat(),
        "target_date": (TODAY() + dt.timedelta(days=90)).isoformat(),
        "status": "planned",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def complete_draft(personas, person, author=None) -> Plan:
    """A draft ready to submit: one objective on "belonging" with one intervention, and the
    person's view and agreement recorded."""
    actor = actor_for_user(author or personas.specialist)
    plan = plan_start(actor=actor, person=person, today=TODAY())
    objective = objective_add(
        actor=actor,
        plan=plan,
        expected_version=plan.version,
        need_code="belonging",
        description="Builds ties to a community outside the movement.",
        target_date=TODAY() + dt.timedelta(days=180),
        today=TODAY(),
    )
    intervention_add(
        actor=actor,
        objective=objective,
        expected_version=plan.version,
        given=InterventionInput(
            kind="education",
            description="Completes the secondary school certificate.",
            owner_user=None,
            owner_organisation=personas.ngo_a,
            start_date=TODAY(),
            target_date=TODAY() + dt.timedelta(days=120),
        ),
        today=TODAY(),
    )
    plan_save(
        actor=actor,
        plan=plan,
        expected_version=plan.version,
        person_view="Wants to finish school and see his children.",
        agreement="agreed",
        next_review_date=None,
        today=TODAY(),
    )
    return plan


def approved_plan(personas, person) -> Plan:
    plan = complete_draft(personas, person)
    plan_submit(
        actor=actor_for_user(personas.specialist),
        plan=plan,
        objectives=plan_objectives(plan),
        expected_version=plan.version,
        today=TODAY(),
    )
    return plan_approve(actor=actor_for_user(personas.supervisor), plan=plan, today=TODAY())


def detail_url(plan: Plan) -> str:
    return reverse("plans:plan-detail", args=[plan.pk])
