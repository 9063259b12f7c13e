from collections import Counter

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET
from wagtail import views as wagtail_views

from reintegra.audit.models import Category
from reintegra.audit.services import record
from reintegra.core.http import ActorRequest
from reintegra.work.permissions import work_rules
from reintegra.work.providers import task_kind_label
from reintegra.work.registry import work_items_for
from reintegra.work.selectors import team_tasks_for


@login_not_required
@require_GET
def landing(request: HttpRequest) -> HttpResponse:
    """Staff go to My work; anonymous visitors read the public site's home page."""
    if request.user.is_authenticated:
        return redirect("work:my-work")
    response: HttpResponse = wagtail_views.serve(request, "")
    return response


@require_GET
def my_work(request: ActorRequest) -> HttpResponse:
    items = work_items_for(request.actor)
    today = timezone.localdate()
    counts = Counter(item.kind_label for item in items)
    overdue = sum(1 for item in items if item.is_overdue(today))
    return render(
        request,
        "work/my_work.html",
        {
            "items": items,
            "counts": sorted(counts.items()),
            "overdue": overdue,
            "today": today,
            "can_view_team": work_rules.test_rule("view_team", request.actor),
        },
    )


@require_GET
def team_work(request: ActorRequest) -> HttpResponse:
    if not work_rules.test_rule("view_team", request.actor):
        raise PermissionDenied("work.view_team")
    tasks = list(team_tasks_for(request.actor)[:500])
    if tasks:
        record(
            actor=request.actor,
            category=Category.CONSULTATION,
            action="work.team",
            subjects=sorted({task.person_id for task in tasks if task.person_id}),
        )
    today = timezone.localdate()
    return render(
        request,
        "work/team_work.html",
        {
            "tasks": tasks,
            "today": today,
            "overdue": sum(1 for task in tasks if task.due and task.due < today),
            "counts": sorted(Counter(task_kind_label(task.kind) for task in tasks).items()),
        },
    )
