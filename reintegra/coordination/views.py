from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from reintegra.audit.access import get_visible_or_404
from reintegra.audit.models import Category
from reintegra.audit.services import record
from reintegra.coordination.conference_statistics import (
    ACTION_STATES,
    conference_statistics,
    conference_statistics_table,
)
from reintegra.coordination.forms import MessageForm, ReferralForm, TransitionForm
from reintegra.coordination.models import Disclosure, Referral, ReferralState
from reintegra.coordination.permissions import (
    SENDING_ORGANISATION_TYPES,
    disclosure_policy,
    referral_policy,
    side_of,
)
from reintegra.coordination.selectors import (
    disclosures_visible_to,
    referral_contents,
    referral_inbox,
    referral_statistics,
    referrals_visible_to,
)
from reintegra.coordination.services import (
    CoordinationError,
    disclosure_acknowledge,
    referral_message_send,
    referral_send,
    referral_transition,
)
from reintegra.coordination.transitions import SENDER, transitions_from
from reintegra.core.exports import csv_rows
from reintegra.core.http import ActorRequest
from reintegra.core.roles import Role
from reintegra.core.scoping import scoped_object
from reintegra.organisations.models import Jurisdiction
from reintegra.people.permissions import person_policy

PAGE_SIZE = 50
CHART_WIDTH = 360
STATISTICS_ROLES = frozenset(
    {
        Role.NATIONAL_COORDINATOR,
        Role.MINISTRY_ANALYST,
        Role.FORUM_COORDINATOR,
        Role.DPO,
        Role.REGIONAL_PROGRAMME,
    }
)


def _referral_or_404(request: ActorRequest, pk: str) -> Referral:
    return get_visible_or_404(referrals_visible_to(request.actor), actor=request.actor, pk=pk)


def _consulted(request: ActorRequest, subjects: list, action: str, obj=None) -> None:
    if subjects:
        record(
            actor=request.actor,
            category=Category.CONSULTATION,
            action=action,
            subjects=subjects,
            obj=obj,
        )


# --- Referrals -----------------------------------------------------------------------------------


@require_GET
def referral_list(request: ActorRequest) -> HttpResponse:
    """The partner's inbox of referrals addressed to it; for staff, the referrals they sent."""
    referral_policy.require(request.actor, "view")
    open_only = request.GET.get("show") != "all"
    page = Paginator(referral_inbox(request.actor, open_only=open_only), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    _consulted(request, [r.person_id for r in page.object_list], "referral.list")
    return render(
        request,
        "coordination/referral_list.html",
        {
            "page": page,
            "open_only": open_only,
            "query": "show=all" if not open_only else "",
            "is_partner": request.actor.role == Role.PARTNER_USER,
        },
    )


@scoped_object("people.Person", kwarg="person_pk")
@require_http_methods(["GET", "POST"])
def referral_new(request: ActorRequest, person_pk: str) -> HttpResponse:
    person = get_visible_or_404(
        person_policy.visible_to(request.actor), actor=request.actor, pk=person_pk
    )
    referral_policy.require(request.actor, "send")
    membership = request.actor.membership
    if membership is None or membership.organisation.type_id not in SENDING_ORGANISATION_TYPES:
        raise PermissionDenied("referral.send")
    form = ReferralForm(request.POST or None, jurisdiction_id=person.jurisdiction_id)
    if request.method == "POST" and form.is_valid():
        try:
            referral = referral_send(actor=request.actor, person=person, **form.cleaned_data)
        except CoordinationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("The referral has been sent to %(name)s and entered in the disclosure register.")
                % {"name": referral.to_organisation.name},
            )
            return redirect("coordination:referral-detail", pk=referral.pk)
    return render(
        request,
        "coordination/referral_new.html",
        {"form": form, "person": person},
        status=400 if form.errors else 200,
    )


def _referral_page(
    request: ActorRequest,
    referral: Referral,
    *,
    transition_form: TransitionForm | None = None,
    message_form: MessageForm | None = None,
    status: int = 200,
) -> HttpResponse:
    side = side_of(request.actor, referral)
    steps = transitions_from(referral.state, side) if side else []
    return render(
        request,
        "coordination/referral_detail.html",
        {
            "referral": referral,
            "person": referral.person,
            "disclosure": referral.disclosure,
            "contents": referral_contents(referral),
            "steps": steps,
            "transition_form": transition_form,
            "message_form": message_form or MessageForm(),
            "can_write": side is not None and referral.closed_at is None,
            "is_sender": side == SENDER,
        },
        status=status,
    )


@scoped_object("coordination.Referral")
@require_GET
def referral_detail(request: ActorRequest, pk: str) -> HttpResponse:
    referral = _referral_or_404(request, pk)
    _consulted(request, [referral.person_id], "referral.view", referral)
    return _referral_page(request, referral)


@scoped_object("coordination.Referral")
@require_POST
def referral_step(request: ActorRequest, pk: str) -> HttpResponse:
    referral = _referral_or_404(request, pk)
    referral_policy.require(request.actor, "write", referral)
    form = TransitionForm(request.POST)
    if form.is_valid():
        try:
            referral_transition(
                actor=request.actor,
                referral=referral,
                to_state=form.cleaned_data["to_state"],
                reason=form.cleaned_data["reason"],
            )
        except CoordinationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("The referral is now %(state)s.")
                % {"state": ReferralState(form.cleaned_data["to_state"]).label.lower()},
            )
            return redirect("coordination:referral-detail", pk=referral.pk)
    return _referral_page(request, referral, transition_form=form, status=400)


