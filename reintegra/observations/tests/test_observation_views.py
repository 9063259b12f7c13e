import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reintegra.accounts.actor import actor_for_user
from reintegra.accounts.tests.factories import MembershipFactory, UserFactory
from reintegra.audit.models import Category, ProcessingLogEntry
from reintegra.core.roles import Role
from reintegra.observations.models import Observation
from reintegra.observations.sections import observation_section
from reintegra.observations.tests.factories import ObservationFactory
from reintegra.organisations.tests.factories import FacilityFactory
from reintegra.people.models import Person
from reintegra.people.tests.factories import PersonFactory, admitted
from reintegra.work.models import Task


@pytest.fixture
def held(personas) -> Person:
    return admitted(PersonFactory(family_name="Observed"), personas.facility_a)


def _new_url(person: Person) -> str:
    return reverse("observations:observation-new", args=[person.pk])


def _list_url(person: Person) -> str:
    return reverse("observations:person-observations", args=[person.pk])


def _form(**changes) -> dict:
    data = {
        "observed_at": (timezone.localtime() - dt.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
        "place": "Workshop 2",
        "category_code": "pressure_coercion",
        "source": "prisoner",
        "reliability": "likely",
        "narrative": "Was seen taking another prisoner's canteen goods and blocking his door.",
    }
    data.update(changes)
    return data


def test_officer_records_a_high_concern_observation_and_the_specialist_gets_a_reassessment(
    personas, client_for, held
) -> None:
    response = client_for(personas.officer).post(_new_url(held), _form())
    assert response.status_code == 302
    assert response["Location"] == reverse("people:person-detail", args=[held.pk])
    observation = Observation.objects.get()
    assert observation.recorded_by == personas.officer and observation.triggered_reassessment
    held.refresh_from_db()
    assert held.next_review_due == timezone.localdate() + dt.timedelta(days=30)
    assert Task.objects.filter(kind="reassessment", person=held).count() == 1
    my_work = client_for(personas.specialist).get("/en/work/").content.decode()
    assert f"{held.reference} · Reassessment: high-concern observation" in my_work
    assert "Reassessments triggered" in my_work


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {
                "observed_at": (timezone.localtime() + dt.timedelta(days=1)).strftime(
                    "%Y-%m-%dT%H:%M"
                )
            },
            "the time cannot be in the future",
        ),
        ({"category_code": "prayer_attendance"}, "Select a valid choice"),
        ({"reliability": "certain"}, "Select a valid choice"),
        ({"narrative": ""}, "This field is required"),
        ({"place": "Wing\nB"}, "This field must fit on one line"),
    ],
)
def test_bad_input_is_refused_with_a_clear_error_and_nothing_is_written(
    personas, client_for, held, changes, message
) -> None:
    response = client_for(personas.officer).post(_new_url(held), _form(**changes))
    assert response.status_code == 400
    body = response.content.decode()
    assert "There is a problem" in body and message in body
    assert "blocking his door" in body or changes.get("narrative") == ""
    assert not Observation.objects.exists()
    assert not Task.objects.exists()


def test_the_form_offers_only_behaviour_and_warns_against_religious_indicators(
    personas, client_for, held
) -> None:
    body = client_for(personas.officer).get(_new_url(held)).content.decode()
    assert "Threats or intimidation of staff or prisoners" in body
    assert "Religious practice, belief, dress and appearance are never risk indicators" in body


def test_staff_who_cannot_see_the_person_get_a_logged_404(personas, client_for, held) -> None:
    facility_c = FacilityFactory(organisation=personas.prisons_a, name="Facility C", code="c")
    officer_c = UserFactory(username="officer_c")
    MembershipFactory(
        user=officer_c,
        organisation=personas.prisons_a,
        role=Role.PRISON_OFFICER,
        facility=facility_c,
    )
    for user in (personas.outsider, officer_c, personas.probation_officer, personas.partner_user):
        before = ProcessingLogEntry.objects.filter(category=Category.DENIED).count()
        response = client_for(user).post(_new_url(held), _form())
        assert response.status_code == 404, user.username
        assert ProcessingLogEntry.objects.filter(category=Category.DENIED).count() == before + 1
    assert not Observation.objects.exists()


