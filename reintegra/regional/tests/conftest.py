import datetime as dt

import pytest
from django.utils import timezone

from reintegra.accounts.tests.factories import MembershipFactory, UserFactory
from reintegra.core.roles import Role
from reintegra.organisations.models import Jurisdiction
from reintegra.regional.models import EventParticipant, RegionalEvent, RegionalEventKind


@pytest.fixture
def keeper(personas):
    """A member of the regional programme team."""
    user = UserFactory(username="regional_keeper", first_name="Rina")
    MembershipFactory(user=user, organisation=personas.ministry_a, role=Role.REGIONAL_PROGRAMME)
    return user


@pytest.fixture
def manager_a(personas):
    user = UserFactory(username="training_manager_a")
    MembershipFactory(user=user, organisation=personas.prisons_a, role=Role.TRAINING_MANAGER)
    return user


@pytest.fixture
def manager_b(personas):
    user = UserFactory(username="training_manager_b")
    MembershipFactory(user=user, organisation=personas.prisons_b, role=Role.TRAINING_MANAGER)
    return user


@pytest.fixture
def working_group(personas, keeper):
    """A working group of jurisdiction A only, with one consenting and one private participant."""
    starts = timezone.make_aware(dt.datetime(2026, 6, 9, 9, 30))
    event = RegionalEvent.objects.create(
        kind=RegionalEventKind.WORKING_GROUP,
        title="Regional working group on risk assessment",
        summary="Practitioners compare how the screening tool is used.",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=7),
        venue="Tirana, Ministry of Justice",
        agenda="Opening\nThe screening tool in practice\nNext steps",
        minutes="Internal minutes: the pilot in Facility A is behind schedule.",
        created_by=keeper,
    )
    event.jurisdictions.set([Jurisdiction.objects.get(code="AL")])
    EventParticipant.objects.create(
        event=event,
        full_name="Elira Consenting",
        organisation=personas.prisons_a,
        email="elira@example.org",
        listed_publicly=True,
    )
    EventParticipant.objects.create(
        event=event,
        full_name="Genti Private",
        organisation=personas.probation_a,
        email="genti@example.org",
        listed_publicly=False,
    )
    return event


@pytest.fixture
def events_index(db):
    from reintegra.site.demo import _home
    from reintegra.site.models import EventIndexPage

    home = _home()
    index = EventIndexPage(title="Events", slug="events")
    home.add_child(instance=index)
    index.save_revision().publish()
    return index
