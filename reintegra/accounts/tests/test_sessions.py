import datetime as dt

import time_machine
from django.test import Client

from reintegra.accounts.tests.factories import PASSWORD
from reintegra.audit.models import ProcessingLogEntry
from reintegra.core.testing import sign_in_with_mfa

START = dt.datetime(2026, 11, 22, 8, 0, tzinfo=dt.UTC)


def _signed_in(user) -> Client:
    client = Client()
    client.post("/en/account/login/", {"username": user.username, "password": PASSWORD})
    return sign_in_with_mfa(client, user)


def test_session_ends_after_fifteen_idle_minutes(personas) -> None:
    with time_machine.travel(START, tick=False) as clock:
        client = _signed_in(personas.specialist)
        assert client.get("/en/work/").status_code == 200
        clock.shift(dt.timedelta(minutes=14))
        assert client.get("/en/work/").status_code == 200
        clock.shift(dt.timedelta(minutes=16))
        response = client.get("/en/work/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/account/login/")


def test_session_ends_after_twelve_hours_however_active(personas) -> None:
    with time_machine.travel(START, tick=False) as clock:
        client = _signed_in(personas.specialist)
        for _ in range(12 * 6):
            clock.shift(dt.timedelta(minutes=10))
            assert client.get("/en/work/").status_code == 200
        clock.shift(dt.timedelta(minutes=1))
        response = client.get("/en/work/")
    assert response.status_code == 302
    assert ProcessingLogEntry.objects.filter(action="session.expired").exists()
