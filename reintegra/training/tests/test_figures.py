"""Trained staff over time: distinct people per period, the headline, the chart and exports."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from reintegra.accounts.tests.factories import MembershipFactory, UserFactory
from reintegra.core.roles import Role
from reintegra.organisations.models import Jurisdiction
from reintegra.organisations.tests.factories import OrganisationFactory
from reintegra.training.figures import trained_figures
from reintegra.training.models import (
    Completion,
    CompletionSource,
    Course,
    CourseMode,
    Participant,
)

pytestmark = pytest.mark.django_db


def _course(code: str, title: str) -> Course:
    return Course.objects.create(
        code=code, title=title, mode=CourseMode.TUTORED_ONLINE, duration_hours=10, provider="HELP"
    )


def _complete(participant: Participant, course: Course, day: dt.date, by) -> None:
    Completion.objects.create(
        participant=participant,
        course=course,
        completed_on=day,
        source=CompletionSource.IMPORT,
        recorded_by=by,
    )


@pytest.fixture
def help_course():
    return _course("help-radicalisation", "HELP course on radicalisation prevention")


@pytest.fixture
def regional(personas):
    user = UserFactory(username="regional_figures")
    MembershipFactory(user=user, organisation=personas.ministry_a, role=Role.REGIONAL_PROGRAMME)
    return user


@pytest.fixture
def trained(personas, manager, help_course):
    """Two in A (one of them twice, in two years), one in B; a refresher course in A."""
    refresher = _course("screening-refresher", "Screening refresher")
    ardita = Participant.objects.create(
        full_name="Ardita", organisation=personas.prisons_a, role=Role.PRISON_OFFICER
    )
    besnik = Participant.objects.create(
        full_name="Besnik", organisation=personas.probation_a, role=Role.PROBATION_OFFICER
    )
    milan = Participant.objects.create(
        full_name="Milan", organisation=personas.prisons_b, role=Role.PRISON_OFFICER
    )
    _complete(ardita, help_course, dt.date(2025, 2, 10), manager)
    _complete(ardita, refresher, dt.date(2026, 5, 3), manager)
    _complete(besnik, help_course, dt.date(2025, 11, 20), manager)
    _complete(milan, help_course, dt.date(2025, 3, 1), manager)
    return {"refresher": refresher}


def test_people_count_once_per_cell_and_once_in_totals(trained, help_course) -> None:
    figures = trained_figures(Completion.objects.all(), dimension="jurisdiction")
    assert figures.periods == ["2025", "2026"]
    albania = next(row for row in figures.rows if row.key == "AL")
    assert albania.cells == [2, 1]
    assert albania.total == 2  # Ardita in both years counts once
    assert figures.period_totals == [3, 1]
    assert figures.total == 3


def test_quarters_and_roles(trained) -> None:
    figures = trained_figures(Completion.objects.all(), dimension="role", period="quarter")
    assert figures.periods == ["2025 Q1", "2025 Q4", "2026 Q2"]
    officers = next(row for row in figures.rows if row.key == Role.PRISON_OFFICER)
    assert officers.cells == [2, 0, 1]
    assert officers.label == "Prison officer"


def test_by_organisation_type_and_course(trained, help_course) -> None:
    by_type = trained_figures(Completion.objects.all(), dimension="organisation_type")
    assert {row.key for row in by_type.rows} >= {"probation_service"}
    by_course = trained_figures(Completion.objects.all(), dimension="course")
    labels = {row.label: row.total for row in by_course.rows}
    assert labels["HELP course on radicalisation prevention"] == 3


def test_headline_names_the_beneficiaries_reached(trained, help_course) -> None:
    figures = trained_figures(Completion.objects.all(), course=help_course)
    assert figures.headline.startswith("3 professionals from two of the")
    assert "completed HELP course on radicalisation prevention" in figures.headline
    assert "between February 2025 and November 2025" in figures.headline


def test_headline_says_all_when_every_beneficiary_is_reached(personas, manager, help_course):
    for index, jurisdiction in enumerate(Jurisdiction.objects.all()):
        organisation = OrganisationFactory(
            jurisdiction_id=jurisdiction.code, name=f"Service {index}"
        )
        person = Participant.objects.create(full_name=f"P{index}", organisation=organisation)
        _complete(person, help_course, dt.date(2026, 1, 5), manager)
    figures = trained_figures(Completion.objects.all(), course=help_course)
    count = Jurisdiction.objects.count()
    assert f"{count} professionals from all " in figures.headline
    if count == 6:
        assert "from all six beneficiaries completed" in figures.headline


def test_headline_when_no_one_trained(db) -> None:
    figures = trained_figures(Completion.objects.none())
    assert figures.headline == "No one in this selection has completed a course yet."
    assert figures.bars == []


def test_manager_sees_only_own_jurisdiction_figures_with_chart(
    trained, manager, client_for, django_assert_max_num_queries
) -> None:
    client = client_for(manager)
    with django_assert_max_num_queries(20):
        page = client.get(reverse("training:figures"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "2 professionals from one of the" in html
    assert "<svg" in html and "<rect" in html
    assert "Serbia" not in html


def test_regional_team_sees_every_jurisdiction_and_can_narrow(trained, regional, client_for):
    client = client_for(regional)
    html = client.get(reverse("training:figures")).content.decode()
    assert "3 professionals" in html and "Serbia" in html
    narrowed = client.get(reverse("training:figures"), {"jurisdiction": "RS"}).content.decode()
    assert "1 professional from one of the" in narrowed


def test_figures_export_as_csv_and_xlsx(trained, regional, client_for) -> None:
    client = client_for(regional)
    csv_response = client.get(reverse("training:figures-csv"), {"by": "role", "period": "year"})
    text = b"".join(csv_response.streaming_content).decode()
    assert csv_response.status_code == 200
    assert text.splitlines()[0].lstrip("\ufeff") == "Staff role,2025,2026,All periods"
    assert "Prison officer,2,1,2" in text
    assert "All (each person once),3,1,3" in text
    xlsx = client.get(reverse("training:figures-xlsx"), {"by": "jurisdiction"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0].startswith("3 professionals")
    assert rows[2] == ("Jurisdiction", "2025", "2026", "All periods")
    assert ("Albania", 2, 1, 2) in rows


def test_unknown_choices_are_refused_clearly(trained, manager, client_for) -> None:
    response = client_for(manager).get(reverse("training:figures"), {"by": "salary"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


def test_casework_staff_are_refused_figures(trained, personas, client_for) -> None:
    assert client_for(personas.officer).get(reverse("training:figures")).status_code == 403
