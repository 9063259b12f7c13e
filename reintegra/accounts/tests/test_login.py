import re

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client, override_settings

from reintegra.accounts.models import User
from reintegra.accounts.tests.factories import PASSWORD
from reintegra.audit.models import Category, ProcessingLogEntry

LOGIN = "/en/account/login/"
WRONG = "not the password at all"


def _post_login(client: Client, username: str, password: str, ip: str = "198.51.100.1", **extra):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip, **extra)


def _error_text(response) -> str:
    match = re.search(r'<div class="error-summary".*?</div>', response.content.decode(), re.S)
    return match.group(0) if match else ""


def test_correct_password_signs_in_and_is_logged(personas) -> None:
    client = Client()
    response = _post_login(client, "specialist", PASSWORD)
    assert response.status_code == 302
    entry = ProcessingLogEntry.objects.get(action="login.password_ok")
    assert entry.category == Category.AUTHENTICATION
    assert entry.actor_username == "specialist"
    assert entry.client_ip == "198.51.100.1"


def test_wrong_password_and_unknown_user_get_identical_answers(personas) -> None:
    known = _post_login(Client(), "specialist", WRONG)
    unknown = _post_login(Client(), "nobody-by-this-name", WRONG)
    assert known.status_code == unknown.status_code == 200
    assert _error_text(known) == _error_text(unknown) != ""
    assert "The user name or password is not correct." in _error_text(known)


def test_failed_sign_in_is_logged_without_the_password(personas) -> None:
    _post_login(Client(), "specialist", WRONG)
    entry = ProcessingLogEntry.objects.get(action="login.failed")
    assert entry.actor_username == "specialist"
    assert WRONG not in str(entry.details) + entry.justification


def test_sixth_attempt_is_locked_out_even_with_the_right_password(personas) -> None:
    client = Client()
    for _ in range(4):
        assert _post_login(client, "specialist", WRONG).status_code == 200
    # The fifth failure is the one that locks: its answer already says so.
    assert _post_login(client, "specialist", WRONG).status_code == 429
    response = _post_login(client, "specialist", PASSWORD)
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert "15 minutes" in response.content.decode()
    assert ProcessingLogEntry.objects.filter(action="login.locked_out").exists()


def test_lockout_is_per_username_and_address(personas) -> None:
    client = Client()
    for _ in range(5):
        _post_login(client, "specialist", WRONG, ip="198.51.100.1")
    assert _post_login(client, "specialist", PASSWORD, ip="198.51.100.2").status_code == 302
    assert _post_login(Client(), "officer", PASSWORD, ip="198.51.100.1").status_code == 302


def test_spoofed_forwarded_for_header_does_not_escape_the_lockout(personas) -> None:
    client = Client()
    for n in range(5):
        _post_login(client, "specialist", WRONG, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    response = _post_login(client, "specialist", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.99")
    assert response.status_code == 429


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_the_address_the_proxy_saw_is_used(personas) -> None:
    client = Client()
    _post_login(
        client, "specialist", PASSWORD, ip="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.9"
    )
    assert ProcessingLogEntry.objects.get(action="login.password_ok").client_ip == "198.51.100.9"


def test_over_long_credentials_get_the_ordinary_error(personas) -> None:
    response = _post_login(Client(), "x" * 5000, "y" * 5000)
    assert response.status_code == 200
    assert "The user name or password is not correct." in response.content.decode()


def test_control_characters_in_the_user_name_are_refused_and_logged_escaped(personas) -> None:
    response = _post_login(Client(), "specialist\nadmin", PASSWORD)
    assert response.status_code == 200
    entry = ProcessingLogEntry.objects.get(action="login.failed")
    assert "\n" not in entry.actor_username


def test_forged_csrf_token_is_refused_with_a_clear_page(personas) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post(LOGIN, {"username": "specialist", "password": PASSWORD})
    assert response.status_code == 403
    assert "This form has expired" in response.content.decode()
    assert not ProcessingLogEntry.objects.filter(action="login.password_ok").exists()


def test_sign_out_needs_post_and_is_logged(personas, client_for) -> None:
    client = client_for(personas.specialist)
    assert client.get("/en/account/logout/").status_code == 405
    assert client.post("/en/account/logout/").status_code == 302
    assert ProcessingLogEntry.objects.filter(action="logout", actor_username="specialist").exists()
    assert client.get("/en/work/").status_code == 302


@pytest.mark.parametrize(
    "password",
    ["short-pass1", "password1234", "123456789012345"],
    ids=["eleven-characters", "common", "numeric"],
)
def test_weak_passwords_are_refused(password: str) -> None:
    with pytest.raises(ValidationError):
        validate_password(password)


def test_a_long_passphrase_is_accepted() -> None:
    validate_password("river lantern orchard quietly")


@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.Argon2PasswordHasher"])
def test_passwords_are_hashed_with_argon2id_at_a_safe_cost(db) -> None:
    user = User(username="hashcheck", email="h@example.org")
    user.set_password("river lantern orchard quietly")
    algorithm, variety, _version, params, *_rest = user.password.split("$")
    settings_ = dict(part.split("=") for part in params.split(","))
    assert (algorithm, variety) == ("argon2", "argon2id")
    assert int(settings_["m"]) >= 19456
    assert int(settings_["t"]) >= 2
