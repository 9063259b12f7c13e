import rules
from django.db.models import QuerySet

from reintegra.core.policy import Policy
from reintegra.core.roles import PRISON_STAFF_ROLES, Role
from reintegra.programmes.models import (
    Enrolment,
    Group,
    GroupSession,
    Programme,
    SessionStatus,
)

# Those who run the catalogue and the groups of a prison service.
PROGRAMME_MANAGERS = frozenset({Role.SUPERVISOR, Role.PRISON_MANAGER})
# Facilitators' notes describe how a person took part in treatment: clinical staff read them,
# prison officers see only whether the person attended.
NOTE_READERS = frozenset({Role.SPECIALIST, Role.SUPERVISOR, Role.PRISON_MANAGER})


@rules.predicate
def is_prison_staff(actor) -> bool:
    return actor.role in PRISON_STAFF_ROLES


@rules.predicate
def manages_programmes(actor) -> bool:
    return actor.role in PROGRAMME_MANAGERS


@rules.predicate
def reads_notes(actor) -> bool:
    return actor.role in NOTE_READERS


@rules.predicate
def facilitates_the_group(actor, session: GroupSession) -> bool:
    return session.group.facilitators.filter(pk=actor.user_id).exists()


@rules.predicate
def group_is_open(actor, session: GroupSession) -> bool:
    return session.group.is_open


@rules.predicate
def session_is_scheduled(actor, session: GroupSession) -> bool:
    return session.status == SessionStatus.SCHEDULED


class ProgrammePolicy(Policy[Programme]):
    """Prison staff read their jurisdiction's catalogue; supervisors and prison managers (the
    service's programme managers) write it."""

    model = Programme
    rules = rules.RuleSet({"view": is_prison_staff, "manage": manages_programmes})

    def visible_to(self, actor) -> QuerySet[Programme]:
        if not actor.jurisdiction_code or not self.allows(actor, "view"):
            return Programme.objects.none()
        return Programme.objects.filter(jurisdiction_id=actor.jurisdiction_code)


class GroupPolicy(Policy[Group]):
    """Prison staff see the groups of their facility (staff without a facility, their service's);
    programme managers set groups up and enrol people; the group's facilitators and the managers
    record attendance."""

    model = Group
    rules = rules.RuleSet(
        {
            "view": is_prison_staff,
            "manage": manages_programmes,
            "read_notes": reads_notes,
        }
    )

    def visible_to(self, actor) -> QuerySet[Group]:
        if not actor.jurisdiction_code or not self.allows(actor, "view"):
            return Group.objects.none()
        groups = Group.objects.filter(programme__jurisdiction_id=actor.jurisdiction_code)
        if actor.facility_id:
            groups = groups.filter(facility_id=actor.facility_id)
        return groups


class GroupSessionPolicy(Policy[GroupSession]):
    model = GroupSession
    rules = rules.RuleSet(
        {
            "view": is_prison_staff,
            "record_attendance": is_prison_staff
            & group_is_open
            & (manages_programmes | facilitates_the_group),
            "cancel": is_prison_staff
            & session_is_scheduled
            & (manages_programmes | facilitates_the_group),
        }
    )

    def visible_to(self, actor) -> QuerySet[GroupSession]:
        return GroupSession.objects.filter(group__in=group_policy.visible_to(actor))


class EnrolmentPolicy(Policy[Enrolment]):
    model = Enrolment
    rules = rules.RuleSet({"view": is_prison_staff, "end": manages_programmes})

    def visible_to(self, actor) -> QuerySet[Enrolment]:
        return Enrolment.objects.filter(group__in=group_policy.visible_to(actor))


programme_policy = ProgrammePolicy()
group_policy = GroupPolicy()
session_policy = GroupSessionPolicy()
enrolment_policy = EnrolmentPolicy()
