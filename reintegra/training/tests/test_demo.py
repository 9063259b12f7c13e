import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from reintegra.accounts.models import User
from reintegra.instruments.models import Instrument
from reintegra.training.certification import certification_status
from reintegra.training.demo import SPJ_INSTRUMENT
from reintegra.training.models import Certificate, Completion, MatrixVersion, TrainingEvent


@override_settings(DEMO_MODE=True)
@pytest.mark.django_db
def test_the_demo_assessors_are_certified_but_one_supervisor_has_expired() -> None:
    call_command("seed_demo")
    completions = Completion.objects.count()
    call_command("seed_demo")
    assert Completion.objects.count() == completions
    spj = Instrument.objects.get(code=SPJ_INSTRUMENT)
    today = timezone.localdate()

    def status(username: str):
        user = User.objects.get(username=username)
        return certification_status(user_id=user.pk, instrument_id=spj.pk, today=today)

    for username in ("al.specialist", "al.supervisor", "rs.supervisor", "mk.specialist"):
        assert status(username).is_current, username
    expired = status("ba.supervisor")
    assert not expired.is_current
    assert "expired on" in expired.refusal("countersign")
    assert "Risk and needs guide: assessor refresher" in expired.refusal("countersign")
    never = certification_status(user_id=None, instrument_id=spj.pk, today=today)
    assert "Assessing violent extremist prisoners" in never.refusal("countersign")
    event = TrainingEvent.objects.get(title__startswith="HELP course")
    assert event.sessions.count() == 2
    assert Certificate.objects.filter(completion__event=event).count() == 3
    assert MatrixVersion.objects.filter(jurisdiction_id="AL").exists()
