"""A person's ratings across assessments, side by side, and the chart drawn from them.

The chart is a grid (items down, assessments across) whose cells are shaded by the position of the
rating on its scale. It adds, averages and weighs nothing: it only shows what assessors recorded.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from reintegra.assessments.models import Assessment
from reintegra.assessments.templatetags.instrument_text import rating_label
from reintegra.instruments.definition import InstrumentDefinition, Item, text
from reintegra.instruments.validation import NO_INFORMATION

SHADES = ("#e8eef5", "#9fbad6", "#4f7ca8", "#1d3c5a")
NO_INFO_SHADE = "#ffffff"
CELL_W, CELL_H, LABEL_W, HEADER_H = 92, 22, 80, 40


@dataclass(frozen=True)
class Cell:
    label: str
    position: int | None  # index on the scale; None for "no information" or not rated
    scale_size: int


@dataclass(frozen=True)
class Row:
    item: Item
    cells: list[Cell]
    change: str  # "up", "down", "same", "new" or ""


@dataclass(frozen=True)
class Trajectory:
    assessments: list[Assessment]
    definition: InstrumentDefinition | None
    axis: str
    rows: list[Row]

    @property
    def changed_rows(self) -> list[Row]:
        return [row for row in self.rows if row.change in {"up", "down", "new"}]


def trajectory_build(assessments: list[Assessment]) -> Trajectory:
    """Rows follow the newest assessment's instrument; the first axis of each item is compared."""
    if not assessments:
        return Trajectory([], None, "", [])
    definition = assessments[-1].instrument_version.parsed
    ratings_by_assessment = [
        {rating.item_code: rating.ratings for rating in assessment.ratings.all()}
        for assessment in assessments
    ]
    rows = []
    for item in definition.items:
        axis = definition.axes[item.axes[0]]
        cells = []
        for given in ratings_by_assessment:
            value = given.get(item.code, {}).get(axis.code, "")
            position = axis.values.index(value) if value in axis.values else None
            cells.append(Cell(rating_label(axis, value), position, len(axis.values)))
        rows.append(
            Row(
                item,
                cells,
                _change(cells, [g.get(item.code, {}) for g in ratings_by_assessment], axis.code),
            )
        )
    first_axis = definition.items[0].axes[0] if definition.items else ""
    return Trajectory(assessments, definition, first_axis, rows)


def _change(cells: list[Cell], given: list[dict[str, str]], axis: str) -> str:
    if len(cells) < 2:
        return ""
    before, now = cells[-2], cells[-1]
    if before.position is None and now.position is not None:
        return "new" if given[-2].get(axis, "") in ("", NO_INFORMATION) else ""
    if before.position is None or now.position is None:
        return ""
    if now.position > before.position:
        return "up"
    if now.position < before.position:
        return "down"
    return "same"


def trajectory_svg(trajectory: Trajectory) -> str:
    """The grid as standalone SVG markup (no script, no external references)."""
    columns = len(trajectory.assessments)
    # Wide enough for the longest item code at 11px sans-serif (about 7px a character).
    longest = max((len(row.item.code) for row in trajectory.rows), default=0)
    label_w = max(LABEL_W, 12 + 7 * longest)
    width = label_w + CELL_W * columns
    height = HEADER_H + CELL_H * len(trajectory.rows)
    title = _("Ratings of each item across assessments")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="trajectory-title">',
        f'<title id="trajectory-title">{_escape(title)}</title>',
        '<g font-family="sans-serif" font-size="11">',
    ]
    for index, assessment in enumerate(trajectory.assessments):
        x = label_w + index * CELL_W + CELL_W / 2
        when = assessment.countersigned_at or assessment.created_at
        parts.append(
            f'<text x="{x}" y="{HEADER_H - 12}" text-anchor="middle">{when:%Y-%m-%d}</text>'
        )
    for row_index, row in enumerate(trajectory.rows):
        y = HEADER_H + row_index * CELL_H
        parts.append(
            f'<text x="4" y="{y + CELL_H - 7}">{_escape(row.item.code)}'
            f"<title>{_escape(text(row.item.name))}</title></text>"
        )
        for column, cell in enumerate(row.cells):
            x = label_w + column * CELL_W
            fill, ink = _shade(cell)
            parts.append(
                f'<rect x="{x + 1}" y="{y + 1}" width="{CELL_W - 2}" height="{CELL_H - 2}" '
                f'fill="{fill}" stroke="#8893a0" stroke-width="0.5">'
                f"<title>{_escape(row.item.code)}: {_escape(cell.label)}</title></rect>"
            )
            parts.append(
                f'<text x="{x + CELL_W / 2}" y="{y + CELL_H - 7}" text-anchor="middle" '
                f'fill="{ink}">{_escape(cell.label[:14])}</text>'
            )
    parts.append("</g></svg>")
    return "".join(parts)


def _shade(cell: Cell) -> tuple[str, str]:
    if cell.position is None:
        return NO_INFO_SHADE, "#4a5561"
    steps = max(cell.scale_size - 1, 1)
    shade = SHADES[round(cell.position / steps * (len(SHADES) - 1))]
    return shade, "#ffffff" if shade in SHADES[2:] else "#1b1f24"


def _escape(value: str) -> str:
    return (
        value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )
