"""Scoped reads of the forums: every queryset starts from the actor's policy, and each page's
contents come in a fixed number of queries whatever the forum's size."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Min, Prefetch, Q, QuerySet

from reintegra.accounts.models import Membership
from reintegra.core.roles import Role
from reintegra.forums.models import (
    ActionPoint,
    ActionStatus,
    Attendance,
    Decision,
    Forum,
    ForumDocument,
    ForumMember,
    Meeting,
    Minutes,
    MinutesRevision,
    Representative,
)
from reintegra.forums.permissions import (
    action_policy,
    document_policy,
    forum_policy,
    meeting_policy,
    member_policy,
    representative_policy,
)
from reintegra.organisations.models import Organisation

PAST_MEETINGS_SHOWN = 20
UPCOMING_MEETINGS_SHOWN = 20
OPEN_ACTIONS_SHOWN = 200
REVISIONS_SHOWN = 20


def forums_visible_to(actor) -> QuerySet[Forum]:
    return forum_policy.visible_to(actor).select_related("jurisdiction")


def forum_list(actor, today: dt.date) -> QuerySet[Forum]:
    """The forums with their member count, next meeting and open actions: one query."""
    return forums_visible_to(actor).annotate(
        member_count=Count("members", filter=Q(members__left_on__isnull=True), distinct=True),
        next_meeting=Min("meetings__date", filter=Q(meetings__date__gte=today)),
    )


def members_visible_to(actor) -> QuerySet[ForumMember]:
    return member_policy.visible_to(actor).select_related("forum", "organisation")


def representatives_visible_to(actor) -> QuerySet[Representative]:
    return representative_policy.visible_to(actor).select_related(
        "member__forum", "member__organisation", "user"
    )


def meetings_visible_to(actor) -> QuerySet[Meeting]:
    return meeting_policy.visible_to(actor).select_related("forum", "person")


def actions_visible_to(actor) -> QuerySet[ActionPoint]:
    return action_policy.visible_to(actor).select_related("meeting__forum", "owner")


def documents_visible_to(actor) -> QuerySet[ForumDocument]:
    return document_policy.visible_to(actor).select_related("forum", "meeting")


@dataclass(frozen=True)
class ForumPage:
    members: list[ForumMember]
    upcoming: list[Meeting]
    past: list[Meeting]
    open_actions: list[ActionPoint]
    documents: list[ForumDocument]


def forum_page(forum: Forum, today: dt.date) -> ForumPage:
    members = list(
        ForumMember.objects.filter(forum=forum, left_on__isnull=True)
        .select_related("organisation__type")
        .prefetch_related(
            Prefetch(
                "representatives",
                queryset=Representative.objects.filter(removed_on__isnull=True).select_related(
                    "user"
                ),
            )
        )
    )
    meetings = Meeting.objects.filter(forum=forum)
    return ForumPage(
        members=members,
        upcoming=list(meetings.filter(date__gte=today).order_by("date")[:UPCOMING_MEETINGS_SHOWN]),
        past=list(meetings.filter(date__lt=today).order_by("-date")[:PAST_MEETINGS_SHOWN]),
        open_actions=list(
            ActionPoint.objects.filter(meeting__forum=forum, status=ActionStatus.OPEN)
            .select_related("owner", "meeting")
            .order_by("due_on", "created_at")[:OPEN_ACTIONS_SHOWN]
        ),
        documents=list(ForumDocument.objects.filter(forum=forum, meeting__isnull=True)[:50]),
    )


@dataclass(frozen=True)
class RegisterRow:
    representative: Representative
    status: str


@dataclass(frozen=True)
class MeetingPage:
    register: list[RegisterRow]
    minutes: Minutes | None
    current_text: str
    revisions: list[MinutesRevision]
    decisions: list[Decision]
    actions: list[ActionPoint]
    documents: list[ForumDocument]


def meeting_register(meeting: Meeting) -> list[RegisterRow]:
    """Every representative who could attend (current on the day, or recorded), with their
    recorded attendance; "" when none is recorded yet."""
    recorded = {
        a.representative_id: a.status
        for a in Attendance.objects.filter(meeting=meeting).only("representative_id", "status")
    }
    representatives = (
        Representative.objects.filter(member__forum_id=meeting.forum_id)
        .filter(
            Q(pk__in=list(recorded))
            | (
                Q(member__joined_on__lte=meeting.date)
                & (Q(member__left_on__isnull=True) | Q(member__left_on__gte=meeting.date))
                & (Q(removed_on__isnull=True) | Q(removed_on__gt=meeting.date))
            )
        )
        .select_related("member__organisation")
        .order_by("member__organisation__name", "full_name")
    )
    return [RegisterRow(rep, recorded.get(rep.pk, "")) for rep in representatives]


def meeting_page(meeting: Meeting) -> MeetingPage:
    minutes = Minutes.objects.filter(meeting=meeting).first()
    revisions = (
        list(minutes.revisions.select_related("author")[:REVISIONS_SHOWN]) if minutes else []
    )
    return MeetingPage(
        register=meeting_register(meeting),
        minutes=minutes,
        current_text=revisions[0].text if revisions else "",
        revisions=revisions,
        decisions=list(Decision.objects.filter(meeting=meeting).select_related("recorded_by")),
        actions=list(
            ActionPoint.objects.filter(meeting=meeting)
            .select_related("owner", "owner_organisation")
            .order_by("due_on", "created_at")
        ),
        documents=list(ForumDocument.objects.filter(meeting=meeting)),
    )


def owner_memberships_for(forum: Forum) -> QuerySet[Membership]:
    """Who may own an action point: staff of the forum's current member organisations, and the
    jurisdiction's forum coordinators."""
    members = ForumMember.objects.filter(forum=forum, left_on__isnull=True).values(
        "organisation_id"
    )
    return (
        Membership.objects.current()
        .filter(user__is_active=True, organisation__jurisdiction_id=forum.jurisdiction_id)
        .filter(Q(organisation_id__in=members) | Q(role=Role.FORUM_COORDINATOR))
        .select_related("user", "organisation")
        .order_by("user__last_name", "user__first_name", "organisation__name")
    )


def organisations_to_join(forum: Forum) -> QuerySet[Organisation]:
    current = ForumMember.objects.filter(forum=forum, left_on__isnull=True).values(
        "organisation_id"
    )
    return (
        Organisation.objects.filter(jurisdiction_id=forum.jurisdiction_id, is_active=True)
        .exclude(pk__in=current)
        .select_related("type")
        .order_by("name")
    )
