import datetime as dt

import pytest
from django.urls import reverse

from reintegra.accounts.actor import actor_for_user
from reintegra.audit.models import Category, ProcessingLogEntry
from reintegra.people.services import CustodyError, access_grant, access_revoke
from reintegra.people.tests.factories import PersonFactory, admitted


@pytest.fixture
def held(personas):
    return admitted(PersonFactory(family_name="Grantedperson"), personas.facility_a)


def _grant(personas, held, scopes=("identity",), **extra):
    return access_grant(
        actor=actor_for_user(personas.supervisor),
        person=held,
        organisation=personas.probation_a,
        scopes=list(scopes),
        reason="Handover before release",
        valid_from=dt.date.today(),
        **extra,
    )


def test_without_a_grant_probation_cannot_open_the_person(personas, client_for, held):
    url = reverse("people:person-detail", args=[held.pk])
    assert client_for(personas.probation_officer).get(url).status_code == 404


def test_a_grant_opens_the_person_to_the_organisation_and_is_a_logged_disclosure(
    personas, client_for, held
):
    _grant(personas, held)
    response = client_for(personas.probation_officer).get(
        reverse("people:person-detail", args=[held.pk])
    )
    assert response.status_code == 200
    assert "Grantedperson" in response.content.decode()
    entry = ProcessingLogEntry.objects.get(action="person.access_grant")
    assert entry.category == Category.DISCLOSURE
    assert entry.recipient.startswith(personas.probation_a.name)


def test_a_grant_shows_only_its_scopes(personas, client_for, held):
    _grant(personas, held, scopes=("release",))
    response = client_for(personas.probation_officer).get(
        reverse("people:person-detail", args=[held.pk])
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert held.reference in body
    assert "Date of birth" not in body
    assert "Placements" not in body


def test_a_revoked_grant_ends_access_at_the_next_request(personas, client_for, held):
    grant = _grant(personas, held)
    client = client_for(personas.probation_officer)
    url = reverse("people:person-detail", args=[held.pk])
    assert client.get(url).status_code == 200
    access_revoke(actor=actor_for_user(personas.supervisor), grant=grant, reason="Plan changed")
    assert client.get(url).status_code == 404


def test_a_grant_to_one_user_does_not_open_the_person_to_their_colleagues(
    personas, client_for, held
):
    from reintegra.accounts.tests.factories import MembershipFactory, UserFactory
    from reintegra.core.roles import Role

    colleague = UserFactory(username="probation_two")
    MembershipFactory(
        user=colleague, organisation=personas.probation_a, role=Role.PROBATION_OFFICER
    )
    _grant(personas, held, user=personas.probation_officer)
    url = reverse("people:person-detail", args=[held.pk])
    assert client_for(personas.probation_officer).get(url).status_code == 200
    assert client_for(colleague).get(url).status_code == 404


def test_a_grant_across_jurisdictions_or_without_scope_is_refused(personas, held):
    with pytest.raises(CustodyError):
        access_grant(
            actor=actor_for_user(personas.supervisor),
            person=held,
            organisation=personas.ministry_b,
            scopes=["identity"],
            reason="x",
            valid_from=dt.date.today(),
        )
    with pytest.raises(CustodyError):
        _grant(personas, held, scopes=())
    assert not ProcessingLogEntry.objects.filter(action="person.access_grant").exists()


def test_an_expired_grant_gives_no_access(personas, client_for, held):
    grant = _grant(personas, held)
    grant.valid_from = dt.date.today() - dt.timedelta(days=10)
    grant.valid_until = dt.date.today() - dt.timedelta(days=1)
    grant.save()
    url = reverse("people:person-detail", args=[held.pk])
    assert client_for(personas.probation_officer).get(url).status_code == 404
