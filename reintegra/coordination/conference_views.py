"""Case conference pages: the staff who run a conference see and record everything; a partner
user sees only the conferences their organisation attends, and of those only its own packs."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from reintegra.audit.access import get_visible_or_404
from reintegra.audit.models import Category
from reintegra.audit.services import record
from reintegra.coordination import conferences
from reintegra.coordination.forms import (
    ActionForm,
    ActionStatusForm,
    AgreementForm,
    AttendeeForm,
    ConferenceForm,
    DecisionForm,
    InformationForm,
    PackForm,
)
from reintegra.coordination.models import CaseConference, ConferenceAction
from reintegra.coordination.packs import pack_pdf
from reintegra.coordination.permissions import (
    conference_action_policy,
    conference_pack_policy,
    conference_policy,
)
from reintegra.coordination.selectors import (
    conference_actions_visible_to,
    conference_contents,
    conferences_about,
    conferences_visible_to,
    packs_visible_to,
)
from reintegra.coordination.services import CoordinationError
from reintegra.core.http import ActorRequest
from reintegra.core.roles import Role
from reintegra.core.scoping import scoped_object
from reintegra.people.permissions import person_policy

LIST_LIMIT = 100


def _conference_or_404(request: ActorRequest, pk: str) -> CaseConference:
    return get_visible_or_404(conferences_visible_to(request.actor), actor=request.actor, pk=pk)


def _consulted(request: ActorRequest, person_id: Any, action: str, obj=None) -> None:
    record(
        actor=request.actor,
        category=Category.CONSULTATION,
        action=action,
        subjects=[person_id],
        obj=obj,
    )


@scoped_object("people.Person", kwarg="person_pk")
@require_http_methods(["GET", "POST"])
def conference_list(request: ActorRequest, person_pk: str) -> HttpResponse:
    """The person's case conferences, and the form to convene one."""
    person = get_visible_or_404(
        person_policy.visible_to(request.actor), actor=request.actor, pk=person_pk
    )
    conference_policy.require(request.actor, "convene")
    form = ConferenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            conference = conferences.conference_convene(
                actor=request.actor, person=person, **form.cleaned_data
            )
        except CoordinationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The case conference has been planned."))
            return redirect("coordination:conference-detail", pk=conference.pk)
    _consulted(request, person.pk, "conference.list")
    return render(
        request,
        "coordination/conference_list.html",
        {
            "person": person,
            "conferences": list(conferences_about(request.actor, person)[:LIST_LIMIT]),
            "form": form,
        },
        status=400 if form.errors else 200,
    )


def _closable(request: ActorRequest, actions: list[ConferenceAction]) -> set:
    """The actions the actor may close, so that the page offers it only next to those."""
    return {
        action.pk
        for action in actions
        if conference_action_policy.allows(request.actor, "change_status", action)
    }


def _conference_page(
    request: ActorRequest,
    conference: CaseConference,
    status: int = 200,
    **forms: Any,
) -> HttpResponse:
    if request.actor.role == Role.PARTNER_USER:
        actions = list(conference_actions_visible_to(request.actor).filter(conference=conference))
        return render(
            request,
            "coordination/conference_partner.html",
            {
                "conference": conference,
                "packs": list(packs_visible_to(request.actor).filter(conference=conference)),
                "actions": actions,
                "closable": _closable(request, actions),
            },
        )
    contents = conference_contents(conference)
    context = {
        "conference": conference,
        "person": conference.person,
        "contents": contents,
        "closable": _closable(request, contents.actions),
        "attendee_form": AttendeeForm(jurisdiction_id=conference.jurisdiction_id),
        "agreement_form": AgreementForm(conference=conference),
        "information_form": InformationForm(conference=conference),
        "action_form": ActionForm(conference=conference),
        "decision_form": DecisionForm(),
        "pack_form": PackForm(conference=conference),
    }
    context.update(forms)
    context["failed_form"] = next(iter(forms.values()), None)
    return render(request, "coordination/conference_detail.html", context, status=status)


@scoped_object("coordination.CaseConference")
@require_GET
def conference_detail(request: ActorRequest, pk: str) -> HttpResponse:
    conference = _conference_or_404(request, pk)
    _consulted(request, conference.person_id, "conference.view", conference)
    return _conference_page(request, conference)


def _write(request: ActorRequest, pk: str) -> CaseConference:
    conference = _conference_or_404(request, pk)
    if not conference_policy.allows(request.actor, "write", conference):
        raise PermissionDenied("conference.write")
    return conference


def _post_form(
    request: ActorRequest,
    pk: str,
    *,
    form_name: str,
    form: Any,
    save: Any,
    done: str,
) -> HttpResponse:
    conference = _write(request, pk)
    bound = form(conference)
    if bound.is_valid():
        try:
            save(conference, bound.cleaned_data)
        except CoordinationError as error:
            bound.add_error(None, str(error))
        else:
            messages.success(request, done)
            return redirect("coordination:conference-detail", pk=conference.pk)
    return _conference_page(request, conference, status=400, **{form_name: bound})


