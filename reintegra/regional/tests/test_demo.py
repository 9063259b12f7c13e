import pytest
from django.core.management import call_command
from django.test import override_settings

from reintegra.regional.demo import demo_regional_seed
from reintegra.regional.models import RegionalEvent
from reintegra.site.models import EventPage


@override_settings(DEMO_MODE=True)
@pytest.mark.django_db
def test_demo_regional_event_is_published_once_naming_only_consenting_participants() -> None:
    call_command("seed_demo")
    assert demo_regional_seed() == 0  # safe to run again
    event = RegionalEvent.objects.get()
    assert event.participants.count() >= 3
    page = EventPage.objects.get(source_id=event.source_id)
    assert "Elira Demiri" in page.agenda
    assert "Nikola Vuković" not in page.agenda
