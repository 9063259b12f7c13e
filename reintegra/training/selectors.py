"""Scoped reads of the training app: every queryset starts from the actor's policy."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from reintegra.organisations.models import Organisation
from reintegra.training.models import (
    Attendance,
    Certificate,
    Completion,
    Course,
    MatrixVersion,
    Participant,
    Registration,
    RegistrationState,
    TrainingEvent,
)
from reintegra.training.permissions import (
    REGIONAL,
    certificate_policy,
    completion_policy,
    course_policy,
    event_policy,
    matrix_policy,
    participant_policy,
)


def courses_visible_to(actor) -> QuerySet[Course]:
    return course_policy.visible_to(actor).prefetch_related("instruments")


def events_visible_to(actor) -> QuerySet[TrainingEvent]:
    return event_policy.visible_to(actor).select_related("course", "organisation")


def participants_visible_to(actor) -> QuerySet[Participant]:
    return participant_policy.visible_to(actor).select_related("organisation", "user")


def completions_visible_to(actor) -> QuerySet[Completion]:
    return completion_policy.visible_to(actor).select_related(
        "participant__organisation", "course", "event"
    )


def certificates_visible_to(actor) -> QuerySet[Certificate]:
    return certificate_policy.visible_to(actor).select_related(
        "completion__participant__organisation", "completion__course", "issued_by", "revoked_by"
    )


def matrices_visible_to(actor) -> QuerySet[MatrixVersion]:
    return matrix_policy.visible_to(actor)


def organisations_for(actor) -> QuerySet[Organisation]:
    """The organisations whose staff the actor may register: their jurisdiction's."""
    organisations = Organisation.objects.filter(is_active=True).order_by("name")
    if actor.role in REGIONAL:
        return organisations
    return organisations.filter(jurisdiction_id=actor.jurisdiction_code)


def jurisdictions_in_scope(actor) -> list[tuple[str, str]]:
    """(code, name) of the jurisdictions the actor reads: all for the region, else their own."""
    from reintegra.organisations.models import Jurisdiction

    jurisdictions = Jurisdiction.objects.order_by("code")
    if actor.role not in REGIONAL:
        jurisdictions = jurisdictions.filter(code=actor.jurisdiction_code)
    return [(j.code, j.name) for j in jurisdictions]


@dataclass(frozen=True)
class RegisterRow:
    registration: Registration
    cells: list[tuple[str, bool]]  # (checkbox value "session:registration", present)
    completion: Completion | None


def event_register(event: TrainingEvent) -> tuple[list, list[RegisterRow]]:
    """The sessions and, per registration, its attendance in each session and its completion."""
    sessions = list(event.sessions.all())
    registrations = list(
        event.registrations.select_related("participant__organisation").prefetch_related(
            Prefetch("attendance", queryset=Attendance.objects.filter(present=True))
        )
    )
    completions = {
        c.participant_id: c
        for c in event.completions.select_related("certificate").order_by("completed_on")
    }
    rows = []
    for registration in registrations:
        present = {a.session_id for a in registration.attendance.all()}
        rows.append(
            RegisterRow(
                registration=registration,
                cells=[(f"{s.pk}:{registration.pk}", s.pk in present) for s in sessions],
                completion=completions.get(registration.participant_id),
            )
        )
    return sessions, rows


def registered_participants(event: TrainingEvent) -> QuerySet[Participant]:
    return Participant.objects.filter(
        registrations__event=event, registrations__state=RegistrationState.REGISTERED
    ).order_by("full_name")


def participant_completions(participant: Participant) -> list[Completion]:
    return list(
        participant.completions.select_related("course", "event", "certificate").order_by(
            "-completed_on"
        )
    )


@dataclass(frozen=True)
class TrainerRow:
    completion: Completion
    is_current: bool
    events_trained: int


def trainer_register(actor, today: dt.date, jurisdiction_id: str | None = None) -> list[TrainerRow]:
    """Trainers certified through a training of trainers: who, which course, when, until when,
    and how many events in the actor's scope they have trained since."""
    from django.db.models import Count

    completions = completions_visible_to(actor).filter(course__trains_trainers=True)
    if jurisdiction_id:
        completions = completions.filter(participant__organisation__jurisdiction_id=jurisdiction_id)
    completions = completions.select_related("participant__organisation__jurisdiction").order_by(
        "participant__organisation__jurisdiction_id", "participant__full_name", "-completed_on"
    )
    rows = list(completions)
    trained = dict(
        events_visible_to(actor)
        .filter(trainers__in={row.participant_id for row in rows})
        .values_list("trainers")
        .annotate(count=Count("pk", distinct=True))
        .order_by()
    )
    return [
        TrainerRow(
            completion=row,
            is_current=row.is_current(today),
            events_trained=trained.get(row.participant_id, 0),
        )
        for row in rows
    ]


@dataclass(frozen=True)
class MatrixGrid:
    version: MatrixVersion | None
    roles: list[tuple[str, str]]
    competences: list
    cells: dict  # (role, competence id) -> MatrixCell

    def cell(self, role: str, competence_id) -> object:
        return self.cells.get((role, competence_id))

    def rows(self) -> list[tuple[str, str, list]]:
        return [
            (role, label, [self.cells.get((role, c.pk)) for c in self.competences])
            for role, label in self.roles
        ]


def matrix_version(actor, jurisdiction_id: str | None, number: int | None) -> MatrixVersion | None:
    versions = matrices_visible_to(actor).filter(jurisdiction_id=jurisdiction_id)
    if number is not None:
        return versions.filter(number=number).first()
    return versions.order_by("-number").first()


def matrix_grid(version: MatrixVersion | None) -> MatrixGrid:
    """Roles that have a required competence, by the roles' order; every competence a column."""
    from reintegra.core.roles import Role
    from reintegra.training.models import Competence, MatrixCell

    competences = list(Competence.objects.order_by("code"))
    cells: dict = {}
    if version is not None:
        for cell in MatrixCell.objects.filter(version=version).prefetch_related("courses"):
            cells[(cell.role, cell.competence_id)] = cell
    used = {role for role, _competence in cells}
    roles = [(value, str(label)) for value, label in Role.choices if value in used]
    return MatrixGrid(version=version, roles=roles, competences=competences, cells=cells)
