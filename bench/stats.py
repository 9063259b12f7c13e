"""The figures the report gives for a series of timings."""

import math
from collections.abc import Sequence


def percentile(values: Sequence[float], fraction: float) -> float:
    """Linear interpolation between the closest ranks (numpy's default, `quantiles` "inclusive").

    With 30 samples the 95th percentile lies between the 28th and 29th smallest values, so one
    slow outlier out of 30 moves it, as it should.
    """
    if not values:
        raise ValueError("No values to take a percentile of.")
    if not 0.0 <= fraction <= 1.0:
        raise ValueError(f"The fraction must lie between 0 and 1, not {fraction}.")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * fraction
    lower, upper = math.floor(rank), math.ceil(rank)
    if lower == upper:
        return ordered[lower]
    return ordered[lower] + (ordered[upper] - ordered[lower]) * (rank - lower)


def median(values: Sequence[float]) -> float:
    return percentile(values, 0.5)
