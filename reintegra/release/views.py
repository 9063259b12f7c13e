from typing import Any

from django.contrib import messages
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from reintegra.audit.access import get_visible_or_404
from reintegra.audit.models import Category
from reintegra.audit.services import record
from reintegra.core.http import ActorRequest
from reintegra.core.scoping import scoped_object
from reintegra.people.models import AccessScope
from reintegra.people.permissions import person_policy
from reintegra.release.forms import (
    ATTENDEE_ROWS,
    AttendeeFormSet,
    CaseConferenceForm,
    ChecklistForm,
    HandoverForm,
    PathwayEntryForm,
    ReleaseForm,
)
from reintegra.release.models import Handover, PathwayEntry, ReadinessItem, ReleasePlan
from reintegra.release.permissions import release_plan_policy
from reintegra.release.selectors import (
    latest_release_plan,
    open_episode,
    organisations_for,
    pathway_entries_visible_to,
    plan_handover,
    probation_officers_for,
    release_people_visible_to,
    release_plan_contents,
    release_plans_visible_to,
    responsible_memberships_for,
)
from reintegra.release.services import (
    ConflictError,
    ReleaseError,
    case_conference_record,
    handover_create,
    handover_months,
    months_after,
    pathway_entry_update,
    readiness_checklist_update,
    release_plan_open,
    release_plan_set_status,
    release_record,
)


def _plan_or_404(request: ActorRequest, pk: str) -> ReleasePlan:
    return get_visible_or_404(release_plans_visible_to(request.actor), actor=request.actor, pk=pk)


def _person_or_404(request: ActorRequest, person_pk: str):
    return get_visible_or_404(
        release_people_visible_to(request.actor).select_related("current_facility"),
        actor=request.actor,
        pk=person_pk,
    )


def _closed_plan_redirect(request: ActorRequest, plan: ReleasePlan) -> HttpResponse | None:
    """A closed plan is a record of what was prepared; its forms send the user back to it."""
    if not plan.is_closed:
        return None
    messages.info(request, _("This release plan is closed: the person has been released."))
    return redirect("release:plan-detail", pk=plan.pk)


def _consulted(request: ActorRequest, plan: ReleasePlan, action: str) -> None:
    record(
        actor=request.actor,
        category=Category.CONSULTATION,
        action=action,
        subjects=[plan.person_id],
        obj=plan,
    )


def _render_plan(request: ActorRequest, plan: ReleasePlan) -> HttpResponse:
    _consulted(request, plan, "release_plan.view")
    actor = request.actor
    contents = release_plan_contents(plan)
    expected = plan.episode.expected_release_date
    can_edit = release_plan_policy.allows(actor, "edit", plan)
    handover = contents["handover"]
    return render(
        request,
        "release/plan_detail.html",
        {
            "plan": plan,
            "person": plan.person,
            "expected": expected,
            "handover_from": months_after(expected, -handover_months()) if expected else None,
            "can_edit": can_edit,
            "can_hand_over": can_edit and handover is None,
            "handover_scopes": [
                label
                for value, label in AccessScope.choices
                if handover is not None and value in handover.scope_list
            ],
            "can_record_release": plan.person.in_custody
            and release_plan_policy.allows(actor, "record_release"),
            **contents,
        },
    )


# --- The plan ------------------------------------------------------------------------------------


@scoped_object("people.Person", kwarg="person_pk")
@require_GET
def person_plan(request: ActorRequest, person_pk: str) -> HttpResponse:
    person = _person_or_404(request, person_pk)
    plan = latest_release_plan(person)
    if plan is not None:
        return _render_plan(request, plan)
    return render(
        request,
        "release/no_plan.html",
        {
            "person": person,
            "episode": open_episode(person),
            "can_open": person.in_custody and release_plan_policy.allows(request.actor, "open"),
        },
    )


@scoped_object("release.ReleasePlan")
@require_GET
def plan_detail(request: ActorRequest, pk: str) -> HttpResponse:
    return _render_plan(request, _plan_or_404(request, pk))


