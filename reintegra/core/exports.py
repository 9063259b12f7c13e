"""Spreadsheet-safe exports: no cell may be read as a formula (OWASP CSV injection)."""

import csv
from collections.abc import Iterable, Iterator
from typing import Any

_FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: Any) -> str:
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_TRIGGERS):
        return "'" + text
    return text


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_rows(header: list[str], rows: Iterable[Iterable[Any]]) -> Iterator[str]:
    """Yields CSV text line by line, for a streaming response."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow([neutralise_cell(cell) for cell in header])
    for row in rows:
        yield writer.writerow([neutralise_cell(cell) for cell in row])
