import datetime as dt
import uuid
from dataclasses import dataclass

from django.db.models import QuerySet

from reintegra.audit.actor import AuditActor
from reintegra.audit.models import ProcessingLogEntry
from reintegra.audit.permissions import processing_log_policy

PAGE_SIZE = 50


@dataclass(frozen=True)
class LogFilters:
    person: uuid.UUID | None = None
    username: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    category: str = ""


def log_entries_visible_to(actor: AuditActor, filters: LogFilters) -> QuerySet[ProcessingLogEntry]:
    entries = processing_log_policy.visible_to(actor)
    if filters.person:
        entries = entries.filter(subject_ids__contains=f",{filters.person},")
    if filters.username:
        entries = entries.filter(actor_username=filters.username)
    if filters.date_from:
        entries = entries.filter(occurred_at__date__gte=filters.date_from)
    if filters.date_to:
        entries = entries.filter(occurred_at__date__lte=filters.date_to)
    if filters.category:
        entries = entries.filter(category=filters.category)
    return entries.order_by("-seq")


def log_page(
    actor: AuditActor, filters: LogFilters, before: int | None
) -> tuple[list[ProcessingLogEntry], int | None]:
    """One page, newest first, by keyset on `seq`: constant cost however deep the page."""
    entries = log_entries_visible_to(actor, filters)
    if before is not None:
        entries = entries.filter(seq__lt=before)
    page = list(entries[: PAGE_SIZE + 1])
    older = page[PAGE_SIZE - 1].seq if len(page) > PAGE_SIZE else None
    return page[:PAGE_SIZE], older
