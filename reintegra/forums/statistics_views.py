"""The forums' figures: meetings held and attendance, as a page, a chart and CSV."""

from django.http import HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from reintegra.core.exports import csv_rows
from reintegra.core.http import ActorRequest
from reintegra.core.scoping import scoped_object
from reintegra.forums.models import AttendanceStatus
from reintegra.forums.permissions import forum_policy
from reintegra.forums.selectors import forums_visible_to
from reintegra.forums.statistics import FILL, STATUSES, coordination_statistics, statistics_table
from reintegra.forums.views import forum_or_404


def _statistics_context(request: ActorRequest, forums, forum=None) -> dict:
    stats = coordination_statistics(forums, today=timezone.localdate())
    return {
        "stats": stats,
        "forum": forum,
        "legend": [(str(s), str(AttendanceStatus(s).label), FILL[s]) for s in STATUSES],
    }


@require_GET
def statistics(request: ActorRequest) -> HttpResponse:
    forum_policy.require(request.actor, "statistics")
    return render(
        request,
        "forums/statistics.html",
        _statistics_context(request, forums_visible_to(request.actor)),
    )


@scoped_object("forums.Forum")
@require_GET
def forum_statistics(request: ActorRequest, pk: str) -> HttpResponse:
    forum = forum_or_404(request, pk)
    forum_policy.require(request.actor, "statistics")
    return render(
        request,
        "forums/statistics.html",
        _statistics_context(request, forums_visible_to(request.actor).filter(pk=forum.pk), forum),
    )


def _csv(forums, filename: str) -> StreamingHttpResponse:
    header, rows = statistics_table(coordination_statistics(forums, today=timezone.localdate()))
    response = StreamingHttpResponse(csv_rows(header, rows), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def statistics_csv(request: ActorRequest) -> HttpResponseBase:
    forum_policy.require(request.actor, "statistics")
    return _csv(forums_visible_to(request.actor), "forum-statistics.csv")


@scoped_object("forums.Forum")
@require_GET
def forum_statistics_csv(request: ActorRequest, pk: str) -> HttpResponseBase:
    forum = forum_or_404(request, pk)
    forum_policy.require(request.actor, "statistics")
    return _csv(
        forums_visible_to(request.actor).filter(pk=forum.pk), f"forum-statistics-{forum.pk}.csv"
    )
