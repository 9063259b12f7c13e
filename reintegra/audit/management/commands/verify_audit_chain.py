import time
from typing import Any

from django.core.management.base import BaseCommand

from reintegra.audit.verification import chain_verify


class Command(BaseCommand):
    help = (
        "Verify the processing log's hash chain. Exits 0 when intact, 1 naming the first bad entry."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        report = chain_verify()
        elapsed = time.perf_counter() - started
        if report.intact:
            self.stdout.write(
                f"Processing log intact: {report.checked} entries in {elapsed:.1f} s."
            )
            return
        self.stderr.write(
            f"Processing log BROKEN at sequence number {report.first_bad_seq}: {report.reason}. "
            f"{report.checked} entries before it verified."
        )
        raise SystemExit(1)
