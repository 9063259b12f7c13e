from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from reintegra.assessments.permissions import assessment_policy
from reintegra.assessments.selectors import latest_locked_assessment
from reintegra.audit.access import get_visible_or_404
from reintegra.audit.models import Category
from reintegra.audit.services import record
from reintegra.core.http import ActorRequest
from reintegra.core.scoping import scoped_object
from reintegra.plans.forms import InterventionForm, ObjectiveForm, PlanForm, ReturnForm, ReviewForm
from reintegra.plans.lifecycle import (
    plan_approve,
    plan_problems,
    plan_return,
    plan_review_add,
    plan_submit,
)
from reintegra.plans.models import Intervention, Objective, Plan
from reintegra.plans.permissions import plan_policy
from reintegra.plans.selectors import (
    current_plans,
    interventions_visible_to,
    need_name,
    needs_coverage,
    objectives_visible_to,
    plan_history,
    plan_objectives,
    plan_people_visible_to,
    plan_reviews,
    plans_visible_to,
)
from reintegra.plans.services import (
    ConflictError,
    PlanError,
    intervention_add,
    intervention_update,
    objective_add,
    objective_update,
    plan_save,
    plan_start,
)


def _plan_or_404(request: ActorRequest, pk: str) -> Plan:
    plan_policy.require(request.actor, "view")
    return get_visible_or_404(plans_visible_to(request.actor), actor=request.actor, pk=pk)


def _objective_or_404(request: ActorRequest, pk: str) -> Objective:
    plan_policy.require(request.actor, "view")
    return get_visible_or_404(objectives_visible_to(request.actor), actor=request.actor, pk=pk)


def _require_draft_writer(request: ActorRequest, plan: Plan) -> None:
    if not plan_policy.allows(request.actor, "edit", plan):
        raise PermissionDenied("plan.edit")


def _log_view(request: ActorRequest, plan: Plan, action: str) -> None:
    record(
        actor=request.actor,
        category=Category.CONSULTATION,
        action=action,
        subjects=[plan.person_id],
        obj=plan,
    )


def _add_problems(form: Any, error: PlanError) -> int:
    for problem in error.problems:
        form.add_error(None, problem)
    return 409 if isinstance(error, ConflictError) else 400


def _plan_context(request: ActorRequest, plan: Plan) -> dict[str, Any]:
    """Everything the plan's page shows: objectives with their interventions, needs coverage,
    reviews, and what the reader may do next."""
    actor = request.actor
    objectives = plan_objectives(plan)
    coverage = needs_coverage(plan, objectives)
    return {
        "plan": plan,
        "person": plan.person,
        "objective_rows": [(o, need_name(plan, o.need_code)) for o in objectives],
        "coverage": coverage,
        "uncovered": [need for need in coverage if not need.is_covered],
        "reviews": plan_reviews(plan),
        "can_edit": plan_policy.allows(actor, "edit", plan),
        "can_countersign": plan_policy.allows(actor, "countersign", plan),
        "can_review": plan_policy.allows(actor, "review", plan),
        "can_read_assessment": assessment_policy.allows(actor, "view"),
    }


# --- Reading -------------------------------------------------------------------------------------


@scoped_object("people.Person", kwarg="person_pk")
@require_GET
def plan_person(request: ActorRequest, person_pk: str) -> HttpResponse:
    """The person's plan: the one in force (or, before there is one, the one in progress) in
    full, with every earlier version listed."""
    person = get_visible_or_404(
        plan_people_visible_to(request.actor), actor=request.actor, pk=person_pk
    )
    history = plan_history(request.actor, person)
    in_force, in_progress = current_plans(history)
    shown = in_force or in_progress
    record(
        actor=request.actor,
        category=Category.CONSULTATION,
        action="plan.view_person",
        subjects=[person.pk],
        obj=shown or person,
    )
    context: dict[str, Any] = _plan_context(request, shown) if shown else {}
    can_start = in_progress is None and plan_policy.allows_start(request.actor, person)
    latest = latest_locked_assessment(person) if can_start else None
    context.update(
        {
            "person": person,
            "history": history,
            "in_force": in_force,
            "in_progress": in_progress,
            "can_start": can_start,
            "newer_assessment": latest is not None
            and in_force is not None
            and latest.pk != in_force.based_on_id,
        }
    )
    return render(request, "plans/plan_person.html", context)


