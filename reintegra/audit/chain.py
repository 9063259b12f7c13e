"""The hash chain of the processing log: canonical content and its HMAC."""

import datetime as dt
import hashlib
import hmac
import json
from collections.abc import Sequence
from typing import Any

from django.conf import settings

GENESIS_HASH = "0" * 64

# Field order of the canonical form; changing it invalidates every existing chain.
CHAINED_FIELDS = (
    "seq",
    "occurred_at",
    "category",
    "action",
    "actor_user_id",
    "actor_username",
    "actor_organisation_id",
    "actor_role",
    "jurisdiction_code",
    "subject_ids",
    "object_type",
    "object_id",
    "justification",
    "legal_basis",
    "recipient",
    "correlation_id",
    "client_ip",
    "details",
)


def _normalise(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    if value is None:
        return ""
    if isinstance(value, dict):
        return {str(key): _normalise(item) for key, item in value.items()}
    return str(value)


def canonical(values: Sequence[Any]) -> bytes:
    return json.dumps(
        [_normalise(value) for value in values],
        ensure_ascii=False,
        separators=(",", ":"),
        sort_keys=True,
    ).encode("utf-8")


def entry_hash(prev_hash: str, values: Sequence[Any], key: bytes | None = None) -> str:
    secret = key if key is not None else settings.AUDIT_HMAC_KEY.encode("utf-8")
    return hmac.new(
        secret, prev_hash.encode("ascii") + canonical(values), hashlib.sha256
    ).hexdigest()
