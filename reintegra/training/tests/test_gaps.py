import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reintegra.accounts.actor import actor_for_user
from reintegra.accounts.tests.factories import MembershipFactory, UserFactory
from reintegra.core.roles import Role
from reintegra.training.gaps import GapFilter, GapStatus, gap_analysis, summarise
from reintegra.training.models import (
    Competence,
    Completion,
    CompletionSource,
    Course,
    CourseMode,
)
from reintegra.training.services import matrix_cell_set, participant_for_user

TODAY = timezone.localdate()


@pytest.fixture
def required(personas, manager):
    """Specialists of jurisdiction A must hold risk assessment at practitioner level."""
    competence = Competence.objects.create(code="risk-assessment", name="Risk assessment")
    course = Course.objects.create(
        code="spj",
        title="Assessing with the guide",
        mode=CourseMode.CLASSROOM,
        duration_hours=24,
        provider="Academy",
        validity_months=24,
    )
    matrix_cell_set(
        actor=actor_for_user(manager),
        jurisdiction_id="AL",
        role=Role.SPECIALIST,
        competence=competence,
        level=2,
        courses=[course],
    )
    return course


def _complete(user, course, days_ago: int, valid_days: int):
    return Completion.objects.create(
        participant=participant_for_user(user),
        course=course,
        completed_on=TODAY - dt.timedelta(days=days_ago),
        valid_until=TODAY + dt.timedelta(days=valid_days),
        source=CompletionSource.IMPORT,
        recorded_by=user,
    )


def _rows(client, **params):
    response = client.get(reverse("training:gaps"), params)
    assert response.status_code == 200
    return response.content.decode()


def test_the_gap_report_changes_as_people_complete_courses(personas, client_for, manager, required):
    second = UserFactory(username="second_specialist", first_name="Besa", last_name="Second")
    MembershipFactory(
        user=second,
        organisation=personas.prisons_a,
        role=Role.SPECIALIST,
        facility=personas.facility_a,
    )
    client = client_for(manager)
    body = _rows(client, status="missing")
    assert "Specialist" in body and "Besa Second" in body
    _complete(personas.specialist, required, days_ago=10, valid_days=700)
    _complete(second, required, days_ago=700, valid_days=-30)
    assert "Besa Second" not in _rows(client, status="missing")
    assert "Besa Second" in _rows(client, status="expired")
    assert personas.specialist.first_name in _rows(client, status="met")
    assert personas.specialist.first_name not in _rows(client, status="expired")


def test_a_refresher_falling_due_soon_is_flagged(personas, client_for, manager, required):
    _complete(personas.specialist, required, days_ago=700, valid_days=20)
    assert personas.specialist.first_name in _rows(client_for(manager), status="due")


def test_drilling_down_to_one_person_and_filtering_by_facility(
    personas, client_for, manager, required
):
    participant = participant_for_user(personas.specialist)
    client = client_for(manager)
    one = _rows(client, participant=str(participant.pk))
    assert "1 requirement" in one
    assert "1 requirement" in _rows(client, facility=str(personas.facility_a.pk))


def test_another_jurisdictions_staff_are_not_in_the_report(
    personas, client_for, manager, manager_b, required
):
    assert personas.specialist.first_name not in _rows(client_for(manager_b))
    assert "Nothing is required" in _rows(client_for(manager_b))


def test_only_training_staff_read_the_gap_report(personas, client_for):
    assert client_for(personas.specialist).get(reverse("training:gaps")).status_code == 403


def test_the_gap_report_query_count_does_not_grow_with_staff(
    personas, client_for, manager, required, django_assert_max_num_queries
):
    client = client_for(manager)

    def count() -> int:
        with CaptureQueriesContext(connection) as context:
            _rows(client)
        return len(context)

    _complete(personas.specialist, required, days_ago=5, valid_days=600)
    few = count()
    for index in range(30):
        user = UserFactory(username=f"extra_{index}")
        MembershipFactory(user=user, organisation=personas.prisons_a, role=Role.SPECIALIST)
        if index % 2:
            _complete(user, required, days_ago=5, valid_days=600)
    assert count() == few
    # 22: PostgreSQL takes an advisory lock for the processing-log append that SQLite does not.
    with django_assert_max_num_queries(22):
        assert "31 requirements" in _rows(client)


@pytest.fixture
def every_status(personas, manager, required):
    """Specialists of jurisdiction A in each status: missing, expired, due soon and met."""
    people = []
    for index, valid_days in enumerate((None, -30, 20, 600, 700)):
        user = UserFactory(username=f"status_{index}", first_name="Status", last_name=f"P{index}")
        MembershipFactory(user=user, organisation=personas.prisons_a, role=Role.SPECIALIST)
        if valid_days is not None:
            _complete(user, required, days_ago=700, valid_days=valid_days)
        people.append(user)
    return people


def _analysis(manager, **filters):
    return gap_analysis(
        jurisdictions={"AL"}, filters=GapFilter(jurisdiction_id="AL", **filters), today=TODAY
    )


def _counts(summaries) -> list[tuple[str, dict[str, int]]]:
    return [(summary.competence.code, summary.counts) for summary in summaries]


def test_the_summary_equals_the_one_counted_from_every_row(manager, every_status):
    report = _analysis(manager)
    rows = report.rows()
    assert {row.status for row in rows} == set(GapStatus.ORDER)
    assert _counts(report.summaries) == _counts(summarise(rows))
    [(_code, counts)] = _counts(report.summaries)
    assert counts["expired"] == 1 and counts["due"] == 1 and counts["met"] == 2
    for status in GapStatus.ORDER:
        filtered = _analysis(manager, status=status)
        assert _counts(filtered.summaries) == _counts(summarise(filtered.rows()))
        assert all(row.status == status for row in filtered.rows())


def test_a_slice_of_the_report_is_the_same_rows_in_the_same_order(manager, every_status):
    report = _analysis(manager)
    rows = report.rows()
    assert len(report) == len(rows) > 3
    assert report[1:3] == rows[1:3]
    assert report[-1] == rows[-1]
    names = [row.name for row in rows]
    assert names.index("Status P0") < names.index("Status P4")


def test_a_later_page_of_the_gap_report_takes_the_same_queries(
    personas, client_for, manager, required, django_assert_max_num_queries
):
    for index in range(120):
        user = UserFactory(username=f"paged_{index}", last_name=f"Paged {index:03d}")
        MembershipFactory(user=user, organisation=personas.prisons_a, role=Role.SPECIALIST)
    client = client_for(manager)
    with django_assert_max_num_queries(22):
        body = _rows(client, page=2)
    assert "Page 2 of 2" in body and "Paged 119" in body and "Paged 000" not in body
    assert "121 requirements" in body
