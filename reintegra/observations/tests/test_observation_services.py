import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.utils import timezone

from reintegra.accounts.actor import actor_for_user
from reintegra.audit.models import Category, ProcessingLogEntry
from reintegra.observations.models import Observation
from reintegra.observations.services import (
    ObservationError,
    asks_for_reassessment,
    observation_mark_in_error,
    observation_record,
)
from reintegra.observations.tests.factories import ObservationFactory
from reintegra.people.models import Person
from reintegra.people.tests.factories import PersonFactory, admitted
from reintegra.work.models import Task

NARRATIVE = "Told a cellmate he would be hurt if he kept attending the education class."


@pytest.fixture
def held(personas) -> Person:
    return admitted(PersonFactory(), personas.facility_a, admission=dt.date(2024, 3, 1))


def _record(actor_user, person, **changes) -> Observation:
    now = timezone.now()
    values = {
        "observed_at": now - dt.timedelta(hours=2),
        "place": "Wing B, association room",
        "category_code": "threats_intimidation",
        "source": "staff",
        "reliability": "confirmed",
        "narrative": NARRATIVE,
        "now": now,
    }
    values.update(changes)
    return observation_record(actor=actor_for_user(actor_user), person=person, **values)


def test_officer_records_an_observation_and_it_is_logged_as_collection(personas, held) -> None:
    observation = _record(personas.officer, held, category_code="programme_engagement")
    assert observation.facility == personas.facility_a
    assert observation.recorded_by == personas.officer
    assert observation.concern == "routine"
    entry = ProcessingLogEntry.objects.get(action="observation.record")
    assert entry.category == Category.COLLECTION
    assert entry.subjects == [str(held.pk)]
    assert entry.object_id == str(observation.pk)


def test_high_concern_observation_creates_one_reassessment_task_and_brings_review_forward(
    personas, held
) -> None:
    held.next_review_due = dt.date.today() + dt.timedelta(days=200)
    held.save()
    observation = _record(personas.officer, held, reliability="uncertain")
    held.refresh_from_db()
    assert observation.triggered_reassessment
    assert held.next_review_due == timezone.localdate() + dt.timedelta(days=30)
    task = Task.objects.get(kind="reassessment")
    assert task.person == held
    assert task.source_id == str(observation.pk)
    assert ",specialist," in task.roles


@pytest.mark.parametrize(
    ("concern", "reliability", "asks"),
    [
        ("high", "confirmed", True),
        ("high", "uncertain", True),
        ("notable", "confirmed", True),
        ("notable", "likely", False),
        ("notable", "uncertain", False),
        ("routine", "confirmed", False),
    ],
)
def test_which_observations_ask_for_a_reassessment(concern, reliability, asks) -> None:
    assert asks_for_reassessment(concern, reliability) is asks


def test_notable_but_unconfirmed_observation_asks_for_nothing(personas, held) -> None:
    observation = _record(
        personas.officer, held, category_code="withdrawal_isolation", reliability="likely"
    )
    held.refresh_from_db()
    assert not observation.triggered_reassessment
    assert held.next_review_due is None
    assert not Task.objects.exists()


def test_observation_in_the_future_is_refused_and_nothing_is_written(personas, held) -> None:
    with pytest.raises(ObservationError, match="cannot be in the future"):
        _record(personas.officer, held, observed_at=timezone.now() + dt.timedelta(hours=1))
    assert not Observation.objects.exists()
    assert not ProcessingLogEntry.objects.filter(action="observation.record").exists()


@pytest.mark.parametrize("code", ["unknown_code", "prayer", ""])
def test_unknown_behaviour_category_is_refused(personas, held, code) -> None:
    with pytest.raises(ObservationError, match="Choose a behaviour from the list"):
        _record(personas.officer, held, category_code=code)
    assert not Observation.objects.exists()


def test_observation_before_admission_is_refused(personas, held) -> None:
    long_ago = timezone.make_aware(dt.datetime(2023, 1, 1, 10, 0))
    with pytest.raises(ObservationError, match="before the person was admitted"):
        _record(personas.officer, held, observed_at=long_ago)


def test_observation_of_someone_not_in_custody_is_refused(personas, held) -> None:
    held.in_custody = False
    held.save()
    with pytest.raises(ObservationError, match="not in custody"):
        _record(personas.officer, held)


def test_probation_officer_may_not_record(personas, held) -> None:
    with pytest.raises(PermissionDenied):
        _record(personas.probation_officer, held)


def test_narrative_is_encrypted_at_rest(personas, held) -> None:
    observation = _record(personas.officer, held)
    key = Observation._meta.pk.get_db_prep_value(observation.pk, connection)
    with connection.cursor() as cursor:
        cursor.execute("SELECT narrative FROM observations_observation WHERE id = %s", [key])
        (raw,) = cursor.fetchone()
    assert raw.startswith("v1:")
    assert "cellmate" not in raw and NARRATIVE not in raw
    assert Observation.objects.get(pk=observation.pk).narrative == NARRATIVE


def test_supervisor_marks_an_observation_entered_in_error_with_a_reason(personas, held) -> None:
    observation = ObservationFactory(person=held, recorded_by=personas.officer)
    observation_mark_in_error(
        actor=actor_for_user(personas.supervisor),
        observation=observation,
        reason="Recorded against the wrong person.",
        now=timezone.now(),
    )
    observation.refresh_from_db()
    assert observation.entered_in_error
    assert observation.error_reason == "Recorded against the wrong person."
    assert observation.error_marked_by == personas.supervisor
    entry = ProcessingLogEntry.objects.get(action="observation.entered_in_error")
    assert entry.category == Category.ALTERATION
    assert entry.subjects == [str(held.pk)]


def test_entered_in_error_needs_a_supervisor_and_a_reason(personas, held) -> None:
    observation = ObservationFactory(person=held, recorded_by=personas.officer)
    with pytest.raises(PermissionDenied):
        observation_mark_in_error(
            actor=actor_for_user(personas.officer),
            observation=observation,
            reason="Mine, wrong person.",
            now=timezone.now(),
        )
    with pytest.raises(ObservationError, match="Say why"):
        observation_mark_in_error(
            actor=actor_for_user(personas.supervisor),
            observation=observation,
            reason="  ",
            now=timezone.now(),
        )
    observation.refresh_from_db()
    assert not observation.entered_in_error
    assert not ProcessingLogEntry.objects.filter(action="observation.entered_in_error").exists()
