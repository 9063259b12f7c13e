import csv
import io

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from reintegra.accounts.actor import actor_for_user
from reintegra.audit.models import Category, ProcessingLogEntry
from reintegra.audit.services import record
from reintegra.core.exports import neutralise_cell

LOG_URL = "/en/audit/"


def _entries_in_a(personas, count: int = 3) -> None:
    actor = actor_for_user(personas.specialist)
    for n in range(count):
        record(
            actor=actor, category=Category.CONSULTATION, action=f"person.view.{n}", subjects=["p-1"]
        )


def test_auditor_browses_their_jurisdiction_log(personas, client_for) -> None:
    _entries_in_a(personas)
    response = client_for(personas.auditor).get(LOG_URL)
    assert response.status_code == 200
    assert "person.view.2" in response.content.decode()


def test_auditor_of_another_jurisdiction_does_not_see_the_entries(personas, client_for) -> None:
    _entries_in_a(personas)
    response = client_for(personas.outsider_auditor).get(LOG_URL)
    assert response.status_code == 200
    assert "person.view" not in response.content.decode()


def test_caseworker_gets_403_and_the_attempt_is_logged(personas, client_for) -> None:
    response = client_for(personas.specialist).get(LOG_URL)
    assert response.status_code == 403
    assert ProcessingLogEntry.objects.filter(
        category=Category.DENIED, action="log.browse", actor_username="specialist"
    ).exists()


def test_browsing_the_log_is_itself_logged(personas, client_for) -> None:
    client_for(personas.dpo).get(LOG_URL, {"category": "consultation"})
    entry = ProcessingLogEntry.objects.get(action="log.browse")
    assert entry.actor_role == "dpo"
    assert "category=consultation" in entry.details["filters"]


def test_filters_by_person_user_category_and_period(personas, client_for) -> None:
    _entries_in_a(personas)
    record(
        actor=actor_for_user(personas.officer),
        category=Category.COLLECTION,
        action="observation.create",
        subjects=["p-2"],
    )
    client = client_for(personas.auditor)
    body = client.get(LOG_URL, {"username": "officer"}).content.decode()
    assert "observation.create" in body and "person.view" not in body
    body = client.get(LOG_URL, {"category": "collection"}).content.decode()
    assert "observation.create" in body and "person.view" not in body
    body = client.get(
        LOG_URL, {"date_from": "2000-01-01", "date_to": "2000-01-02"}
    ).content.decode()
    assert "observation.create" not in body


def test_person_filter_matches_whole_ids_only(personas, client_for) -> None:
    person = "6f1c0a52-8d7e-4a53-9d7a-2c1b5e0f9a11"
    actor = actor_for_user(personas.specialist)
    record(actor=actor, category=Category.CONSULTATION, action="mine", subjects=[person])
    record(actor=actor, category=Category.CONSULTATION, action="theirs", subjects=["other"])
    body = client_for(personas.auditor).get(LOG_URL, {"person": person}).content.decode()
    assert ">mine<" in body and ">theirs<" not in body


def test_period_with_end_before_start_gets_a_clear_error(personas, client_for) -> None:
    response = client_for(personas.auditor).get(
        LOG_URL, {"date_from": "2026-02-01", "date_to": "2026-01-01"}
    )
    assert "The end date must not be before the start date." in response.content.decode()


def test_pages_go_back_by_sequence_number(personas, client_for) -> None:
    _entries_in_a(personas, count=60)
    client = client_for(personas.auditor)
    first = client.get(LOG_URL)
    older = first.context["older"]
    assert older is not None
    second = client.get(LOG_URL, {"before": older})
    seqs = [entry.seq for entry in second.context["entries"]]
    assert seqs and max(seqs) < older


def test_log_page_query_count_is_bounded(
    personas, client_for, django_assert_max_num_queries
) -> None:
    _entries_in_a(personas, count=60)
    client = client_for(personas.auditor)
    client.get(LOG_URL)
    # PostgreSQL adds the advisory lock that serialises the log append.
    with django_assert_max_num_queries(14):
        client.get(LOG_URL)


def test_export_is_csv_with_formula_cells_neutralised(personas, client_for) -> None:
    record(
        actor=actor_for_user(personas.specialist),
        category=Category.CONSULTATION,
        action="view",
        justification='=HYPERLINK("http://evil")',
    )
    response = client_for(personas.auditor).get(reverse("audit:log-export"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    assert rows[0][0] == "seq"
    justification_cells = [row[10] for row in rows[1:] if row[3] == "view"]
    assert justification_cells == ['\'=HYPERLINK("http://evil")']
    assert ProcessingLogEntry.objects.filter(action="log.export").exists()


@pytest.mark.parametrize("dangerous", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_each_formula_trigger_is_neutralised(dangerous: str) -> None:
    assert neutralise_cell(dangerous).startswith("'")


@given(st.text())
def test_no_exported_cell_can_start_a_formula(value: str) -> None:
    assert not neutralise_cell(value).startswith(("=", "+", "-", "@", "\t", "\r"))
