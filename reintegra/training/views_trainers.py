"""The trainer register: who may train others, per jurisdiction, on a page and as CSV."""

from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from reintegra.audit.models import Category
from reintegra.audit.services import record
from reintegra.core.exports import csv_rows
from reintegra.core.http import ActorRequest
from reintegra.training.permissions import participant_policy
from reintegra.training.selectors import TrainerRow, jurisdictions_in_scope, trainer_register


def _register(request: ActorRequest) -> tuple[list[tuple[str, str]], str, list[TrainerRow]]:
    participant_policy.require(request.actor, "view")
    jurisdictions = jurisdictions_in_scope(request.actor)
    chosen = request.GET.get("jurisdiction", "")
    if chosen not in {code for code, _name in jurisdictions}:
        chosen = ""
    rows = trainer_register(request.actor, timezone.localdate(), chosen or None)
    return jurisdictions, chosen, rows


@require_GET
def trainers(request: ActorRequest) -> HttpResponse:
    jurisdictions, chosen, rows = _register(request)
    record(
        actor=request.actor,
        category=Category.CONSULTATION,
        action="training.trainer_register_view",
        subjects=sorted({str(row.completion.participant_id) for row in rows}),
    )
    return render(
        request,
        "training/trainers.html",
        {"rows": rows, "jurisdictions": jurisdictions, "chosen": chosen},
    )


@require_GET
def trainers_csv(request: ActorRequest) -> StreamingHttpResponse:
    _jurisdictions, chosen, rows = _register(request)
    record(
        actor=request.actor,
        category=Category.CONSULTATION,
        action="training.trainer_register_export",
        subjects=sorted({str(row.completion.participant_id) for row in rows}),
        details={"jurisdiction": chosen, "rows": len(rows)},
    )
    header = [
        _("Trainer"),
        _("E-mail"),
        _("Organisation"),
        _("Jurisdiction"),
        _("Course"),
        _("Completed on"),
        _("Valid until"),
        _("Current"),
        _("Events trained"),
    ]
    body = (
        [
            row.completion.participant.full_name,
            row.completion.participant.email,
            row.completion.participant.organisation.name,
            row.completion.participant.organisation.jurisdiction_id or "",
            row.completion.course.title,
            row.completion.completed_on.isoformat(),
            row.completion.valid_until.isoformat() if row.completion.valid_until else "",
            _("yes") if row.is_current else _("no"),
            row.events_trained,
        ]
        for row in rows
    )
    response = StreamingHttpResponse(csv_rows(header, body), content_type="text/csv")
    name = f"trainer-register-{chosen or 'all'}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
