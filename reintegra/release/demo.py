"""Demo release preparation: plans, a handover and a release in Albania and Serbia. Fictional.

Run after the demo people exist (reintegra.demo); safe to run again: a jurisdiction that already
has release plans is left as it is.
"""

import datetime as dt

from django.utils import timezone

from reintegra.accounts.actor import actor_for_user
from reintegra.accounts.models import Membership, User
from reintegra.audit.actor import SystemActor
from reintegra.core.roles import Role
from reintegra.people.models import AccessScope, CustodyEpisode, Person
from reintegra.release.models import (
    Participation,
    Pathway,
    PathwayEntry,
    PathwayStatus,
    ReadinessItem,
    ReadinessState,
    ReleasePlan,
)
from reintegra.release.services import (
    AttendeeInput,
    PathwayInput,
    case_conference_record,
    handover_create,
    months_after,
    pathway_entry_update,
    readiness_checklist_update,
    release_plan_open,
    release_record,
)

DEMO_JURISDICTIONS = ("AL", "RS")
HANDOVER_SCOPES: list[str] = [
    AccessScope.IDENTITY,
    AccessScope.ASSESSMENT_SUMMARY,
    AccessScope.RELEASE,
    AccessScope.SUPERVISION,
]
RELEASED_DAYS_AGO = 21


def _demo_user(code: str, role: str) -> User | None:
    return User.objects.filter(username=f"{code.lower()}.{role.replace('_', '-')}").first()


def demo_release_seed() -> int:
    """Returns how many release plans it opened."""
    return sum(_seed_jurisdiction(code) for code in DEMO_JURISDICTIONS)


def _seed_jurisdiction(code: str) -> int:
    if ReleasePlan.objects.filter(person__jurisdiction_id=code).exists():
        return 0
    supervisor = _demo_user(code, Role.SUPERVISOR)
    officer = _demo_user(code, Role.PROBATION_OFFICER)
    people = list(
        Person.objects.filter(jurisdiction_id=code, in_custody=True)
        .select_related("current_facility")
        .order_by("reference")[:3]
    )
    if supervisor is None or officer is None or len(people) < 3:
        return 0
    membership = Membership.objects.current().get(user=officer, role=Role.PROBATION_OFFICER)
    prison = actor_for_user(supervisor)
    today = timezone.localdate()
    handed, waiting, leaving = people

    plans = []
    for person, months in ((handed, 4), (waiting, 7)):
        _expect_release(person, months_after(today, months))
        plans.append(
            release_plan_open(
                actor=SystemActor(username="seed_demo", jurisdiction_code=code),
                person=person,
                today=today - dt.timedelta(days=30),
                automatic=True,
            )
        )
    _prepare(prison, plans[0], today)
    handover_create(
        actor=prison,
        plan=plans[0],
        membership=membership,
        scopes=HANDOVER_SCOPES,
        handed_over_on=today - dt.timedelta(days=3),
        notes="Demo: will live with his brother; a job offer from a furniture workshop.",
        today=today,
    )

    released_on = today - dt.timedelta(days=RELEASED_DAYS_AGO)
    admitted_on = _expect_release(leaving, released_on)
    plan = release_plan_open(
        actor=prison,
        person=leaving,
        today=max(admitted_on, released_on - dt.timedelta(days=200)),
        owner=supervisor,
    )
    handover_create(
        actor=prison,
        plan=plan,
        membership=membership,
        scopes=HANDOVER_SCOPES,
        handed_over_on=released_on - dt.timedelta(days=30),
        notes="Demo: reports weekly; mentor from the reintegration centre.",
        today=today,
    )
    # The release opens the supervision case, as it does for staff.
    release_record(actor=prison, person=leaving, date=released_on, today=today)
    return 3


def _expect_release(person: Person, date: dt.date) -> dt.date:
    """Sets the expected release of the person's custody; returns its admission date."""
    episode = CustodyEpisode.objects.get(person=person, actual_release_date__isnull=True)
    # Demo people were admitted at least two months ago; keep the release after the admission.
    episode.expected_release_date = max(date, episode.admission_date)
    episode.save(update_fields=["expected_release_date", "updated_at"])
    return episode.admission_date


def _prepare(actor, plan: ReleasePlan, today: dt.date) -> None:
    entry = PathwayEntry.objects.get(plan=plan, pathway=Pathway.ACCOMMODATION)
    pathway_entry_update(
        actor=actor,
        entry=entry,
        version=entry.version,
        changes=PathwayInput(
            status=PathwayStatus.IN_PROGRESS,
            needs="Demo: an address away from former associates.",
            actions="Demo: social services to confirm the brother's flat.",
        ),
    )
    items = list(ReadinessItem.objects.filter(plan=plan)[:5])
    readiness_checklist_update(
        actor=actor,
        plan=plan,
        answers={str(item.pk): (ReadinessState.DONE, "") for item in items},
        today=today,
    )
    case_conference_record(
        actor=actor,
        plan=plan,
        held_on=today - dt.timedelta(days=7),
        attendees=[
            AttendeeInput("Demo psychologist", "Demo prison", "Psychologist", "prison"),
            AttendeeInput("Demo probation officer", "Demo probation", "Case officer", "probation"),
            AttendeeInput("Demo social worker", "Demo social services", "Social worker", "partner"),
        ],
        participation=Participation.ATTENDED,
        participation_note="",
        decisions="Demo: release address to be checked; mentor meets him on the day of release.",
        next_steps="Demo: probation home visit before release.",
        today=today,
    )
