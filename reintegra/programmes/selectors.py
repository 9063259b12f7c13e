import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from reintegra.accounts.models import Membership, User
from reintegra.core.roles import PRISON_STAFF_ROLES
from reintegra.organisations.models import Facility
from reintegra.people.models import Person
from reintegra.people.selectors import people_visible_to
from reintegra.programmes.models import (
    OPEN_GROUP_STATUSES,
    Attendance,
    AttendanceStatus,
    Enrolment,
    EnrolmentStatus,
    Group,
    GroupSession,
    Module,
    Programme,
    SessionStatus,
    SessionTemplate,
)
from reintegra.programmes.permissions import (
    enrolment_policy,
    group_policy,
    programme_policy,
    session_policy,
)

# --- Catalogue -----------------------------------------------------------------------------------


def programmes_visible_to(actor) -> QuerySet[Programme]:
    return programme_policy.visible_to(actor)


def catalogue(actor, *, kind: str = "", include_retired: bool = False) -> QuerySet[Programme]:
    programmes = programmes_visible_to(actor).annotate(
        module_count=Count("modules", distinct=True),
        session_count=Count("modules__session_templates", distinct=True),
    )
    if kind:
        programmes = programmes.filter(kind=kind)
    if not include_retired:
        programmes = programmes.filter(is_active=True)
    return programmes.order_by("name", "id")


def programme_with_modules(programme: Programme) -> list[Module]:
    return list(
        programme.modules.order_by("order").prefetch_related(
            Prefetch("session_templates", queryset=SessionTemplate.objects.order_by("order"))
        )
    )


def session_templates_of(programme: Programme) -> QuerySet[SessionTemplate]:
    return (
        SessionTemplate.objects.filter(module__programme=programme)
        .select_related("module")
        .order_by("module__order", "order")
    )


# --- Groups --------------------------------------------------------------------------------------


def groups_visible_to(actor) -> QuerySet[Group]:
    return group_policy.visible_to(actor).select_related("programme", "facility")


def group_list(actor, *, status: str = "open", programme: Programme | None = None):
    groups = groups_visible_to(actor).annotate(
        enrolled=Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.ENROLLED)),
    )
    if status == "open":
        groups = groups.filter(status__in=OPEN_GROUP_STATUSES)
    elif status:
        groups = groups.filter(status=status)
    if programme is not None:
        groups = groups.filter(programme=programme)
    return groups.order_by("-start_date", "name", "id")


def sessions_visible_to(actor) -> QuerySet[GroupSession]:
    return session_policy.visible_to(actor).select_related(
        "group__programme", "group__facility", "session_template"
    )


def enrolments_visible_to(actor) -> QuerySet[Enrolment]:
    return enrolment_policy.visible_to(actor).select_related(
        "group__programme", "group__facility", "person"
    )


def facilities_for_groups(actor) -> QuerySet[Facility]:
    """Where the actor may run a group: their own facility, or any of their service's."""
    facilities = Facility.objects.filter(
        organisation__jurisdiction_id=actor.jurisdiction_code, is_active=True
    ).select_related("organisation")
    if actor.facility_id:
        facilities = facilities.filter(pk=actor.facility_id)
    return facilities.order_by("name")


def facilitator_candidates(facilities: Iterable[Facility]) -> QuerySet[User]:
    """Prison staff working at these facilities, or for their prison service without a facility."""
    facilities = list(facilities)
    memberships = Membership.objects.current().filter(
        Q(facility__in=facilities) | Q(facility__isnull=True),
        organisation__in={facility.organisation_id for facility in facilities},
        role__in=PRISON_STAFF_ROLES,
    )
    return User.objects.filter(pk__in=memberships.values("user_id"), is_active=True).order_by(
        "last_name", "first_name", "username"
    )


def people_to_enrol(actor, group: Group) -> QuerySet[Person]:
    """People the actor can see who are held where the group meets and are not in it already."""
    return (
        people_visible_to(actor)
        .filter(current_facility_id=group.facility_id, in_custody=True)
        .exclude(
            pk__in=Enrolment.objects.filter(group=group, status=EnrolmentStatus.ENROLLED).values(
                "person_id"
            )
        )
        .order_by("family_name_latin", "given_name_latin", "id")
    )


def visible_person_ids(actor, person_ids: Iterable[object]) -> set[object]:
    """Which of these people the actor may still open: someone transferred away stays in the
    group's record by reference, without their name."""
    ids = list(person_ids)
    if not ids:
        return set()
    return set(people_visible_to(actor).filter(pk__in=ids).values_list("pk", flat=True))


