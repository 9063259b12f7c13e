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
    # The people the pathway data holds, and whom the log's entries name.
    people: int
    log_entries: int
    # People with locked assessments (three each), and observations over all the people.
    assessed_people: int = 0
    observations: int = 0

    def with_log_entries(self, log_entries: int) -> "Scale":
        return dataclasses.replace(self, log_entries=log_entries)

    def with_people(self, people: int) -> "Scale":
        """Another number of people; the assessed people and observations keep their share."""
        ratio = people / self.people if self.people else 0.0
        return dataclasses.replace(
            self,
            people=people,
            assessed_people=round(self.assessed_people * ratio),
            observations=round(self.observations * ratio),
        )


NATIONAL = Scale("national", 2_000, 8, 5, 12, 20_000, 1_000_000, 3_000, 100_000)
REGIONAL = Scale("regional", 20_000, 80, 50, 120, 200_000, 10_000_000, 30_000, 1_000_000)
SCALES = {scale.name: scale for scale in (NATIONAL, REGIONAL)}