@scoped_object("people.Person", kwarg="person_pk")
@require_POST
def plan_open(request: ActorRequest, person_pk: str) -> HttpResponse:
    person = _person_or_404(request, person_pk)
    release_plan_policy.require(request.actor, "open")
    try:
        plan = release_plan_open(
            actor=request.actor, person=person, today=timezone.localdate(), owner=request.user
        )
    except ReleaseError as error:
        messages.error(request, str(error))
        return redirect("release:person-plan", person_pk=person.pk)
    messages.success(request, _("The release plan has been opened."))
    return redirect("release:plan-detail", pk=plan.pk)


@scoped_object("release.ReleasePlan")
@require_POST
def plan_status(request: ActorRequest, pk: str) -> HttpResponse:
    plan = _plan_or_404(request, pk)
    release_plan_policy.require(request.actor, "open")
    try:
        release_plan_set_status(
            actor=request.actor, plan=plan, status=request.POST.get("status", "")
        )
    except ReleaseError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The status of the plan has been changed."))
    return redirect("release:plan-detail", pk=plan.pk)


@scoped_object("release.PathwayEntry")
@require_http_methods(["GET", "POST"])
def pathway_edit(request: ActorRequest, pk: str) -> HttpResponse:
    entry = get_visible_or_404(
        pathway_entries_visible_to(request.actor), actor=request.actor, pk=pk
    )
    release_plan_policy.require(request.actor, "open")
    if closed := _closed_plan_redirect(request, entry.plan):
        return closed
    person = entry.plan.person
    memberships = responsible_memberships_for(person)
    form = PathwayEntryForm(
        request.POST or None,
        organisations=organisations_for(person),
        memberships=memberships,
        initial={
            "version": entry.version,
            "status": entry.status,
            "needs": entry.needs,
            "actions": entry.actions,
            "notes": entry.notes,
            "responsible_organisation": entry.responsible_organisation_id,
            "responsible_membership": memberships.filter(user_id=entry.responsible_user_id)
            .values_list("pk", flat=True)
            .first()
            if entry.responsible_user_id
            else None,
        },
    )
    saved_by_someone_else = None
    if request.method == "POST" and form.is_valid():
        try:
            pathway_entry_update(
                actor=request.actor,
                entry=entry,
                version=form.cleaned_data["version"],
                changes=form.changes(),
            )
        except ConflictError as error:
            form.add_error(None, str(error))
            saved_by_someone_else = PathwayEntry.objects.get(pk=entry.pk)
            # Saving again now means "mine over theirs", which the user has been shown.
            data = request.POST.copy()
            data["version"] = str(saved_by_someone_else.version)
            form.data = data
        except ReleaseError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The pathway has been saved."))
            return redirect("release:plan-detail", pk=entry.plan_id)
    return render(
        request,
        "release/pathway_form.html",
        {
            "form": form,
            "entry": entry,
            "plan": entry.plan,
            "person": person,
            "theirs": saved_by_someone_else,
        },
        status=400 if form.errors else 200,
    )


@scoped_object("release.ReleasePlan")
@require_http_methods(["GET", "POST"])
def checklist_edit(request: ActorRequest, pk: str) -> HttpResponse:
    plan = _plan_or_404(request, pk)
    release_plan_policy.require(request.actor, "open")
    if closed := _closed_plan_redirect(request, plan):
        return closed
    items = list(ReadinessItem.objects.filter(plan=plan))
    form = ChecklistForm(request.POST or None, items=items)
    if request.method == "POST" and form.is_valid():
        try:
            readiness_checklist_update(
                actor=request.actor, plan=plan, answers=form.answers(), today=timezone.localdate()
            )
        except ReleaseError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The checklist has been saved."))
            return redirect("release:plan-detail", pk=plan.pk)
    return render(
        request,
        "release/checklist_form.html",
        {"form": form, "plan": plan, "person": plan.person},
        status=400 if form.errors else 200,
    )


# --- Case conference -----------------------------------------------------------------------------


def _with_more_rows(data: QueryDict) -> tuple[CaseConferenceForm, Any]:
    """The conference form again, unvalidated, with the rows typed so far and more empty ones."""
    fields = ("held_on", "person_participation", "participation_note", "decisions", "next_steps")
    rows = []
    for index in range(int(data.get("attendees-TOTAL_FORMS", "0") or 0)):
        row = {
            name: data.get(f"attendees-{index}-{name}", "")
            for name in ("name", "organisation", "role", "agency_type")
        }
        if any(row.values()):
            rows.append(row)
    form = CaseConferenceForm(initial={name: data.get(name, "") for name in fields})
    return form, AttendeeFormSet(prefix="attendees", initial=rows)


