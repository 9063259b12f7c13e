import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from reintegra.accounts.actor import actor_for_user
from reintegra.assessments.models import Addendum, Assessment, AssessmentStatus, ItemRating
from reintegra.assessments.services import (
    AssessmentError,
    ConflictError,
    RatingInput,
    assessment_countersign,
    assessment_save,
    assessment_start,
)
from reintegra.assessments.tests.conftest import complete_draft
from reintegra.audit.models import ProcessingLogEntry
from reintegra.work.models import Task, TaskStatus


def _start(client, person, version) -> Assessment:
    response = client.post(
        reverse("assessments:assessment-new", args=[person.pk]), {"version": str(version.pk)}
    )
    assert response.status_code == 302
    return Assessment.objects.get(person=person, status=AssessmentStatus.DRAFT)


def _edit_url(assessment) -> str:
    return reverse("assessments:assessment-edit", args=[assessment.pk])


def _locked(personas, client_for, person, version) -> Assessment:
    specialist = client_for(personas.specialist)
    assessment = _start(specialist, person, version)
    specialist.post(_edit_url(assessment), complete_draft(version=assessment.version))
    assessment.refresh_from_db()
    specialist.post(
        reverse("assessments:assessment-submit", args=[assessment.pk]),
        {"version": assessment.version},
    )
    client_for(personas.supervisor).post(
        reverse("assessments:assessment-countersign", args=[assessment.pk]),
        {"decision": "countersign"},
    )
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.LOCKED
    return assessment


def test_a_specialist_starts_saves_and_submits_and_a_supervisor_countersigns(
    personas, client_for, held, spj_version
):
    assessment = _locked(personas, client_for, held, spj_version)
    held.refresh_from_db()
    assert held.judgement_level == "moderate"
    assert assessment.countersigned_by == personas.supervisor
    assert held.next_review_due == assessment.next_review_date
    assert ItemRating.objects.get(assessment=assessment, item_code="a1").ratings == {
        "presence": "present",
        "relevance": "high",
    }
    actions = list(
        ProcessingLogEntry.objects.filter(subject_ids__contains=str(held.pk)).values_list(
            "action", flat=True
        )
    )
    for expected in (
        "assessment.start",
        "assessment.save",
        "assessment.submit",
        "assessment.countersign",
    ):
        assert expected in actions
    assert not Task.objects.filter(kind="countersignature", status=TaskStatus.OPEN).exists()


def test_the_next_review_defaults_to_six_months(personas, client_for, held, spj_version):
    assessment = _locked(personas, client_for, held, spj_version)
    months = (assessment.next_review_date.year - dt.date.today().year) * 12 + (
        assessment.next_review_date.month - dt.date.today().month
    )
    assert months == 6


def test_the_review_comes_before_an_approaching_release(personas, client_for, held, spj_version):
    episode = held.custody_episodes.get()
    episode.expected_release_date = dt.date.today() + dt.timedelta(days=120)
    episode.save()
    assessment = _locked(personas, client_for, held, spj_version)
    assert assessment.next_review_date == dt.date.today()


def test_submitting_with_unrated_items_lists_them_and_keeps_everything_typed(
    personas, client_for, held, spj_version
):
    client = client_for(personas.specialist)
    assessment = _start(client, held, spj_version)
    partial = complete_draft(version=assessment.version, action="submit")
    del partial["a2__presence"]
    del partial["judgement_rationale"]
    response = client.post(_edit_url(assessment), partial, follow=True)
    body = response.content.decode()
    assert "cannot be submitted yet" in body
    assert "Rate a2" in body
    assert "Explain the reasons for your judgement." in body
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.DRAFT
    assert assessment.formulation.startswith("Grievance-driven")
    assert ItemRating.objects.get(assessment=assessment, item_code="a1").evidence.startswith(
        "Said so"
    )


