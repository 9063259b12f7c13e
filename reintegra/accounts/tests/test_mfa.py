import base64
import re

import time_machine
from django.test import Client, override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from reintegra.accounts.services import recovery_codes_issue
from reintegra.accounts.tests.factories import PASSWORD
from reintegra.audit.models import ProcessingLogEntry

LOGIN = "/en/account/login/"
VERIFY = "/en/account/mfa/"
SETUP = "/en/account/mfa/setup/"


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _password_step(client: Client, username: str) -> None:
    response = client.post(LOGIN, {"username": username, "password": PASSWORD})
    assert response.status_code == 302


def _enrolled(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def test_staff_without_a_device_must_enrol_before_any_page(personas) -> None:
    client = Client()
    _password_step(client, "specialist")
    response = client.get("/en/work/")
    assert response.status_code == 302
    assert response["Location"].startswith(SETUP)


def test_enrolment_with_a_valid_code_turns_mfa_on_and_shows_recovery_codes(personas) -> None:
    client = Client()
    _password_step(client, "specialist")
    page = client.get(SETUP)
    secret = re.search(r"<code>([A-Z2-7 ]+)</code>", page.content.decode()).group(1)
    key = base64.b32decode(secret.replace(" ", ""))
    device = TOTPDevice.objects.get(user=personas.specialist, confirmed=False)
    assert device.bin_key == key
    response = client.post(SETUP, {"code": _code(device)}, follow=True)
    assert response.status_code == 200
    assert len(response.context["codes"]) == 10
    assert client.get("/en/work/").status_code == 200
    assert ProcessingLogEntry.objects.filter(action="mfa.enrolled").exists()


def test_enrolment_with_a_wrong_code_keeps_mfa_off_with_a_clear_error(personas) -> None:
    client = Client()
    _password_step(client, "specialist")
    client.get(SETUP)
    response = client.post(SETUP, {"code": "000000"})
    assert response.status_code == 400
    assert "That code is not valid" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=personas.specialist, confirmed=True).exists()


def test_enrolled_user_is_asked_for_a_code_and_a_valid_one_lets_them_in(personas) -> None:
    device = _enrolled(personas.specialist)
    client = Client()
    client.post(LOGIN, {"username": "specialist", "password": PASSWORD})
    assert client.get("/en/work/")["Location"].startswith(VERIFY)
    response = client.post(VERIFY, {"code": _code(device), "next": "/en/work/"})
    assert response.status_code == 302
    assert response["Location"] == "/en/work/"
    assert client.get("/en/work/").status_code == 200


def test_a_code_cannot_be_used_twice(personas) -> None:
    device = _enrolled(personas.specialist)
    code = _code(device)
    first = Client()
    _password_step(first, "specialist")
    assert first.post(VERIFY, {"code": code}).status_code == 302
    second = Client()
    _password_step(second, "specialist")
    response = second.post(VERIFY, {"code": code})
    assert response.status_code == 400
    assert ProcessingLogEntry.objects.filter(action="mfa.failed").exists()


def test_a_recovery_code_works_once(personas) -> None:
    _enrolled(personas.specialist)
    codes = recovery_codes_issue(user=personas.specialist)
    first = Client()
    _password_step(first, "specialist")
    assert first.post(VERIFY, {"code": codes[0].upper()}).status_code == 302
    assert ProcessingLogEntry.objects.filter(action="mfa.recovery_code_used").exists()
    second = Client()
    _password_step(second, "specialist")
    assert second.post(VERIFY, {"code": codes[0]}).status_code == 400


def test_repeated_wrong_codes_are_throttled_even_for_the_right_code(personas) -> None:
    device = _enrolled(personas.specialist)
    client = Client()
    with time_machine.travel("2026-11-22 10:00:00Z", tick=False):
        _password_step(client, "specialist")
        for _ in range(3):
            client.post(VERIFY, {"code": "000000"})
        response = client.post(VERIFY, {"code": _code(device)})
    assert response.status_code == 400
    assert "Too many wrong codes" in response.content.decode()


@override_settings(MFA_REQUIRED=False)
def test_in_the_demo_a_user_without_a_device_goes_straight_in(personas) -> None:
    client = Client()
    _password_step(client, "specialist")
    assert client.get("/en/work/").status_code == 200


@override_settings(MFA_REQUIRED=False)
def test_in_the_demo_a_user_who_enrolled_must_still_pass_the_code(personas) -> None:
    _enrolled(personas.specialist)
    client = Client()
    _password_step(client, "specialist")
    assert client.get("/en/work/")["Location"].startswith(VERIFY)
