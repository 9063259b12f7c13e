"""Checking the processing log's chain from the first entry to the last."""

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection

from reintegra.audit.chain import CHAINED_FIELDS, GENESIS_HASH, entry_hash
from reintegra.audit.models import ProcessingLogEntry

# On PostgreSQL the server writes the time and the ids in their canonical text (the form
# chain._normalise gives them): parsing them into Python objects only to print them again was
# over half of a verification's time. Any difference would fail verification, never pass it.
_POSTGRES_CANONICAL_TEXT = {
    "occurred_at": """to_char("occurred_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')""",
    "actor_user_id": '"actor_user_id"::text',
    "actor_organisation_id": '"actor_organisation_id"::text',
    "details": '"details"::text',
}
_DETAILS = CHAINED_FIELDS.index("details")


@dataclass(frozen=True)
class ChainReport:
    checked: int
    first_bad_seq: int | None
    reason: str

    @property
    def intact(self) -> bool:
        return self.first_bad_seq is None


def chain_verify(chunk_size: int = 20_000) -> ChainReport:
    expected_seq = 1
    prev_hash = GENESIS_HASH
    checked = 0
    for row in _rows_in_order(chunk_size):
        seq = row[0]
        if seq != expected_seq:
            # A gap means rows were deleted; the first missing number is the first bad one.
            return ChainReport(checked, expected_seq, f"entry {expected_seq} is missing")
        stored_prev, stored_hash = row[-2], row[-1]
        if stored_prev != prev_hash:
            return ChainReport(checked, seq, f"entry {seq} does not follow entry {seq - 1}")
        if entry_hash(prev_hash, row[:-2]) != stored_hash:
            return ChainReport(checked, seq, f"entry {seq} was altered after it was written")
        prev_hash = stored_hash
        expected_seq += 1
        checked += 1
    return ChainReport(checked, None, "intact")


def _rows_in_order(chunk_size: int) -> Iterator[Sequence[Any]]:
    """CHAINED_FIELDS, prev_hash and hash of every entry, by seq."""
    if connection.vendor != "postgresql":
        yield from (
            ProcessingLogEntry.objects.order_by("seq")
            .values_list(*CHAINED_FIELDS, "prev_hash", "hash")
            .iterator(chunk_size=chunk_size)
        )
        return
    columns = ", ".join(
        _POSTGRES_CANONICAL_TEXT.get(name, connection.ops.quote_name(name))
        for name in (*CHAINED_FIELDS, "prev_hash", "hash")
    )
    table = connection.ops.quote_name(ProcessingLogEntry._meta.db_table)
    # As the ORM's iterator does: a server-side cursor unless the connection pooler forbids them.
    if connection.settings_dict.get("DISABLE_SERVER_SIDE_CURSORS"):
        cursor = connection.cursor()
    else:
        cursor = connection.chunked_cursor()
    try:
        cursor.execute(f'SELECT {columns} FROM {table} ORDER BY "seq"')  # noqa: S608 - constants
        while rows := cursor.fetchmany(chunk_size):
            for row in rows:
                values = list(row)
                values[_DETAILS] = json.loads(values[_DETAILS])
                yield values
    finally:
        cursor.close()
