"""Every write of the training app: one transaction each, with its processing-log entry.

A refused step raises `TrainingError` with the problems as the user should read them, and nothing
is written.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.accounts.models import Membership, User
from reintegra.audit.models import Category
from reintegra.audit.services import record
from reintegra.organisations.models import Organisation
from reintegra.training.models import (
    Attendance,
    Certificate,
    Competence,
    Completion,
    CompletionSource,
    Course,
    CourseCompetence,
    MatrixCell,
    MatrixVersion,
    Participant,
    Proficiency,
    Registration,
    RegistrationState,
    TrainingEvent,
    TrainingSession,
)


class TrainingError(ValueError):
    def __init__(self, problems: list[str] | str) -> None:
        self.problems = [problems] if isinstance(problems, str) else problems
        super().__init__("; ".join(self.problems))


# --- Catalogue -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CourseInput:
    code: str
    title: str
    description: str
    mode: str
    languages: list[str]
    duration_hours: int
    provider: str
    validity_months: int | None
    trains_trainers: bool
    instruments: list
    grants: list[tuple[Competence, int]]


@transaction.atomic
def course_save(*, actor, data: CourseInput, course: Course | None = None) -> Course:
    if any(level not in Proficiency.values for _competence, level in data.grants):
        raise TrainingError(_("Choose a level from the proficiency scale."))
    duplicate = Course.objects.filter(code=data.code)
    if course is not None:
        duplicate = duplicate.exclude(pk=course.pk)
    if duplicate.exists():
        raise TrainingError(_("Another course already has this code."))
    course = course or Course()
    for name in (
        "code",
        "title",
        "description",
        "mode",
        "languages",
        "duration_hours",
        "provider",
        "validity_months",
        "trains_trainers",
    ):
        setattr(course, name, getattr(data, name))
    course.save()
    course.instruments.set(data.instruments)
    course.grants.all().delete()
    CourseCompetence.objects.bulk_create(
        CourseCompetence(course=course, competence=competence, level=level)
        for competence, level in data.grants
    )
    record(actor=actor, category=Category.ALTERATION, action="training.course_save", obj=course)
    return course


# --- Participants --------------------------------------------------------------------------------


def _membership_of(user: User) -> Membership | None:
    return (
        Membership.objects.current()
        .filter(user=user)
        .select_related("organisation")
        .order_by("created_at")
        .first()
    )


def participant_for_user(user: User) -> Participant:
    """The user's participant record, created from their first membership when missing."""
    existing = Participant.objects.filter(user=user).first()
    if existing is not None:
        return existing
    membership = _membership_of(user)
    if membership is None:
        raise TrainingError(_("This user has no organisation to take part on behalf of."))
    by_email = Participant.objects.filter(email__iexact=user.email).first() if user.email else None
    if by_email is not None and by_email.user_id is None:
        by_email.user = user
        by_email.save(update_fields=["user", "updated_at"])
        return by_email
    return Participant.objects.create(
        full_name=user.get_full_name() or user.username,
        email=user.email,
        organisation=membership.organisation,
        role=membership.role,
        user=user,
    )


@transaction.atomic
def participant_create(
    *, actor, full_name: str, email: str, organisation: Organisation, role: str
) -> Participant:
    if email and Participant.objects.filter(email__iexact=email).exists():
        raise TrainingError(_("A participant with this e-mail address is already registered."))
    user = User.objects.filter(email__iexact=email).first() if email else None
    if user is not None and Participant.objects.filter(user=user).exists():
        user = None
    participant = Participant.objects.create(
        full_name=full_name, email=email, organisation=organisation, role=role, user=user
    )
    record(
        actor=actor,
        category=Category.COLLECTION,
        action="training.participant_create",
        subjects=[participant.pk],
        obj=participant,
    )
    return participant


# --- Events, sessions, registrations, attendance -------------------------------------------------


@dataclass(frozen=True)
class EventInput:
    course: Course
    title: str
    organisation: Organisation
    starts_on: dt.date
    ends_on: dt.date
    venue: str
    online_url: str
    trainers: list[Participant]


