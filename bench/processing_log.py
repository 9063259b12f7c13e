"""A synthetic processing log that is a valid chain, written far faster than `record` could.

Each entry's seq, prev_hash and hash are computed here with the product's own `entry_hash` over
`CHAINED_FIELDS`, so `verify_audit_chain` checks every one of them for real. The rows go in with
COPY (PostgreSQL) or executemany (SQLite), in batches of one transaction each.
"""

import datetime as dt
import random
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from bench.progress import Progress
from reintegra.accounts.models import Membership
from reintegra.audit.chain import CHAINED_FIELDS, GENESIS_HASH, entry_hash
from reintegra.audit.models import Category, ProcessingLogEntry

INSERTED_FIELDS = (*CHAINED_FIELDS, "prev_hash", "hash")
# The log's history ends a minute before the build, so live appends always come after it.
_HISTORY_SPAN = dt.timedelta(days=2 * 365)
_PERSON_NAMESPACE = uuid.UUID("6f1b2c1e-4b7a-4e55-9d0e-5be4c0000000")

# (category, weight out of 200, actions, object type)
_KINDS: tuple[tuple[Category, int, tuple[str, ...], str], ...] = (
    (Category.CONSULTATION, 120, ("person.view", "assessment.view", "plan.view"), "people.person"),
    (Category.COLLECTION, 24, ("observation.create", "assessment.start"), "people.observation"),
    (Category.ALTERATION, 28, ("assessment.update", "plan.update"), "assessments.assessment"),
    (Category.AUTHENTICATION, 18, ("login.password_ok", "login.mfa_ok", "logout"), ""),
    (Category.DISCLOSURE, 4, ("referral.send",), "referrals.referral"),
    (Category.COMBINATION, 2, ("report.generate",), "reports.report"),
    (Category.ERASURE, 1, ("person.erase",), "people.person"),
    (Category.DENIED, 3, ("person.view",), "people.person"),
)
_CUMULATIVE_WEIGHTS = tuple(sum(kind[1] for kind in _KINDS[: i + 1]) for i in range(len(_KINDS)))


@dataclass(frozen=True)
class LogActor:
    user_id: uuid.UUID | None
    username: str
    organisation_id: uuid.UUID | None
    role: str
    jurisdiction_code: str


def person_id(index: int) -> uuid.UUID:
    """Stable ids for the people later issues create, so the log can already name them."""
    return uuid.uuid5(_PERSON_NAMESPACE, f"person-{index}")


def log_actors() -> list[LogActor]:
    """Every staff membership as it would appear in an entry, plus the system's own jobs."""
    rows = Membership.objects.order_by("created_at", "id").values_list(
        "user_id", "user__username", "organisation_id", "role", "organisation__jurisdiction_id"
    )
    actors = [
        LogActor(user_id, username, organisation_id, role, jurisdiction or "")
        for user_id, username, organisation_id, role, jurisdiction in rows
    ]
    return [*actors, LogActor(None, "system", None, "", "")]