def test_list_shows_newest_first_logs_a_consultation_and_pins_its_queries(
    personas, client_for, held, django_assert_max_num_queries
) -> None:
    now = timezone.now()
    ObservationFactory(
        person=held,
        recorded_by=personas.officer,
        observed_at=now - dt.timedelta(days=3),
        place="Older place",
    )
    ObservationFactory(
        person=held,
        recorded_by=personas.specialist,
        observed_at=now - dt.timedelta(hours=1),
        place="Newest place",
    )
    for hours in range(30):
        ObservationFactory(
            person=held,
            recorded_by=personas.officer,
            observed_at=now - dt.timedelta(days=4, hours=hours),
        )
    client = client_for(personas.officer)
    client.get(_list_url(held))
    with django_assert_max_num_queries(15):
        response = client.get(_list_url(held))
    page = response.context["page"]
    assert page.paginator.count == 32 and len(page.object_list) == 25
    assert page.object_list[0].place == "Newest place"
    assert page.object_list[1].place == "Older place"
    entry = ProcessingLogEntry.objects.filter(action="observation.list").first()
    assert entry.category == Category.CONSULTATION and entry.subjects == [str(held.pk)]
    assert client.get(_list_url(held), {"page": 2}).context["page"].object_list[0].place == "Wing B"


def test_detail_is_logged_and_probation_cannot_open_it(
    personas, client_for, held, django_assert_max_num_queries
) -> None:
    observation = ObservationFactory(
        person=held, recorded_by=personas.officer, narrative="Shouted at the count."
    )
    url = reverse("observations:observation-detail", args=[observation.pk])
    client = client_for(personas.specialist)
    client.get(url)
    with django_assert_max_num_queries(13):
        response = client.get(url)
    assert "Shouted at the count." in response.content.decode()
    assert "Mark as entered in error" not in response.content.decode()
    entry = ProcessingLogEntry.objects.filter(action="observation.view").first()
    assert entry.subjects == [str(held.pk)] and entry.object_id == str(observation.pk)
    assert client_for(personas.probation_officer).get(url).status_code == 404


def test_supervisor_marks_entered_in_error_and_the_observation_stays_visible_struck_out(
    personas, client_for, held
) -> None:
    observation = ObservationFactory(person=held, recorded_by=personas.officer)
    url = reverse("observations:observation-entered-in-error", args=[observation.pk])
    client = client_for(personas.supervisor)
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    observation.refresh_from_db()
    assert not observation.entered_in_error
    response = client.post(url, {"reason": "Recorded against the wrong person."})
    assert response.status_code == 302
    observation.refresh_from_db()
    assert observation.entered_in_error
    body = client.get(_list_url(held)).content.decode()
    assert "<del>" in body and "Entered in error" in body
    assert client_for(personas.officer).get(url).status_code == 302


def test_officer_may_not_mark_entered_in_error(personas, client_for, held) -> None:
    observation = ObservationFactory(person=held, recorded_by=personas.officer)
    url = reverse("observations:observation-entered-in-error", args=[observation.pk])
    assert client_for(personas.officer).post(url, {"reason": "Wrong person"}).status_code == 403
    observation.refresh_from_db()
    assert not observation.entered_in_error


def test_person_page_shows_the_latest_five_with_a_constant_number_of_queries(
    personas, client_for, held, django_assert_max_num_queries
) -> None:
    client = client_for(personas.officer)
    url = reverse("people:person-detail", args=[held.pk])
    ObservationFactory(person=held, recorded_by=personas.officer, place="Place 0")
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for number in range(1, 8):
        ObservationFactory(
            person=held,
            recorded_by=personas.officer,
            observed_at=timezone.now() - dt.timedelta(minutes=number),
            place=f"Place {number}",
        )
    with CaptureQueriesContext(connection) as eight:
        response = client.get(url)
    assert len(eight) == len(one)
    officer = actor_for_user(personas.officer)
    with django_assert_max_num_queries(1):
        section = observation_section(officer, held)
    assert len(section.context["observations"]) == 5 and section.context["has_more"]
    body = response.content.decode()
    assert "Dynamic-security observations" in body
    assert "Place 1" in body and "Place 5" in body and "Place 6" not in body
    assert "All observations" in body
    assert _new_url(held) in body


def test_probation_and_partner_users_never_see_the_section(personas, client_for, held) -> None:
    from reintegra.people.sections import person_sections

    for user in (personas.probation_officer, personas.partner_user, personas.auditor):
        templates = [s.template for s in person_sections(actor_for_user(user), held)]
        assert "observations/person_section.html" not in templates