PRESENT = (AttendanceStatus.ATTENDED, AttendanceStatus.LATE)


# --- A group's page ------------------------------------------------------------------------------


@dataclass
class GroupRecord:
    """Everything the group page shows, read in a fixed number of queries."""

    enrolments: list[Enrolment]
    sessions: list[GroupSession]
    # {enrolment id: {session id: status}}
    grid: dict[object, dict[object, str]] = field(default_factory=dict)
    visible_people: set[object] = field(default_factory=set)

    @property
    def held_sessions(self) -> list[GroupSession]:
        return [s for s in self.sessions if s.status == SessionStatus.HELD]

    def rows(self) -> list["RegisterRow"]:
        held = self.held_sessions
        labels = dict(AttendanceStatus.choices)
        rows = []
        for enrolment in self.enrolments:
            recorded = self.grid.get(enrolment.pk, {})
            codes = [recorded.get(session.pk, "") for session in held]
            rows.append(
                RegisterRow(
                    enrolment=enrolment,
                    cells=[(code, str(labels.get(code, ""))) for code in codes],
                    present=sum(1 for code in recorded.values() if code in PRESENT),
                    recorded=len(recorded),
                    person_visible=enrolment.person_id in self.visible_people,
                )
            )
        return rows


@dataclass(frozen=True)
class RegisterRow:
    enrolment: Enrolment
    # (status, label) for each held session; ("", "") where nothing is recorded for the person.
    cells: list[tuple[str, str]]
    # Sessions the person took part in, late arrivals included, of those recorded for them.
    present: int
    recorded: int
    person_visible: bool


def group_record(actor, group: Group) -> GroupRecord:
    enrolments = list(
        Enrolment.objects.filter(group=group)
        .select_related("person")
        .order_by("person__family_name_latin", "person__given_name_latin", "enrolled_on", "id")
    )
    sessions = list(
        GroupSession.objects.filter(group=group)
        .select_related("session_template__module")
        .order_by("scheduled_for", "id")
    )
    grid: dict[object, dict[object, str]] = defaultdict(dict)
    for enrolment_id, session_id, status in Attendance.objects.filter(
        session__group=group
    ).values_list("enrolment_id", "session_id", "status"):
        grid[enrolment_id][session_id] = status
    return GroupRecord(
        enrolments=enrolments,
        sessions=sessions,
        grid=dict(grid),
        visible_people=visible_person_ids(actor, [e.person_id for e in enrolments]),
    )


def session_roster(session: GroupSession) -> list[Enrolment]:
    """Who belongs on a session's register: enrolled by its day and not gone before it."""
    day = timezone.localtime(session.scheduled_for).date()
    return list(
        Enrolment.objects.filter(group_id=session.group_id, enrolled_on__lte=day)
        .filter(Q(completion_date__isnull=True) | Q(completion_date__gte=day))
        .select_related("person")
        .order_by("person__family_name_latin", "person__given_name_latin", "id")
    )


def session_attendance(session: GroupSession) -> dict[object, Attendance]:
    return {row.enrolment_id: row for row in Attendance.objects.filter(session=session)}


# --- Person page and My work ---------------------------------------------------------------------


def attendance_counts(enrolment_ids: Iterable[object]) -> dict[object, dict[str, int]]:
    """{enrolment id: {attendance status: sessions}}, in one query."""
    counts: dict[object, dict[str, int]] = defaultdict(
        lambda: dict.fromkeys(AttendanceStatus.values, 0)
    )
    rows = (
        Attendance.objects.filter(enrolment_id__in=list(enrolment_ids))
        .values_list("enrolment_id", "status")
        .annotate(n=Count("id"))
        .order_by()
    )
    for enrolment_id, status, number in rows:
        counts[enrolment_id][status] = number
    return counts


def sessions_awaiting_attendance(actor, now: dt.datetime | None = None) -> QuerySet[GroupSession]:
    """Sessions the actor facilitates whose time has come and whose register is still empty."""
    sessions = GroupSession.objects.filter(
        group__facilitators=actor.user_id,
        group__status__in=OPEN_GROUP_STATUSES,
        group__programme__jurisdiction_id=actor.jurisdiction_code,
        status=SessionStatus.SCHEDULED,
        scheduled_for__lt=now or timezone.now(),
    )
    if actor.facility_id:
        sessions = sessions.filter(group__facility_id=actor.facility_id)
    return sessions.select_related("group").order_by("scheduled_for", "id")
