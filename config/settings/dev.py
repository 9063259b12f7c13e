"""The local demo: SQLite, console e-mail, fictional data, MFA optional behind a visible banner."""

import os

os.environ.setdefault("DEMO_MODE", "true")
os.environ.setdefault("MFA_REQUIRED", "false")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SESSION_IDLE_MINUTES", "480")

from config.settings.base import *  # noqa: F403
from config.settings.env import env_str

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

VAR_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405
# Serve static files straight from the apps' folders: the demo needs no collectstatic step.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
