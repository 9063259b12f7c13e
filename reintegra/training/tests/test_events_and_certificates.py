"""A training manager's day: a course, an event with sessions and registrations, attendance,
completions, a certificate as a real PDF, its public verification and its revocation."""

import datetime as dt
import io
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from reintegra.audit.models import ProcessingLogEntry
from reintegra.training.models import (
    Attendance,
    Certificate,
    Competence,
    Completion,
    Course,
    Participant,
    Registration,
    RegistrationState,
    TrainingEvent,
)

TODAY = timezone.localdate()


@pytest.fixture
def competence(db):
    return Competence.objects.create(code="risk-assessment", name="Risk assessment")


def _course_data(**overrides) -> dict:
    data = {
        "title": "HELP course on Radicalisation Prevention",
        "code": "help-rp",
        "mode": "tutored_online",
        "languages": ["en", "sq"],
        "duration_hours": "20",
        "provider": "Council of Europe HELP Programme",
        "validity_months": "36",
        "description": "",
        "grant_risk-assessment": "2",
    }
    data.update(overrides)
    return data


def _event(manager_client, course) -> TrainingEvent:
    response = manager_client.post(
        reverse("training:event-new"),
        {
            "course": str(course.pk),
            "title": "HELP launch, Tirana",
            "starts_on": (TODAY - dt.timedelta(days=3)).isoformat(),
            "ends_on": (TODAY - dt.timedelta(days=2)).isoformat(),
            "venue": "Training room",
            "online_url": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return TrainingEvent.objects.get(title="HELP launch, Tirana")


@pytest.fixture
def running_event(personas, client_for, manager, competence):
    """An event with two sessions and two registered participants, one without an account."""
    client = client_for(manager)
    assert client.post(reverse("training:course-new"), _course_data()).status_code == 302
    course = Course.objects.get(code="help-rp")
    event = _event(client, course)
    for offset, topic in ((3, "Launch"), (2, "Module one")):
        client.post(
            reverse("training:session-new", args=[event.pk]),
            {"day": (TODAY - dt.timedelta(days=offset)).isoformat(), "topic": topic},
        )
    registration_url = reverse("training:registration-new", args=[event.pk])
    response = client.post(
        registration_url,
        {
            "full_name": "Elira Hoxha",
            "email": "elira@example.org",
            "organisation": str(personas.probation_a.pk),
            "role": "probation_officer",
            "state": "registered",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    from reintegra.training.services import participant_for_user

    officer = participant_for_user(personas.officer)
    client.post(registration_url, {"participant": str(officer.pk), "state": "registered"})
    return client, event


def test_a_course_with_an_unknown_level_is_refused_and_nothing_is_saved(
    personas, client_for, manager, competence
):
    response = client_for(manager).post(
        reverse("training:course-new"), _course_data(**{"grant_risk-assessment": "9"})
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not Course.objects.exists()


def test_only_training_managers_add_courses(personas, client_for):
    assert client_for(personas.specialist).get(reverse("training:course-new")).status_code == 403


def test_an_event_runs_with_sessions_registrations_and_attendance(running_event, personas):
    client, event = running_event
    assert event.sessions.count() == 2
    assert Registration.objects.filter(event=event, state=RegistrationState.REGISTERED).count() == 2
    guest = Participant.objects.get(email="elira@example.org")
    assert guest.user is None
    page = client.get(reverse("training:event-detail", args=[event.pk]))
    values = re.findall(r'name="present" value="([^"]+)"', page.content.decode())
    assert len(values) == 4
    response = client.post(reverse("training:attendance", args=[event.pk]), {"present": values[:3]})
    assert response.status_code == 302
    assert Attendance.objects.filter(session__event=event, present=True).count() == 3
    assert Attendance.objects.filter(session__event=event, present=False).count() == 1


def test_attendance_naming_another_events_session_is_refused_whole(running_event):
    client, event = running_event
    page = client.get(reverse("training:event-detail", args=[event.pk]))
    values = re.findall(r'name="present" value="([^"]+)"', page.content.decode())
    forged = [values[0], "00000000-0000-0000-0000-000000000000:" + values[0].split(":")[1]]
    client.post(reverse("training:attendance", args=[event.pk]), {"present": forged})
    assert not Attendance.objects.exists()


def test_a_completion_in_the_future_or_for_someone_not_registered_is_refused(
    running_event, personas
):
    client, event = running_event
    guest = Participant.objects.get(email="elira@example.org")
    url = reverse("training:completion-new", args=[event.pk])
    future = client.post(
        url,
        {"participant": str(guest.pk), "completed_on": (TODAY + dt.timedelta(days=1)).isoformat()},
    )
    assert future.status_code == 400
    assert "cannot be in the future" in future.content.decode()
    stranger = Participant.objects.create(full_name="Not Invited", organisation=personas.prisons_a)
    refused = client.post(url, {"participant": str(stranger.pk), "completed_on": TODAY.isoformat()})
    assert refused.status_code == 400
    assert not Completion.objects.exists()


def _certificate(client, event) -> Certificate:
    guest = Participant.objects.get(email="elira@example.org")
    client.post(
        reverse("training:completion-new", args=[event.pk]),
        {
            "participant": str(guest.pk),
            "completed_on": TODAY.isoformat(),
            "score": "91.5",
            "feedback": "Good forum.",
        },
    )
    completion = Completion.objects.get(participant=guest)
    assert completion.valid_until == dt.date(TODAY.year + 3, TODAY.month, TODAY.day)
    response = client.post(reverse("training:certificate-issue", args=[completion.pk]))
    assert response.status_code == 302
    # Issuing twice keeps the one certificate.
    client.post(reverse("training:certificate-issue", args=[completion.pk]))
    return Certificate.objects.get(completion=completion)


def test_the_certificate_is_a_real_pdf_with_the_verification_link(running_event):
    client, event = running_event
    certificate = _certificate(client, event)
    assert len(certificate.code) == 32
    response = client.get(reverse("training:certificate-pdf", args=[certificate.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "Elira Hoxha" in text
    assert "HELP course on Radicalisation Prevention" in text
    assert certificate.code in text.replace("\n", "")
    assert ProcessingLogEntry.objects.filter(action="training.certificate_pdf").exists()


def test_a_visitor_verifies_a_certificate_and_sees_only_what_is_needed(
    running_event, django_assert_max_num_queries
):
    client, event = running_event
    certificate = _certificate(client, event)
    url = reverse("training:verify", args=[certificate.code])
    with django_assert_max_num_queries(8):
        page = Client().get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert "Elira Hoxha" in body
    assert "genuine and valid" in body
    for private in ("elira@example.org", "91.5", "Good forum", "Probation", "HELP launch"):
        assert private not in body
    assert ProcessingLogEntry.objects.filter(action="training.certificate_verify").exists()


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("x" * 32, "No certificate has this code"),
        ("short", "This is not a certificate code"),
        ("a" * 31 + "'", "This is not a certificate code"),
    ],
)
def test_an_unknown_or_malformed_code_says_so_and_shows_nothing_else(running_event, code, message):
    client, event = running_event
    _certificate(client, event)
    page = Client().get(reverse("training:verify", args=[code]))
    assert page.status_code == 404
    body = page.content.decode()
    assert message in body
    assert "Elira" not in body


def test_revoking_needs_a_reason_and_confirmation_then_the_check_says_revoked(running_event):
    client, event = running_event
    certificate = _certificate(client, event)
    url = reverse("training:certificate-revoke", args=[certificate.pk])
    assert client.get(url).status_code == 200
    unconfirmed = client.post(url, {"reason": "Completion recorded in error."})
    assert unconfirmed.status_code == 400
    no_reason = client.post(url, {"reason": "", "confirm": "on"})
    assert no_reason.status_code == 400
    certificate.refresh_from_db()
    assert not certificate.is_revoked
    done = client.post(url, {"reason": "Completion recorded in error.", "confirm": "on"})
    assert done.status_code == 302
    certificate.refresh_from_db()
    assert certificate.is_revoked
    body = Client().get(reverse("training:verify", args=[certificate.code])).content.decode()
    assert "has been revoked" in body
    assert "recorded in error" not in body
    assert client.get(url).status_code == 403


def test_the_event_page_query_count_is_pinned(running_event, django_assert_max_num_queries):
    client, event = running_event
    _certificate(client, event)
    with django_assert_max_num_queries(22):
        assert client.get(reverse("training:event-detail", args=[event.pk])).status_code == 200


def test_a_manager_of_another_jurisdiction_does_not_see_the_event(
    running_event, client_for, manager_b
):
    _client, event = running_event
    response = client_for(manager_b).get(reverse("training:event-detail", args=[event.pk]))
    assert response.status_code == 404
