"""Server-rendered SVG charts: the geometry of a stacked bar, shared by every page that draws one
(the template draws the rects; the table beside the chart gives the same counts)."""

from collections.abc import Iterable
from typing import NamedTuple


class Segment(NamedTuple):
    key: str
    x: int
    width: int
    value: int  # the count the segment stands for ("count" would hide tuple.count)
    fill: str


def stacked_segments(parts: Iterable[tuple[str, int, str]], width: int) -> list[Segment]:
    """One segment per (key, count, fill), in the order given, spanning `width` in proportion to
    the counts; every segment is 0 wide when all counts are 0. Spans are rounded each."""
    parts = list(parts)
    total = sum(count for _key, count, _fill in parts)
    x, segments = 0, []
    for key, count, fill in parts:
        span = round(width * count / total) if total else 0
        segments.append(Segment(key, x, span, count, fill))
        x += span
    return segments