@transaction.atomic
def event_save(*, actor, data: EventInput, event: TrainingEvent | None = None) -> TrainingEvent:
    if data.ends_on < data.starts_on:
        raise TrainingError(_("The last day cannot come before the first day."))
    if not data.venue.strip() and not data.online_url.strip():
        raise TrainingError(_("Give a venue or the address of the online room."))
    if event is None:
        event = TrainingEvent(created_by=actor.user)
    elif (
        event.sessions.filter(day__lt=data.starts_on).exists()
        or event.sessions.filter(day__gt=data.ends_on).exists()
    ):
        raise TrainingError(_("Some sessions would fall outside the new dates."))
    for name in ("course", "title", "organisation", "starts_on", "ends_on", "venue", "online_url"):
        setattr(event, name, getattr(data, name))
    event.save()
    event.trainers.set(data.trainers)
    record(
        actor=actor,
        category=Category.ALTERATION,
        action="training.event_save",
        subjects=[trainer.pk for trainer in data.trainers],
        obj=event,
    )
    return event


@transaction.atomic
def session_add(*, actor, event: TrainingEvent, day: dt.date, topic: str) -> TrainingSession:
    if not event.starts_on <= day <= event.ends_on:
        raise TrainingError(_("A session must fall between the event's first and last day."))
    session = TrainingSession.objects.create(event=event, day=day, topic=topic)
    record(actor=actor, category=Category.ALTERATION, action="training.session_add", obj=event)
    return session


@transaction.atomic
def registration_set(
    *, actor, event: TrainingEvent, participant: Participant, state: str
) -> Registration:
    if state not in RegistrationState.values:
        raise TrainingError(_("Choose a registration state from the list."))
    registration, _created = Registration.objects.update_or_create(
        event=event, participant=participant, defaults={"state": state}
    )
    record(
        actor=actor,
        category=Category.ALTERATION,
        action="training.registration_set",
        subjects=[participant.pk],
        obj=event,
        details={"state": state},
    )
    return registration


@transaction.atomic
def attendance_save(*, actor, event: TrainingEvent, present: set[tuple[str, str]]) -> int:
    """Saves the whole attendance grid of the event: (session id, registration id) pairs present;
    every other registered participant is marked absent. Pairs outside the event are refused."""
    sessions = {str(s.pk): s for s in event.sessions.all()}
    registrations = {
        str(r.pk): r for r in event.registrations.filter(state=RegistrationState.REGISTERED)
    }
    unknown = [pair for pair in present if pair[0] not in sessions or pair[1] not in registrations]
    if unknown:
        raise TrainingError(_("The attendance names a session or participant not of this event."))
    existing = {
        (str(a.session_id), str(a.registration_id)): a
        for a in Attendance.objects.filter(session__event=event)
    }
    to_create, to_update = [], []
    for session_id in sessions:
        for registration_id in registrations:
            key = (session_id, registration_id)
            is_present = key in present
            row = existing.get(key)
            if row is None:
                to_create.append(
                    Attendance(
                        session=sessions[session_id],
                        registration=registrations[registration_id],
                        present=is_present,
                    )
                )
            elif row.present != is_present:
                row.present = is_present
                to_update.append(row)
    Attendance.objects.bulk_create(to_create)
    Attendance.objects.bulk_update(to_update, ["present"])
    record(
        actor=actor,
        category=Category.ALTERATION,
        action="training.attendance_save",
        subjects=[r.participant_id for r in registrations.values()],
        obj=event,
    )
    return len(present)


# --- Completions and certificates ----------------------------------------------------------------


