"""Production: refuses to start unless the secrets, hosts and HTTPS settings are given."""

import os

from django.core.exceptions import ImproperlyConfigured

os.environ.setdefault("DEMO_MODE", "false")
os.environ.setdefault("MFA_REQUIRED", "true")
os.environ.setdefault("LOG_LEVEL", "INFO")

from config.settings.base import *  # noqa: F403
from config.settings.env import env_int, env_list, env_str
from reintegra.core.crypto import keyring_parse

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY")
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("insecure"):
    raise ImproperlyConfigured("SECRET_KEY must be a random string of at least 50 characters.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the host names this instance serves.")
PUBLIC_BASE_URL = env_str("PUBLIC_BASE_URL")
if not PUBLIC_BASE_URL.startswith("https://"):
    raise ImproperlyConfigured(
        "PUBLIC_BASE_URL must be an https:// address: production is HTTPS only."
    )
WAGTAILADMIN_BASE_URL = PUBLIC_BASE_URL
CSRF_TRUSTED_ORIGINS = [PUBLIC_BASE_URL]
AUDIT_HMAC_KEY = env_str("AUDIT_HMAC_KEY")
if len(AUDIT_HMAC_KEY) < 32:
    raise ImproperlyConfigured("AUDIT_HMAC_KEY must be at least 32 characters.")
FIELD_ENCRYPTION_KEYS = env_str("FIELD_ENCRYPTION_KEYS")
# A malformed list raises ImproperlyConfigured here, naming the faulty entry but never a key.
if keyring_parse(FIELD_ENCRYPTION_KEYS).includes_development_key:
    raise ImproperlyConfigured(
        "FIELD_ENCRYPTION_KEYS must not include the public development key; "
        "docs/encryption.md shows how to generate a key."
    )
if MFA_REQUIRED is False or DEMO_MODE is True:  # noqa: F405
    raise ImproperlyConfigured("Production always requires MFA and never runs in demo mode.")

# The TLS proxy terminates HTTPS and says so in this header; it must strip it from client requests.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
