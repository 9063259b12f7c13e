"""Writing to the processing log. Every write to personal data calls `record` in its transaction."""

import re
import uuid
from collections.abc import Iterable
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from reintegra.audit.actor import AuditActor
from reintegra.audit.chain import CHAINED_FIELDS, GENESIS_HASH, entry_hash
from reintegra.audit.models import Category, ProcessingLogEntry

# Any fixed 64-bit number: the advisory lock that serialises appends on PostgreSQL.
_APPEND_LOCK_KEY = 7_240_325_001
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


class ProcessingLogError(ValueError):
    pass


def escape_controls(text: str) -> str:
    """Control characters in logged text are stored as visible escapes: no entry forges another."""
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


def record(
    *,
    actor: AuditActor,
    category: Category | str,
    action: str,
    subjects: Iterable[uuid.UUID | str] = (),
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    justification: str = "",
    legal_basis: str = "",
    recipient: str = "",
    details: dict[str, Any] | None = None,
) -> ProcessingLogEntry:
    category = Category(category)
    if category == Category.DISCLOSURE and not recipient.strip():
        raise ProcessingLogError("A disclosure entry must name its recipient.")
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    subject_list = [str(subject) for subject in subjects]
    values: dict[str, Any] = {
        "occurred_at": timezone.now(),
        "category": category.value,
        "action": escape_controls(action)[:64],
        "actor_user_id": actor.user_id,
        "actor_username": escape_controls(actor.username or "")[:150],
        "actor_organisation_id": actor.organisation_id,
        "actor_role": actor.role or "",
        "jurisdiction_code": actor.jurisdiction_code or "",
        "subject_ids": f",{','.join(subject_list)}," if subject_list else "",
        "object_type": escape_controls(object_type)[:100],
        "object_id": escape_controls(object_id)[:64],
        "justification": escape_controls(justification),
        "legal_basis": escape_controls(legal_basis)[:300],
        "recipient": escape_controls(recipient)[:300],
        "correlation_id": escape_controls(actor.correlation_id or "")[:64],
        "client_ip": (actor.client_ip or "")[:45],
        "details": {str(k): escape_controls(str(v)) for k, v in (details or {}).items()},
    }
    with transaction.atomic():
        _lock_chain_head()
        head = ProcessingLogEntry.objects.order_by("-seq").values_list("seq", "hash").first()
        seq, prev_hash = (head[0] + 1, head[1]) if head else (1, GENESIS_HASH)
        values["seq"] = seq
        chained = [values[name] for name in CHAINED_FIELDS]
        return ProcessingLogEntry.objects.create(
            prev_hash=prev_hash, hash=entry_hash(prev_hash, chained), **values
        )


def _lock_chain_head() -> None:
    # SQLite needs nothing here: its transactions begin IMMEDIATE, so one writer holds the lock.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_APPEND_LOCK_KEY])
