"""Encryption at rest for sensitive free text: AES-256-GCM under named, rotatable keys.

A value is stored as the ASCII token ``v1:<key id>:<base64url(nonce ‖ ciphertext ‖ tag)>``. The
associated data binds the token to its format version, its key id and a *context* (the model and
field it belongs to), so a token copied into another column, or relabelled with another key id,
fails to decrypt. docs/encryption.md describes the keys and the rotation procedure.
"""

import base64
import binascii
import hashlib
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver

SETTING = "FIELD_ENCRYPTION_KEYS"
VERSION = "v1"
KEY_BYTES = 32
NONCE_BYTES = 12
TAG_BYTES = 16
KEY_ID = re.compile(r"[a-z0-9-]{1,16}")

# NOT SECRET. Derived from a published phrase so that every development checkout and test run can
# read its own data; production settings refuse to start while this key is configured.
DEVELOPMENT_KEY = (
    base64.urlsafe_b64encode(
        hashlib.sha256(b"reintegra development field key - public, never for real data").digest()
    )
    .decode("ascii")
    .rstrip("=")
)
DEVELOPMENT_KEYS = f"dev:{DEVELOPMENT_KEY}"


class DecryptionError(ValueError):
    """A stored value cannot be decrypted. The message never holds plaintext or key material."""


