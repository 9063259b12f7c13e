"""Figures of coordination, per forum and for the jurisdiction: meetings held, attendance by the
type of agency, action points overdue. A fixed number of queries for any number of forums."""

import datetime as dt
import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from reintegra.core.charts import Segment, stacked_segments
from reintegra.forums.models import ActionStatus, Attendance, AttendanceStatus, Forum
from reintegra.organisations.models import OrganisationType

STATUSES = (AttendanceStatus.PRESENT, AttendanceStatus.EXCUSED, AttendanceStatus.ABSENT)
# Distinguishable in greyscale too (dark to light).
FILL = {
    AttendanceStatus.PRESENT: "#1f5f7a",
    AttendanceStatus.EXCUSED: "#7fb2c9",
    AttendanceStatus.ABSENT: "#c0562b",
}
CHART_WIDTH = 360


@dataclass
class AgencyAttendance:
    type_code: str
    type_name: str
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def present_share(self) -> int:
        """Per cent present, rounded; 0 when nobody was expected."""
        return round(100 * self.counts[AttendanceStatus.PRESENT] / self.total) if self.total else 0

    def bars(self, width: int = CHART_WIDTH) -> list[Segment]:
        """(status, x, width, count, fill) of each segment of the stacked bar."""
        return stacked_segments(
            ((str(status), self.counts[status], FILL[status]) for status in STATUSES), width
        )


@dataclass
class ForumFigures:
    forum: Forum
    meetings_held: int
    actions_open: int
    actions_overdue: int
    attendance: list[AgencyAttendance]


@dataclass
class CoordinationStatistics:
    forums: list[ForumFigures]
    attendance: list[AgencyAttendance]  # the jurisdiction's, all forums together

    @property
    def meetings_held(self) -> int:
        return sum(f.meetings_held for f in self.forums)

    @property
    def actions_open(self) -> int:
        return sum(f.actions_open for f in self.forums)

    @property
    def actions_overdue(self) -> int:
        return sum(f.actions_overdue for f in self.forums)


def _attendance_rows(
    counts: dict[str, dict[str, int]], names: dict[str, str]
) -> list[AgencyAttendance]:
    rows = []
    for code, by_status in counts.items():
        row = AgencyAttendance(code, names.get(code, code))
        for status, count in by_status.items():
            row.counts[status] = count
        rows.append(row)
    return sorted(rows, key=lambda row: row.type_name)


def coordination_statistics(
    forums: QuerySet[Forum], *, today: dt.date, since: dt.date | None = None
) -> CoordinationStatistics:
    """Meetings held are those dated up to today (from `since` when given); an action is overdue
    when it is still open after its due date."""
    held = Q(meetings__date__lte=today)
    if since is not None:
        held &= Q(meetings__date__gte=since)
    annotated = forums.annotate(
        meetings_held=Count("meetings", filter=held, distinct=True),
        actions_open=Count(
            "meetings__action_points",
            filter=Q(meetings__action_points__status=ActionStatus.OPEN),
            distinct=True,
        ),
        actions_overdue=Count(
            "meetings__action_points",
            filter=Q(
                meetings__action_points__status=ActionStatus.OPEN,
                meetings__action_points__due_on__lt=today,
            ),
            distinct=True,
        ),
    ).order_by("name")
    forum_list = list(annotated)
    attendance = Attendance.objects.filter(
        meeting__forum__in=[f.pk for f in forum_list], meeting__date__lte=today
    )
    if since is not None:
        attendance = attendance.filter(meeting__date__gte=since)
    per_forum: dict[uuid.UUID, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    overall: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(STATUSES, 0))
    for forum_id, type_code, status, count in (
        attendance.values_list(
            "meeting__forum_id", "representative__member__organisation__type_id", "status"
        )
        .annotate(n=Count("id"))
        .order_by()
    ):
        per_forum[forum_id][type_code][status] = count
        overall[type_code][status] += count
    names = {t.code: str(t) for t in OrganisationType.objects.all()}
    return CoordinationStatistics(
        forums=[
            ForumFigures(
                forum=forum,
                meetings_held=forum.meetings_held,  # type: ignore[attr-defined]
                actions_open=forum.actions_open,  # type: ignore[attr-defined]
                actions_overdue=forum.actions_overdue,  # type: ignore[attr-defined]
                attendance=_attendance_rows(per_forum.get(forum.pk, {}), names),
            )
            for forum in forum_list
        ],
        attendance=_attendance_rows(overall, names),
    )


def statistics_table(stats: CoordinationStatistics) -> tuple[list[str], list[list]]:
    """Header and rows of the CSV export: one row per forum and agency type."""
    from django.utils.translation import gettext as _

    header = [
        _("Forum"),
        _("Meetings held"),
        _("Actions open"),
        _("Actions overdue"),
        _("Agency type"),
        _("Present"),
        _("Excused"),
        _("Absent"),
    ]
    rows: list[list] = []
    for figures in stats.forums:
        base = [
            figures.forum.name,
            figures.meetings_held,
            figures.actions_open,
            figures.actions_overdue,
        ]
        if not figures.attendance:
            rows.append([*base, "", 0, 0, 0])
        for agency in figures.attendance:
            rows.append(
                [
                    *base,
                    agency.type_name,
                    agency.counts[AttendanceStatus.PRESENT],
                    agency.counts[AttendanceStatus.EXCUSED],
                    agency.counts[AttendanceStatus.ABSENT],
                ]
            )
    return header, rows