def test_the_second_of_two_concurrent_saves_is_refused_and_keeps_its_text(
    personas, client_for, held, spj_version
):
    first, second = client_for(personas.specialist), client_for(personas.supervisor)
    assessment = _start(first, held, spj_version)
    opened_at = assessment.version
    first.post(_edit_url(assessment), complete_draft(version=opened_at))
    response = second.post(
        _edit_url(assessment), complete_draft(version=opened_at, formulation="My other view.")
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "Someone else saved this assessment" in body
    assert "My other view." in body
    assessment.refresh_from_db()
    assert assessment.formulation.startswith("Grievance-driven")


def test_optimistic_lock_refuses_a_stale_version_in_the_service(personas, held, spj_version):
    actor = actor_for_user(personas.specialist)
    assessment = assessment_start(actor=actor, person=held, version=spj_version)
    assessment_save(actor=actor, assessment=assessment, expected_version=1, ratings={}, fields={})
    stale = Assessment.objects.get(pk=assessment.pk)
    with pytest.raises(ConflictError):
        assessment_save(
            actor=actor,
            assessment=stale,
            expected_version=1,
            ratings={"a1": RatingInput({"presence": "present"})},
            fields={"formulation": "lost?"},
        )
    assert Assessment.objects.get(pk=assessment.pk).formulation == ""
    assert not ItemRating.objects.filter(assessment=assessment).exists()


def test_an_assessor_cannot_countersign_their_own_assessment(
    personas, client_for, held, spj_version
):
    supervisor = client_for(personas.supervisor)
    assessment = _start(supervisor, held, spj_version)
    supervisor.post(_edit_url(assessment), complete_draft(version=assessment.version))
    assessment.refresh_from_db()
    supervisor.post(
        reverse("assessments:assessment-submit", args=[assessment.pk]),
        {"version": assessment.version},
    )
    response = supervisor.post(
        reverse("assessments:assessment-countersign", args=[assessment.pk]),
        {"decision": "countersign"},
        follow=True,
    )
    assert "You cannot countersign your own assessment." in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SUBMITTED


def test_database_refuses_a_self_countersigned_row(personas, held, spj_version):
    actor = actor_for_user(personas.specialist)
    assessment = assessment_start(actor=actor, person=held, version=spj_version)
    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.filter(pk=assessment.pk).update(countersigned_by=personas.specialist)


def test_a_user_without_countersigning_rights_cannot_countersign(
    personas, client_for, held, spj_version
):
    specialist = client_for(personas.specialist)
    assessment = _start(specialist, held, spj_version)
    specialist.post(_edit_url(assessment), complete_draft(version=assessment.version))
    assessment.refresh_from_db()
    specialist.post(
        reverse("assessments:assessment-submit", args=[assessment.pk]),
        {"version": assessment.version},
    )
    response = client_for(personas.officer).get(
        reverse("assessments:assessment-countersign", args=[assessment.pk])
    )
    assert response.status_code == 403
    with pytest.raises(AssessmentError, match="certification"):
        assessment_countersign(
            actor=actor_for_user(personas.probation_officer),
            assessment=assessment,
            today=dt.date.today(),
        )


def test_returning_needs_comments_and_gives_the_draft_back(personas, client_for, held, spj_version):
    specialist = client_for(personas.specialist)
    assessment = _start(specialist, held, spj_version)
    specialist.post(_edit_url(assessment), complete_draft(version=assessment.version))
    assessment.refresh_from_db()
    specialist.post(
        reverse("assessments:assessment-submit", args=[assessment.pk]),
        {"version": assessment.version},
    )
    url = reverse("assessments:assessment-countersign", args=[assessment.pk])
    supervisor = client_for(personas.supervisor)
    refused = supervisor.post(url, {"decision": "return", "comments": ""})
    assert "Say what must change" in refused.content.decode()
    supervisor.post(url, {"decision": "return", "comments": "Evidence for a2 is thin."})
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.RETURNED
    task = Task.objects.get(kind="returned_assessment", status=TaskStatus.OPEN)
    assert task.assignee == personas.specialist
    assert specialist.get(_edit_url(assessment)).status_code == 200


def test_a_locked_assessment_cannot_be_edited_and_takes_addenda(
    personas, client_for, held, spj_version
):
    assessment = _locked(personas, client_for, held, spj_version)
    specialist = client_for(personas.specialist)
    assert specialist.get(_edit_url(assessment)).status_code == 403
    with pytest.raises(AssessmentError):
        assessment_save(
            actor=actor_for_user(personas.specialist),
            assessment=assessment,
            expected_version=assessment.version,
            ratings={},
            fields={"formulation": "changed"},
        )
    specialist.post(
        reverse("assessments:addendum-create", args=[assessment.pk]),
        {"text": "Court judgment received: confirms a1."},
    )
    assert Addendum.objects.get(assessment=assessment).text.startswith("Court judgment")
    assessment.refresh_from_db()
    assert assessment.formulation.startswith("Grievance-driven")


def test_a_reassessment_starts_from_the_previous_one(personas, client_for, held, spj_version):
    first = _locked(personas, client_for, held, spj_version)
    second = _start(client_for(personas.specialist), held, spj_version)
    assert second.previous == first
    assert (
        ItemRating.objects.get(assessment=second, item_code="a1").ratings["presence"] == "present"
    )
    assert second.formulation == first.formulation
    assert second.judgement_level == ""


def test_only_one_assessment_in_progress_per_person(personas, client_for, held, spj_version):
    client = client_for(personas.specialist)
    _start(client, held, spj_version)
    response = client.post(
        reverse("assessments:assessment-new", args=[held.pk]), {"version": str(spj_version.pk)}
    )
    assert response.status_code == 400
    assert "already in progress" in response.content.decode()


def test_a_rating_outside_the_scale_is_refused(personas, client_for, held, spj_version):
    client = client_for(personas.specialist)
    assessment = _start(client, held, spj_version)
    response = client.post(
        _edit_url(assessment), complete_draft(version=assessment.version, a1__presence="extreme")
    )
    assert response.status_code == 400
    assert not ItemRating.objects.filter(assessment=assessment).exists()


def test_the_prison_officer_does_not_see_assessments(personas, client_for, held, spj_version):
    assessment = _locked(personas, client_for, held, spj_version)
    response = client_for(personas.officer).get(
        reverse("assessments:assessment-detail", args=[assessment.pk])
    )
    assert response.status_code == 403


def test_free_text_is_encrypted_in_the_database(personas, client_for, held, spj_version):
    from django.db import connection

    assessment = _locked(personas, client_for, held, spj_version)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT formulation, judgement_rationale FROM assessments_assessment WHERE id = %s",
            [assessment.pk.hex if connection.vendor == "sqlite" else assessment.pk],
        )
        formulation, rationale = cursor.fetchone()
    assert "Grievance" not in formulation and formulation.startswith("v1:")
    assert "protective" not in rationale


