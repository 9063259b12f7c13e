"""Demo forums: local inter-agency coordination forums in the demo jurisdictions' municipalities,
each with a past meeting (attendance, minutes, a decision) and an open action point owned by a
demo probation officer, so that it appears in their "My work". Fictional.

Safe to run again: a forum that already exists is left as it is.
"""

import datetime as dt

from django.utils import timezone

from reintegra.accounts.actor import actor_for_user
from reintegra.accounts.models import User
from reintegra.forums.models import AttendanceStatus, Forum, Representative
from reintegra.forums.services import (
    action_point_create,
    attendance_save,
    decision_add,
    forum_create,
    meeting_create,
    member_add,
    minutes_save,
    representative_add,
)
from reintegra.organisations.models import Organisation

TERMS = (
    "Demo terms of reference. The forum brings the local agencies together to coordinate the "
    "return of released prisoners to the community: housing, work, health, family and safety. "
    "It meets every two months. Its meetings discuss no individual: cases are discussed in case "
    "conferences, with their own confidentiality rules."
)

# (jurisdiction, forum name, area kind, area, organisation types that are members)
DEMO_FORUMS = [
    (
        "AL",
        "Durrës local inter-agency coordination forum (demo)",
        "municipality",
        "Durrës",
        ["social_services", "police", "probation_service", "ngo"],
    ),
    (
        "AL",
        "Tirana regional reintegration forum (demo)",
        "region",
        "Tirana",
        ["probation_service", "ngo", "prison_administration"],
    ),
    (
        "RS",
        "Niš local inter-agency coordination forum (demo)",
        "municipality",
        "Niš",
        ["social_services", "police", "probation_service", "religious_community"],
    ),
    (
        "XK",
        "Pristina local inter-agency coordination forum (demo)",
        "municipality",
        "Pristina",
        ["municipality", "probation_service", "prison_administration"],
    ),
    (
        "BA",
        "Zenica local inter-agency coordination forum (demo)",
        "municipality",
        "Zenica",
        ["social_services", "probation_service", "prison_administration"],
    ),
    (
        "MK",
        "Skopje local inter-agency coordination forum (demo)",
        "municipality",
        "Skopje",
        ["employment", "probation_service", "prison_administration"],
    ),
]

REPRESENTATIVE_NAMES = ["Demo Rep. Arben", "Demo Rep. Jelena", "Demo Rep. Selma", "Demo Rep. Luka"]
ATTENDANCE_CYCLE = [
    AttendanceStatus.PRESENT,
    AttendanceStatus.PRESENT,
    AttendanceStatus.EXCUSED,
    AttendanceStatus.ABSENT,
]


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).first()


def demo_forums_seed() -> int:
    """Returns how many forums it created."""
    today = timezone.localdate()
    created = 0
    for code, name, area_kind, area, member_types in DEMO_FORUMS:
        if Forum.objects.filter(jurisdiction_id=code, name=name).exists():
            continue
        keeper = _user(f"{code.lower()}.forum-coordinator") or _user(
            f"{code.lower()}.probation-officer"
        )
        owner = _user(f"{code.lower()}.probation-officer")
        if keeper is None or owner is None:
            continue
        actor = actor_for_user(keeper)
        forum = forum_create(
            actor=actor, name=name, area_kind=area_kind, area=area, terms_of_reference=TERMS
        )
        joined = today - dt.timedelta(days=400)
        for index, type_code in enumerate(member_types):
            organisation = (
                Organisation.objects.filter(jurisdiction_id=code, type_id=type_code)
                .order_by("name")
                .first()
            )
            if organisation is None:
                continue
            member = member_add(
                actor=actor, forum=forum, organisation=organisation, joined_on=joined
            )
            representative_add(
                actor=actor,
                member=member,
                full_name=REPRESENTATIVE_NAMES[index % len(REPRESENTATIVE_NAMES)],
                role="Focal point (demo)",
                email=f"focal.{code.lower()}.{index}@demo.invalid",
            )
        past = meeting_create(
            actor=actor,
            forum=forum,
            date=today - dt.timedelta(days=21),
            place=f"{area} town hall (demo)",
            agenda="1. Services available on release\n2. Housing offers\n3. Next meeting",
        )
        register = Representative.objects.filter(member__forum=forum).order_by("full_name")
        attendance_save(
            actor=actor,
            meeting=past,
            statuses={
                str(rep.pk): ATTENDANCE_CYCLE[i % len(ATTENDANCE_CYCLE)]
                for i, rep in enumerate(register)
            },
            today=today,
        )
        minutes_save(
            actor=actor,
            meeting=past,
            text=(
                "Demo minutes. The members reviewed the services open to people released in "
                f"{area}: social housing, the employment office's programme and health care. "
                "Social services will keep a list of housing offers for the next meeting."
            ),
            version=0,
        )
        decision_add(
            actor=actor,
            meeting=past,
            text="Demo decision: one contact point per agency for released people.",
        )
        action_point_create(
            actor=actor,
            meeting=past,
            text="Share the list of contact points with the members (demo)",
            owner=owner,
            due_on=today + dt.timedelta(days=10),
            today=today,
        )
        meeting_create(
            actor=actor,
            forum=forum,
            date=today + dt.timedelta(days=40),
            place=f"{area} town hall (demo)",
            agenda="1. Follow-up of the actions\n2. Housing offers",
        )
        created += 1
    return created