@scoped_object("plans.Plan")
@require_GET
def plan_detail(request: ActorRequest, pk: str) -> HttpResponse:
    plan = _plan_or_404(request, pk)
    _log_view(request, plan, "plan.view")
    return render(request, "plans/plan_detail.html", _plan_context(request, plan))


# --- Starting and editing a draft ----------------------------------------------------------------


@scoped_object("people.Person", kwarg="person_pk")
@require_http_methods(["GET", "POST"])
def plan_new(request: ActorRequest, person_pk: str) -> HttpResponse:
    person = get_visible_or_404(
        plan_people_visible_to(request.actor), actor=request.actor, pk=person_pk
    )
    if not plan_policy.allows_start(request.actor, person):
        raise PermissionDenied("plan.start")
    assessment = latest_locked_assessment(person)
    history = plan_history(request.actor, person)
    in_force, in_progress = current_plans(history)
    error = ""
    if request.method == "POST" and assessment is not None and in_progress is None:
        try:
            plan = plan_start(actor=request.actor, person=person, today=timezone.localdate())
        except PlanError as refused:
            error = str(refused)
        else:
            messages.success(request, _("The draft plan has been started."))
            return redirect("plans:plan-detail", pk=plan.pk)
    needs = []
    if assessment is not None:
        definition = assessment.instrument_version.parsed
        needs = [need for need in definition.needs if need.code in assessment.needs]
    status = 200
    if assessment is None:
        status = 409
    elif error or (request.method == "POST" and in_progress is not None):
        status = 400
    return render(
        request,
        "plans/plan_new.html",
        {
            "person": person,
            "assessment": assessment,
            "needs": needs,
            "in_force": in_force,
            "in_progress": in_progress,
            "error": error,
        },
        status=status,
    )


@scoped_object("plans.Plan")
@require_http_methods(["GET", "POST"])
def plan_edit(request: ActorRequest, pk: str) -> HttpResponse:
    plan = _plan_or_404(request, pk)
    _require_draft_writer(request, plan)
    status = 200
    if request.method == "POST":
        form = PlanForm(request.POST)
        if form.is_valid():
            try:
                plan_save(
                    actor=request.actor,
                    plan=plan,
                    expected_version=form.cleaned_data["version"],
                    person_view=form.cleaned_data["person_view"],
                    agreement=form.cleaned_data["agreement"],
                    next_review_date=form.cleaned_data["next_review_date"],
                    today=timezone.localdate(),
                )
            except PlanError as error:
                status = _add_problems(form, error)
            else:
                messages.success(request, _("The person's view and agreement have been saved."))
                return redirect("plans:plan-detail", pk=plan.pk)
        else:
            status = 400
    else:
        _log_view(request, plan, "plan.edit_open")
        form = PlanForm(initial=PlanForm.initial_for(plan))
    return render(request, "plans/plan_form.html", {"form": form, "plan": plan}, status=status)


