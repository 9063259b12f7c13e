import datetime as dt

from django.core import mail
from django.core.management import call_command

from reintegra.accounts.actor import actor_for_user
from reintegra.people.services import person_reassessment_trigger
from reintegra.people.tests.factories import PersonFactory, admitted
from reintegra.work.models import ReminderSent
from reintegra.work.reminders import reminders_send


def _reassessment(personas, today=None):
    held = admitted(PersonFactory(family_name="Teamperson"), personas.facility_a)
    person_reassessment_trigger(
        actor=actor_for_user(personas.officer),
        person=held,
        reason="transfer",
        today=today or dt.date.today(),
        within_days=2,
    )
    return held


def test_a_supervisor_sees_the_teams_open_tasks(personas, client_for):
    held = _reassessment(personas)
    response = client_for(personas.supervisor).get("/en/work/team/")
    assert response.status_code == 200
    assert held.reference in response.content.decode()


def test_staff_who_supervise_no_one_cannot_see_the_team_view(personas, client_for):
    assert client_for(personas.specialist).get("/en/work/team/").status_code == 403


def test_reminders_go_once_a_day_and_name_no_one(personas):
    held = _reassessment(personas)
    today = dt.date.today()
    first = reminders_send(today=today)
    assert first.sent == 2  # the specialist and the supervisor of Facility A
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == sorted([personas.specialist.email, personas.supervisor.email])
    assert held.reference not in mail.outbox[0].body
    assert held.family_name not in mail.outbox[0].body
    second = reminders_send(today=today)
    assert second.sent == 0
    assert len(mail.outbox) == 2
    assert ReminderSent.objects.filter(day=today).count() == 2


def test_the_reminder_command_reports_what_it_did(personas, capsys):
    _reassessment(personas)
    call_command("send_reminders")
    assert "2 reminders sent" in capsys.readouterr().out


def test_no_reminder_without_work_due_soon(personas):
    assert reminders_send(today=dt.date.today()).sent == 0
    assert mail.outbox == []