@transaction.atomic
def completion_record(
    *,
    actor,
    event: TrainingEvent,
    participant: Participant,
    completed_on: dt.date,
    score: Decimal | None,
    feedback: str,
) -> Completion:
    if not event.registrations.filter(
        participant=participant, state=RegistrationState.REGISTERED
    ).exists():
        raise TrainingError(_("Only a registered participant can complete the event."))
    if completed_on > timezone.localdate():
        raise TrainingError(_("A completion date cannot be in the future."))
    if completed_on < event.starts_on:
        raise TrainingError(_("A completion cannot come before the event started."))
    if score is not None and not Decimal(0) <= score <= Decimal(100):
        raise TrainingError(_("A score is between 0 and 100."))
    completion, _created = Completion.objects.update_or_create(
        participant=participant,
        course=event.course,
        completed_on=completed_on,
        defaults={
            "event": event,
            "score": score,
            "feedback": feedback,
            "source": CompletionSource.EVENT,
            "valid_until": event.course.valid_until(completed_on),
            "recorded_by": actor.user,
        },
    )
    record(
        actor=actor,
        category=Category.ALTERATION,
        action="training.completion_record",
        subjects=[participant.pk],
        obj=completion,
    )
    return completion


@transaction.atomic
def certificate_issue(*, actor, completion: Completion) -> Certificate:
    """One certificate per completion; issuing again returns the one already issued."""
    existing = Certificate.objects.filter(completion=completion).first()
    if existing is not None:
        return existing
    certificate = Certificate.objects.create(completion=completion, issued_by=actor.user)
    record(
        actor=actor,
        category=Category.ALTERATION,
        action="training.certificate_issue",
        subjects=[completion.participant_id],
        obj=certificate,
    )
    return certificate


@transaction.atomic
def certificate_revoke(*, actor, certificate: Certificate, reason: str) -> Certificate:
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.is_revoked:
        raise TrainingError(_("This certificate has already been revoked."))
    if not reason.strip():
        raise TrainingError(_("Give the reason for revoking the certificate."))
    certificate.revoked_at = timezone.now()
    certificate.revoked_by = actor.user
    certificate.revocation_reason = reason.strip()
    certificate.save(update_fields=["revoked_at", "revoked_by", "revocation_reason", "updated_at"])
    record(
        actor=actor,
        category=Category.ALTERATION,
        action="training.certificate_revoke",
        subjects=[certificate.completion.participant_id],
        obj=certificate,
    )
    return certificate


# --- The training framework matrix ---------------------------------------------------------------


def latest_matrix(jurisdiction_id: str | None) -> MatrixVersion | None:
    return MatrixVersion.objects.filter(jurisdiction_id=jurisdiction_id).order_by("-number").first()


@transaction.atomic
def matrix_cell_set(
    *,
    actor,
    jurisdiction_id: str | None,
    role: str,
    competence: Competence,
    level: int | None,
    courses: Iterable[Course],
) -> MatrixVersion:
    """Every change makes a new version of the jurisdiction's matrix: the previous cells are
    copied, then this one is set (or cleared with no level). Earlier versions stay as they were."""
    from reintegra.core.roles import Role

    if role not in Role.values:
        raise TrainingError(_("Choose a staff role from the list."))
    if level is not None and level not in Proficiency.values:
        raise TrainingError(_("Choose a required level from the proficiency scale."))
    courses = list(courses)
    previous = (
        MatrixVersion.objects.select_for_update()
        .filter(jurisdiction_id=jurisdiction_id)
        .order_by("-number")
        .first()
    )
    version = MatrixVersion.objects.create(
        jurisdiction_id=jurisdiction_id,
        number=(previous.number + 1) if previous else 1,
        created_by=actor.user,
    )
    if previous is not None:
        for cell in previous.cells.prefetch_related("courses"):
            if cell.role == role and cell.competence_id == competence.pk:
                continue
            copied = MatrixCell.objects.create(
                version=version,
                role=cell.role,
                competence_id=cell.competence_id,
                required_level=cell.required_level,
            )
            copied.courses.set(cell.courses.all())
    if level is not None:
        cell = MatrixCell.objects.create(
            version=version, role=role, competence=competence, required_level=level
        )
        cell.courses.set(courses)
    record(
        actor=actor,
        category=Category.ALTERATION,
        action="training.matrix_cell_set",
        obj=version,
        details={"role": role, "competence": competence.code, "level": level},
    )
    return version
