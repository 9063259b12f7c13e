import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from reintegra.training.models import Competence, Course, CourseMode, MatrixCell, MatrixVersion


@pytest.fixture
def framework(db):
    competence = Competence.objects.create(code="risk-assessment", name="Risk assessment")
    course = Course.objects.create(
        code="spj",
        title="Assessing with the guide",
        mode=CourseMode.CLASSROOM,
        duration_hours=24,
        provider="Academy",
        validity_months=24,
    )
    return competence, course


def _set(client, competence, course, level="2", role="specialist"):
    return client.post(
        reverse("training:matrix-cell"),
        {
            "role": role,
            "competence": str(competence.pk),
            "level": level,
            "courses": [str(course.pk)],
        },
    )


def test_a_manager_sets_cells_and_every_change_is_a_new_version(
    personas, client_for, manager, framework
):
    competence, course = framework
    client = client_for(manager)
    assert _set(client, competence, course).status_code == 302
    assert _set(client, competence, course, level="3", role="supervisor").status_code == 302
    assert _set(client, competence, course, level="", role="specialist").status_code == 302
    versions = list(MatrixVersion.objects.filter(jurisdiction_id="AL").order_by("number"))
    assert [v.number for v in versions] == [1, 2, 3]
    assert [(c.role, c.required_level) for c in versions[1].cells.order_by("role")] == [
        ("specialist", 2),
        ("supervisor", 3),
    ]
    assert [(c.role, c.required_level) for c in versions[2].cells.all()] == [("supervisor", 3)]
    page = client.get(reverse("training:matrix")).content.decode()
    assert "Countersigning supervisor" in page
    assert "Advanced" in page
    old = client.get(reverse("training:matrix") + "?version=2").content.decode()
    assert "Practitioner" in old


@pytest.mark.parametrize("level", ["9", "expert", "-1"])
def test_an_unknown_level_is_refused_and_nothing_is_written(
    personas, client_for, manager, framework, level
):
    competence, course = framework
    response = _set(client_for(manager), competence, course, level=level)
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not MatrixVersion.objects.exists()
    assert not MatrixCell.objects.exists()


def test_the_matrix_exports_to_xlsx_and_csv(personas, client_for, manager, framework):
    competence, course = framework
    client = client_for(manager)
    _set(client, competence, course)
    xlsx = client.get(reverse("training:matrix-xlsx"))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[1] == ["Staff role", "Risk assessment"]
    assert rows[2][0].startswith("Specialised staff")
    assert rows[2][1] == "Practitioner (Assessing with the guide)"
    csv = b"".join(client.get(reverse("training:matrix-csv")).streaming_content).decode()
    assert "Practitioner (Assessing with the guide)" in csv


def test_another_jurisdiction_has_its_own_matrix(
    personas, client_for, manager, manager_b, framework
):
    competence, course = framework
    _set(client_for(manager), competence, course)
    page = client_for(manager_b).get(reverse("training:matrix")).content.decode()
    assert "No requirements are set yet." in page
    assert client_for(manager_b).get(reverse("training:matrix") + "?version=1").status_code == 404


def test_only_training_managers_edit_the_matrix(personas, client_for, framework):
    competence, course = framework
    assert _set(client_for(personas.supervisor), competence, course).status_code == 403


def test_the_grid_query_count_is_pinned(
    personas, client_for, manager, framework, django_assert_max_num_queries
):
    competence, course = framework
    client = client_for(manager)
    for role in ("specialist", "supervisor", "prison_officer"):
        _set(client, competence, course, role=role)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("training:matrix")).status_code == 200
