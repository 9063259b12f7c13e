"""Trained staff over time: the table, its chart and headline, and the same figures as CSV/XLSX."""

from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from reintegra.core.exports import csv_rows
from reintegra.core.http import ActorRequest
from reintegra.training.exports import figures_xlsx
from reintegra.training.figures import Figures, figures_table, trained_figures
from reintegra.training.forms import FiguresForm
from reintegra.training.permissions import completion_policy
from reintegra.training.selectors import (
    completions_visible_to,
    courses_visible_to,
    jurisdictions_in_scope,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _figures(request: ActorRequest) -> tuple[FiguresForm, Figures]:
    """Aggregates only: no person is named, so reading them writes no processing-log entry."""
    actor = request.actor
    completion_policy.require(actor, "view")
    form = FiguresForm(
        request.GET or None,
        jurisdictions=jurisdictions_in_scope(actor),
        courses=courses_visible_to(actor).order_by("title"),
    )
    data = form.cleaned_data if form.is_valid() else {}
    completions = completions_visible_to(actor)
    if data.get("jurisdiction"):
        completions = completions.filter(
            participant__organisation__jurisdiction_id=data["jurisdiction"]
        )
    figures = trained_figures(
        completions,
        dimension=data.get("by") or "jurisdiction",
        period=data.get("period") or "year",
        course=data.get("course"),
    )
    return form, figures


@require_GET
def figures(request: ActorRequest) -> HttpResponse:
    form, result = _figures(request)
    return render(
        request,
        "training/figures.html",
        {"form": form, "figures": result, "query": request.GET.urlencode()},
        status=400 if form.errors else 200,
    )


def _filename(result: Figures, extension: str) -> str:
    return f"trained-staff-by-{result.dimension}-per-{result.period}.{extension}"


@require_GET
def figures_csv(request: ActorRequest) -> StreamingHttpResponse:
    _form, result = _figures(request)
    header, rows = figures_table(result)
    response = StreamingHttpResponse(csv_rows(header, rows), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="{_filename(result, "csv")}"'
    return response


@require_GET
def figures_xlsx_view(request: ActorRequest) -> HttpResponse:
    _form, result = _figures(request)
    response = HttpResponse(figures_xlsx(result, _("Trained staff")), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{_filename(result, "xlsx")}"'
    return response
