"""Importing completions from a learning platform's CSV: preview, row problems, all or nothing,
idempotent, people matched or created as participants."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from reintegra.training.models import Completion, Course, CourseMode, Participant

TODAY = timezone.localdate()
YESTERDAY = (TODAY - dt.timedelta(days=1)).isoformat()


@pytest.fixture
def help_course(db):
    return Course.objects.create(
        code="help-rp",
        title="HELP course on Radicalisation Prevention",
        mode=CourseMode.TUTORED_ONLINE,
        duration_hours=20,
        provider="Council of Europe HELP Programme",
        validity_months=36,
    )


def _upload(client, text: str):
    file = SimpleUploadedFile("completions.csv", text.encode(), content_type="text/csv")
    return client.post(reverse("training:import"), {"file": file})


def _good(personas) -> str:
    return (
        "email,username,course,completion_date,grade,name\n"
        f",{personas.specialist.username},help-rp,{YESTERDAY},88,\n"
        f"{personas.officer.email},,HELP course on Radicalisation Prevention,{YESTERDAY},71.5,\n"
        f"new.person@example.org,,help-rp,{YESTERDAY},,Drita New\n"
    )


def test_a_clean_file_is_previewed_then_imported_once(personas, client_for, manager, help_course):
    client = client_for(manager)
    preview = _upload(client, _good(personas))
    assert preview.status_code == 200
    body = preview.content.decode()
    assert "3 new completions are ready to import." in body
    assert "New completion; new participant" in body
    assert not Completion.objects.exists()
    assert client.post(reverse("training:import-confirm")).status_code == 302
    assert Completion.objects.count() == 3
    created = Participant.objects.get(email="new.person@example.org")
    assert created.full_name == "Drita New"
    assert created.user is None
    assert Participant.objects.get(user=personas.officer).organisation == personas.prisons_a
    # The same file again: every row is already recorded, nothing is added.
    again = _upload(client, _good(personas)).content.decode()
    assert "0 new completions are ready to import." in again
    assert "Already recorded" in again
    client.post(reverse("training:import-confirm"))
    assert Completion.objects.count() == 3
    assert Participant.objects.filter(email="new.person@example.org").count() == 1


def test_wrong_columns_are_named_and_nothing_is_written(personas, client_for, manager, help_course):
    response = _upload(client_for(manager), "mail,course,date\nx@example.org,help-rp,2026-01-01\n")
    assert response.status_code == 400
    assert "The columns must be" in response.content.decode()
    assert "This file has: mail, course, date" in response.content.decode()


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (",{username},no-such-course,{day},80,", "No course has the code or title"),
        (",{username},help-rp,{future},80,", "The completion date is in the future."),
        (",{username},help-rp,06/03/2026,80,", "must be written as YYYY-MM-DD"),
        (",{username},help-rp,{day},180,", "The grade must be a number from 0 to 100."),
        (",{username},help-rp,{day},NaN,", "The grade must be a number from 0 to 100."),
        (",nobody_here,help-rp,{day},80,", "No user has the username"),
        (",,help-rp,{day},80,", "e-mail address or username."),
        (",{username},help-rp,{day},80,,extra", "more cells than the header"),
    ],
)
def test_a_bad_row_is_shown_and_nothing_at_all_is_imported(
    personas, client_for, manager, help_course, row, message
):
    future = (TODAY + dt.timedelta(days=3)).isoformat()
    line = row.format(username=personas.specialist.username, day=YESTERDAY, future=future)
    text = _good(personas) + line + "\n"
    client = client_for(manager)
    response = _upload(client, text)
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    assert "nothing has been saved" in body
    client.post(reverse("training:import-confirm"))
    assert not Completion.objects.exists()
    assert not Participant.objects.filter(email="new.person@example.org").exists()


def test_a_duplicate_row_names_the_row_it_repeats(personas, client_for, manager, help_course):
    text = _good(personas) + f",{personas.specialist.username},help-rp,{YESTERDAY},90,\n"
    body = _upload(client_for(manager), text).content.decode()
    assert "This row repeats row 2" in body


def test_confirming_without_a_checked_file_imports_nothing(personas, client_for, manager):
    response = client_for(manager).post(reverse("training:import-confirm"), follow=True)
    assert "nothing was waiting to be imported" in response.content.decode()


def test_only_training_managers_import(personas, client_for, help_course):
    assert _upload(client_for(personas.specialist), _good(personas)).status_code == 403


def test_import_query_count_does_not_grow_with_rows(
    personas, client_for, manager, help_course, django_assert_max_num_queries
):
    lines = ["email,course,completion_date,grade"]
    lines += [f"person{i}@example.org,help-rp,{YESTERDAY},{i % 100}" for i in range(300)]
    client = client_for(manager)
    with django_assert_max_num_queries(20):
        assert _upload(client, "\n".join(lines) + "\n").status_code == 200
    with django_assert_max_num_queries(30):
        client.post(reverse("training:import-confirm"))
    assert Completion.objects.count() == 300
