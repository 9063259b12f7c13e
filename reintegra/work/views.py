from collections import Counter

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from reintegra.core.http import ActorRequest
from reintegra.work.registry import work_items_for


@login_not_required
@require_GET
def landing(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("work:my-work")
    return redirect("accounts:login")


@require_GET
def my_work(request: ActorRequest) -> HttpResponse:
    items = work_items_for(request.actor)
    today = timezone.localdate()
    counts = Counter(item.kind_label for item in items)
    overdue = sum(1 for item in items if item.is_overdue(today))
    return render(
        request,
        "work/my_work.html",
        {"items": items, "counts": sorted(counts.items()), "overdue": overdue, "today": today},
    )
