"""Tests: production-strict security behaviour, fast hashing, in-memory e-mail."""

import os

os.environ.setdefault("DEMO_MODE", "false")
os.environ.setdefault("MFA_REQUIRED", "true")

from config.settings.base import *  # noqa: F403

PASSWORD_HASHERS = [
    # Argon2 at its production cost would dominate the suite; one test checks the real hasher.
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not shared memory, so concurrent writers meet SQLite's real locking (WAL).
    # One file per test run, so that runs side by side never share a database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}  # noqa: F405
    VAR_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405
else:
    DATABASES["default"]["TEST"] = {"NAME": f"test_reintegra_{os.getpid()}"}  # noqa: F405

LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}
