import datetime as dt

import pytest
from django.utils import timezone

from reintegra.accounts.actor import actor_for_user
from reintegra.accounts.tests.factories import MembershipFactory, UserFactory
from reintegra.core.roles import Role
from reintegra.forums.models import Forum, Meeting
from reintegra.forums.services import (
    forum_create,
    meeting_create,
    member_add,
    representative_add,
)


def today() -> dt.date:
    return timezone.localdate()


@pytest.fixture
def coordinator(personas):
    """The forum coordinator of jurisdiction A, at its probation service."""
    user = UserFactory(username="forum_coordinator", first_name="Fiona", last_name="Coordinator")
    MembershipFactory(user=user, organisation=personas.probation_a, role=Role.FORUM_COORDINATOR)
    return user


@pytest.fixture
def coordinator_b(personas):
    user = UserFactory(username="forum_coordinator_b")
    MembershipFactory(user=user, organisation=personas.prisons_b, role=Role.FORUM_COORDINATOR)
    return user


@pytest.fixture
def actor(coordinator):
    return actor_for_user(coordinator)


@pytest.fixture
def forum(personas, actor) -> Forum:
    """A municipal forum of jurisdiction A: social services and probation are members."""
    forum = forum_create(
        actor=actor,
        name="Durrës reintegration forum",
        area_kind="municipality",
        area="Durrës",
        terms_of_reference="Meets monthly.",
    )
    start = today() - dt.timedelta(days=200)
    social = member_add(
        actor=actor, forum=forum, organisation=personas.social_services_a, joined_on=start
    )
    probation = member_add(
        actor=actor, forum=forum, organisation=personas.probation_a, joined_on=start
    )
    representative_add(
        actor=actor,
        member=social,
        full_name="Mira Sula",
        role="Case manager",
        email="mira@example.org",
        user=personas.partner_user,
    )
    representative_add(actor=actor, member=probation, full_name="Ilir Leka", role="Officer")
    return forum


@pytest.fixture
def meeting(forum, actor) -> Meeting:
    return meeting_create(
        actor=actor,
        forum=forum,
        date=today() - dt.timedelta(days=7),
        place="Durrës town hall",
        agenda="1. Housing on release\n2. Employment",
    )