@scoped_object("coordination.CaseConference")
@require_POST
def conference_attendee(request: ActorRequest, pk: str) -> HttpResponse:
    return _post_form(
        request,
        pk,
        form_name="attendee_form",
        form=lambda c: AttendeeForm(request.POST, jurisdiction_id=c.jurisdiction_id),
        save=lambda c, data: conferences.conference_attendee_add(
            actor=request.actor, conference=c, **data
        ),
        done=_("The attendee has been added."),
    )


@scoped_object("coordination.CaseConference")
@require_POST
def conference_agreement(request: ActorRequest, pk: str) -> HttpResponse:
    return _post_form(
        request,
        pk,
        form_name="agreement_form",
        form=lambda c: AgreementForm(request.POST, conference=c),
        save=lambda c, data: conferences.conference_attendee_agree(
            actor=request.actor, conference=c, **data
        ),
        done=_("The attendee's agreement to the confidentiality statement has been recorded."),
    )


@scoped_object("coordination.CaseConference")
@require_POST
def conference_information(request: ActorRequest, pk: str) -> HttpResponse:
    return _post_form(
        request,
        pk,
        form_name="information_form",
        form=lambda c: InformationForm(request.POST, conference=c),
        save=lambda c, data: conferences.conference_information_add(
            actor=request.actor, conference=c, **data
        ),
        done=_("The information has been recorded."),
    )


@scoped_object("coordination.CaseConference")
@require_POST
def conference_action(request: ActorRequest, pk: str) -> HttpResponse:
    return _post_form(
        request,
        pk,
        form_name="action_form",
        form=lambda c: ActionForm(request.POST, conference=c),
        save=lambda c, data: conferences.conference_action_add(
            actor=request.actor, conference=c, **data
        ),
        done=_("The action has been added to the plan."),
    )


@scoped_object("coordination.ConferenceAction")
@require_http_methods(["GET", "POST"])
def conference_action_status(request: ActorRequest, pk: str) -> HttpResponse:
    """Asks what became of an open action, and why, before closing it: done or dropped."""
    action = get_visible_or_404(
        conference_actions_visible_to(request.actor), actor=request.actor, pk=pk
    )
    if not action.is_open:
        messages.error(
            request,
            _("This action is already %(status)s: it cannot change again.")
            % {"status": action.get_status_display().lower()},
        )
        return redirect("coordination:conference-detail", pk=action.conference_id)
    conference_action_policy.require(request.actor, "change_status", action)
    form = ActionStatusForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            action = conferences.conference_action_status_change(
                actor=request.actor, action=action, **form.cleaned_data
            )
        except CoordinationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("The action is closed: %(status)s.")
                % {"status": action.get_status_display().lower()},
            )
            return redirect("coordination:conference-detail", pk=action.conference_id)
    _consulted(request, action.conference.person_id, "conference.action_view", action)
    return render(
        request,
        "coordination/conference_action_status.html",
        {"action": action, "form": form},
        status=400 if form.errors else 200,
    )


@scoped_object("coordination.CaseConference")
@require_POST
def conference_decision(request: ActorRequest, pk: str) -> HttpResponse:
    return _post_form(
        request,
        pk,
        form_name="decision_form",
        form=lambda c: DecisionForm(request.POST),
        save=lambda c, data: conferences.conference_decision_add(
            actor=request.actor, conference=c, **data
        ),
        done=_("The decision has been recorded."),
    )


@scoped_object("coordination.CaseConference")
@require_POST
def conference_pack(request: ActorRequest, pk: str) -> HttpResponse:
    return _post_form(
        request,
        pk,
        form_name="pack_form",
        form=lambda c: PackForm(request.POST, conference=c),
        save=lambda c, data: conferences.conference_pack_issue(
            actor=request.actor, conference=c, **data
        ),
        done=_("The pack has been issued and entered in the disclosure register."),
    )


@require_GET
def pack_list(request: ActorRequest) -> HttpResponse:
    """The agenda packs addressed to the partner's organisation, or issued by the staff member's."""
    conference_pack_policy.require(request.actor, "view")
    packs = list(packs_visible_to(request.actor).order_by("-issued_at", "-id")[:LIST_LIMIT])
    if packs:
        record(
            actor=request.actor,
            category=Category.CONSULTATION,
            action="conference.pack_list",
            subjects=[p.conference.person_id for p in packs],
        )
    return render(request, "coordination/pack_list.html", {"packs": packs})


@scoped_object("coordination.ConferencePack")
@require_GET
def pack_download(request: ActorRequest, pk: str) -> HttpResponse:
    pack = get_visible_or_404(packs_visible_to(request.actor), actor=request.actor, pk=pk)
    _consulted(request, pack.conference.person_id, "conference.pack_download", pack)
    response = HttpResponse(pack_pdf(pack), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="conference-pack-{pack.conference.held_on:%Y-%m-%d}.pdf"'
    )
    return response
