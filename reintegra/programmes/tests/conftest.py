import pytest

from reintegra.accounts.models import User
from reintegra.accounts.tests.factories import MembershipFactory, UserFactory
from reintegra.core.roles import Role
from reintegra.people.tests.factories import PersonFactory, admitted
from reintegra.programmes.models import Group, Programme
from reintegra.programmes.tests.factories import (
    GroupFactory,
    ModuleFactory,
    ProgrammeFactory,
    SessionTemplateFactory,
)


@pytest.fixture
def manager(personas) -> User:
    """The prison manager of Facility A, who runs its programmes."""
    user = UserFactory(username="manager", first_name="Manager")
    MembershipFactory(
        user=user,
        organisation=personas.prisons_a,
        role=Role.PRISON_MANAGER,
        facility=personas.facility_a,
    )
    return user


@pytest.fixture
def second_specialist(personas) -> User:
    """A psychologist in Facility A who facilitates none of the groups below."""
    user = UserFactory(username="second_specialist", first_name="Second")
    MembershipFactory(
        user=user,
        organisation=personas.prisons_a,
        role=Role.SPECIALIST,
        facility=personas.facility_a,
    )
    return user


@pytest.fixture
def programme(personas) -> Programme:
    """A rehabilitation programme of jurisdiction A: two modules, three planned sessions."""
    programme = ProgrammeFactory(name="Disengagement programme", code="disengage")
    first = ModuleFactory(programme=programme, order=1, title="Motivation")
    second = ModuleFactory(programme=programme, order=2, title="Identity and belonging")
    SessionTemplateFactory(module=first, order=1, title="Getting started")
    SessionTemplateFactory(module=first, order=2, title="Goals")
    SessionTemplateFactory(module=second, order=1, title="Who I am")
    return programme


@pytest.fixture
def group(personas, programme) -> Group:
    """Running in Facility A for four weeks, facilitated by the specialist."""
    return GroupFactory(
        programme=programme,
        name="Spring group",
        facility=personas.facility_a,
        facilitators=[personas.specialist],
    )


@pytest.fixture
def held(personas):
    """Three people held in Facility A."""
    return [
        admitted(PersonFactory(family_name=f"Participant{n}"), personas.facility_a)
        for n in range(3)
    ]
