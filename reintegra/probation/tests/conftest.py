import pytest
from django.utils import timezone

from reintegra.accounts.actor import actor_for_user
from reintegra.probation.models import SupervisionCase
from reintegra.release.services import release_record
from reintegra.release.tests.factories import handed_over, opened_plan, releasing_in


@pytest.fixture
def case(personas) -> SupervisionCase:
    """A person handed over to the probation officer and released today: an active case."""
    held = releasing_in(personas, 1, family_name="Supervised")
    handed_over(personas, opened_plan(personas, held))
    today = timezone.localdate()
    release_record(actor=actor_for_user(personas.supervisor), person=held, date=today, today=today)
    return SupervisionCase.objects.get(person=held)
