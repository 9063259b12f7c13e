import pytest

from reintegra.accounts.tests.factories import MembershipFactory, UserFactory
from reintegra.assessments.tests.conftest import held, screening_version, spj_version  # noqa: F401
from reintegra.core.roles import Role


@pytest.fixture
def manager(personas):
    """The training manager of jurisdiction A (Prisons A)."""
    user = UserFactory(username="training_manager", first_name="Tana", last_name="Manager")
    MembershipFactory(user=user, organisation=personas.prisons_a, role=Role.TRAINING_MANAGER)
    return user


@pytest.fixture
def manager_b(personas):
    """The training manager of jurisdiction B."""
    user = UserFactory(username="training_manager_b")
    MembershipFactory(user=user, organisation=personas.prisons_b, role=Role.TRAINING_MANAGER)
    return user
