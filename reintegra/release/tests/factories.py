"""Release scenarios shared by the release and probation tests."""

import datetime as dt

from django.utils import timezone

from reintegra.accounts.actor import actor_for_user
from reintegra.accounts.models import Membership
from reintegra.people.models import Person
from reintegra.people.tests.factories import PersonFactory, admitted
from reintegra.release.models import Handover, ReleasePlan
from reintegra.release.services import handover_create, months_after, release_plan_open

ADMITTED = dt.date(2022, 3, 1)


def held_until(personas, expected_release: dt.date, **person: object) -> Person:
    """A person held in Facility A since 2022, expected out on `expected_release`."""
    held = admitted(PersonFactory(**person), personas.facility_a, admission=ADMITTED)
    held.custody_episodes.update(expected_release_date=expected_release)
    return held


def releasing_in(personas, months: int, **person: object) -> Person:
    return held_until(personas, months_after(timezone.localdate(), months), **person)


def opened_plan(personas, person: Person) -> ReleasePlan:
    return release_plan_open(
        actor=actor_for_user(personas.specialist),
        person=person,
        today=timezone.localdate(),
        owner=personas.specialist,
    )


def handed_over(
    personas, plan: ReleasePlan, scopes=("identity", "release", "supervision")
) -> Handover:
    return handover_create(
        actor=actor_for_user(personas.supervisor),
        plan=plan,
        membership=Membership.objects.get(user=personas.probation_officer),
        scopes=list(scopes),
        handed_over_on=timezone.localdate(),
        notes="Lives with his sister in Durrës after release.",
        today=timezone.localdate(),
    )
