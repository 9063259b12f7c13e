"""How to make one object of each scoped model, with the personas who may and may not see it.

Every view marked with `scoped_object("app.Model")` is probed with the case registered here for
its model. A new route on a known model is covered at once; a new model needs one case below,
and the probe fails, naming the model, until it has one.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reintegra.accounts.actor import actor_for_user
from reintegra.accounts.models import User
from reintegra.audit.models import Category
from reintegra.audit.services import record


@dataclass(frozen=True)
class ScopeCase:
    obj: Any
    marker: str  # text the insider's page shows and no outsider's page may
    insider: User
    other_jurisdiction: User
    unrelated_organisation: User


SCOPE_CASES: dict[str, Callable[[Any], ScopeCase]] = {}


def scope_case(
    model_label: str,
) -> Callable[[Callable[[Any], ScopeCase]], Callable[[Any], ScopeCase]]:
    def register(build: Callable[[Any], ScopeCase]) -> Callable[[Any], ScopeCase]:
        SCOPE_CASES[model_label] = build
        return build

    return register


@scope_case("accounts.User")
def colleague(personas: Any) -> ScopeCase:
    return ScopeCase(
        obj=personas.specialist,
        marker=personas.specialist.email,
        insider=personas.officer,
        other_jurisdiction=personas.outsider,
        unrelated_organisation=personas.unrelated,
    )


@scope_case("audit.ProcessingLogEntry")
def log_entry(personas: Any) -> ScopeCase:
    entry = record(
        actor=actor_for_user(personas.specialist),
        category=Category.CONSULTATION,
        action="probe.view",
        subjects=["00000000-0000-0000-0000-00000000000a"],
    )
    return ScopeCase(
        obj=entry,
        marker=entry.hash,
        insider=personas.auditor,
        other_jurisdiction=personas.outsider_auditor,
        unrelated_organisation=personas.unrelated,
    )


@scope_case("people.Person")
def person(personas: Any) -> ScopeCase:
    from reintegra.people.tests.factories import PersonFactory, admitted

    held = admitted(PersonFactory(family_name="Scopetestperson"), personas.facility_a)
    return ScopeCase(
        obj=held,
        marker=held.reference,
        insider=personas.supervisor,
        other_jurisdiction=personas.outsider,
        unrelated_organisation=personas.unrelated,
    )


def _locked_assessment(personas: Any):
    from pathlib import Path

    from reintegra.assessments.models import Assessment
    from reintegra.audit.actor import SystemActor
    from reintegra.instruments.services import instrument_load
    from reintegra.people.tests.factories import PersonFactory, admitted

    folder = Path(__file__).resolve().parent.parent / "reintegra/assessments/tests/instruments"
    version = instrument_load(actor=SystemActor(), path=folder / "test-spj.yaml").version
    held = admitted(PersonFactory(family_name="Assessedperson"), personas.facility_a)
    return Assessment.objects.create(
        person=held,
        instrument_version=version,
        assessor=personas.specialist,
        organisation=personas.prisons_a,
        facility=personas.facility_a,
        formulation="Scopeprobe formulation",
    ), folder


@scope_case("assessments.Assessment")
def assessment(personas: Any) -> ScopeCase:
    created, _folder = _locked_assessment(personas)
    return ScopeCase(
        obj=created,
        marker=created.person.reference,
        insider=personas.supervisor,
        other_jurisdiction=personas.outsider,
        unrelated_organisation=personas.unrelated,
    )


@scope_case("assessments.Screening")
def screening(personas: Any) -> ScopeCase:
    from reintegra.assessments.models import Screening
    from reintegra.audit.actor import SystemActor
    from reintegra.instruments.services import instrument_load

    _assessment, folder = _locked_assessment(personas)
    version = instrument_load(actor=SystemActor(), path=folder / "test-screening.yaml").version
    created = Screening.objects.create(
        person=_assessment.person,
        instrument_version=version,
        occasion="admission",
        answers={},
        outcome="monitor",
        reasons="Scopeprobe reasons",
        screened_by=personas.specialist,
        organisation=personas.prisons_a,
    )
    return ScopeCase(
        obj=created,
        marker="Scopeprobe reasons",
        insider=personas.supervisor,
        other_jurisdiction=personas.outsider,
        unrelated_organisation=personas.unrelated,
    )


@scope_case("observations.Observation")
def observation(personas: Any) -> ScopeCase:
    from django.utils import timezone

    from reintegra.observations.models import Observation
    from reintegra.people.tests.factories import PersonFactory, admitted

    held = admitted(PersonFactory(), personas.facility_a)
    entry = Observation.objects.create(
        person=held,
        facility=personas.facility_a,
        observed_at=timezone.now(),
        place="Scopetestwing",
        category_code="staff_conflict",
        concern="notable",
        source="staff",
        reliability="likely",
        narrative="Raised voice at the officer during the count.",
        recorded_by=personas.officer,
    )
    return ScopeCase(
        obj=entry,
        marker="Scopetestwing",
        insider=personas.supervisor,
        other_jurisdiction=personas.outsider,
        unrelated_organisation=personas.unrelated,
    )


@scope_case("allocations.AllocationDecision")
def allocation_decision(personas: Any) -> ScopeCase:
    import datetime as dt

    from django.utils import timezone

    from reintegra.accounts.tests.factories import MembershipFactory, UserFactory
    from reintegra.allocations.models import AllocationDecision
    from reintegra.allocations.regimes import regimes_load
    from reintegra.core.roles import Role
    from reintegra.people.tests.factories import PersonFactory, admitted

    regimes_load()
    manager = UserFactory(username="scope_manager")
    MembershipFactory(user=manager, organisation=personas.prisons_a, role=Role.PRISON_MANAGER)
    held = admitted(PersonFactory(), personas.facility_a)
    decision = AllocationDecision.objects.create(
        person=held,
        regime=held.jurisdiction.regimes.get(code="enhanced_supervision"),
        facility=personas.facility_a,
        unit="Scopetestunit",
        rationale="Pressure on other prisoners in the general wing.",
        decided_by=manager,
        decided_at=timezone.now(),
        review_date=timezone.localdate() + dt.timedelta(days=180),
    )
    return ScopeCase(
        obj=decision,
        marker="Scopetestunit",
        insider=personas.supervisor,
        other_jurisdiction=personas.outsider,
        unrelated_organisation=personas.unrelated,
    )
