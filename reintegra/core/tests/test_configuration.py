import base64
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": secrets.token_urlsafe(60),
    "ALLOWED_HOSTS": "reintegra.example.org",
    "PUBLIC_BASE_URL": "https://reintegra.example.org",
    "AUDIT_HMAC_KEY": secrets.token_hex(32),
    "FIELD_ENCRYPTION_KEYS": f"k1:{base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()}",
}


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV and k != "DATABASE_URL"}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, "REINTEGRA_VAR_DIR": str(ROOT / "var" / "config-test"), **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deployment_checks() -> None:
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("SECRET_KEY", "SECRET_KEY"),
        ("ALLOWED_HOSTS", "ALLOWED_HOSTS"),
        ("PUBLIC_BASE_URL", "PUBLIC_BASE_URL"),
        ("AUDIT_HMAC_KEY", "AUDIT_HMAC_KEY"),
        ("FIELD_ENCRYPTION_KEYS", "FIELD_ENCRYPTION_KEYS"),
    ],
)
def test_production_refuses_to_start_without(missing: str, message: str) -> None:
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = _manage("check", **env)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_refuses_plain_http() -> None:
    result = _manage(
        "check", **{**PRODUCTION_ENV, "PUBLIC_BASE_URL": "http://reintegra.example.org"}
    )
    assert result.returncode != 0
    assert "https://" in result.stderr


def test_production_refuses_a_short_secret_key() -> None:
    result = _manage("check", **{**PRODUCTION_ENV, "SECRET_KEY": "too-short"})
    assert result.returncode != 0


def test_production_refuses_to_turn_mfa_off() -> None:
    result = _manage("check", **{**PRODUCTION_ENV, "MFA_REQUIRED": "false"})
    assert result.returncode != 0
    assert "MFA" in result.stderr


def test_readiness_answers_503_when_the_database_is_unreachable() -> None:
    script = (
        "import django; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/readyz');"
        "print(r.status_code, r.json()['checks']['database'])"
    )
    clean = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={
            **clean,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": "postgres://nobody@127.0.0.1:1/nothing",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == "503 False", result.stderr


def test_production_refuses_the_public_development_encryption_key() -> None:
    from reintegra.core.crypto import DEVELOPMENT_KEYS

    keys = f"{PRODUCTION_ENV['FIELD_ENCRYPTION_KEYS']},{DEVELOPMENT_KEYS}"
    result = _manage("check", **{**PRODUCTION_ENV, "FIELD_ENCRYPTION_KEYS": keys})
    assert result.returncode != 0
    assert "public development key" in result.stderr


def test_production_refuses_malformed_encryption_keys_without_echoing_them() -> None:
    short_key = base64.urlsafe_b64encode(secrets.token_bytes(16)).decode()
    result = _manage("check", **{**PRODUCTION_ENV, "FIELD_ENCRYPTION_KEYS": f"k1:{short_key}"})
    assert result.returncode != 0
    assert "entry 1 (key id 'k1')" in result.stderr
    assert short_key not in result.stderr


def test_the_system_check_names_a_malformed_key_entry() -> None:
    result = _manage("check", FIELD_ENCRYPTION_KEYS="k1:not-base64!,k1:x")
    assert result.returncode != 0
    assert "core.E001" in result.stderr
    assert "entry 2 (key id 'k1') repeats a key id" in result.stderr