class KeyConfigurationError(ImproperlyConfigured):
    """FIELD_ENCRYPTION_KEYS is malformed; `problems` lists every fault, without key material."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(" ".join(problems))


@dataclass(frozen=True)
class Keyring:
    current_key_id: str
    ciphers: Mapping[str, AESGCM]
    includes_development_key: bool


def keyring_parse(value: object) -> Keyring:
    """Reads `keyid:base64url-key, keyid:base64url-key, ...`; the first key encrypts."""
    if not isinstance(value, str):
        raise KeyConfigurationError(
            [f"{SETTING} must be a string of comma-separated keyid:key entries."]
        )
    if not value.strip():
        raise KeyConfigurationError([f"{SETTING} is empty: at least one keyid:key is needed."])
    problems: list[str] = []
    seen_key_ids: set[str] = set()
    ciphers: dict[str, AESGCM] = {}
    key_ids_by_key: dict[bytes, str] = {}
    for position, entry in enumerate(value.split(","), start=1):
        key_id, separator, encoded_key = (part.strip() for part in entry.partition(":"))
        # Entries are named by position: a malformed entry may be a pasted key, never echo it.
        where = f"{SETTING} entry {position}"
        if not entry.strip():
            problems.append(f"{where} is empty (a stray comma?).")
            continue
        if not separator or not KEY_ID.fullmatch(key_id):
            problems.append(
                f"{where} must be keyid:key, with a key id of 1-16 characters a-z, 0-9 and '-'."
            )
            continue
        where = f"{where} (key id '{key_id}')"
        if key_id in seen_key_ids:
            problems.append(f"{where} repeats a key id: each key id must be unique.")
            continue
        seen_key_ids.add(key_id)
        key = _key_decode(encoded_key)
        if key is None:
            problems.append(f"{where}: the key is not valid base64url.")
            continue
        if len(key) != KEY_BYTES:
            problems.append(
                f"{where}: the key decodes to {len(key)} bytes; AES-256 needs {KEY_BYTES}."
            )
            continue
        if key in key_ids_by_key:
            problems.append(
                f"{where} holds the same key as key id '{key_ids_by_key[key]}': "
                "a new key id needs a newly generated key."
            )
            continue
        key_ids_by_key[key] = key_id
        ciphers[key_id] = AESGCM(key)
    if problems:
        raise KeyConfigurationError(problems)
    return Keyring(
        current_key_id=next(iter(ciphers)),
        ciphers=ciphers,
        includes_development_key=_key_decode(DEVELOPMENT_KEY) in key_ids_by_key,
    )


def _key_decode(encoded: str) -> bytes | None:
    try:
        return base64.b64decode(encoded + "=" * (-len(encoded) % 4), altchars=b"-_", validate=True)
    except (binascii.Error, ValueError):
        return None


_keyring: Keyring | None = None


def keyring() -> Keyring:
    """The configured keys, parsed on first use; `reset_key_cache` forgets them."""
    global _keyring
    if _keyring is None:
        # Until config/settings/base.py defines the setting, development keys stand in.
        _keyring = keyring_parse(settings.FIELD_ENCRYPTION_KEYS)
    return _keyring


def reset_key_cache() -> None:
    global _keyring
    _keyring = None


@receiver(setting_changed)
def _keys_changed(*, setting: str, **kwargs: Any) -> None:
    if setting == SETTING:
        reset_key_cache()


def current_key_id() -> str:
    return keyring().current_key_id


def encrypt(plaintext: str, *, context: str) -> str:
    """Encrypts under the current key; `context` names where the value lives (model.field)."""
    if not isinstance(plaintext, str):
        raise TypeError(f"Only text can be encrypted, not {type(plaintext).__name__}.")
    keys = keyring()
    key_id = keys.current_key_id
    nonce = os.urandom(NONCE_BYTES)
    sealed = keys.ciphers[key_id].encrypt(
        nonce, plaintext.encode("utf-8"), _associated_data(key_id, context)
    )
    return f"{VERSION}:{key_id}:{base64.urlsafe_b64encode(nonce + sealed).decode('ascii')}"


def decrypt(token: str, *, context: str) -> str:
    """Decrypts a token from `encrypt`; a changed byte or a wrong context raises DecryptionError."""
    place = f"the value in {context}"
    key_id, payload = _token_split(token, place)
    cipher = keyring().ciphers.get(key_id)
    if cipher is None:
        raise DecryptionError(
            f"Cannot decrypt {place}: it was written under key id '{key_id}', "
            f"which {SETTING} does not list."
        )
    nonce, sealed = payload[:NONCE_BYTES], payload[NONCE_BYTES:]
    try:
        plaintext = cipher.decrypt(nonce, sealed, _associated_data(key_id, context))
    except InvalidTag:
        raise DecryptionError(
            f"Cannot decrypt {place}: it fails authentication, so it was altered "
            "or copied from another field."
        ) from None
    return plaintext.decode("utf-8")


def needs_rotation(token: str) -> bool:
    """Whether a stored token was written under a key other than the current one."""
    if token == "":
        return False
    key_id, _payload = _token_split(token, "a stored value")
    return key_id != current_key_id()


def reencrypt(token: str, *, context: str) -> str:
    """The same value under the current key. The plaintext exists only inside this call."""
    return encrypt(decrypt(token, context=context), context=context)


def _associated_data(key_id: str, context: str) -> bytes:
    return f"reintegra:{VERSION}:{key_id}:{context}".encode()


def _token_split(token: str, place: str) -> tuple[str, bytes]:
    # The token may be anything the column holds, even plaintext: only ever name its key id, and
    # only once that id has the shape of one.
    if not isinstance(token, str):
        raise DecryptionError(f"Cannot decrypt {place}: it is not an encrypted token.")
    version, _, rest = token.partition(":")
    key_id, _, encoded = rest.partition(":")
    if version != VERSION or not KEY_ID.fullmatch(key_id) or not encoded:
        raise DecryptionError(f"Cannot decrypt {place}: it is not an encrypted {VERSION} token.")
    try:
        payload = base64.b64decode(encoded, altchars=b"-_", validate=True)
    except (binascii.Error, ValueError):
        payload = b""
    # Only the canonical encoding is accepted, so that every changed character is detected, even
    # one in the unused low bits of the last base64 character or a '+' standing for '-'.
    canonical = base64.urlsafe_b64encode(payload).decode("ascii") == encoded
    if not canonical or len(payload) < NONCE_BYTES + TAG_BYTES:
        raise DecryptionError(
            f"Cannot decrypt {place}: it is damaged, its ciphertext is not valid base64url."
        )
    return key_id, payload
