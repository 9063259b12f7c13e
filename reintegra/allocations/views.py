from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from reintegra.allocations.forms import AllocationForm, DecideForm
from reintegra.allocations.models import AllocationDecision, AllocationStatus
from reintegra.allocations.permissions import allocation_policy
from reintegra.allocations.selectors import (
    allocation_in_force,
    allocations_visible_to,
    regimes_offered,
)
from reintegra.allocations.services import (
    AllocationError,
    allocation_approve,
    allocation_consulted,
    allocation_propose,
    allocation_reject,
)
from reintegra.audit.access import get_visible_or_404
from reintegra.core.http import ActorRequest
from reintegra.core.scoping import scoped_object
from reintegra.people.selectors import facilities_for, people_visible_to


def _decision_or_404(request: ActorRequest, pk: str) -> AllocationDecision:
    return get_visible_or_404(allocations_visible_to(request.actor), actor=request.actor, pk=pk)


@scoped_object("people.Person", kwarg="person_pk")
@require_http_methods(["GET", "POST"])
def allocation_new(request: ActorRequest, person_pk: str) -> HttpResponse:
    person = get_visible_or_404(
        people_visible_to(request.actor).select_related("current_facility"),
        actor=request.actor,
        pk=person_pk,
    )
    allocation_policy.require(request.actor, "propose")
    pending = AllocationDecision.objects.filter(
        person=person, status=AllocationStatus.PROPOSED
    ).first()
    regimes = regimes_offered(person.jurisdiction_id)
    form = AllocationForm(
        request.POST or None,
        regimes=regimes,
        facilities=facilities_for(request.actor),
        initial={"facility": person.current_facility_id},
    )
    if request.method == "POST" and pending is None and form.is_valid():
        data = form.cleaned_data
        try:
            decision = allocation_propose(
                actor=request.actor,
                person=person,
                regime=data["regime"],
                facility=data["facility"],
                unit=data["unit"],
                rationale=data["rationale"],
                review_date=data["review_date"],
                now=timezone.now(),
            )
        except AllocationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _(
                    "The decision has been proposed. "
                    "Another supervisor or prison manager must approve it."
                ),
            )
            return redirect("allocations:decision-detail", pk=decision.pk)
    return render(
        request,
        "allocations/decision_form.html",
        {
            "form": form,
            "person": person,
            "pending": pending,
            "has_regimes": regimes.exists(),
            "in_force": allocation_in_force(person),
        },
        status=400 if form.errors else 200,
    )


@scoped_object("allocations.AllocationDecision")
@require_GET
def decision_detail(request: ActorRequest, pk: str) -> HttpResponse:
    decision = _decision_or_404(request, pk)
    allocation_consulted(actor=request.actor, decision=decision, action="allocation.view")
    return render(
        request,
        "allocations/decision_detail.html",
        {
            "decision": decision,
            "person": decision.person,
            "can_decide": allocation_policy.allows(request.actor, "decide", decision),
        },
    )


@scoped_object("allocations.AllocationDecision")
@require_http_methods(["GET", "POST"])
def decision_decide(request: ActorRequest, pk: str) -> HttpResponse:
    decision = _decision_or_404(request, pk)
    if not decision.is_proposed:
        messages.info(request, _("This decision has already been approved or rejected."))
        return redirect("allocations:decision-detail", pk=decision.pk)
    if not allocation_policy.allows(request.actor, "propose"):
        raise PermissionDenied
    form = DecideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        answer = (
            allocation_approve if form.cleaned_data["decision"] == "approve" else allocation_reject
        )
        try:
            answer(
                actor=request.actor,
                decision=decision,
                comment=form.cleaned_data["comment"],
                now=timezone.now(),
            )
        except AllocationError as error:
            form.add_error(None, str(error))
        else:
            if form.cleaned_data["decision"] == "approve":
                messages.success(request, _("Approved. The decision is now in force."))
            else:
                messages.success(request, _("Rejected. The decision maker can see your comment."))
            return redirect("allocations:decision-detail", pk=decision.pk)
    allocation_consulted(actor=request.actor, decision=decision, action="allocation.decide_open")
    return render(
        request,
        "allocations/decision_decide.html",
        {
            "form": form,
            "decision": decision,
            "person": decision.person,
            "own_decision": decision.decided_by_id == request.actor.user_id,
        },
        status=400 if form.errors else 200,
    )
