from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
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
from reintegra.probation.forms import (
    CloseCaseForm,
    ComplianceStepForm,
    ConditionForm,
    ContactForm,
    ContactOutcomeForm,
    NonCustodialCaseForm,
    RiskReviewForm,
    ScheduleForm,
)
from reintegra.probation.models import SupervisionCase, SupervisionOrigin
from reintegra.probation.permissions import supervision_case_policy
from reintegra.probation.selectors import (
    case_contents,
    caseload,
    cases_visible_to,
    contact_due_by,
    contacts_visible_to,
    supervision_people_visible_to,
)
from reintegra.probation.services import (
    SupervisionError,
    compliance_step_record,
    condition_add,
    contact_outcome_record,
    contact_record,
    risk_review_record,
    schedule_set,
    supervision_close,
    supervision_open,
)


def _case_or_404(request: ActorRequest, pk: str) -> SupervisionCase:
    return get_visible_or_404(cases_visible_to(request.actor), actor=request.actor, pk=pk)


def _consulted(request: ActorRequest, case: SupervisionCase, action: str) -> None:
    record(
        actor=request.actor,
        category=Category.CONSULTATION,
        action=action,
        subjects=[case.person_id],
        obj=case,
    )


@require_GET
def caseload_list(request: ActorRequest) -> HttpResponse:
    supervision_case_policy.require(request.actor, "open")
    today = timezone.localdate()
    cases = list(caseload(request.actor, today))
    if cases:
        record(
            actor=request.actor,
            category=Category.CONSULTATION,
            action="supervision.caseload",
            subjects=[case.person_id for case in cases],
        )
    rows = [(case, contact_due_by(case)) for case in cases]
    return render(
        request,
        "probation/caseload.html",
        {
            "rows": rows,
            "today": today,
            "missed_total": sum(getattr(case, "missed", 0) for case in cases),
            "overdue_total": sum(1 for _case, due in rows if due is not None and due < today),
        },
    )


@scoped_object("probation.SupervisionCase")
@require_GET
def case_detail(request: ActorRequest, pk: str) -> HttpResponse:
    case = _case_or_404(request, pk)
    _consulted(request, case, "supervision.view")
    can_record = case.is_active and supervision_case_policy.allows(request.actor, "record", case)
    return render(
        request,
        "probation/case_detail.html",
        {
            "case": case,
            "person": case.person,
            "contents": case_contents(case),
            "today": timezone.localdate(),
            "can_record": can_record,
        },
    )


@scoped_object("people.Person", kwarg="person_pk")
@require_http_methods(["GET", "POST"])
def case_new(request: ActorRequest, person_pk: str) -> HttpResponse:
    """A case from a non-custodial sentence, opened by the probation officer who will hold it."""
    person = get_visible_or_404(
        supervision_people_visible_to(request.actor), actor=request.actor, pk=person_pk
    )
    supervision_case_policy.require(request.actor, "open")
    form = NonCustodialCaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            case = supervision_open(
                actor=request.actor,
                person=person,
                origin=SupervisionOrigin.NON_CUSTODIAL,
                organisation=request.actor.membership.organisation,
                officer=request.user,
                start_date=form.cleaned_data["start_date"],
                expected_end_date=form.cleaned_data["expected_end_date"],
                today=timezone.localdate(),
            )
        except SupervisionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The supervision case has been opened."))
            return redirect("probation:case-detail", pk=case.pk)
    return render(
        request,
        "probation/case_new.html",
        {"form": form, "person": person},
        status=400 if form.errors else 200,
    )


def _case_form(
    request: ActorRequest,
    pk: str,
    *,
    form_class: type[forms.Form],
    save: Callable[[SupervisionCase, dict[str, Any]], object],
    title: str,
    submit: str,
    done: str,
) -> HttpResponse:
    """One record on a case: the form, the service's refusal shown with the user's input kept."""
    case = _case_or_404(request, pk)
    supervision_case_policy.require(request.actor, "record", case)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            save(case, form.cleaned_data)
        except SupervisionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, done)
            return redirect("probation:case-detail", pk=case.pk)
    return render(
        request,
        "probation/case_form.html",
        {"form": form, "case": case, "person": case.person, "title": title, "submit": submit},
        status=400 if form.errors else 200,
    )


