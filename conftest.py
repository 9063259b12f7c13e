"""Named personas shared by every test: who they are says what they may see.

Jurisdiction A is Albania, jurisdiction B is Serbia. Facility A is a prison in jurisdiction A.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from django.test import Client

from reintegra.accounts.models import User
from reintegra.accounts.tests.factories import MembershipFactory, UserFactory
from reintegra.coordination.services import legal_bases_load
from reintegra.core.roles import Role
from reintegra.core.testing import sign_in_with_mfa
from reintegra.organisations.models import Facility, Organisation
from reintegra.organisations.services import reference_data_load
from reintegra.organisations.tests.factories import FacilityFactory, OrganisationFactory


@dataclass
class Personas:
    prisons_a: Organisation
    probation_a: Organisation
    social_services_a: Organisation
    ministry_a: Organisation
    ngo_a: Organisation
    prisons_b: Organisation
    ministry_b: Organisation
    facility_a: Facility
    facility_b: Facility
    officer: User  # prison officer in Facility A
    specialist: User  # psychologist in Facility A
    supervisor: User  # countersigning supervisor in Facility A
    probation_officer: User  # probation officer in jurisdiction A
    partner_user: User  # social services worker in jurisdiction A
    auditor: User  # auditor in jurisdiction A
    dpo: User  # data protection officer in jurisdiction A
    unrelated: User  # NGO worker in jurisdiction A with no part in any case
    outsider: User  # specialist in a prison of jurisdiction B
    outsider_auditor: User  # auditor in jurisdiction B


def _persona(username: str, organisation: Organisation, role: str, **extra: object) -> User:
    user = UserFactory(username=username, first_name=username.replace("_", " ").title())
    MembershipFactory(user=user, organisation=organisation, role=role, **extra)
    return user


@pytest.fixture
def personas(db: None) -> Personas:
    reference_data_load()
    # Handovers to probation are registered disclosures, so every scenario needs the legal bases.
    legal_bases_load()
    prisons_a = OrganisationFactory(jurisdiction_id="AL", name="Prisons A")
    prisons_b = OrganisationFactory(jurisdiction_id="RS", name="Prisons B")
    facility_a = FacilityFactory(organisation=prisons_a, name="Facility A", code="a")
    facility_b = FacilityFactory(organisation=prisons_b, name="Facility B", code="b")
    probation_a = OrganisationFactory(jurisdiction_id="AL", type_id="probation_service")
    social_a = OrganisationFactory(jurisdiction_id="AL", type_id="social_services")
    ministry_a = OrganisationFactory(jurisdiction_id="AL", type_id="ministry")
    ngo_a = OrganisationFactory(jurisdiction_id="AL", type_id="ngo")
    ministry_b = OrganisationFactory(jurisdiction_id="RS", type_id="ministry")
    return Personas(
        prisons_a=prisons_a,
        probation_a=probation_a,
        social_services_a=social_a,
        ministry_a=ministry_a,
        ngo_a=ngo_a,
        prisons_b=prisons_b,
        ministry_b=ministry_b,
        facility_a=facility_a,
        facility_b=facility_b,
        officer=_persona("officer", prisons_a, Role.PRISON_OFFICER, facility=facility_a),
        specialist=_persona("specialist", prisons_a, Role.SPECIALIST, facility=facility_a),
        supervisor=_persona(
            "supervisor", prisons_a, Role.SUPERVISOR, facility=facility_a, can_countersign=True
        ),
        probation_officer=_persona("probation_officer", probation_a, Role.PROBATION_OFFICER),
        partner_user=_persona("partner_user", social_a, Role.PARTNER_USER),
        auditor=_persona("auditor", ministry_a, Role.AUDITOR),
        dpo=_persona("dpo", prisons_a, Role.DPO),
        unrelated=_persona("unrelated", ngo_a, Role.PARTNER_USER),
        outsider=_persona("outsider", prisons_b, Role.SPECIALIST, facility=facility_b),
        outsider_auditor=_persona("outsider_auditor", ministry_b, Role.AUDITOR),
    )


@pytest.fixture
def client_for(db: None) -> Callable[[User], Client]:
    """A browser-like client signed in as the given persona, second factor passed."""

    def make(user: User) -> Client:
        return sign_in_with_mfa(Client(), user)

    return make


_log_triggers = {"removed": False}


@pytest.fixture
def flushable_log(transactional_db: None, django_db_blocker) -> None:
    """For tests that commit for real: lets the test database be emptied afterwards.

    The processing log's triggers refuse the DELETE/TRUNCATE that ends a transactional test, so
    they are lifted after the test and restored before the next one.
    """
    from django.db import connection

    from reintegra.audit.schema import remove_append_only_triggers

    yield
    remove_append_only_triggers(connection)
    _log_triggers["removed"] = True


@pytest.fixture(autouse=True)
def _log_triggers_restored(django_db_blocker) -> None:
    if not _log_triggers["removed"]:
        return
    from django.db import connection

    from reintegra.audit.schema import install_append_only_triggers

    with django_db_blocker.unblock():
        install_append_only_triggers(connection)
    _log_triggers["removed"] = False


@pytest.fixture(autouse=True)
def _language_reset() -> Iterator[None]:
    """A request in another language leaves that language active in the thread, and the next
    test's reverse() would then build its URLs in it; every test starts from the default."""
    yield
    from django.utils import translation

    translation.deactivate()
