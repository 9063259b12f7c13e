"""The trainer register: per jurisdiction, exported as CSV, never across jurisdictions."""

import datetime as dt

import pytest
from django.urls import reverse

from reintegra.accounts.tests.factories import MembershipFactory, UserFactory
from reintegra.core.roles import Role
from reintegra.training.models import (
    Completion,
    CompletionSource,
    Course,
    CourseMode,
    Participant,
    TrainingEvent,
)

pytestmark = pytest.mark.django_db


def _tot_course() -> Course:
    return Course.objects.create(
        code="tot",
        title="Training of trainers on screening",
        mode=CourseMode.CLASSROOM,
        duration_hours=24,
        provider="Regional academy",
        validity_months=36,
        trains_trainers=True,
    )


def _trainer(name: str, organisation, course: Course, completed_on: dt.date, by) -> Participant:
    participant = Participant.objects.create(full_name=name, organisation=organisation)
    Completion.objects.create(
        participant=participant,
        course=course,
        completed_on=completed_on,
        valid_until=course.valid_until(completed_on),
        source=CompletionSource.EVENT,
        recorded_by=by,
    )
    return participant


@pytest.fixture
def register(personas, manager):
    course = _tot_course()
    ardita = _trainer("Ardita Trainer", personas.prisons_a, course, dt.date(2025, 5, 2), manager)
    _trainer("Old Trainer", personas.prisons_a, course, dt.date(2020, 1, 10), manager)
    _trainer("Milan Trainer", personas.prisons_b, course, dt.date(2025, 6, 1), manager)
    event = TrainingEvent.objects.create(
        course=course,
        title="Cascade session",
        organisation=personas.prisons_a,
        starts_on=dt.date(2025, 9, 1),
        ends_on=dt.date(2025, 9, 2),
        created_by=manager,
    )
    event.trainers.add(ardita)
    return course


def test_manager_sees_own_jurisdictions_trainers_with_dates_and_events(
    register, manager, client_for, django_assert_max_num_queries
) -> None:
    client = client_for(manager)
    with django_assert_max_num_queries(20):
        page = client.get(reverse("training:trainers"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Ardita Trainer" in html and "2 May 2025" in html
    assert "Old Trainer" in html and "Refresher due" in html
    assert "Milan Trainer" not in html


def test_trainer_register_query_count_does_not_grow_with_trainers(
    register, manager, personas, client_for, django_assert_max_num_queries
) -> None:
    for index in range(15):
        _trainer(f"More {index}", personas.prisons_a, register, dt.date(2025, 1, 1), manager)
    client = client_for(manager)
    with django_assert_max_num_queries(20):
        assert client.get(reverse("training:trainers")).status_code == 200


def test_trainer_register_exports_csv_of_own_jurisdiction(register, manager, client_for) -> None:
    response = client_for(manager).get(reverse("training:trainers-csv"))
    text = b"".join(response.streaming_content).decode()
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv"
    lines = text.strip().splitlines()
    assert len(lines) == 3  # header and the two trainers of jurisdiction A
    assert "Ardita Trainer" in text and "2025-05-02" in text and "2028-05-02" in text
    assert "Milan Trainer" not in text


def test_manager_of_b_cannot_pick_jurisdiction_a(register, manager_b, client_for) -> None:
    client = client_for(manager_b)
    page = client.get(reverse("training:trainers"), {"jurisdiction": "AL"}).content.decode()
    assert "Ardita Trainer" not in page and "Milan Trainer" in page
    export = client.get(reverse("training:trainers-csv"), {"jurisdiction": "AL"})
    text = b"".join(export.streaming_content).decode()
    assert "Ardita Trainer" not in text


def test_regional_team_filters_the_register_by_jurisdiction(register, personas, client_for):
    regional = UserFactory(username="regional_team")
    MembershipFactory(user=regional, organisation=personas.ministry_a, role=Role.REGIONAL_PROGRAMME)
    client = client_for(regional)
    everyone = client.get(reverse("training:trainers")).content.decode()
    assert "Ardita Trainer" in everyone and "Milan Trainer" in everyone
    serbia = client.get(reverse("training:trainers"), {"jurisdiction": "RS"}).content.decode()
    assert "Milan Trainer" in serbia and "Ardita Trainer" not in serbia


def test_casework_staff_are_refused_the_register(register, personas, client_for) -> None:
    assert client_for(personas.officer).get(reverse("training:trainers")).status_code == 403
    assert client_for(personas.outsider).get(reverse("training:trainers-csv")).status_code == 403
