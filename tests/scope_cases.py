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


def _programme_group(personas: Any):
    from reintegra.people.tests.factories import PersonFactory, admitted
    from reintegra.programmes.tests.factories import EnrolmentFactory, GroupFactory, session_at

    group = GroupFactory(
        programme__name="Scopetestprogramme",
        name="Scopetestgroup",
        facility=personas.facility_a,
        facilitators=[personas.specialist],
    )
    held = admitted(PersonFactory(family_name="Enrolledperson"), personas.facility_a)
    enrolment = EnrolmentFactory(group=group, person=held, enrolled_by=personas.supervisor)
    session = session_at(group, days_ago=1, location="Scopetestroom")
    return group, enrolment, session


@scope_case("programmes.Programme")
def programme(personas: Any) -> ScopeCase:
    group, _enrolment, _session = _programme_group(personas)
    return ScopeCase(
        obj=group.programme,
        marker="Scopetestprogramme",
        insider=personas.supervisor,
        other_jurisdiction=personas.outsider,
        unrelated_organisation=personas.unrelated,
    )


@scope_case("programmes.Group")
def programme_group(personas: Any) -> ScopeCase:
    group, _enrolment, _session = _programme_group(personas)
    return ScopeCase(
        obj=group,
        marker="Scopetestgroup",
        insider=personas.supervisor,
        other_jurisdiction=personas.outsider,
        unrelated_organisation=personas.unrelated,
    )


@scope_case("programmes.GroupSession")
def programme_session(personas: Any) -> ScopeCase:
    _group, _enrolment, session = _programme_group(personas)
    return ScopeCase(
        obj=session,
        marker="Scopetestroom",
        insider=personas.supervisor,
        other_jurisdiction=personas.outsider,
        unrelated_organisation=personas.unrelated,
    )


@scope_case("programmes.Enrolment")
def programme_enrolment(personas: Any) -> ScopeCase:
    _group, enrolment, _session = _programme_group(personas)
    return ScopeCase(
        obj=enrolment,
        marker=enrolment.person.reference,
        insider=personas.supervisor,
        other_jurisdiction=personas.outsider,
        unrelated_organisation=personas.unrelated,
    )


def _draft_plan(personas: Any):
    """A draft plan with one objective and one intervention, on a locked assessment."""
    import datetime as dt

    from django.utils import timezone

    from reintegra.plans.models import Intervention, Objective, Plan

    assessment, _folder = _locked_assessment(personas)
    assessment.status = "locked"
    assessment.needs = ["belonging"]
    assessment.judgement_level = "moderate"
    assessment.countersigned_by = personas.supervisor
    assessment.countersigned_at = timezone.now()
    assessment.save()
    plan = Plan.objects.create(
        person=assessment.person,
        based_on=assessment,
        author=personas.specialist,
        organisation=personas.prisons_a,
        facility=personas.facility_a,
        person_view="Scopeprobe view",
    )
    objective = Objective.objects.create(
        plan=plan,
        need_code="belonging",
        description="Scopeprobe objective",
        target_date=timezone.localdate() + dt.timedelta(days=90),
    )
    intervention = Intervention.objects.create(
        objective=objective,
        kind="mentoring",
        description="Scopeprobe intervention",
        owner_user=personas.specialist,
        start_date=timezone.localdate(),
    )
    return plan, objective, intervention


@scope_case("plans.Plan")
def plan(personas: Any) -> ScopeCase:
    created, _objective, _intervention = _draft_plan(personas)
    return ScopeCase(
        obj=created,
        marker=created.person.reference,
        insider=personas.supervisor,
        other_jurisdiction=personas.outsider,
        unrelated_organisation=personas.unrelated,
    )


@scope_case("plans.Objective")
def plan_objective(personas: Any) -> ScopeCase:
    _plan, objective, _intervention = _draft_plan(personas)
    return ScopeCase(
        obj=objective,
        marker=_plan.person.reference,
        insider=personas.supervisor,
        other_jurisdiction=personas.outsider,
        unrelated_organisation=personas.unrelated,
    )


