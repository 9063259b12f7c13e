import datetime as dt

from django.urls import reverse

from reintegra.accounts.tests.factories import MembershipFactory, UserFactory
from reintegra.audit.models import Category, ProcessingLogEntry
from reintegra.core.roles import Role
from reintegra.organisations.tests.factories import FacilityFactory
from reintegra.people.models import CustodyEpisode, Person, Placement
from reintegra.people.tests.factories import PersonFactory, admitted

LIST = "/en/people/"
NEW = "/en/people/new/"


def _registration(facility, **changes) -> dict:
    data = {
        "given_name": "Ђорђе",
        "family_name": "Ђорђевић",
        "date_of_birth": "1991-02-03",
        "sex": "male",
        "citizenship": "RS",
        "languages": ["sr", "en"],
        "data_subject_category": "convicted",
        "facility": str(facility.pk),
        "legal_status": "sentenced",
        "offence_category": "terrorism",
        "sentence_months": "72",
        "admission_date": "2025-01-15",
        "expected_release_date": "2031-01-15",
    }
    data.update(changes)
    return data


def test_specialist_registers_a_person_with_admission_and_it_is_logged(personas, client_for):
    response = client_for(personas.specialist).post(NEW, _registration(personas.facility_a))
    person = Person.objects.get()
    assert response["Location"] == reverse("people:person-detail", args=[person.pk])
    assert person.reference.startswith("AL-")
    assert person.family_name_latin == "Đorđević"
    assert person.current_facility == personas.facility_a
    assert CustodyEpisode.objects.get().sentence_months == 72
    assert Placement.objects.get().reason == "admission"
    entry = ProcessingLogEntry.objects.get(action="person.register")
    assert entry.category == Category.COLLECTION
    assert entry.subjects == [str(person.pk)]


def test_release_before_admission_is_refused_and_nothing_is_written(personas, client_for):
    data = _registration(personas.facility_a, expected_release_date="2024-01-01")
    response = client_for(personas.specialist).post(NEW, data)
    assert response.status_code == 400
    assert "The expected release cannot be before the admission date." in response.content.decode()
    assert 'value="Ђорђе"' in response.content.decode()
    assert Person.objects.count() == 0 and CustodyEpisode.objects.count() == 0


def test_future_dates_and_missing_sentence_are_refused(personas, client_for):
    client = client_for(personas.specialist)
    future = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    assert (
        client.post(NEW, _registration(personas.facility_a, admission_date=future)).status_code
        == 400
    )
    assert (
        client.post(NEW, _registration(personas.facility_a, date_of_birth=future)).status_code
        == 400
    )
    response = client.post(NEW, _registration(personas.facility_a, sentence_months=""))
    assert "Give the length of the sentence in months." in response.content.decode()
    assert Person.objects.count() == 0


def test_a_facility_of_another_jurisdiction_cannot_be_chosen(personas, client_for):
    response = client_for(personas.specialist).post(NEW, _registration(personas.facility_b))
    assert response.status_code == 400
    assert Person.objects.count() == 0


def test_prison_officer_may_look_but_not_register(personas, client_for):
    client = client_for(personas.officer)
    assert client.get(LIST).status_code == 200
    assert client.get(NEW).status_code == 403


def test_probation_and_partner_users_have_no_case_list(personas, client_for):
    assert client_for(personas.probation_officer).get(LIST).status_code == 403
    assert client_for(personas.partner_user).get(LIST).status_code == 403


def test_staff_of_another_facility_do_not_see_the_person(personas, client_for):
    held = admitted(PersonFactory(), personas.facility_a)
    facility_c = FacilityFactory(organisation=personas.prisons_a, name="Facility C", code="c")
    colleague = UserFactory(username="officer_c")
    MembershipFactory(
        user=colleague,
        organisation=personas.prisons_a,
        role=Role.PRISON_OFFICER,
        facility=facility_c,
    )
    response = client_for(colleague).get(reverse("people:person-detail", args=[held.pk]))
    assert response.status_code == 404
    headquarters = UserFactory(username="manager_hq")
    MembershipFactory(user=headquarters, organisation=personas.prisons_a, role=Role.PRISON_MANAGER)
    assert (
        client_for(headquarters).get(reverse("people:person-detail", args=[held.pk])).status_code
        == 200
    )


def test_opening_a_person_writes_a_consultation_entry(personas, client_for):
    held = admitted(PersonFactory(), personas.facility_a)
    client_for(personas.officer).get(reverse("people:person-detail", args=[held.pk]))
    entry = ProcessingLogEntry.objects.get(action="person.view")
    assert entry.category == Category.CONSULTATION
    assert entry.subjects == [str(held.pk)]
    assert entry.actor_role == Role.PRISON_OFFICER


