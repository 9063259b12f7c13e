"""Case conference statistics per jurisdiction, for programme and ministry staff: conferences
held by year, attendance by agency type and the plan's actions. Counts only, never a person;
a count from 1 to 4 is shown as "fewer than 5", since in a small jurisdiction it could point at
the one conference about someone."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from reintegra.coordination.models import (
    ActionStatus,
    CaseConference,
    ConferenceAction,
    ConferenceAttendee,
)
from reintegra.core.charts import Segment, stacked_segments

SMALL_COUNT = 5
SUPPRESSED = "<5"
CHART_WIDTH = 360
ACTION_STATES = (
    ("open", _("Open"), "#2b5f8a"),
    ("overdue", _("Overdue"), "#b3261e"),
    ("done", _("Done"), "#3d7f4a"),
)
ACTION_KEYS = tuple(key for key, _label, _fill in ACTION_STATES)


def shown(count: int) -> int | str:
    return SUPPRESSED if 0 < count < SMALL_COUNT else count


@dataclass
class JurisdictionConferenceFigures:
    jurisdiction_id: str
    held_by_year: dict[int, int] = field(default_factory=dict)
    attendance: dict[str, int] = field(default_factory=dict)  # organisation type name → count
    actions: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ACTION_KEYS, 0))

    @property
    def held(self) -> int:
        return sum(self.held_by_year.values())

    @property
    def shown_actions(self) -> list[int | str]:
        return [shown(count) for count in self.actions.values()]

    @property
    def shown_held(self) -> list[tuple[int, int | str]]:
        return [(year, shown(count)) for year, count in self.held_by_year.items()]

    @property
    def shown_attendance(self) -> list[tuple[str, int | str]]:
        return [(name, shown(count)) for name, count in self.attendance.items()]

    def action_bars(self) -> list[Segment]:
        # A small count is drawn as nothing, or its width would tell what the table hides.
        return stacked_segments(
            (
                (key, count if count >= SMALL_COUNT else 0, fill)
                for (key, _label, fill), count in zip(
                    ACTION_STATES, self.actions.values(), strict=True
                )
            ),
            CHART_WIDTH,
        )


def conference_statistics(
    jurisdiction_ids: list[str], *, today: dt.date
) -> list[JurisdictionConferenceFigures]:
    """A conference counts as held once its date has come: the app records no other step."""
    figures = {code: JurisdictionConferenceFigures(code) for code in jurisdiction_ids}
    held = CaseConference.objects.filter(jurisdiction_id__in=jurisdiction_ids, held_on__lte=today)
    for row in (
        held.annotate(year=ExtractYear("held_on"))
        .values("jurisdiction_id", "year")
        .annotate(n=Count("id"))
        .order_by("year")
    ):
        figures[row["jurisdiction_id"]].held_by_year[row["year"]] = row["n"]
    attendance: dict[str, dict[str, int]] = defaultdict(dict)
    for row in (
        ConferenceAttendee.objects.filter(conference__in=held)
        .values("conference__jurisdiction_id", "organisation__type__name")
        .annotate(n=Count("id"))
        .order_by("organisation__type__name")
    ):
        attendance[row["conference__jurisdiction_id"]][row["organisation__type__name"]] = row["n"]
    for code, counts in attendance.items():
        figures[code].attendance = counts
    for row in (
        ConferenceAction.objects.filter(conference__jurisdiction_id__in=jurisdiction_ids)
        .values("conference__jurisdiction_id")
        .annotate(
            open=Count("id", filter=Q(status=ActionStatus.OPEN, deadline__gte=today)),
            overdue=Count("id", filter=Q(status=ActionStatus.OPEN, deadline__lt=today)),
            done=Count("id", filter=Q(status=ActionStatus.DONE)),
        )
        .order_by()
    ):
        figures[row["conference__jurisdiction_id"]].actions = {key: row[key] for key in ACTION_KEYS}
    return list(figures.values())


def conference_statistics_table(
    figures: list[JurisdictionConferenceFigures],
) -> tuple[list[str], list[list[object]]]:
    """One CSV row per jurisdiction and measure, small counts suppressed as on the page."""
    header = ["jurisdiction", "measure", "item", "count"]
    rows: list[list[object]] = []
    for f in figures:
        rows.extend(
            [f.jurisdiction_id, "conferences_held", year, shown(n)]
            for year, n in f.held_by_year.items()
        )
        rows.extend(
            [f.jurisdiction_id, "attendance", type_name, shown(n)]
            for type_name, n in f.attendance.items()
        )
        rows.extend([f.jurisdiction_id, "actions", key, shown(n)] for key, n in f.actions.items())
    return header, rows
