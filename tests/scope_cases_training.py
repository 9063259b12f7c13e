"""Scope cases for the training app: a training manager of jurisdiction A is the insider."""

import datetime as dt
from typing import Any

from reintegra.accounts.tests.factories import MembershipFactory, UserFactory
from reintegra.core.roles import Role
from reintegra.training.models import (
    Certificate,
    Completion,
    CompletionSource,
    Course,
    CourseMode,
    Participant,
    TrainingEvent,
)
from tests.scope_cases import ScopeCase, scope_case


def _manager(personas: Any):
    user = UserFactory(username="scope_training_manager")
    MembershipFactory(user=user, organisation=personas.prisons_a, role=Role.TRAINING_MANAGER)
    return user


def _course() -> Course:
    return Course.objects.create(
        code="scope-course",
        title="Scope probe course",
        mode=CourseMode.CLASSROOM,
        duration_hours=8,
        provider="Probe academy",
        validity_months=12,
    )


def _participant(personas: Any) -> Participant:
    return Participant.objects.create(
        full_name="Probe Participant Ardita", organisation=personas.prisons_a
    )


def _case(obj: Any, marker: str, personas: Any) -> ScopeCase:
    return ScopeCase(
        obj=obj,
        marker=marker,
        insider=_manager(personas),
        other_jurisdiction=personas.outsider,
        unrelated_organisation=personas.unrelated,
    )


@scope_case("training.Course")
def training_course(personas: Any) -> ScopeCase:
    return _case(_course(), "Probe academy", personas)


@scope_case("training.TrainingEvent")
def training_event(personas: Any) -> ScopeCase:
    manager = _manager(personas)
    event = TrainingEvent.objects.create(
        course=_course(),
        title="Probe event in the service of Prisons A",
        organisation=personas.prisons_a,
        starts_on=dt.date(2026, 3, 2),
        ends_on=dt.date(2026, 3, 3),
        venue="Probe hall",
        created_by=manager,
    )
    return ScopeCase(
        obj=event,
        marker=event.title,
        insider=manager,
        other_jurisdiction=personas.outsider,
        unrelated_organisation=personas.unrelated,
    )


@scope_case("training.Participant")
def training_participant(personas: Any) -> ScopeCase:
    participant = _participant(personas)
    return _case(participant, participant.full_name, personas)


def _completion(personas: Any) -> Completion:
    return Completion.objects.create(
        participant=_participant(personas),
        course=_course(),
        completed_on=dt.date(2026, 3, 3),
        valid_until=dt.date(2027, 3, 3),
        source=CompletionSource.IMPORT,
        recorded_by=personas.supervisor,
    )


@scope_case("training.Completion")
def training_completion(personas: Any) -> ScopeCase:
    return _case(_completion(personas), "Probe Participant Ardita", personas)


@scope_case("training.Certificate")
def training_certificate(personas: Any) -> ScopeCase:
    certificate = Certificate.objects.create(
        completion=_completion(personas), issued_by=personas.supervisor
    )
    return _case(certificate, "Probe Participant Ardita", personas)
