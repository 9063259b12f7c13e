"""Who reads and keeps the forums.

Forum coordinators, national coordinators and ministry analysts read every forum of their
jurisdiction; case workers and partner agency users read the forums their organisation is a
current member of. Coordinators keep the forums (members, representatives, meetings, minutes,
decisions, action points, documents); an action point's owner may also mark it done. The record
of a meeting that discusses an individual is read only by staff who may see that person.
"""

import rules
from django.db.models import QuerySet

from reintegra.core.policy import Policy
from reintegra.core.roles import CASEWORK_ROLES, Role
from reintegra.forums.models import (
    ActionPoint,
    Forum,
    ForumDocument,
    ForumMember,
    Meeting,
    Representative,
)
from reintegra.people.permissions import person_policy

JURISDICTION_READERS = frozenset(
    {Role.FORUM_COORDINATOR, Role.NATIONAL_COORDINATOR, Role.MINISTRY_ANALYST}
)
MEMBER_READERS = CASEWORK_ROLES | {Role.PARTNER_USER}
KEEPERS = frozenset({Role.FORUM_COORDINATOR})


@rules.predicate
def reads_forums(actor) -> bool:
    return actor.role in JURISDICTION_READERS or actor.role in MEMBER_READERS


@rules.predicate
def reads_statistics(actor) -> bool:
    return actor.role in JURISDICTION_READERS


@rules.predicate
def keeps_forums(actor) -> bool:
    return actor.role in KEEPERS


@rules.predicate
def owns_the_action(actor, action: ActionPoint) -> bool:
    return action.owner_id == actor.user_id


@rules.predicate
def is_open(actor, action: ActionPoint) -> bool:
    return action.is_open


def forums_in_scope(actor) -> QuerySet[Forum]:
    if not actor.jurisdiction_code or not reads_forums(actor):
        return Forum.objects.none()
    forums = Forum.objects.filter(jurisdiction_id=actor.jurisdiction_code)
    if actor.role in JURISDICTION_READERS:
        return forums
    member_of = ForumMember.objects.filter(
        organisation_id=actor.organisation_id, left_on__isnull=True
    ).values("forum_id")
    return forums.filter(pk__in=member_of)


class ForumPolicy(Policy[Forum]):
    model = Forum
    rules = rules.RuleSet(
        {
            "view": reads_forums,
            "manage": keeps_forums,
            "statistics": reads_statistics,
        }
    )

    def visible_to(self, actor) -> QuerySet[Forum]:
        return forums_in_scope(actor)


class ForumMemberPolicy(Policy[ForumMember]):
    model = ForumMember
    rules = rules.RuleSet({"view": reads_forums, "manage": keeps_forums})

    def visible_to(self, actor) -> QuerySet[ForumMember]:
        return ForumMember.objects.filter(forum__in=forums_in_scope(actor))


class RepresentativePolicy(Policy[Representative]):
    model = Representative
    rules = rules.RuleSet({"view": reads_forums, "manage": keeps_forums})

    def visible_to(self, actor) -> QuerySet[Representative]:
        return Representative.objects.filter(member__forum__in=forums_in_scope(actor))


class MeetingPolicy(Policy[Meeting]):
    model = Meeting
    rules = rules.RuleSet({"view": reads_forums, "record": keeps_forums})

    def visible_to(self, actor) -> QuerySet[Meeting]:
        return Meeting.objects.filter(forum__in=forums_in_scope(actor))

    def reads_record(self, actor, meeting: Meeting) -> bool:
        """Whether the actor may read what the meeting recorded (it may be about a person)."""
        if not meeting.discusses_individual or meeting.person_id is None:
            return True
        return person_policy.visible_to(actor).filter(pk=meeting.person_id).exists()


class ActionPointPolicy(Policy[ActionPoint]):
    model = ActionPoint
    rules = rules.RuleSet(
        {
            "view": reads_forums,
            "create": keeps_forums,
            "complete": (keeps_forums | owns_the_action) & is_open,
        }
    )

    def visible_to(self, actor) -> QuerySet[ActionPoint]:
        return ActionPoint.objects.filter(meeting__forum__in=forums_in_scope(actor))


class ForumDocumentPolicy(Policy[ForumDocument]):
    model = ForumDocument
    rules = rules.RuleSet({"view": reads_forums, "upload": keeps_forums})

    def visible_to(self, actor) -> QuerySet[ForumDocument]:
        return ForumDocument.objects.filter(forum__in=forums_in_scope(actor))


forum_policy = ForumPolicy()
member_policy = ForumMemberPolicy()
representative_policy = RepresentativePolicy()
meeting_policy = MeetingPolicy()
action_policy = ActionPointPolicy()
document_policy = ForumDocumentPolicy()