@scoped_object("plans.Plan")
@require_http_methods(["GET", "POST"])
def objective_new(request: ActorRequest, pk: str) -> HttpResponse:
    plan = _plan_or_404(request, pk)
    _require_draft_writer(request, plan)
    status = 200
    if request.method == "POST":
        form = ObjectiveForm(request.POST, plan=plan)
        if form.is_valid():
            try:
                objective_add(
                    actor=request.actor,
                    plan=plan,
                    expected_version=form.cleaned_data["version"],
                    need_code=form.cleaned_data["need_code"],
                    description=form.cleaned_data["description"],
                    target_date=form.cleaned_data["target_date"],
                    today=timezone.localdate(),
                )
            except PlanError as error:
                status = _add_problems(form, error)
            else:
                messages.success(request, _("Objective added. Now add how it will be met."))
                return redirect("plans:plan-detail", pk=plan.pk)
        else:
            status = 400
    else:
        form = ObjectiveForm(
            initial={"version": plan.version, "need_code": request.GET.get("need", "")},
            plan=plan,
        )
    return render(
        request,
        "plans/objective_form.html",
        {"form": form, "plan": plan, "objective": None},
        status=status,
    )


@scoped_object("plans.Objective")
@require_http_methods(["GET", "POST"])
def objective_edit(request: ActorRequest, pk: str) -> HttpResponse:
    objective = _objective_or_404(request, pk)
    plan = objective.plan
    _require_draft_writer(request, plan)
    status = 200
    if request.method == "POST":
        form = ObjectiveForm(request.POST, plan=plan, editing=True)
        if form.is_valid():
            try:
                objective_update(
                    actor=request.actor,
                    objective=objective,
                    expected_version=form.cleaned_data["version"],
                    need_code=form.cleaned_data["need_code"],
                    description=form.cleaned_data["description"],
                    target_date=form.cleaned_data["target_date"],
                    status=form.cleaned_data["status"],
                    today=timezone.localdate(),
                )
            except PlanError as error:
                status = _add_problems(form, error)
            else:
                messages.success(request, _("Objective saved."))
                return redirect("plans:plan-detail", pk=plan.pk)
        else:
            status = 400
    else:
        form = ObjectiveForm(initial=ObjectiveForm.initial_for(objective), plan=plan, editing=True)
    return render(
        request,
        "plans/objective_form.html",
        {"form": form, "plan": plan, "objective": objective},
        status=status,
    )


@scoped_object("plans.Objective")
@require_http_methods(["GET", "POST"])
def intervention_new(request: ActorRequest, pk: str) -> HttpResponse:
    return _intervention_page(request, _objective_or_404(request, pk), None)


@scoped_object("plans.Intervention")
@require_http_methods(["GET", "POST"])
def intervention_edit(request: ActorRequest, pk: str) -> HttpResponse:
    plan_policy.require(request.actor, "view")
    intervention = get_visible_or_404(
        interventions_visible_to(request.actor), actor=request.actor, pk=pk
    )
    return _intervention_page(request, intervention.objective, intervention)


def _intervention_page(
    request: ActorRequest, objective: Objective, intervention: Intervention | None
) -> HttpResponse:
    """Adds an intervention to the objective, or changes `intervention`, on a draft plan."""
    plan = objective.plan
    _require_draft_writer(request, plan)
    status = 200
    if request.method == "POST":
        form = InterventionForm(request.POST, person=plan.person)
        if form.is_valid():
            try:
                if intervention is None:
                    intervention_add(
                        actor=request.actor,
                        objective=objective,
                        expected_version=form.cleaned_data["version"],
                        given=form.intervention(),
                        today=timezone.localdate(),
                    )
                else:
                    intervention_update(
                        actor=request.actor,
                        intervention=intervention,
                        expected_version=form.cleaned_data["version"],
                        given=form.intervention(),
                        today=timezone.localdate(),
                    )
            except PlanError as error:
                status = _add_problems(form, error)
            else:
                messages.success(request, _("Intervention saved."))
                return redirect("plans:plan-detail", pk=plan.pk)
        else:
            status = 400
    elif intervention is None:
        form = InterventionForm(
            initial={"version": plan.version, "start_date": timezone.localdate()},
            person=plan.person,
        )
    else:
        form = InterventionForm(
            initial=InterventionForm.initial_for(intervention), person=plan.person
        )
    return render(
        request,
        "plans/intervention_form.html",
        {
            "form": form,
            "plan": plan,
            "objective": objective,
            "need": need_name(plan, objective.need_code),
            "intervention": intervention,
        },
        status=status,
    )