def test_assessment_page_query_count_is_pinned(
    personas, client_for, held, spj_version, django_assert_max_num_queries
):
    assessment = _locked(personas, client_for, held, spj_version)
    client = client_for(personas.specialist)
    url = reverse("assessments:assessment-detail", args=[assessment.pk])
    client.get(url)
    with django_assert_max_num_queries(16):
        assert client.get(url).status_code == 200


def test_a_review_falling_due_appears_in_my_work_until_a_reassessment_starts(
    personas, client_for, held, spj_version
):
    held.next_review_due = dt.date.today() + dt.timedelta(days=5)
    held.save()
    client = client_for(personas.specialist)
    assert held.reference in client.get("/en/work/").content.decode()
    _start(client, held, spj_version)
    assert held.reference not in client.get("/en/work/").content.decode()


def test_the_person_page_lists_the_open_tasks_about_them(personas, client_for, held):
    from reintegra.people.services import person_reassessment_trigger

    person_reassessment_trigger(
        actor=actor_for_user(personas.officer),
        person=held,
        reason="transfer",
        today=dt.date.today(),
    )
    body = (
        client_for(personas.specialist)
        .get(reverse("people:person-detail", args=[held.pk]))
        .content.decode()
    )
    assert "Open tasks" in body and "Reassessment" in body
