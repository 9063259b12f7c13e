import io

from defusedxml import ElementTree
from django.urls import reverse
from pypdf import PdfReader

from reintegra.assessments.models import Screening
from reintegra.assessments.tests.test_assessment_workflow import _locked
from reintegra.audit.models import Category, ProcessingLogEntry
from reintegra.work.models import Task


def _screen(client, person, **changes):
    data = {
        "occasion": "admission",
        "s1__observed": "clear",
        "s2__observed": "no_information",
        "outcome": "refer",
        "reasons": "Threats to staff on two occasions.",
    }
    data.update(changes)
    return client.post(reverse("assessments:screening-new", args=[person.pk]), data)


def test_a_referral_screening_creates_a_task_for_the_assessment_team(
    personas, client_for, held, screening_version
):
    response = _screen(client_for(personas.specialist), held)
    assert response.status_code == 302
    screening = Screening.objects.get()
    assert screening.answers == {"s1": {"observed": "clear"}, "s2": {"observed": "no_information"}}
    task = Task.objects.get(kind="screening_referral")
    assert task.person == held
    work = client_for(personas.supervisor).get("/en/work/").content.decode()
    assert held.reference in work
    assert "Full assessment after screening" in work


def test_screened_out_is_kept_and_creates_no_task(personas, client_for, held, screening_version):
    _screen(client_for(personas.specialist), held, outcome="no_concern", reasons="Nothing seen.")
    assert Screening.objects.get().outcome == "no_concern"
    assert not Task.objects.exists()


def test_an_unanswered_screening_item_is_refused_and_nothing_is_written(
    personas, client_for, held, screening_version
):
    response = _screen(client_for(personas.specialist), held, s1__observed="")
    assert response.status_code == 400
    assert Screening.objects.count() == 0
    assert "Threats to staff" in response.content.decode()


def test_the_report_is_a_real_pdf_marked_restricted_on_every_page(
    personas, client_for, held, spj_version
):
    assessment = _locked(personas, client_for, held, spj_version)
    response = client_for(personas.specialist).get(
        reverse("assessments:assessment-report", args=[assessment.pk])
    )
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    pages = [page.extract_text() for page in reader.pages]
    assert pages and all("RESTRICTED" in page for page in pages)
    whole = "\n".join(pages)
    assert held.reference in whole
    assert "Supervisor" in whole  # the countersigning persona's name
    assert ProcessingLogEntry.objects.filter(
        action="assessment.report", category=Category.CONSULTATION
    ).exists()


def test_sharing_the_report_is_a_disclosure_that_names_its_recipient(
    personas, client_for, held, spj_version
):
    assessment = _locked(personas, client_for, held, spj_version)
    url = reverse("assessments:assessment-report", args=[assessment.pk])
    client = client_for(personas.specialist)
    refused = client.post(url, {"recipient": "", "legal_basis": "", "purpose": ""})
    assert refused.status_code == 400
    assert not ProcessingLogEntry.objects.filter(category=Category.DISCLOSURE).exists()
    response = client.post(
        url,
        {
            "recipient": "Probation Office Tirana, officer Leka",
            "legal_basis": "Law on probation, art. 12",
            "purpose": "Pre-release planning",
        },
    )
    assert response["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "Probation Office Tirana" in text
    entry = ProcessingLogEntry.objects.get(category=Category.DISCLOSURE)
    assert entry.recipient == "Probation Office Tirana, officer Leka"
    assert entry.legal_basis == "Law on probation, art. 12"


def test_the_trajectory_shows_both_assessments_and_what_changed(
    personas, client_for, held, spj_version
):
    _locked(personas, client_for, held, spj_version)
    second = _locked(personas, client_for, held, spj_version)
    assert second.previous is not None
    response = client_for(personas.specialist).get(
        reverse("assessments:trajectory", args=[held.pk])
    )
    trajectory = response.context["trajectory"]
    assert len(trajectory.assessments) == 2
    assert [row.item.code for row in trajectory.rows] == ["a1", "a2", "c1", "p1"]
    svg = response.context["svg"]
    root = ElementTree.fromstring(svg)
    assert root.tag.endswith("svg")
    assert len(root.findall(".//{http://www.w3.org/2000/svg}rect")) == 8
    assert "<script" not in svg


def test_the_trajectory_reports_a_changed_rating(personas, client_for, held, spj_version):
    from reintegra.assessments.models import ItemRating

    first = _locked(personas, client_for, held, spj_version)
    second = _locked(personas, client_for, held, spj_version)
    # Ratings of a locked assessment never change in the product; the test builds the history.
    ItemRating.objects.filter(assessment=first, item_code="a2").update(
        ratings={"presence": "absent", "relevance": "low"}
    )
    response = client_for(personas.specialist).get(
        reverse("assessments:trajectory", args=[held.pk])
    )
    changed = {row.item.code: row.change for row in response.context["trajectory"].changed_rows}
    assert changed == {"a2": "up"}
    assert second.pk != first.pk
