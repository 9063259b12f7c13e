"""Spreadsheets: the training framework matrix (one row per role) and the trained-staff figures."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from reintegra.core.exports import neutralise_cell
from reintegra.training.figures import Figures, figures_table
from reintegra.training.selectors import MatrixGrid


def matrix_table(grid: MatrixGrid) -> tuple[list[str], list[list[str]]]:
    header = [_("Staff role"), *[c.name for c in grid.competences]]
    rows = []
    for _role, label, cells in grid.rows():
        row = [label]
        for cell in cells:
            if cell is None:
                row.append("")
                continue
            courses = "; ".join(course.title for course in cell.courses.all())
            text = cell.get_required_level_display()
            row.append(f"{text} ({courses})" if courses else text)
        rows.append(row)
    return header, rows


def matrix_xlsx(grid: MatrixGrid, title: str) -> bytes:
    header, rows = matrix_table(grid)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Matrix")[:31]
    sheet.append([neutralise_cell(title)])
    sheet.append([neutralise_cell(cell) for cell in header])
    for row in rows:
        sheet.append([neutralise_cell(cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def figures_xlsx(figures: Figures, title: str) -> bytes:
    """Counts stay numbers, so a report's author can chart them; labels are neutralised."""
    header, rows = figures_table(figures)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Trained staff")[:31]
    sheet.append([neutralise_cell(title)])
    sheet.append([neutralise_cell(figures.headline)])
    sheet.append([neutralise_cell(cell) for cell in header])
    for row in rows:
        sheet.append([neutralise_cell(row[0]), *row[1:]])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