def test_name_search_finds_cyrillic_names_from_a_latin_query(personas, client_for):
    PersonFactory(given_name="Ђорђе", family_name="Ђорђевић")
    other = PersonFactory(given_name="Marko", family_name="Marković")
    for person in Person.objects.all():
        admitted(person, personas.facility_a)
    response = client_for(personas.specialist).get(LIST, {"q": "Dordevic"})
    names = [p.family_name for p in response.context["page"].object_list]
    assert names == ["Ђорђевић"]
    assert other.family_name not in names


def test_case_list_logs_the_people_it_shows(personas, client_for):
    held = admitted(PersonFactory(), personas.facility_a)
    client_for(personas.specialist).get(LIST)
    entry = ProcessingLogEntry.objects.get(action="person.list")
    assert entry.subjects == [str(held.pk)]


def test_case_list_filters_by_review_and_judgement(personas, client_for):
    overdue = admitted(PersonFactory(family_name="Overdue"), personas.facility_a)
    overdue.next_review_due = dt.date(2020, 1, 1)
    overdue.judgement_level = "high"
    overdue.save()
    admitted(PersonFactory(family_name="Fine"), personas.facility_a)
    client = client_for(personas.specialist)
    page = client.get(LIST, {"review": "overdue"}).context["page"]
    assert [p.family_name for p in page.object_list] == ["Overdue"]
    page = client.get(LIST, {"judgement_level": "none"}).context["page"]
    assert [p.family_name for p in page.object_list] == ["Fine"]


def test_unknown_filter_values_get_a_clear_error_not_a_crash(personas, client_for):
    response = client_for(personas.specialist).get(LIST, {"status": "bogus", "page": "999"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_facility_filter_is_offered_only_where_the_list_spans_facilities(personas, client_for):
    facility_c = FacilityFactory(organisation=personas.prisons_a, name="Facility C", code="c")
    held_a = admitted(PersonFactory(family_name="Held-in-A"), personas.facility_a)
    admitted(PersonFactory(family_name="Held-in-C"), facility_c)
    # Staff of one facility see only its people: no filter that could only lead elsewhere.
    bound = client_for(personas.specialist).get(LIST)
    assert "facility" not in bound.context["form"].fields
    assert 'name="facility"' not in bound.content.decode()
    # A facility in the query string changes nothing for them and is no error.
    narrowed = client_for(personas.specialist).get(LIST, {"facility": str(facility_c.pk)})
    assert [p.pk for p in narrowed.context["page"].object_list] == [held_a.pk]
    # Staff of the whole prison service choose among its facilities.
    wide = UserFactory(username="prison-service-wide")
    MembershipFactory(user=wide, organisation=personas.prisons_a, role=Role.SUPERVISOR)
    client = client_for(wide)
    offered = client.get(LIST).context["form"].fields["facility"].choices
    assert [label for _value, label in offered] == ["All facilities", "Facility A", "Facility C"]
    page = client.get(LIST, {"facility": str(facility_c.pk)}).context["page"]
    assert [p.family_name for p in page.object_list] == ["Held-in-C"]


def test_case_list_query_count_does_not_grow_with_people(
    personas, client_for, django_assert_max_num_queries
):
    for _ in range(30):
        admitted(PersonFactory(), personas.facility_a)
    client = client_for(personas.specialist)
    client.get(LIST)
    # 15 on PostgreSQL: the log append takes its advisory lock.
    with django_assert_max_num_queries(15):
        response = client.get(LIST)
    assert len(response.context["page"].object_list) == 30


def test_transfer_moves_the_person_and_keeps_the_history(personas, client_for):
    held = admitted(PersonFactory(), personas.facility_a)
    facility_c = FacilityFactory(organisation=personas.prisons_a, name="Facility C", code="c")
    url = reverse("people:person-transfer", args=[held.pk])
    response = client_for(personas.supervisor).post(
        url, {"facility": str(facility_c.pk), "date": "2025-06-01", "note": "Security review"}
    )
    assert response.status_code == 302
    held.refresh_from_db()
    assert held.current_facility == facility_c
    placements = list(Placement.objects.filter(episode__person=held).order_by("start_date"))
    assert [p.facility for p in placements] == [personas.facility_a, facility_c]
    assert placements[0].end_date == dt.date(2025, 6, 1)
    assert ProcessingLogEntry.objects.filter(action="person.transfer").exists()


def test_transfer_before_the_current_placement_is_refused(personas, client_for):
    held = admitted(PersonFactory(), personas.facility_a, admission=dt.date(2024, 3, 1))
    facility_c = FacilityFactory(organisation=personas.prisons_a, name="Facility C", code="c")
    response = client_for(personas.supervisor).post(
        reverse("people:person-transfer", args=[held.pk]),
        {"facility": str(facility_c.pk), "date": "2023-01-01"},
    )
    assert response.status_code == 400
    assert "cannot be before the current placement began" in response.content.decode()
    held.refresh_from_db()
    assert held.current_facility == personas.facility_a


def test_officer_cannot_record_a_transfer(personas, client_for):
    held = admitted(PersonFactory(), personas.facility_a)
    response = client_for(personas.officer).get(reverse("people:person-transfer", args=[held.pk]))
    assert response.status_code == 403