@scope_case("plans.Intervention")
def plan_intervention(personas: Any) -> ScopeCase:
    _plan, _objective, intervention = _draft_plan(personas)
    return ScopeCase(
        obj=intervention,
        marker=_plan.person.reference,
        insider=personas.supervisor,
        other_jurisdiction=personas.outsider,
        unrelated_organisation=personas.unrelated,
    )


def _release_plan(personas: Any):
    from django.utils import timezone

    from reintegra.people.tests.factories import PersonFactory, admitted
    from reintegra.release.models import Pathway, PathwayEntry, ReleasePlan

    held = admitted(PersonFactory(family_name="Releaseplanned"), personas.facility_a)
    plan = ReleasePlan.objects.create(
        person=held,
        episode=held.custody_episodes.get(),
        opened_on=timezone.localdate(),
        opened_by=personas.specialist,
    )
    entry = PathwayEntry.objects.create(plan=plan, pathway=Pathway.ACCOMMODATION)
    return plan, entry


@scope_case("release.ReleasePlan")
def release_plan(personas: Any) -> ScopeCase:
    plan, _entry = _release_plan(personas)
    return ScopeCase(
        obj=plan,
        marker=plan.person.reference,
        insider=personas.supervisor,
        other_jurisdiction=personas.outsider,
        unrelated_organisation=personas.unrelated,
    )


@scope_case("release.PathwayEntry")
def pathway_entry(personas: Any) -> ScopeCase:
    _plan, entry = _release_plan(personas)
    return ScopeCase(
        obj=entry,
        marker=entry.plan.person.reference,
        insider=personas.supervisor,
        other_jurisdiction=personas.outsider,
        unrelated_organisation=personas.unrelated,
    )


def _supervision_case(personas: Any):
    """A released person handed to the probation officer by name, with a case and a contact."""
    from django.utils import timezone

    from reintegra.people.models import PersonAccessGrant
    from reintegra.people.tests.factories import PersonFactory
    from reintegra.probation.models import Contact, SupervisionCase

    today = timezone.localdate()
    released = PersonFactory(family_name="Supervisedperson", in_custody=False)
    PersonAccessGrant.objects.create(
        person=released,
        organisation=personas.probation_a,
        user=personas.probation_officer,
        scopes=",identity,release,supervision,",
        reason="Handover before release",
        granted_by=personas.supervisor,
        valid_from=today,
    )
    case = SupervisionCase.objects.create(
        person=released,
        origin="release",
        organisation=personas.probation_a,
        officer=personas.probation_officer,
        start_date=today,
    )
    contact = Contact.objects.create(
        case=case, scheduled_for=today, kind="office", recorded_by=personas.probation_officer
    )
    return case, contact


@scope_case("probation.SupervisionCase")
def supervision_case(personas: Any) -> ScopeCase:
    case, _contact = _supervision_case(personas)
    return ScopeCase(
        obj=case,
        marker=case.person.reference,
        insider=personas.probation_officer,
        other_jurisdiction=personas.outsider,
        unrelated_organisation=personas.unrelated,
    )


@scope_case("probation.Contact")
def supervision_contact(personas: Any) -> ScopeCase:
    _case, contact = _supervision_case(personas)
    return ScopeCase(
        obj=contact,
        marker=contact.case.person.reference,
        insider=personas.probation_officer,
        other_jurisdiction=personas.outsider,
        unrelated_organisation=personas.unrelated,
    )


# The per-app case modules register themselves on import.
from tests import (  # noqa: E402
    scope_cases_coordination,  # noqa: F401
    scope_cases_forums,  # noqa: F401
    scope_cases_regional,  # noqa: F401
    scope_cases_training,  # noqa: F401
)
