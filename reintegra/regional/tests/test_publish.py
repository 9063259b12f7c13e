"""Publishing a regional event makes or updates its public page, naming only who consented."""

import pytest
from django.test import Client
from django.urls import reverse

from reintegra.audit.models import Category, ProcessingLogEntry
from reintegra.site.models import EventPage

pytestmark = pytest.mark.django_db


def test_publishing_creates_the_public_page_with_only_consenting_participants(
    working_group, keeper, client_for, events_index
) -> None:
    client = client_for(keeper)
    check = client.get(reverse("regional:event-publish", args=[working_group.pk]))
    assert "Elira Consenting" in check.content.decode()
    assert "1 participant has not consented" in check.content.decode()

    response = client.post(reverse("regional:event-publish", args=[working_group.pk]))

    assert response.status_code == 302
    page = EventPage.objects.get()
    assert page.live and page.get_parent().pk == events_index.pk
    assert page.source_id == f"regional:{working_group.pk}"
    assert page.event_type == "working_group"
    assert "The screening tool in practice" in page.agenda
    assert "Elira Consenting" in page.agenda
    public = Client().get(page.url, follow=True).content.decode()
    assert "Elira Consenting" in public
    for private in ("Genti Private", "elira@example.org", "behind schedule"):
        assert private not in page.agenda and private not in public
    entry = ProcessingLogEntry.objects.get(action="regional.event_publish")
    assert entry.category == Category.DISCLOSURE


def test_publishing_twice_updates_and_never_duplicates(
    working_group, keeper, client_for, events_index
) -> None:
    client = client_for(keeper)
    client.post(reverse("regional:event-publish", args=[working_group.pk]))
    working_group.title = "Regional working group on risk assessment (second meeting)"
    working_group.save()
    elira = working_group.participants.get(full_name="Elira Consenting")
    elira.listed_publicly = False
    elira.save()

    client.post(reverse("regional:event-publish", args=[working_group.pk]))

    page = EventPage.objects.get()
    assert page.title.endswith("(second meeting)")
    assert "Elira Consenting" not in page.agenda
    assert ProcessingLogEntry.objects.filter(action="regional.event_republish").count() == 1


def test_publishing_without_an_events_section_says_so_and_writes_nothing(
    working_group, keeper, client_for
) -> None:
    response = client_for(keeper).post(reverse("regional:event-publish", args=[working_group.pk]))
    assert response.status_code == 400
    assert "no events section" in response.content.decode()
    assert not EventPage.objects.exists()
    working_group.refresh_from_db()
    assert working_group.published_at is None


def test_titles_with_markup_are_escaped_on_the_public_page(
    working_group, keeper, client_for, events_index
) -> None:
    working_group.agenda = "<script>alert(1)</script>"
    working_group.save()
    client_for(keeper).post(reverse("regional:event-publish", args=[working_group.pk]))
    assert "<script>" not in EventPage.objects.get().agenda