# --- Submitting, countersigning, reviewing -------------------------------------------------------


@scoped_object("plans.Plan")
@require_http_methods(["GET", "POST"])
def plan_submit_view(request: ActorRequest, pk: str) -> HttpResponse:
    """Check your answers: the whole plan once more, and what still stops submission."""
    plan = _plan_or_404(request, pk)
    if not plan_policy.allows(request.actor, "submit", plan):
        raise PermissionDenied("plan.submit")
    context = _plan_context(request, plan)
    objectives = [objective for objective, _name in context["objective_rows"]]
    today = timezone.localdate()
    problems = plan_problems(plan, objectives, today)
    if request.method == "POST" and not problems:
        try:
            plan_submit(
                actor=request.actor,
                plan=plan,
                objectives=objectives,
                expected_version=int(request.POST.get("version", "0") or 0),
                today=today,
            )
        except PlanError as error:
            problems = [("", message) for message in error.problems]
        else:
            messages.success(request, _("Submitted for countersignature."))
            return redirect("plans:plan-detail", pk=plan.pk)
    else:
        _log_view(request, plan, "plan.submit_open")
    context["problems"] = problems
    return render(
        request,
        "plans/plan_submit.html",
        context,
        status=400 if problems and request.method == "POST" else 200,
    )


@scoped_object("plans.Plan")
@require_http_methods(["GET", "POST"])
def plan_countersign_view(request: ActorRequest, pk: str) -> HttpResponse:
    plan = _plan_or_404(request, pk)
    if plan.author_id == request.actor.user_id:
        messages.error(request, _("You cannot countersign your own plan."))
        return redirect("plans:plan-detail", pk=plan.pk)
    if not plan_policy.allows(request.actor, "countersign", plan):
        raise PermissionDenied("plan.countersign")
    form = ReturnForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["decision"] == "approve":
                plan_approve(actor=request.actor, plan=plan, today=timezone.localdate())
                messages.success(request, _("Countersigned. The plan is now in force."))
            else:
                plan_return(actor=request.actor, plan=plan, comments=form.cleaned_data["comments"])
                messages.success(request, _("Returned to the author with your comments."))
        except PlanError as error:
            _add_problems(form, error)
        else:
            return redirect("plans:plan-detail", pk=plan.pk)
    else:
        _log_view(request, plan, "plan.countersign_open")
    context = _plan_context(request, plan)
    context["form"] = form
    return render(
        request, "plans/plan_countersign.html", context, status=400 if form.errors else 200
    )


@scoped_object("plans.Plan")
@require_http_methods(["GET", "POST"])
def review_new(request: ActorRequest, pk: str) -> HttpResponse:
    plan = _plan_or_404(request, pk)
    if not plan_policy.allows(request.actor, "review", plan):
        raise PermissionDenied("plan.review")
    objectives = plan_objectives(plan)
    today = timezone.localdate()
    form = ReviewForm(
        request.POST or None,
        plan=plan,
        objectives=objectives,
        initial={"review_date": today, "next_review_date": None},
    )
    if request.method == "POST" and form.is_valid():
        try:
            plan_review_add(
                actor=request.actor,
                plan=plan,
                review_date=form.cleaned_data["review_date"],
                summary=form.cleaned_data["summary"],
                person_view=form.cleaned_data["person_view"],
                progress=form.progress(),
                next_review_date=form.cleaned_data["next_review_date"],
                today=today,
            )
        except PlanError as error:
            _add_problems(form, error)
        else:
            messages.success(request, _("The review has been recorded."))
            return redirect("plans:plan-detail", pk=plan.pk)
    elif request.method == "GET":
        _log_view(request, plan, "plan.review_open")
    return render(
        request,
        "plans/review_form.html",
        {"form": form, "plan": plan},
        status=400 if form.errors else 200,
    )
