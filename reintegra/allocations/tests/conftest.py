import pytest

from reintegra.accounts.models import User
from reintegra.accounts.tests.factories import MembershipFactory, UserFactory
from reintegra.allocations.regimes import regimes_load
from reintegra.core.roles import Role
from reintegra.people.models import Person
from reintegra.people.tests.factories import PersonFactory, admitted


@pytest.fixture
def regimes(personas) -> None:
    regimes_load()


@pytest.fixture
def manager(personas) -> User:
    """The prison manager of Facility A: the second pair of eyes beside the supervisor."""
    user = UserFactory(username="manager", first_name="Manager")
    MembershipFactory(
        user=user,
        organisation=personas.prisons_a,
        role=Role.PRISON_MANAGER,
        facility=personas.facility_a,
    )
    return user


@pytest.fixture
def held(personas, regimes) -> Person:
    return admitted(PersonFactory(family_name="Allocated"), personas.facility_a)
