"""The sizes the benchmark builds; Django-free, so the command line can check them before setup."""

import dataclasses
from dataclasses import dataclass


@dataclass(frozen=True)
class Scale:
    name: str
    staff_users: int
    facilities_per_jurisdiction: int
    probation_offices_per_jurisdiction: int
    partners_per_jurisdiction: int
    # How many people the log's entries name; the people themselves arrive with later issues.
    people: int
    log_entries: int

    def with_log_entries(self, log_entries: int) -> "Scale":
        return dataclasses.replace(self, log_entries=log_entries)


NATIONAL = Scale("national", 2_000, 8, 5, 12, 20_000, 1_000_000)
REGIONAL = Scale("regional", 20_000, 80, 50, 120, 200_000, 10_000_000)
SCALES = {scale.name: scale for scale in (NATIONAL, REGIONAL)}
