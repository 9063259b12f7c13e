"""Progress lines for the long parts of a build: rows done, rows per second, time left."""

import sys
import time
from typing import TextIO


class Progress:
    def __init__(
        self, label: str, total: int, *, every_seconds: float = 2.0, out: TextIO | None = None
    ) -> None:
        self.label = label
        self.total = total
        self.every_seconds = every_seconds
        self.out = out or sys.stdout
        self.done = 0
        self.started = time.perf_counter()
        self._last_print = self.started

    def advance(self, rows: int) -> None:
        self.done += rows
        now = time.perf_counter()
        if now - self._last_print >= self.every_seconds:
            self._last_print = now
            self._print(now, final=False)

    def finish(self) -> float:
        now = time.perf_counter()
        self._print(now, final=True)
        return now - self.started

    def _print(self, now: float, *, final: bool) -> None:
        elapsed = max(now - self.started, 1e-9)
        rate = self.done / elapsed
        line = f"  {self.label}: {self.done:,} / {self.total:,}  {rate:,.0f} rows/s"
        if final:
            line += f", done in {elapsed:.1f} s"
        elif rate > 0:
            line += f", about {(self.total - self.done) / rate:.0f} s left"
        print(line, file=self.out, flush=True)
