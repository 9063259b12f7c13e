"""Finalising and countersigning an SPJ assessment need a current certification for its
instrument; an expired or revoked one is refused with the course to take."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from reintegra.accounts.actor import actor_for_user
from reintegra.assessments.models import Assessment, AssessmentStatus
from reintegra.assessments.services import AssessmentError, assessment_countersign
from reintegra.assessments.tests.conftest import complete_draft
from reintegra.training.models import Completion
from reintegra.training.services import certificate_issue, certificate_revoke
from reintegra.training.tests.factories import certify


def _submitted(personas, client_for, held, spj_version) -> Assessment:
    specialist = client_for(personas.specialist)
    specialist.post(
        reverse("assessments:assessment-new", args=[held.pk]), {"version": str(spj_version.pk)}
    )
    assessment = Assessment.objects.get(person=held)
    specialist.post(
        reverse("assessments:assessment-edit", args=[assessment.pk]),
        complete_draft(version=assessment.version),
    )
    assessment.refresh_from_db()
    specialist.post(
        reverse("assessments:assessment-submit", args=[assessment.pk]),
        {"version": assessment.version},
    )
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SUBMITTED
    return assessment


def _expire(user) -> Completion:
    completion = Completion.objects.get(participant__user=user)
    completion.completed_on = timezone.localdate() - dt.timedelta(days=800)
    completion.valid_until = timezone.localdate() - dt.timedelta(days=70)
    completion.save()
    return completion


def test_a_certified_supervisor_countersigns(personas, client_for, held, spj_version):
    assessment = _submitted(personas, client_for, held, spj_version)
    response = client_for(personas.supervisor).post(
        reverse("assessments:assessment-countersign", args=[assessment.pk]),
        {"decision": "countersign"},
    )
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.LOCKED


def test_an_expired_certification_names_the_refresher_and_nothing_is_locked(
    personas, client_for, held, spj_version
):
    assessment = _submitted(personas, client_for, held, spj_version)
    completion = _expire(personas.supervisor)
    supervisor = client_for(personas.supervisor)
    url = reverse("assessments:assessment-countersign", args=[assessment.pk])
    page = supervisor.get(url)
    assert page.status_code == 403
    body = page.content.decode()
    assert "expired on" in body
    assert completion.course.title in body
    assert 'name="decision"' not in body
    posted = supervisor.post(url, {"decision": "countersign"})
    assert posted.status_code == 403
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SUBMITTED
    with pytest.raises(AssessmentError, match=completion.course.title):
        assessment_countersign(
            actor=actor_for_user(personas.supervisor), assessment=assessment, today=dt.date.today()
        )


def test_a_revoked_certificate_no_longer_certifies(personas, client_for, held, spj_version):
    assessment = _submitted(personas, client_for, held, spj_version)
    completion = Completion.objects.get(participant__user=personas.supervisor)
    actor = actor_for_user(personas.supervisor)
    certificate = certificate_issue(actor=actor, completion=completion)
    certificate_revoke(actor=actor, certificate=certificate, reason="Issued in error.")
    response = client_for(personas.supervisor).post(
        reverse("assessments:assessment-countersign", args=[assessment.pk]),
        {"decision": "countersign"},
    )
    assert response.status_code == 403
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SUBMITTED


def test_an_uncertified_assessor_cannot_submit_and_is_told_which_course(
    personas, client_for, held, spj_version
):
    Completion.objects.filter(participant__user=personas.specialist).delete()
    specialist = client_for(personas.specialist)
    specialist.post(
        reverse("assessments:assessment-new", args=[held.pk]), {"version": str(spj_version.pk)}
    )
    assessment = Assessment.objects.get(person=held)
    specialist.post(
        reverse("assessments:assessment-edit", args=[assessment.pk]),
        complete_draft(version=assessment.version),
    )
    assessment.refresh_from_db()
    response = specialist.post(
        reverse("assessments:assessment-submit", args=[assessment.pk]),
        {"version": assessment.version},
    )
    assert response.status_code == 400
    assert "Take the course" in response.content.decode()
    assert f"Using {spj_version.instrument.code}" in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.DRAFT


def test_a_certification_for_another_instrument_does_not_count(
    personas, client_for, held, spj_version, screening_version
):
    assessment = _submitted(personas, client_for, held, spj_version)
    Completion.objects.filter(participant__user=personas.supervisor).delete()
    certify(personas.supervisor, screening_version.instrument)
    response = client_for(personas.supervisor).get(
        reverse("assessments:assessment-countersign", args=[assessment.pk])
    )
    assert response.status_code == 403
