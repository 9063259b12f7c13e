import datetime as dt
import re

import time_machine
from django.core import mail
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

RESET = "/en/account/password/reset/"
NEW_PASSWORD = "river lantern orchard quietly"


def _reset_link() -> str:
    assert len(mail.outbox) == 1
    return re.search(r"https?://[^/]+(/\S+)", mail.outbox[0].body).group(1)


def test_known_and_unknown_addresses_get_the_same_answer(personas) -> None:
    known = Client().post(RESET, {"email": personas.specialist.email})
    unknown = Client().post(RESET, {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert len(mail.outbox) == 1


def test_reset_link_sets_a_new_password_once(personas) -> None:
    Client().post(RESET, {"email": personas.specialist.email})
    link = _reset_link()
    client = Client()
    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"]
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302
    personas.specialist.refresh_from_db()
    assert personas.specialist.check_password(NEW_PASSWORD)
    again = Client().get(link, follow=True)
    assert again.status_code == 400
    assert "This link no longer works" in again.content.decode()


def test_reset_link_expires_after_one_hour(personas) -> None:
    with time_machine.travel(dt.datetime(2026, 11, 22, 8, 0, tzinfo=dt.UTC), tick=False) as clock:
        Client().post(RESET, {"email": personas.specialist.email})
        link = _reset_link()
        clock.shift(dt.timedelta(minutes=61))
        response = Client().get(link, follow=True)
    assert response.status_code == 400


def test_a_weak_new_password_is_refused_and_the_old_one_kept(personas) -> None:
    Client().post(RESET, {"email": personas.specialist.email})
    client = Client()
    set_url = client.get(_reset_link(), follow=True).redirect_chain[-1][0]
    response = client.post(set_url, {"new_password1": "password", "new_password2": "password"})
    assert response.status_code == 200
    assert response.context["form"].errors
    personas.specialist.refresh_from_db()
    assert not personas.specialist.check_password("password")


def test_reset_does_not_skip_the_second_factor(personas) -> None:
    TOTPDevice.objects.create(user=personas.specialist, name="app", confirmed=True)
    Client().post(RESET, {"email": personas.specialist.email})
    client = Client()
    set_url = client.get(_reset_link(), follow=True).redirect_chain[-1][0]
    client.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert client.get("/en/work/")["Location"].startswith("/en/account/login/")
    client.post("/en/account/login/", {"username": "specialist", "password": NEW_PASSWORD})
    assert client.get("/en/work/")["Location"].startswith("/en/account/mfa/")
