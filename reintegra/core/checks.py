"""System checks for settings the core layer depends on."""

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Error

from reintegra.core import crypto

_KEYS_HINT = (
    "Set FIELD_ENCRYPTION_KEYS to comma-separated keyid:key entries, the current key first; "
    "docs/encryption.md shows how to generate a key."
)


def check_field_encryption_keys(
    *, app_configs: Sequence[AppConfig] | None, databases: Sequence[str] | None, **kwargs: Any
) -> list[CheckMessage]:
    try:
        crypto.keyring_parse(settings.FIELD_ENCRYPTION_KEYS)
    except crypto.KeyConfigurationError as error:
        return [Error(problem, hint=_KEYS_HINT, id="core.E001") for problem in error.problems]
    return []
