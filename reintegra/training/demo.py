"""Fictional capacity building for the demo, after the programme's reports: the Council of
Europe's HELP course on Radicalisation Prevention, training of trainers on the assessment of
violent extremist prisoners, and the course (with its refresher) that certifies assessors for
the risk and needs guide. Every demo specialist and supervisor holds a current certification,
except Bosnia and Herzegovina's supervisor, whose certification expired: the demo of the
refusal. Built through the same services staff use; safe to run again."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from reintegra.accounts.actor import actor_for_user
from reintegra.accounts.models import Membership, User
from reintegra.core.roles import Role
from reintegra.instruments.models import Instrument
from reintegra.organisations.models import Organisation
from reintegra.training.models import (
    Competence,
    Completion,
    CompletionSource,
    Course,
    CourseMode,
    Participant,
    Proficiency,
    RegistrationState,
    TrainingEvent,
)
from reintegra.training.services import (
    CourseInput,
    EventInput,
    attendance_save,
    certificate_issue,
    completion_record,
    course_save,
    event_save,
    matrix_cell_set,
    participant_create,
    participant_for_user,
    registration_set,
    session_add,
)

SPJ_INSTRUMENT = "reintegra-spj-illustrative"
EXPIRED_IN = "BA"  # the jurisdiction whose supervisor's certification has run out

COMPETENCES = [
    ("radicalisation-awareness", "Understanding radicalisation in prisons"),
    ("risk-assessment", "Structured professional judgement of extremism risk"),
    ("disengagement", "Supporting disengagement from violence"),
    ("dynamic-security", "Dynamic security and reporting"),
    ("training-delivery", "Delivering and tutoring training"),
]

# (code, title, mode, languages, hours, provider, validity months, trains trainers,
#  certifies the SPJ guide, {competence: level})
COURSES: list[tuple[str, str, str, list[str], int, str, int | None, bool, bool, dict[str, int]]] = [
    (
        "help-radicalisation-prevention",
        "HELP course on Radicalisation Prevention",
        CourseMode.TUTORED_ONLINE,
        ["en", "sq", "sr", "bs", "mk"],
        20,
        "Council of Europe HELP Programme",
        36,
        False,
        False,
        {"radicalisation-awareness": Proficiency.PRACTITIONER, "dynamic-security": 1},
    ),
    (
        "spj-assessor",
        "Assessing violent extremist prisoners with the risk and needs guide",
        CourseMode.CLASSROOM,
        ["en", "sq", "sr"],
        24,
        "Reintegra demo academy",
        24,
        False,
        True,
        {"risk-assessment": Proficiency.PRACTITIONER},
    ),
    (
        "spj-refresher",
        "Risk and needs guide: assessor refresher",
        CourseMode.BLENDED,
        ["en", "sq", "sr"],
        8,
        "Reintegra demo academy",
        24,
        False,
        True,
        {"risk-assessment": Proficiency.PRACTITIONER},
    ),
    (
        "tot-vep",
        "Training of trainers: assessment and management of violent extremist prisoners",
        CourseMode.CLASSROOM,
        ["en", "sr"],
        32,
        "Reintegra demo academy",
        None,
        True,
        False,
        {"training-delivery": Proficiency.TRAINER, "risk-assessment": Proficiency.ADVANCED},
    ),
]

# The Albanian matrix: (role, competence, level, courses that satisfy it)
MATRIX = [
    (Role.PRISON_OFFICER, "radicalisation-awareness", 1, ["help-radicalisation-prevention"]),
    (Role.PRISON_OFFICER, "dynamic-security", 1, ["help-radicalisation-prevention"]),
    (Role.SPECIALIST, "radicalisation-awareness", 2, ["help-radicalisation-prevention"]),
    (Role.SPECIALIST, "risk-assessment", 2, ["spj-assessor", "spj-refresher"]),
    (Role.SUPERVISOR, "risk-assessment", 2, ["spj-assessor", "spj-refresher"]),
    (Role.PROBATION_OFFICER, "radicalisation-awareness", 2, ["help-radicalisation-prevention"]),
]

# Participants of the HELP launch without an account: (name, e-mail, organisation key)
GUESTS = [
    ("Elira Hoxha", "elira.hoxha@demo.invalid", "probation"),
    ("Besnik Leka", "besnik.leka@demo.invalid", "prisons"),
    ("Mimoza Dervishi", "mimoza.dervishi@demo.invalid", "social"),
]


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).first()


def _catalogue(actor) -> dict[str, Course]:
    competences = {
        code: Competence.objects.get_or_create(code=code, defaults={"name": name})[0]
        for code, name in COMPETENCES
    }
    spj = Instrument.objects.filter(code=SPJ_INSTRUMENT).first()
    courses = {}
    for code, title, mode, languages, hours, provider, validity, tot, certifies, grants in COURSES:
        existing = Course.objects.filter(code=code).first()
        if existing is None:
            existing = course_save(
                actor=actor,
                data=CourseInput(
                    code=code,
                    title=title,
                    description="",
                    mode=mode,
                    languages=languages,
                    duration_hours=hours,
                    provider=provider,
                    validity_months=validity,
                    trains_trainers=tot,
                    instruments=[spj] if certifies and spj else [],
                    grants=[(competences[c], int(level)) for c, level in grants.items()],
                ),
            )
        courses[code] = existing
    return courses


def _certify_assessors(actor, course: Course, today: dt.date) -> None:
    """Every demo specialist and supervisor completed the assessor course; one long ago."""
    memberships = (
        Membership.objects.current()
        .filter(role__in=[Role.SPECIALIST, Role.SUPERVISOR])
        .select_related("user", "organisation")
        .order_by("user__username")
    )
    for membership in memberships:
        participant = participant_for_user(membership.user)
        expired = (
            membership.role == Role.SUPERVISOR
            and membership.organisation.jurisdiction_id == EXPIRED_IN
        )
        completed_on = today - dt.timedelta(days=800 if expired else 90)
        completion, created = Completion.objects.get_or_create(
            participant=participant,
            course=course,
            completed_on=completed_on,
            defaults={
                "valid_until": course.valid_until(completed_on),
                "score": Decimal("86.00"),
                "source": CompletionSource.IMPORT,
                "recorded_by": actor.user,
            },
        )
        if created:
            certificate_issue(actor=actor, completion=completion)


def _help_launch(actor, course: Course, today: dt.date) -> None:
    """The HELP course's launch in Tirana: two sessions, attendance taken, completions and
    certificates for those who finished."""
    organisation = actor.membership.organisation
    if TrainingEvent.objects.filter(course=course, organisation=organisation).exists():
        return
    tutor = participant_for_user(actor.user)
    starts = today - dt.timedelta(days=30)
    event = event_save(
        actor=actor,
        data=EventInput(
            course=course,
            title="HELP course on Radicalisation Prevention: launch, Tirana (demo)",
            organisation=organisation,
            starts_on=starts,
            ends_on=starts + dt.timedelta(days=1),
            venue="Ministry of Justice training room, Tirana",
            online_url="",
            trainers=[tutor],
        ),
    )
    sessions = [
        session_add(actor=actor, event=event, day=starts, topic="Launch and course platform"),
        session_add(
            actor=actor,
            event=event,
            day=starts + dt.timedelta(days=1),
            topic="Radicalisation in prisons: first module",
        ),
    ]
    organisations = {org.type_id: org for org in Organisation.objects.filter(jurisdiction_id="AL")}
    keys = {"prisons": "prison_administration", "probation": "probation_service"}
    keys["social"] = "social_services"
    participants: list[Participant] = []
    for username in ("al.prison-officer", "al.specialist", "al.probation-officer"):
        user = _user(username)
        if user is not None:
            participants.append(participant_for_user(user))
    for name, email, key in GUESTS:
        existing = Participant.objects.filter(email=email).first()
        participants.append(
            existing
            or participant_create(
                actor=actor,
                full_name=name,
                email=email,
                organisation=organisations[keys[key]],
                role="",
            )
        )
    registrations = [
        registration_set(
            actor=actor, event=event, participant=participant, state=RegistrationState.REGISTERED
        )
        for participant in participants
    ]
    registration_set(
        actor=actor,
        event=event,
        participant=participants[-1],
        state=RegistrationState.DECLINED,
    )
    present = {
        (str(session.pk), str(registration.pk))
        for session in sessions
        for registration in registrations[:-1]
    }
    attendance_save(actor=actor, event=event, present=present)
    for participant, score in zip(participants[:3], ("92.5", "88", "79"), strict=True):
        completion = completion_record(
            actor=actor,
            event=event,
            participant=participant,
            completed_on=starts + dt.timedelta(days=1),
            score=Decimal(score),
            feedback="Useful case studies; more time for the forum.",
        )
        certificate_issue(actor=actor, completion=completion)


def _matrix(actor, courses: dict[str, Course]) -> None:
    if actor.jurisdiction_code != "AL":
        return
    from reintegra.training.models import MatrixVersion

    if MatrixVersion.objects.filter(jurisdiction_id="AL").exists():
        return
    competences = {c.code: c for c in Competence.objects.all()}
    for role, competence, level, course_codes in MATRIX:
        matrix_cell_set(
            actor=actor,
            jurisdiction_id="AL",
            role=role,
            competence=competences[competence],
            level=level,
            courses=[courses[code] for code in course_codes],
        )


def demo_training_seed() -> int:
    """Returns the number of completions recorded."""
    manager = _user("al.training-manager")
    if manager is None:
        return 0
    actor = actor_for_user(manager)
    today = timezone.localdate()
    before = Completion.objects.count()
    courses = _catalogue(actor)
    _certify_assessors(actor, courses["spj-assessor"], today)
    _help_launch(actor, courses["help-radicalisation-prevention"], today)
    _matrix(actor, courses)
    return Completion.objects.count() - before
