"""Scope cases for the forums: a forum coordinator of jurisdiction A is the insider; the NGO of
jurisdiction A is not a member of the probe forum, so its partner user is the unrelated one."""

import datetime as dt
from typing import Any

from django.core.files.base import ContentFile

from reintegra.accounts.tests.factories import MembershipFactory, UserFactory
from reintegra.core.roles import Role
from reintegra.forums.models import (
    ActionPoint,
    Forum,
    ForumDocument,
    ForumMember,
    Meeting,
    Representative,
)
from tests.scope_cases import ScopeCase, scope_case

MARKER = "Probe forum of Lezha"


def _coordinator(personas: Any):
    user = UserFactory(username="scope_forum_coordinator")
    MembershipFactory(user=user, organisation=personas.probation_a, role=Role.FORUM_COORDINATOR)
    return user


def _forum(personas: Any) -> Forum:
    forum = Forum.objects.create(
        jurisdiction_id="AL", area_kind="municipality", area="Lezha", name=MARKER
    )
    ForumMember.objects.create(
        forum=forum, organisation=personas.social_services_a, joined_on=dt.date(2026, 1, 5)
    )
    return forum


def _meeting(personas: Any, coordinator) -> Meeting:
    return Meeting.objects.create(
        forum=_forum(personas),
        date=dt.date(2026, 2, 3),
        place="Probe town hall",
        agenda="Probe agenda",
        created_by=coordinator,
    )


def _case(obj: Any, insider, personas: Any) -> ScopeCase:
    return ScopeCase(
        obj=obj,
        marker=MARKER,
        insider=insider,
        other_jurisdiction=personas.outsider,
        unrelated_organisation=personas.unrelated,
    )


@scope_case("forums.Forum")
def forums_forum(personas: Any) -> ScopeCase:
    return _case(_forum(personas), _coordinator(personas), personas)


@scope_case("forums.ForumMember")
def forums_member(personas: Any) -> ScopeCase:
    member = _forum(personas).members.get()
    return _case(member, _coordinator(personas), personas)


@scope_case("forums.Representative")
def forums_representative(personas: Any) -> ScopeCase:
    member = _forum(personas).members.get()
    representative = Representative.objects.create(member=member, full_name="Probe Rep Dhimitri")
    return _case(representative, _coordinator(personas), personas)


@scope_case("forums.Meeting")
def forums_meeting(personas: Any) -> ScopeCase:
    coordinator = _coordinator(personas)
    return _case(_meeting(personas, coordinator), coordinator, personas)


@scope_case("forums.ActionPoint")
def forums_action_point(personas: Any) -> ScopeCase:
    coordinator = _coordinator(personas)
    action = ActionPoint.objects.create(
        meeting=_meeting(personas, coordinator),
        text="Probe action",
        owner=coordinator,
        owner_organisation=personas.probation_a,
        due_on=dt.date(2026, 3, 1),
        created_by=coordinator,
    )
    return _case(action, coordinator, personas)


@scope_case("forums.ForumDocument")
def forums_document(personas: Any) -> ScopeCase:
    coordinator = _coordinator(personas)
    document = ForumDocument(
        forum=_forum(personas),
        title="Probe terms",
        filename="probe.pdf",
        content_type="application/pdf",
        size=9,
        uploaded_by=coordinator,
    )
    document.file.save("probe.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    document.save()
    return _case(document, coordinator, personas)