@scoped_object("probation.SupervisionCase")
@require_http_methods(["GET", "POST"])
def contact_new(request: ActorRequest, pk: str) -> HttpResponse:
    return _case_form(
        request,
        pk,
        form_class=ContactForm,
        save=lambda case, data: contact_record(
            actor=request.actor, case=case, today=timezone.localdate(), **data
        ),
        title=_("Record a contact"),
        submit=_("Record the contact"),
        done=_("The contact has been recorded."),
    )


@scoped_object("probation.SupervisionCase")
@require_http_methods(["GET", "POST"])
def condition_new(request: ActorRequest, pk: str) -> HttpResponse:
    return _case_form(
        request,
        pk,
        form_class=ConditionForm,
        save=lambda case, data: condition_add(actor=request.actor, case=case, **data),
        title=_("Add a condition"),
        submit=_("Add the condition"),
        done=_("The condition has been added."),
    )


@scoped_object("probation.SupervisionCase")
@require_http_methods(["GET", "POST"])
def schedule_edit(request: ActorRequest, pk: str) -> HttpResponse:
    return _case_form(
        request,
        pk,
        form_class=ScheduleForm,
        save=lambda case, data: schedule_set(actor=request.actor, case=case, **data),
        title=_("Set the contact schedule"),
        submit=_("Save the schedule"),
        done=_("The contact schedule has been saved."),
    )


@scoped_object("probation.SupervisionCase")
@require_http_methods(["GET", "POST"])
def compliance_new(request: ActorRequest, pk: str) -> HttpResponse:
    return _case_form(
        request,
        pk,
        form_class=ComplianceStepForm,
        save=lambda case, data: compliance_step_record(
            actor=request.actor, case=case, today=timezone.localdate(), **data
        ),
        title=_("Record a compliance step"),
        submit=_("Record the step"),
        done=_("The compliance step has been recorded."),
    )


@scoped_object("probation.SupervisionCase")
@require_http_methods(["GET", "POST"])
def review_new(request: ActorRequest, pk: str) -> HttpResponse:
    return _case_form(
        request,
        pk,
        form_class=RiskReviewForm,
        save=lambda case, data: risk_review_record(
            actor=request.actor, case=case, today=timezone.localdate(), **data
        ),
        title=_("Record a risk review"),
        submit=_("Record the review"),
        done=_("The risk review has been recorded."),
    )


@scoped_object("probation.SupervisionCase")
@require_http_methods(["GET", "POST"])
def case_close(request: ActorRequest, pk: str) -> HttpResponse:
    return _case_form(
        request,
        pk,
        form_class=CloseCaseForm,
        save=lambda case, data: supervision_close(
            actor=request.actor, case=case, today=timezone.localdate(), **data
        ),
        title=_("Close the supervision case"),
        submit=_("Close the case"),
        done=_("The supervision case has been closed."),
    )


@scoped_object("probation.Contact")
@require_http_methods(["GET", "POST"])
def contact_outcome(request: ActorRequest, pk: str) -> HttpResponse:
    contact = get_visible_or_404(contacts_visible_to(request.actor), actor=request.actor, pk=pk)
    case = contact.case
    supervision_case_policy.require(request.actor, "record", case)
    form = ContactOutcomeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            contact_outcome_record(
                actor=request.actor,
                contact=contact,
                status=form.cleaned_data["status"],
                notes=form.cleaned_data["notes"],
                today=timezone.localdate(),
            )
        except SupervisionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The outcome of the contact has been recorded."))
            return redirect("probation:case-detail", pk=case.pk)
    return render(
        request,
        "probation/contact_outcome.html",
        {"form": form, "contact": contact, "case": case, "person": case.person},
        status=400 if form.errors else 200,
    )
