from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from reintegra.audit.access import get_visible_or_404
from reintegra.core.http import ActorRequest
from reintegra.core.scoping import scoped_object
from reintegra.observations.forms import EnteredInErrorForm, ObservationForm
from reintegra.observations.models import Observation
from reintegra.observations.permissions import observation_policy
from reintegra.observations.selectors import observations_of, observations_visible_to
from reintegra.observations.services import (
    ObservationError,
    observation_mark_in_error,
    observation_record,
    observations_consulted,
)
from reintegra.people.selectors import people_visible_to

PAGE_SIZE = 25


def _observation_or_404(request: ActorRequest, pk: str) -> Observation:
    return get_visible_or_404(observations_visible_to(request.actor), actor=request.actor, pk=pk)


@scoped_object("people.Person", kwarg="person_pk")
@require_GET
def observation_list(request: ActorRequest, person_pk: str) -> HttpResponse:
    person = get_visible_or_404(people_visible_to(request.actor), actor=request.actor, pk=person_pk)
    observation_policy.require(request.actor, "view")
    page = Paginator(observations_of(person), PAGE_SIZE).get_page(request.GET.get("page"))
    observations_consulted(actor=request.actor, person=person, action="observation.list")
    return render(
        request,
        "observations/observation_list.html",
        {
            "person": person,
            "page": page,
            "can_record": observation_policy.allows(request.actor, "record"),
        },
    )


@scoped_object("people.Person", kwarg="person_pk")
@require_http_methods(["GET", "POST"])
def observation_new(request: ActorRequest, person_pk: str) -> HttpResponse:
    person = get_visible_or_404(people_visible_to(request.actor), actor=request.actor, pk=person_pk)
    observation_policy.require(request.actor, "record")
    form = ObservationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            observation = observation_record(
                actor=request.actor,
                person=person,
                observed_at=data["observed_at"],
                place=data["place"],
                category_code=data["category_code"],
                source=data["source"],
                reliability=data["reliability"],
                narrative=data["narrative"],
                now=timezone.now(),
            )
        except ObservationError as error:
            form.add_error(None, str(error))
        else:
            if observation.triggered_reassessment:
                messages.success(
                    request,
                    _(
                        "The observation has been recorded. It asks for a reassessment: the "
                        "assessment team has a task and the next review has been brought forward."
                    ),
                )
            else:
                messages.success(request, _("The observation has been recorded."))
            return redirect("people:person-detail", pk=person.pk)
    return render(
        request,
        "observations/observation_form.html",
        {"form": form, "person": person},
        status=400 if form.errors else 200,
    )


@scoped_object("observations.Observation")
@require_GET
def observation_detail(request: ActorRequest, pk: str) -> HttpResponse:
    observation = _observation_or_404(request, pk)
    observations_consulted(
        actor=request.actor, person=observation.person, action="observation.view", obj=observation
    )
    return render(
        request,
        "observations/observation_detail.html",
        {
            "observation": observation,
            "person": observation.person,
            "can_mark_in_error": observation_policy.allows(
                request.actor, "mark_in_error", observation
            ),
        },
    )


@scoped_object("observations.Observation")
@require_http_methods(["GET", "POST"])
def observation_entered_in_error(request: ActorRequest, pk: str) -> HttpResponse:
    observation = _observation_or_404(request, pk)
    if observation.entered_in_error:
        messages.info(request, _("This observation is already marked as entered in error."))
        return redirect("observations:observation-detail", pk=observation.pk)
    if not observation_policy.allows(request.actor, "mark_in_error", observation):
        raise PermissionDenied
    form = EnteredInErrorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            observation_mark_in_error(
                actor=request.actor,
                observation=observation,
                reason=form.cleaned_data["reason"],
                now=timezone.now(),
            )
        except ObservationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The observation is now marked as entered in error."))
            return redirect("observations:observation-detail", pk=observation.pk)
    observations_consulted(
        actor=request.actor,
        person=observation.person,
        action="observation.error_open",
        obj=observation,
    )
    return render(
        request,
        "observations/observation_error_form.html",
        {"form": form, "observation": observation, "person": observation.person},
        status=400 if form.errors else 200,
    )
