"""The staff directory: the colleagues of the organisation the actor is acting for."""

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from reintegra.accounts.permissions import colleague_policy
from reintegra.accounts.selectors import colleagues_visible_to
from reintegra.audit.access import get_visible_or_404
from reintegra.audit.models import Category
from reintegra.audit.services import record
from reintegra.core.http import ActorRequest
from reintegra.core.scoping import scoped_object


@require_GET
def colleague_list(request: ActorRequest) -> HttpResponse:
    colleague_policy.require(request.actor, "view")
    page = Paginator(colleagues_visible_to(request.actor), 50).get_page(request.GET.get("page"))
    return render(request, "accounts/colleague_list.html", {"page": page})


@scoped_object("accounts.User")
@require_GET
def colleague_detail(request: ActorRequest, pk: str) -> HttpResponse:
    colleague_policy.require(request.actor, "view")
    colleague = get_visible_or_404(colleagues_visible_to(request.actor), actor=request.actor, pk=pk)
    record(
        actor=request.actor, category=Category.CONSULTATION, action="colleague.view", obj=colleague
    )
    return render(request, "accounts/colleague_detail.html", {"colleague": colleague})
