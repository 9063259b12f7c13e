from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from reintegra.audit.access import get_visible_or_404
from reintegra.audit.forms import LogFilterForm
from reintegra.audit.models import Category
from reintegra.audit.permissions import processing_log_policy
from reintegra.audit.selectors import LogFilters, log_entries_visible_to, log_page
from reintegra.audit.services import record
from reintegra.core.exports import csv_rows
from reintegra.core.http import ActorRequest
from reintegra.core.scoping import scoped_object

EXPORT_HEADER = [
    "seq",
    "occurred_at_utc",
    "category",
    "action",
    "actor_username",
    "actor_role",
    "jurisdiction",
    "subject_ids",
    "object_type",
    "object_id",
    "justification",
    "legal_basis",
    "recipient",
    "correlation_id",
    "client_ip",
]


def _require_log_reader(request: ActorRequest, action: str) -> None:
    if not processing_log_policy.allows(request.actor, action):
        raise PermissionDenied(f"log.{action}")


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Every refusal (403) is written to the log as a denied access, whichever view refused."""
    actor = getattr(request, "actor", None)
    if actor is not None:
        reason = str(exception or "") if exception is not None else ""
        record(
            actor=actor,
            category=Category.DENIED,
            action=(reason or "permission_denied")[:64],
            details={"path": request.path[:300]},
        )
    return render(request, "errors/403.html", status=403)


@require_GET
def log_list(request: ActorRequest) -> HttpResponse:
    _require_log_reader(request, "browse")
    form = LogFilterForm(request.GET or None)
    filters = form.filters() if form.is_bound and form.is_valid() else LogFilters()
    before = _positive_int(request.GET.get("before"))
    entries, older = log_page(request.actor, filters, before) if not form.errors else ([], None)
    record(
        actor=request.actor,
        category=Category.CONSULTATION,
        action="log.browse",
        details={"filters": request.GET.urlencode()},
    )
    query = request.GET.copy()
    query.pop("before", None)
    return render(
        request,
        "audit/log_list.html",
        {"form": form, "entries": entries, "older": older, "query": query.urlencode()},
    )


@scoped_object("audit.ProcessingLogEntry", kwarg="seq")
@require_GET
def log_entry_detail(request: ActorRequest, seq: int) -> HttpResponse:
    _require_log_reader(request, "browse")
    entry = get_visible_or_404(
        processing_log_policy.visible_to(request.actor),
        actor=request.actor,
        pk=seq,
    )
    record(
        actor=request.actor,
        category=Category.CONSULTATION,
        action="log.entry_view",
        obj=entry,
    )
    return render(request, "audit/log_entry_detail.html", {"entry": entry})


@require_GET
def log_export(request: ActorRequest) -> HttpResponseBase:
    _require_log_reader(request, "export")
    form = LogFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return render(request, "audit/log_list.html", {"form": form, "entries": []}, status=400)
    filters = form.filters() if form.is_bound else LogFilters()
    record(
        actor=request.actor,
        category=Category.CONSULTATION,
        action="log.export",
        details={"filters": request.GET.urlencode()},
    )
    rows = (
        (
            entry.seq,
            entry.occurred_at.isoformat(),
            entry.category,
            entry.action,
            entry.actor_username,
            entry.actor_role,
            entry.jurisdiction_code,
            " ".join(entry.subjects),
            entry.object_type,
            entry.object_id,
            entry.justification,
            entry.legal_basis,
            entry.recipient,
            entry.correlation_id,
            entry.client_ip,
        )
        for entry in log_entries_visible_to(request.actor, filters).iterator(chunk_size=2000)
    )
    response = StreamingHttpResponse(csv_rows(EXPORT_HEADER, rows), content_type="text/csv")
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="processing-log-{stamp}.csv"'
    return response


def _positive_int(value: str | None) -> int | None:
    if value and value.isdigit() and len(value) < 19:
        return int(value)
    return None
