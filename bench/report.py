"""The printed table and bench/results.json."""

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from bench.operations import OperationResult

_HEADERS = (
    "operation",
    "rounds",
    "median ms",
    "p95 ms",
    "queries",
    "SQL alone ms",
    "ratio",
    "target",
    "result",
)


def table_rows(results: Sequence[OperationResult]) -> list[tuple[str, ...]]:
    return [
        (
            result.name,
            str(result.rounds),
            _ms(result.median_ms),
            _ms(result.p95_ms),
            str(result.queries),
            _ms(result.sql_alone_median_ms) if result.sql_alone_median_ms is not None else "-",
            f"{result.ratio:.1f}x" if result.ratio is not None else "-",
            result.target,
            "met" if result.met else "MISSED",
        )
        for result in results
    ]


def table_print(results: Sequence[OperationResult], out: TextIO) -> None:
    rows = [_HEADERS, *table_rows(results)]
    widths = [max(len(row[column]) for row in rows) for column in range(len(_HEADERS))]
    numeric = {1, 2, 3, 4, 5, 6}

    def line(row: Sequence[str]) -> str:
        cells = [
            cell.rjust(width) if index in numeric else cell.ljust(width)
            for index, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        return "| " + " | ".join(cells) + " |"

    print(line(_HEADERS), file=out)
    print("|" + "|".join("-" * (width + 2) for width in widths) + "|", file=out)
    for row in rows[1:]:
        print(line(row), file=out)
    for result in results:
        if result.detail:
            print(f"  {result.name}: {result.detail}", file=out)
    missed = [result.name for result in results if not result.met]
    if missed:
        print(f"MISSED: {', '.join(missed)}", file=out)
    else:
        print("Every target met.", file=out)


def results_write(path: Path, payload: dict[str, Any]) -> None:
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _ms(value: float) -> str:
    if value >= 100:
        return f"{value:,.0f}"
    return f"{value:.2f}"


# The scale target: the case list at regional scale within 1.5 times its national time.
SCALE_RATIO_TARGETS = {"case list p1": 1.5, "case list p50": 1.5}


def comparison_rows(this: dict[str, Any], other: dict[str, Any]) -> list[tuple[str, ...]]:
    """Each operation timed in both runs: its medians and p95s side by side, and their ratios."""
    earlier = {operation["name"]: operation for operation in other["operations"]}
    rows: list[tuple[str, ...]] = []
    for operation in this["operations"]:
        before = earlier.get(operation["name"])
        if before is None or not before["median_ms"] or not before["p95_ms"]:
            continue
        median_ratio = operation["median_ms"] / before["median_ms"]
        p95_ratio = operation["p95_ms"] / before["p95_ms"]
        limit = SCALE_RATIO_TARGETS.get(operation["name"])
        verdict = "-" if limit is None else ("met" if median_ratio <= limit else "MISSED")
        rows.append(
            (
                operation["name"],
                f"{_ms(before['median_ms'])} -> {_ms(operation['median_ms'])}",
                f"{median_ratio:.2f}x",
                f"{_ms(before['p95_ms'])} -> {_ms(operation['p95_ms'])}",
                f"{p95_ratio:.2f}x",
                f"<= {limit}x" if limit else "-",
                verdict,
            )
        )
    return rows


def comparison_print(this: dict[str, Any], other: dict[str, Any], out: TextIO) -> None:
    headers: tuple[str, ...] = (
        "operation",
        f"median ms {other['scale']} -> {this['scale']}",
        "ratio",
        "p95 ms",
        "ratio",
        "target",
        "result",
    )
    rows: list[tuple[str, ...]] = [headers, *comparison_rows(this, other)]
    widths = [max(len(row[column]) for row in rows) for column in range(len(headers))]
    print(f"\nCompared with the {other['scale']} run of {other['timestamp']}:", file=out)
    for row in rows:
        print(
            "| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |", file=out
        )