@scoped_object("coordination.Referral")
@require_POST
def referral_message(request: ActorRequest, pk: str) -> HttpResponse:
    referral = _referral_or_404(request, pk)
    referral_policy.require(request.actor, "write", referral)
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            referral_message_send(
                actor=request.actor, referral=referral, body=form.cleaned_data["body"]
            )
        except CoordinationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your message has been sent."))
            return redirect("coordination:referral-detail", pk=referral.pk)
    return _referral_page(request, referral, message_form=form, status=400)


# --- Disclosures ---------------------------------------------------------------------------------


@require_GET
def disclosure_list(request: ActorRequest) -> HttpResponse:
    disclosure_policy.require(request.actor, "view")
    page = Paginator(
        disclosures_visible_to(request.actor).order_by("-disclosed_at", "-id"), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    _consulted(request, [d.person_id for d in page.object_list], "disclosure.list")
    return render(
        request,
        "coordination/disclosure_list.html",
        {"page": page, "query": "", "is_partner": request.actor.role == Role.PARTNER_USER},
    )


def _disclosure_or_404(request: ActorRequest, pk: str) -> Disclosure:
    return get_visible_or_404(disclosures_visible_to(request.actor), actor=request.actor, pk=pk)


@scoped_object("coordination.Disclosure")
@require_GET
def disclosure_detail(request: ActorRequest, pk: str) -> HttpResponse:
    disclosure = _disclosure_or_404(request, pk)
    _consulted(request, [disclosure.person_id], "disclosure.view", disclosure)
    return render(
        request,
        "coordination/disclosure_detail.html",
        {
            "disclosure": disclosure,
            "can_acknowledge": not disclosure.is_acknowledged
            and disclosure.recipient_organisation_id == request.actor.organisation_id,
        },
    )


@scoped_object("coordination.Disclosure")
@require_POST
def disclosure_acknowledge_view(request: ActorRequest, pk: str) -> HttpResponse:
    disclosure = _disclosure_or_404(request, pk)
    try:
        disclosure_acknowledge(actor=request.actor, disclosure=disclosure)
    except CoordinationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("You have acknowledged receiving this disclosure."))
    return redirect("coordination:disclosure-detail", pk=disclosure.pk)


# --- Statistics ----------------------------------------------------------------------------------


def _statistics_jurisdictions(request: ActorRequest) -> list[str]:
    if request.actor.role not in STATISTICS_ROLES:
        raise PermissionDenied("coordination.statistics")
    if request.actor.role == Role.REGIONAL_PROGRAMME:
        return list(Jurisdiction.objects.order_by("code").values_list("code", flat=True))
    if not request.actor.jurisdiction_code:
        raise PermissionDenied("coordination.statistics")
    return [request.actor.jurisdiction_code]


@require_GET
def statistics(request: ActorRequest) -> HttpResponse:
    figures = referral_statistics(_statistics_jurisdictions(request))
    names = {j.code: j.display_name for j in Jurisdiction.objects.all()}
    peak = max((f.total for f in figures), default=0) or 1
    return render(
        request,
        "coordination/statistics.html",
        {
            "rows": [
                (names.get(f.jurisdiction_id, f.jurisdiction_id), f, f.total * CHART_WIDTH // peak)
                for f in figures
            ],
            "states": ReferralState.choices,
        },
    )


@require_GET
def statistics_csv(request: ActorRequest) -> StreamingHttpResponse:
    figures = referral_statistics(_statistics_jurisdictions(request))
    header = [
        "jurisdiction",
        *ReferralState.values,
        "total",
        "accepted",
        "median_days_to_acceptance",
    ]
    rows = (
        [
            f.jurisdiction_id,
            *(f.by_state[state] for state in ReferralState.values),
            f.total,
            f.accepted,
            "" if f.median_days_to_acceptance is None else f.median_days_to_acceptance,
        ]
        for f in figures
    )
    response = StreamingHttpResponse(csv_rows(header, rows), content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="referrals-by-jurisdiction.csv"'
    return response


@require_GET
def conference_statistics_view(request: ActorRequest) -> HttpResponse:
    figures = conference_statistics(_statistics_jurisdictions(request), today=timezone.localdate())
    names = {j.code: j.display_name for j in Jurisdiction.objects.all()}
    return render(
        request,
        "coordination/conference_statistics.html",
        {
            "rows": [(names.get(f.jurisdiction_id, f.jurisdiction_id), f) for f in figures],
            "action_states": ACTION_STATES,
        },
    )


@require_GET
def conference_statistics_csv(request: ActorRequest) -> StreamingHttpResponse:
    header, rows = conference_statistics_table(
        conference_statistics(_statistics_jurisdictions(request), today=timezone.localdate())
    )
    response = StreamingHttpResponse(csv_rows(header, rows), content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="case-conferences-by-jurisdiction.csv"'
    return response
