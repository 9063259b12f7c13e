"""Fictional programmes for the demo: a catalogue for Albania and Serbia and one group that has
met three times. Built through the same services staff use; safe to run again."""

import datetime as dt

from django.utils import timezone

from reintegra.accounts.actor import actor_for_user
from reintegra.accounts.models import Membership, User
from reintegra.core.roles import Role
from reintegra.people.models import Person
from reintegra.programmes.models import Group, Programme, ProgrammeKind
from reintegra.programmes.selectors import session_roster
from reintegra.programmes.services import (
    GroupInput,
    ProgrammeInput,
    enrolment_create,
    group_create,
    module_add,
    programme_create,
    session_template_add,
)
from reintegra.programmes.sessions import (
    AttendanceEntry,
    SessionInput,
    attendance_record,
    session_schedule,
)

DEMO_JURISDICTIONS = ("AL", "RS")
GROUP_NAME = "Disengagement group A"

# (code, name, kind, weeks, description, facilitator requirements, {module: [sessions]})
CATALOGUE = [
    (
        "disengagement",
        "Disengagement and reintegration programme",
        ProgrammeKind.REHABILITATION,
        12,
        "A group programme for people convicted of violent extremist offences: motivation to "
        "change, identity and belonging, and a plan for life after release.",
        "Psychologist or social worker trained in the programme and in motivational "
        "interviewing; co-facilitated by two staff.",
        {
            "Motivation and engagement": [
                "Getting to know the group",
                "What I want from my life",
                "Weighing up change",
            ],
            "Identity, belonging and thinking": [
                "Who I am and where I belong",
                "Thinking traps and other views",
                "Handling conflict without violence",
            ],
            "Looking ahead": ["Family and community after release", "My plan for the future"],
        },
    ),
    (
        "carpentry",
        "Carpentry workshop",
        ProgrammeKind.VOCATIONAL_WORKSHOP,
        16,
        "Joinery and furniture making towards a certificate recognised by employers.",
        "Certified carpentry instructor; workshop safety training.",
        {"Workshop basics": ["Tools and safety", "Measuring and marking"]},
    ),
    (
        "occupational-therapy",
        "Occupational therapy: crafts and daily routine",
        ProgrammeKind.OCCUPATIONAL_THERAPY,
        8,
        "Structured craft activities that build routine, concentration and cooperation.",
        "Occupational therapist.",
        {"Routine": ["Planning the week", "Working together on a craft"]},
    ),
]
# The three meetings so far: days ago, and the register pattern across the five participants.
MEETINGS = [
    (21, ["attended", "attended", "late", "attended", "excused"]),
    (14, ["attended", "unexcused", "attended", "attended", "attended"]),
    (7, ["attended", "attended", "attended", "refused", "late"]),
]
PARTICIPANTS = 5


def _demo_user(code: str, role: str) -> User | None:
    return User.objects.filter(username=f"{code.lower()}.{role.replace('_', '-')}").first()


def _catalogue(actor) -> list[Programme]:
    programmes = []
    for code, name, kind, weeks, description, requirements, modules in CATALOGUE:
        existing = Programme.objects.filter(
            jurisdiction_id=actor.jurisdiction_code, code=code
        ).first()
        if existing is not None:
            programmes.append(existing)
            continue
        programme = programme_create(
            actor=actor,
            values=ProgrammeInput(
                code=code,
                name=name,
                kind=kind,
                duration_weeks=weeks,
                description=description,
                facilitator_requirements=requirements,
            ),
        )
        for title, sessions in modules.items():
            module = module_add(actor=actor, programme=programme, title=title)
            for session_title in sessions:
                session_template_add(
                    actor=actor, module=module, title=session_title, duration_minutes=90
                )
        programmes.append(programme)
    return programmes


def _running_group(manager, specialist, programme: Programme, facility) -> bool:
    if Group.objects.filter(programme=programme, facility=facility, name=GROUP_NAME).exists():
        return False
    today = timezone.localdate()
    start = today - dt.timedelta(days=28)
    group = group_create(
        actor=manager,
        programme=programme,
        values=GroupInput(
            name=GROUP_NAME,
            facility=facility,
            start_date=start,
            end_date=start + dt.timedelta(weeks=programme.duration_weeks, days=-1),
            capacity=8,
            facilitators=(specialist.user,),
        ),
    )
    people = Person.objects.filter(current_facility=facility, in_custody=True).order_by(
        "reference"
    )[:PARTICIPANTS]
    for person in people:
        enrolment_create(actor=manager, group=group, person=person, enrolled_on=start, today=today)
    templates = [
        template
        for module in programme.modules.order_by("order")
        for template in module.session_templates.order_by("order")
    ]
    for (days_ago, pattern), template in zip(MEETINGS, templates, strict=False):
        when = timezone.make_aware(
            dt.datetime.combine(today - dt.timedelta(days=days_ago), dt.time(10, 0))
        )
        session = session_schedule(
            actor=manager,
            group=group,
            values=SessionInput(scheduled_for=when, template=template, location="Education block"),
        )
        entries = [
            AttendanceEntry(enrolment=enrolment, status=status)
            for enrolment, status in zip(session_roster(session), pattern, strict=False)
        ]
        attendance_record(actor=specialist, session=session, entries=entries, now=timezone.now())
    return True


def demo_programmes_seed() -> int:
    """Returns how many groups it set up (0 when everything was there already)."""
    created = 0
    for code in DEMO_JURISDICTIONS:
        manager_user = _demo_user(code, Role.PRISON_MANAGER)
        specialist_user = _demo_user(code, Role.SPECIALIST)
        if manager_user is None or specialist_user is None:
            continue
        manager = actor_for_user(manager_user)
        specialist = actor_for_user(specialist_user)
        programmes = _catalogue(manager)
        membership = Membership.objects.filter(
            user=specialist_user, role=Role.SPECIALIST, facility__isnull=False
        ).first()
        if membership is None:
            continue
        created += _running_group(manager, specialist, programmes[0], membership.facility)
    return created
