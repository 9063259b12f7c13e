from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from reintegra.audit.access import get_visible_or_404
from reintegra.audit.models import Category
from reintegra.audit.services import record
from reintegra.core.http import ActorRequest
from reintegra.core.scoping import scoped_object
from reintegra.people.forms import CaseFilterForm, PersonRegistrationForm, TransferForm
from reintegra.people.permissions import person_policy
from reintegra.people.sections import person_sections
from reintegra.people.selectors import (
    case_list,
    facilities_for,
    filter_facilities_for,
    people_visible_to,
    placement_history,
)
from reintegra.people.services import (
    CustodyError,
    person_consulted,
    person_register,
    person_transfer,
)
from reintegra.work.selectors import open_tasks_about

PAGE_SIZE = 50


@require_GET
def person_list(request: ActorRequest) -> HttpResponse:
    person_policy.require(request.actor, "view")
    form = CaseFilterForm(request.GET or None, facilities=filter_facilities_for(request.actor))
    page = Paginator(case_list(request.actor, form.filters()), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    if page.object_list:
        # Search results are a consultation of every person they show (LED Art. 25).
        record(
            actor=request.actor,
            category=Category.CONSULTATION,
            action="person.list",
            subjects=[person.pk for person in page.object_list],
            details={"filters": request.GET.urlencode()},
        )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "people/person_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "today": timezone.localdate(),
            "can_register": person_policy.allows(request.actor, "register"),
        },
    )


@require_http_methods(["GET", "POST"])
def person_new(request: ActorRequest) -> HttpResponse:
    person_policy.require(request.actor, "register")
    facilities = facilities_for(request.actor)
    form = PersonRegistrationForm(request.POST or None, facilities=facilities)
    if request.method == "POST" and form.is_valid():
        try:
            person = person_register(
                actor=request.actor,
                identity=form.identity(),
                admission=form.admission(),
                today=timezone.localdate(),
            )
        except CustodyError as error:
            form.add_error(None, str(error))
        else:
            return redirect("people:person-detail", pk=person.pk)
    return render(
        request, "people/person_form.html", {"form": form}, status=400 if form.errors else 200
    )


@scoped_object("people.Person")
@require_GET
def person_detail(request: ActorRequest, pk: str) -> HttpResponse:
    person = get_visible_or_404(
        people_visible_to(request.actor).select_related("jurisdiction", "current_facility"),
        actor=request.actor,
        pk=pk,
    )
    person_consulted(actor=request.actor, person=person)
    scopes = person_policy.scopes_for(request.actor, person)
    episodes = person.custody_episodes.all()
    return render(
        request,
        "people/person_detail.html",
        {
            "person": person,
            "episodes": episodes,
            "placements": placement_history(person),
            "sections": person_sections(request.actor, person),
            "scopes": scopes,
            "open_tasks": open_tasks_about(request.actor, person),
            "can_transfer": person.in_custody and person_policy.allows(request.actor, "transfer"),
        },
    )


@scoped_object("people.Person")
@require_http_methods(["GET", "POST"])
def person_transfer_view(request: ActorRequest, pk: str) -> HttpResponse:
    person = get_visible_or_404(people_visible_to(request.actor), actor=request.actor, pk=pk)
    person_policy.require(request.actor, "transfer", person)
    form = TransferForm(request.POST or None, facilities=facilities_for(request.actor))
    if request.method == "POST" and form.is_valid():
        try:
            person_transfer(
                actor=request.actor,
                person=person,
                facility=form.cleaned_data["facility"],
                unit=form.cleaned_data["unit"],
                date=form.cleaned_data["date"],
                note=form.cleaned_data["note"],
                today=timezone.localdate(),
            )
        except CustodyError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The transfer has been recorded."))
            if person_policy.visible_to(request.actor).filter(pk=person.pk).exists():
                return redirect("people:person-detail", pk=person.pk)
            return redirect("people:person-list")
    return render(
        request,
        "people/transfer_form.html",
        {"form": form, "person": person},
        status=400 if form.errors else 200,
    )
