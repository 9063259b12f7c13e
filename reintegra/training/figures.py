"""Trained staff over time: distinct people who completed a course, by a dimension and a period.

A person counts once in a cell however many completions they have in it, and once in a row's total
however many periods they appear in, so totals are not sums of cells. The headline sentence is
the figure a programme report quotes, computed from the same rows.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractQuarter, ExtractYear
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from reintegra.core.roles import Role
from reintegra.organisations.models import Jurisdiction, OrganisationType
from reintegra.training.models import Completion, Course

DIMENSIONS = {
    "jurisdiction": "participant__organisation__jurisdiction_id",
    "organisation_type": "participant__organisation__type_id",
    "role": "participant__role",
    "course": "course_id",
}
PERIODS = ("year", "quarter")
SERIES_COLOURS = ("#1d4f91", "#d4731c", "#2e7d32", "#8e3b8e", "#b71c1c", "#00838f", "#6d6d6d")
NUMBER_WORDS = {
    1: "one",
    2: "two",
    3: "three",
    4: "four",
    5: "five",
    6: "six",
    7: "seven",
    8: "eight",
    9: "nine",
    10: "ten",
}
CHART_WIDTH = 640
CHART_HEIGHT = 220
CHART_LEFT = 40
CHART_BOTTOM = 24


@dataclass
class FigureRow:
    key: str
    label: str
    cells: list[int]
    total: int
    colour: str = ""


@dataclass
class Figures:
    dimension: str
    period: str
    periods: list[str]
    rows: list[FigureRow]
    period_totals: list[int]
    total: int
    jurisdictions_reached: int
    jurisdictions_all: int
    first_day: dt.date | None
    last_day: dt.date | None
    course: Course | None = None
    bars: list[dict] = field(default_factory=list)
    max_value: int = 0

    @property
    def headline(self) -> str:
        return headline(self)

    @property
    def dimension_label(self) -> str:
        return _dimension_label(self.dimension)


def _labels(dimension: str, keys: set) -> dict:
    if dimension == "jurisdiction":
        return {j.code: j.name for j in Jurisdiction.objects.filter(code__in=keys)}
    if dimension == "organisation_type":
        return {t.code: str(t) for t in OrganisationType.objects.filter(code__in=keys)}
    if dimension == "role":
        return {value: str(label) for value, label in Role.choices}
    return {c.pk: c.title for c in Course.objects.filter(pk__in=keys)}


def _period_key(period: str, year: int, quarter: int) -> str:
    return f"{year}" if period == "year" else f"{year} Q{quarter}"


def trained_figures(
    completions: QuerySet[Completion],
    *,
    dimension: str = "jurisdiction",
    period: str = "year",
    course: Course | None = None,
) -> Figures:
    """`completions` is already scoped to the actor (and filtered as they chose)."""
    if dimension not in DIMENSIONS:
        raise ValueError(dimension)
    if period not in PERIODS:
        raise ValueError(period)
    if course is not None:
        completions = completions.filter(course=course)
    column = DIMENSIONS[dimension]
    base = completions.order_by()
    cells = (
        base.annotate(year=ExtractYear("completed_on"), quarter=ExtractQuarter("completed_on"))
        .values(column, "year", *(["quarter"] if period == "quarter" else []))
        .annotate(people=Count("participant", distinct=True))
    )
    counts: dict[tuple, int] = {}
    period_keys: set[tuple[int, int]] = set()
    for row in cells:
        quarter = row.get("quarter", 0) if period == "quarter" else 0
        period_keys.add((row["year"], quarter))
        counts[(row[column] or "", row["year"], quarter)] = row["people"]
    ordered = sorted(period_keys)
    row_totals = {
        (row[column] or ""): row["people"]
        for row in base.values(column).annotate(people=Count("participant", distinct=True))
    }
    period_totals_raw = {
        (row["year"], row.get("quarter", 0) if period == "quarter" else 0): row["people"]
        for row in base.annotate(
            year=ExtractYear("completed_on"), quarter=ExtractQuarter("completed_on")
        )
        .values("year", *(["quarter"] if period == "quarter" else []))
        .annotate(people=Count("participant", distinct=True))
    }
    summary = base.aggregate(
        people=Count("participant", distinct=True),
        reached=Count("participant__organisation__jurisdiction", distinct=True),
    )
    days = base.values_list("completed_on", flat=True)
    first_day = days.order_by("completed_on").first()
    last_day = days.order_by("-completed_on").first()
    labels = _labels(dimension, set(row_totals))
    rows = [
        FigureRow(
            key=str(key),
            label=labels.get(key, key) or _("(not recorded)"),
            cells=[counts.get((key, year, quarter), 0) for year, quarter in ordered],
            total=total,
        )
        for key, total in row_totals.items()
    ]
    rows.sort(key=lambda r: (-r.total, r.label))
    for index, figure_row in enumerate(rows):
        figure_row.colour = SERIES_COLOURS[min(index, len(SERIES_COLOURS) - 1)]
    figures = Figures(
        dimension=dimension,
        period=period,
        periods=[_period_key(period, year, quarter) for year, quarter in ordered],
        rows=rows,
        period_totals=[period_totals_raw.get(key, 0) for key in ordered],
        total=summary["people"] or 0,
        jurisdictions_reached=summary["reached"] or 0,
        jurisdictions_all=Jurisdiction.objects.count(),
        first_day=first_day,
        last_day=last_day,
        course=course,
    )
    _lay_out_chart(figures)
    return figures


def _lay_out_chart(figures: Figures) -> None:
    """Grouped bars: one group per period, one bar per row of the table, heights to scale."""
    figures.max_value = max((max(r.cells, default=0) for r in figures.rows), default=0)
    if not figures.periods or not figures.rows or figures.max_value == 0:
        return
    plot_width = CHART_WIDTH - CHART_LEFT - 8
    plot_height = CHART_HEIGHT - CHART_BOTTOM - 8
    group_width = plot_width / len(figures.periods)
    bar_width = max(group_width * 0.8 / len(figures.rows), 1.0)
    for period_index, label in enumerate(figures.periods):
        x0 = CHART_LEFT + period_index * group_width + group_width * 0.1
        bars = []
        for row_index, row in enumerate(figures.rows):
            value = row.cells[period_index]
            height = plot_height * value / figures.max_value
            bars.append(
                {
                    "x": round(x0 + row_index * bar_width, 1),
                    "y": round(8 + plot_height - height, 1),
                    "width": round(bar_width, 1),
                    "height": round(height, 1),
                    "colour": row.colour,
                    "title": f"{row.label}, {label}: {value}",
                }
            )
        figures.bars.append({"label": label, "x": round(x0 + group_width * 0.4, 1), "bars": bars})


def headline(figures: Figures) -> str:
    """ "N professionals from all six beneficiaries completed …", from the figures themselves."""
    if figures.total == 0:
        return _("No one in this selection has completed a course yet.")
    reached, everyone = figures.jurisdictions_reached, figures.jurisdictions_all
    if reached == everyone and everyone > 1:
        origin = _("from all %(count)s beneficiaries") % {
            "count": NUMBER_WORDS.get(everyone, str(everyone))
        }
    else:
        origin = _("from %(count)s of the %(all)s beneficiaries") % {
            "count": NUMBER_WORDS.get(reached, str(reached)),
            "all": NUMBER_WORDS.get(everyone, str(everyone)),
        }
    what = (
        _("completed %(course)s") % {"course": figures.course.title}
        if figures.course
        else _("completed a training course")
    )
    people = ngettext("%(count)s professional", "%(count)s professionals", figures.total) % {
        "count": f"{figures.total:,}"
    }
    between = ""
    if figures.first_day and figures.last_day:
        between = _(" between %(first)s and %(last)s") % {
            "first": date_format(figures.first_day, "F Y"),
            "last": date_format(figures.last_day, "F Y"),
        }
    return f"{people} {origin} {what}{between}."


def figures_table(figures: Figures) -> tuple[list[str], list[list]]:
    header = [_dimension_label(figures.dimension), *figures.periods, _("All periods")]
    rows: list[list] = [[row.label, *row.cells, row.total] for row in figures.rows]
    rows.append([_("All (each person once)"), *figures.period_totals, figures.total])
    return header, rows


def _dimension_label(dimension: str) -> str:
    return {
        "jurisdiction": _("Jurisdiction"),
        "organisation_type": _("Organisation type"),
        "role": _("Staff role"),
        "course": _("Course"),
    }[dimension]


def dimension_choices() -> list[tuple[str, str]]:
    return [(key, _dimension_label(key)) for key in DIMENSIONS]
