"""Checking the processing log's chain from the first entry to the last."""

from dataclasses import dataclass

from reintegra.audit.chain import CHAINED_FIELDS, GENESIS_HASH, entry_hash
from reintegra.audit.models import ProcessingLogEntry


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
    rows = (
        ProcessingLogEntry.objects.order_by("seq")
        .values_list(*CHAINED_FIELDS, "prev_hash", "hash")
        .iterator(chunk_size=chunk_size)
    )
    for row in rows:
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