@scoped_object("release.ReleasePlan")
@require_http_methods(["GET", "POST"])
def conference_new(request: ActorRequest, pk: str) -> HttpResponse:
    plan = _plan_or_404(request, pk)
    release_plan_policy.require(request.actor, "open")
    if closed := _closed_plan_redirect(request, plan):
        return closed
    if request.method == "POST" and "more_rows" in request.POST:
        form, attendees = _with_more_rows(request.POST)
        return render(
            request,
            "release/conference_form.html",
            {"form": form, "attendees": attendees, "plan": plan, "person": plan.person},
        )
    form = CaseConferenceForm(request.POST or None)
    attendees = AttendeeFormSet(request.POST or None, prefix="attendees")
    if request.method == "POST" and form.is_valid() and attendees.is_valid():
        data = form.cleaned_data
        try:
            case_conference_record(
                actor=request.actor,
                plan=plan,
                held_on=data["held_on"],
                attendees=[row for f in attendees.forms if (row := f.attendee()) is not None],
                participation=data["person_participation"],
                participation_note=data["participation_note"],
                decisions=data["decisions"],
                next_steps=data["next_steps"],
                today=timezone.localdate(),
            )
        except ReleaseError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The case conference has been recorded."))
            return redirect("release:plan-detail", pk=plan.pk)
    has_errors = bool(form.errors) or attendees.total_error_count() > 0
    return render(
        request,
        "release/conference_form.html",
        {
            "form": form,
            "attendees": attendees,
            "plan": plan,
            "person": plan.person,
            "rows": ATTENDEE_ROWS,
        },
        status=400 if has_errors else 200,
    )


# --- Handover and release ------------------------------------------------------------------------


@scoped_object("release.ReleasePlan")
@require_http_methods(["GET", "POST"])
def handover_new(request: ActorRequest, pk: str) -> HttpResponse:
    plan = _plan_or_404(request, pk)
    release_plan_policy.require(request.actor, "open")
    if closed := _closed_plan_redirect(request, plan):
        return closed
    if Handover.objects.filter(plan=plan).exists():
        messages.info(request, _("This release plan has already been handed over to probation."))
        return redirect("release:plan-detail", pk=plan.pk)
    person = plan.person
    form = HandoverForm(request.POST or None, memberships=probation_officers_for(person))
    context = {"form": form, "plan": plan, "person": person}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if "change" in request.POST:
            return render(request, "release/handover_form.html", context)
        if "confirmed" not in request.POST:
            # Check your answers: a handover discloses the person to another service.
            return render(request, "release/handover_check.html", context)
        try:
            handover_create(
                actor=request.actor,
                plan=plan,
                membership=data["membership"],
                scopes=data["scopes"],
                handed_over_on=data["handed_over_on"],
                notes=data["notes"],
                today=timezone.localdate(),
            )
        except ReleaseError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("The handover has been recorded and probation can now see what it includes."),
            )
            return redirect("release:plan-detail", pk=plan.pk)
    return render(
        request, "release/handover_form.html", context, status=400 if form.errors else 200
    )


@scoped_object("people.Person", kwarg="person_pk")
@require_http_methods(["GET", "POST"])
def release_new(request: ActorRequest, person_pk: str) -> HttpResponse:
    person = _person_or_404(request, person_pk)
    release_plan_policy.require(request.actor, "record_release")
    episode = open_episode(person)
    form = ReleaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            release_record(
                actor=request.actor,
                person=person,
                date=form.cleaned_data["date"],
                today=timezone.localdate(),
            )
        except ReleaseError as error:
            form.add_error("date", str(error))
        else:
            messages.success(request, _("The release has been recorded."))
            if person_policy.visible_to(request.actor).filter(pk=person.pk).exists():
                return redirect("people:person-detail", pk=person.pk)
            return redirect("people:person-list")
    return render(
        request,
        "release/release_form.html",
        {
            "form": form,
            "person": person,
            "episode": episode,
            "handover": plan_handover(latest_release_plan(person)) if episode else None,
        },
        status=400 if form.errors else 200,
    )
