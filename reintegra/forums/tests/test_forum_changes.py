"""Changing a forum's details and recording that a member organisation has left."""

import datetime as dt

import pytest

from reintegra.audit.models import ProcessingLogEntry
from reintegra.forums.models import Forum, ForumMember, Representative
from reintegra.forums.services import forum_create
from reintegra.forums.tests.conftest import today

pytestmark = pytest.mark.django_db


def _details(forum: Forum, **changes) -> dict:
    details = {
        "name": forum.name,
        "area_kind": forum.area_kind,
        "area": forum.area,
        "terms_of_reference": forum.terms_of_reference,
        "is_active": "on",
    }
    details.update(changes)
    return {key: value for key, value in details.items() if value is not None}


# --- Changing the forum's details ----------------------------------------------------------------


def test_the_edit_form_starts_from_the_forums_current_details(client_for, coordinator, forum):
    page = client_for(coordinator).get(f"/en/forums/{forum.pk}/edit/").content.decode()
    assert f"Change {forum.name}" in page
    assert 'value="Durrës"' in page
    assert "Meets monthly." in page


def test_coordinator_renames_the_forum_and_the_change_is_logged(client_for, coordinator, forum):
    response = client_for(coordinator).post(
        f"/en/forums/{forum.pk}/edit/",
        _details(forum, name="Durrës forum for reintegration", terms_of_reference="Meets weekly."),
    )
    assert response.status_code == 302
    forum.refresh_from_db()
    assert forum.name == "Durrës forum for reintegration"
    assert forum.terms_of_reference == "Meets weekly."
    entry = ProcessingLogEntry.objects.get(action="forum.update")
    assert entry.details == {"fields": "name,terms_of_reference"}


def test_saving_unchanged_details_writes_no_log_entry(client_for, coordinator, forum):
    response = client_for(coordinator).post(f"/en/forums/{forum.pk}/edit/", _details(forum))
    assert response.status_code == 302
    assert not ProcessingLogEntry.objects.filter(action="forum.update").exists()


def test_unticking_active_makes_the_forum_inactive(client_for, coordinator, forum):
    client_for(coordinator).post(f"/en/forums/{forum.pk}/edit/", _details(forum, is_active=None))
    forum.refresh_from_db()
    assert not forum.is_active
    assert "Inactive" in client_for(coordinator).get(f"/en/forums/{forum.pk}/").content.decode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": "   "}, "This field is required."),
        ({"name": "Durrës\nforum"}, "This field must fit on one line."),
        ({"area": ""}, "This field is required."),
        ({"area_kind": "planet"}, "Select a valid choice."),
        ({"name": "x" * 201}, "at most 200 characters"),
        ({"terms_of_reference": "Meets\x07monthly"}, "Remove the invisible control characters"),
    ],
)
def test_bad_details_are_refused_with_a_message_and_nothing_changes(
    client_for, coordinator, forum, changes, message
):
    response = client_for(coordinator).post(
        f"/en/forums/{forum.pk}/edit/", _details(forum, **changes)
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    forum.refresh_from_db()
    assert forum.name == "Durrës reintegration forum"
    assert forum.area == "Durrës"
    assert forum.terms_of_reference == "Meets monthly."


def test_a_forum_cannot_take_the_name_of_another_forum_of_the_jurisdiction(
    client_for, coordinator, forum, actor
):
    forum_create(
        actor=actor, name="Tirana forum", area_kind="region", area="Tirana", terms_of_reference=""
    )
    response = client_for(coordinator).post(
        f"/en/forums/{forum.pk}/edit/", _details(forum, name="Tirana forum")
    )
    assert response.status_code == 400
    assert "already exists" in response.content.decode()
    forum.refresh_from_db()
    assert forum.name == "Durrës reintegration forum"


def test_a_partner_member_reads_the_forum_but_cannot_change_it(personas, client_for, forum):
    client = client_for(personas.partner_user)
    assert client.get(f"/en/forums/{forum.pk}/").status_code == 200
    assert client.get(f"/en/forums/{forum.pk}/edit/").status_code == 403
    response = client.post(f"/en/forums/{forum.pk}/edit/", _details(forum, name="Taken over"))
    assert response.status_code == 403
    forum.refresh_from_db()
    assert forum.name == "Durrës reintegration forum"


def test_a_coordinator_of_another_jurisdiction_gets_404(client_for, coordinator_b, forum):
    assert client_for(coordinator_b).get(f"/en/forums/{forum.pk}/edit/").status_code == 404


# --- A member organisation leaving ---------------------------------------------------------------


def _member(personas, forum) -> ForumMember:
    return forum.members.get(organisation=personas.social_services_a)


def test_leaving_asks_for_confirmation_and_names_who_leaves_with_it(
    personas, client_for, coordinator, forum
):
    member = _member(personas, forum)
    page = client_for(coordinator).get(f"/en/forums/members/{member.pk}/leave/").content.decode()
    assert f"{personas.social_services_a.name} leaves the forum?" in page
    assert "Mira Sula" in page
    member.refresh_from_db()
    assert member.is_current


def test_an_organisation_leaves_with_its_representatives(personas, client_for, coordinator, forum):
    member = _member(personas, forum)
    client = client_for(coordinator)
    response = client.post(
        f"/en/forums/members/{member.pk}/leave/", {"left_on": today().isoformat()}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.left_on == today()
    assert Representative.objects.get(full_name="Mira Sula").removed_on == today()
    assert ProcessingLogEntry.objects.filter(action="forum.member_leave").count() == 1
    page = client.get(f"/en/forums/{forum.pk}/").content.decode()
    assert (
        personas.social_services_a.name not in page[page.index("<h2>Members and representatives") :]
    )


@pytest.mark.parametrize(
    ("left_on", "message"),
    [
        ("", "This field is required."),
        ("31/02/2026", "Enter a valid date."),
        ("1999-01-01", "cannot leave before it joined"),
    ],
)
def test_a_bad_leaving_date_is_refused_and_the_member_stays(
    personas, client_for, coordinator, forum, left_on, message
):
    member = _member(personas, forum)
    response = client_for(coordinator).post(
        f"/en/forums/members/{member.pk}/leave/", {"left_on": left_on}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    member.refresh_from_db()
    assert member.is_current
    assert Representative.objects.get(full_name="Mira Sula").is_current


def test_an_organisation_that_has_left_cannot_leave_again(personas, client_for, coordinator, forum):
    member = _member(personas, forum)
    client = client_for(coordinator)
    url = f"/en/forums/members/{member.pk}/leave/"
    client.post(url, {"left_on": today().isoformat()})
    response = client.post(url, {"left_on": (today() + dt.timedelta(days=1)).isoformat()})
    assert response.status_code == 400
    assert "already left" in response.content.decode()
    member.refresh_from_db()
    assert member.left_on == today()


def test_a_partner_member_cannot_record_an_organisation_leaving(personas, client_for, forum):
    member = _member(personas, forum)
    response = client_for(personas.partner_user).post(
        f"/en/forums/members/{member.pk}/leave/", {"left_on": today().isoformat()}
    )
    assert response.status_code == 403
    member.refresh_from_db()
    assert member.is_current
