"""Who sees and does what: the catalogue per jurisdiction, groups per facility, the person-page
summary for prison staff and for readers given the "programmes" scope."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from reintegra.accounts.actor import actor_for_user
from reintegra.people.services import access_grant
from reintegra.programmes.models import Programme
from reintegra.programmes.sessions import AttendanceEntry, attendance_record
from reintegra.programmes.tests.factories import (
    EnrolmentFactory,
    GroupFactory,
    ProgrammeFactory,
    session_at,
)


def test_the_catalogue_shows_only_the_actors_jurisdiction(personas, client_for, programme):
    ProgrammeFactory(jurisdiction_id="RS", name="Serbian workshop")
    page = client_for(personas.officer).get(reverse("programmes:programme-list")).content.decode()
    assert "Disengagement programme" in page and "Serbian workshop" not in page
    other = client_for(personas.outsider).get(reverse("programmes:programme-list"))
    assert "Disengagement programme" not in other.content.decode()


def test_only_programme_managers_change_the_catalogue_and_groups(
    personas, client_for, programme, group
):
    for user in (personas.specialist, personas.officer):
        client = client_for(user)
        assert client.get(reverse("programmes:programme-new")).status_code == 403
        assert (
            client.get(reverse("programmes:programme-edit", args=[programme.pk])).status_code == 403
        )
        assert client.get(reverse("programmes:group-new", args=[programme.pk])).status_code == 403
        assert client.get(reverse("programmes:enrol", args=[group.pk])).status_code == 403
    assert not Programme.objects.exclude(pk=programme.pk).exists()


def test_partners_and_probation_have_no_catalogue(personas, client_for):
    for user in (personas.probation_officer, personas.partner_user):
        assert client_for(user).get(reverse("programmes:programme-list")).status_code == 403


def test_group_list_shows_the_groups_of_the_actors_facility(personas, client_for, group):
    from reintegra.organisations.tests.factories import FacilityFactory

    elsewhere = FacilityFactory(organisation=personas.prisons_a, name="Facility A2", code="a2")
    GroupFactory(facility=elsewhere, name="Group elsewhere")
    page = client_for(personas.officer).get(reverse("programmes:group-list")).content.decode()
    assert "Spring group" in page and "Group elsewhere" not in page


def _attended(personas, group, person):
    enrolment = EnrolmentFactory(group=group, person=person, enrolled_by=personas.supervisor)
    actor = actor_for_user(personas.specialist)
    for days_ago, status in ((3, "attended"), (2, "late"), (1, "refused")):
        attendance_record(
            actor=actor,
            session=session_at(group, days_ago=days_ago),
            entries=[AttendanceEntry(enrolment=enrolment, status=status, note="Private note")],
            now=timezone.now(),
        )
    return enrolment


def test_the_person_page_counts_sessions_per_attendance_status(personas, client_for, group, held):
    _attended(personas, group, held[0])
    response = client_for(personas.officer).get(reverse("people:person-detail", args=[held[0].pk]))
    body = response.content.decode()
    assert "Programmes and activities" in body and "Spring group" in body
    assert "Refused to attend" in body  # the column heading
    assert "Private note" not in body


def test_a_programmes_grant_shows_the_summary_and_nothing_more(personas, client_for, group, held):
    _attended(personas, group, held[0])
    url = reverse("people:person-detail", args=[held[0].pk])
    grant = access_grant(
        actor=actor_for_user(personas.supervisor),
        person=held[0],
        organisation=personas.probation_a,
        scopes=["release"],
        reason="Handover",
        valid_from=dt.date.today(),
    )
    assert (
        "Programmes and activities"
        not in client_for(personas.probation_officer).get(url).content.decode()
    )
    grant.scopes = ",release,programmes,"
    grant.save()
    body = client_for(personas.probation_officer).get(url).content.decode()
    assert "Programmes and activities" in body and "Spring group" in body
    # The group itself stays inside the prison.
    assert reverse("programmes:group-detail", args=[group.pk]) not in body
    assert (
        client_for(personas.probation_officer)
        .get(reverse("programmes:group-detail", args=[group.pk]))
        .status_code
        == 404
    )


def test_catalogue_and_group_lists_pin_their_query_counts(
    personas, client_for, programme, django_assert_max_num_queries
):
    for n in range(4):
        ProgrammeFactory(name=f"Extra programme {n}")
        GroupFactory(programme=programme, facility=personas.facility_a, name=f"Extra group {n}")
    client = client_for(personas.supervisor)
    # A signed-in request costs 7 (session, user, device, membership; session save in a
    # savepoint); the rest is the page's own, the same for 1 programme or 100.
    pinned = {
        reverse("programmes:programme-list"): 8,
        reverse("programmes:programme-detail", args=[programme.pk]): 11,
        reverse("programmes:group-list"): 9,
    }
    for url, queries in pinned.items():
        client.get(url)
        with django_assert_max_num_queries(queries):
            assert client.get(url).status_code == 200