def log_entries_build(
    count: int,
    *,
    actors: Sequence[LogActor],
    people: int,
    seed: int = 2026,
    batch_size: int = 10_000,
    progress: Progress | None = None,
) -> int:
    """Appends `count` chained entries after the log's current head; returns the last seq."""
    if not actors:
        raise ValueError("The log needs at least one actor to attribute entries to.")
    _check_fields_are_covered()
    head = ProcessingLogEntry.objects.order_by("-seq").values_list("seq", "hash", "occurred_at")
    last = head.first()
    start_seq, prev_hash = (last[0] + 1, last[1]) if last else (1, GENESIS_HASH)
    end = timezone.now() - dt.timedelta(minutes=1)
    start = end - _HISTORY_SPAN
    if last and last[2] >= start:
        start = last[2] + dt.timedelta(microseconds=1)
    rows = _chained_rows(
        count, start_seq=start_seq, prev_hash=prev_hash, start=start, end=end,
        actors=actors, people=people, rng=random.Random(seed),
    )  # fmt: skip
    batch: list[tuple[Any, ...]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= batch_size:
            _insert(batch)
            if progress:
                progress.advance(len(batch))
            batch = []
    if batch:
        _insert(batch)
        if progress:
            progress.advance(len(batch))
    return start_seq + count - 1


def _chained_rows(
    count: int,
    *,
    start_seq: int,
    prev_hash: str,
    start: dt.datetime,
    end: dt.datetime,
    actors: Sequence[LogActor],
    people: int,
    rng: random.Random,
) -> Iterator[tuple[Any, ...]]:
    key = settings.AUDIT_HMAC_KEY.encode("utf-8")
    fields = ProcessingLogEntry._meta
    prepare_time = fields.get_field("occurred_at").get_db_prep_save
    prepare_json = fields.get_field("details").get_db_prep_save
    prepare_uuid = fields.get_field("actor_user_id").get_db_prep_save
    prepared_ids: dict[uuid.UUID | None, Any] = {None: None}
    for actor in actors:
        for value in (actor.user_id, actor.organisation_id):
            if value not in prepared_ids:
                prepared_ids[value] = prepare_uuid(value, connection)
    client_ips = [f"10.20.{n // 250}.{n % 250 + 1}" for n in range(500)]
    subjects = [str(person_id(index)) for index in range(people)]
    # Strictly increasing times: a fixed step with jitter smaller than the step.
    step_us = max(int((end - start) / dt.timedelta(microseconds=1)) // max(count, 1), 2)
    for offset in range(count):
        occurred_at = start + dt.timedelta(microseconds=offset * step_us + rng.randrange(step_us))
        category, _weight, actions, object_type = rng.choices(
            _KINDS, cum_weights=_CUMULATIVE_WEIGHTS
        )[0]
        actor = actors[rng.randrange(len(actors))]
        subject = subjects[rng.randrange(people)] if object_type else None
        disclosure = category == Category.DISCLOSURE
        details = _details_for(category, rng)
        entry: dict[str, Any] = {
            "seq": start_seq + offset,
            "occurred_at": occurred_at,
            "category": category.value,
            "action": actions[rng.randrange(len(actions))],
            "actor_user_id": actor.user_id,
            "actor_username": actor.username,
            "actor_organisation_id": actor.organisation_id,
            "actor_role": actor.role,
            "jurisdiction_code": actor.jurisdiction_code,
            "subject_ids": f",{subject}," if subject else "",
            "object_type": object_type,
            "object_id": (
                subject if object_type == "people.person" else _object_id(object_type, rng)
            ),
            "justification": "Case review before the panel" if rng.random() < 0.05 else "",
            "legal_basis": "Law on Execution of Criminal Sanctions, Art. 12" if disclosure else "",
            "recipient": "Centre for Social Work (bench)" if disclosure else "",
            "correlation_id": f"{rng.getrandbits(128):032x}",
            "client_ip": client_ips[rng.randrange(len(client_ips))],
            "details": details,
        }
        values = [entry[name] for name in CHAINED_FIELDS]
        entry_hash_value = entry_hash(prev_hash, values, key)
        # The same values in the form the database driver takes (SQLite stores UUIDs as hex).
        entry["occurred_at"] = prepare_time(occurred_at, connection)
        entry["actor_user_id"] = prepared_ids[actor.user_id]
        entry["actor_organisation_id"] = prepared_ids[actor.organisation_id]
        entry["details"] = prepare_json(details, connection)
        entry["prev_hash"] = prev_hash
        entry["hash"] = entry_hash_value
        yield tuple(entry[name] for name in INSERTED_FIELDS)
        prev_hash = entry_hash_value


def _details_for(category: Category, rng: random.Random) -> dict[str, str]:
    if category == Category.AUTHENTICATION:
        return {"method": "totp"}
    if category == Category.ALTERATION:
        return {"fields": "risk_level,notes", "version": str(rng.randrange(1, 9))}
    if category == Category.DENIED:
        return {"reason": "outside scope"}
    return {}


def _object_id(object_type: str, rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4)) if object_type else ""


def _insert(rows: list[tuple[Any, ...]]) -> None:
    table = connection.ops.quote_name(ProcessingLogEntry._meta.db_table)
    column_of = {field.name: field.column for field in ProcessingLogEntry._meta.concrete_fields}
    columns = ", ".join(connection.ops.quote_name(column_of[name]) for name in INSERTED_FIELDS)
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(INSERTED_FIELDS))
            cursor.executemany(
                f"INSERT INTO {table} ({columns}) VALUES ({placeholders})",  # noqa: S608
                rows,
            )


def _check_fields_are_covered() -> None:
    # A new column would be left to the database's default and escape the chain: refuse to guess.
    model_fields = {field.name for field in ProcessingLogEntry._meta.concrete_fields}
    missing = model_fields - set(INSERTED_FIELDS)
    if missing:
        raise RuntimeError(f"The log builder does not fill {sorted(missing)}; teach it to.")
