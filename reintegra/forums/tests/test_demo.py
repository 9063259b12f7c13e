import pytest
from django.core.management import call_command
from django.test import Client, override_settings

from reintegra.accounts.models import User
from reintegra.core.testing import sign_in_with_mfa
from reintegra.forums.models import ActionPoint, Forum, MinutesRevision


@override_settings(DEMO_MODE=True)
@pytest.mark.django_db
def test_demo_forums_hold_a_past_meeting_and_an_action_in_a_probation_officers_work() -> None:
    call_command("seed_demo")
    forums = Forum.objects.count()
    call_command("seed_demo")
    assert Forum.objects.count() == forums >= 5
    assert set(Forum.objects.values_list("jurisdiction_id", flat=True)) >= {"AL", "RS", "XK"}
    assert MinutesRevision.objects.filter(minutes__meeting__forum__jurisdiction_id="AL").exists()
    officer = User.objects.get(username="al.probation-officer")
    actions = ActionPoint.objects.filter(owner=officer, status="open")
    assert actions.count() == 2
    action = actions.first()
    assert action is not None
    client = sign_in_with_mfa(Client(), officer)
    my_work = client.get("/en/work/").content.decode()
    assert action.text in my_work
    assert client.get(f"/en/forums/meetings/{action.meeting_id}/").status_code == 200
