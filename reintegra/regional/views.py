from typing import Any

from django.contrib import messages
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from reintegra.audit.access import get_visible_or_404
from reintegra.audit.models import Category
from reintegra.audit.services import record
from reintegra.core.http import ActorRequest
from reintegra.core.scoping import scoped_object
from reintegra.regional import documents
from reintegra.regional.forms import (
    ConsentForm,
    DocumentForm,
    EventForm,
    FollowUpForm,
    OutcomeForm,
    ParticipantForm,
)
from reintegra.regional.ical import event_ical
from reintegra.regional.models import RegionalEvent
from reintegra.regional.permissions import document_policy, event_policy, outcome_policy
from reintegra.regional.selectors import (
    documents_visible_to,
    event_participants,
    events_visible_to,
    outcomes_visible_to,
    participant_organisations,
    public_participants,
)
from reintegra.regional.services import (
    RegionalError,
    document_add,
    event_publish,
    event_save,
    outcome_add,
    outcome_follow_up,
    participant_add,
    participant_consent_set,
)

LIST_SIZE = 100


def _add_problems(form: Any, error: RegionalError) -> None:
    for problem in error.problems:
        form.add_error(None, problem)


def _event_or_404(request: ActorRequest, pk: str) -> RegionalEvent:
    event_policy.require(request.actor, "view")
    return get_visible_or_404(events_visible_to(request.actor), actor=request.actor, pk=pk)


@require_GET
def event_list(request: ActorRequest) -> HttpResponse:
    event_policy.require(request.actor, "view")
    return render(
        request,
        "regional/event_list.html",
        {
            "events": list(events_visible_to(request.actor)[:LIST_SIZE]),
            "can_manage": event_policy.allows(request.actor, "manage"),
        },
    )


@require_http_methods(["GET", "POST"])
def event_new(request: ActorRequest) -> HttpResponse:
    return _event_form(request, None)


@scoped_object("regional.RegionalEvent")
@require_http_methods(["GET", "POST"])
def event_edit(request: ActorRequest, pk: str) -> HttpResponse:
    return _event_form(request, _event_or_404(request, pk))


def _event_form(request: ActorRequest, event: RegionalEvent | None) -> HttpResponse:
    event_policy.require(request.actor, "manage")
    form = EventForm(request.POST or None, initial=EventForm.initial_for(event) if event else None)
    if request.method == "POST" and form.is_valid():
        try:
            event = event_save(actor=request.actor, data=form.values(), event=event)
        except RegionalError as error:
            _add_problems(form, error)
        else:
            messages.success(request, _("The event has been saved."))
            return redirect("regional:event-detail", pk=event.pk)
    return render(
        request,
        "regional/event_form.html",
        {"form": form, "event": event},
        status=400 if form.errors else 200,
    )


@scoped_object("regional.RegionalEvent")
@require_GET
def event_detail(request: ActorRequest, pk: str) -> HttpResponse:
    event = _event_or_404(request, pk)
    participants = event_participants(event)
    record(
        actor=request.actor,
        category=Category.CONSULTATION,
        action="regional.event_view",
        subjects=[p.pk for p in participants],
        obj=event,
    )
    can_manage = event_policy.allows(request.actor, "manage")
    return render(
        request,
        "regional/event_detail.html",
        {
            "event": event,
            "jurisdictions": list(event.jurisdictions.all()),
            "participants": participants,
            "outcomes": list(event.outcomes.all()),
            "documents": list(event.documents.all()),
            "can_manage": can_manage,
            "participant_form": ParticipantForm(organisations=participant_organisations(event))
            if can_manage
            else None,
            "outcome_form": OutcomeForm() if can_manage else None,
            "document_form": DocumentForm() if can_manage else None,
        },
    )


@scoped_object("regional.RegionalEvent")
@require_http_methods(["GET", "POST"])
def participant_new(request: ActorRequest, pk: str) -> HttpResponse:
    event = _event_or_404(request, pk)
    event_policy.require(request.actor, "manage")
    form = ParticipantForm(request.POST or None, organisations=participant_organisations(event))
    if request.method == "POST" and form.is_valid():
        try:
            participant_add(actor=request.actor, event=event, **form.cleaned_data)
        except RegionalError as error:
            _add_problems(form, error)
        else:
            messages.success(request, _("The participant has been added."))
            return redirect("regional:event-detail", pk=event.pk)
    return render(
        request,
        "regional/participant_form.html",
        {"form": form, "event": event},
        status=400 if form.errors else 200,
    )


@scoped_object("regional.RegionalEvent")
@require_POST
def participant_consent(request: ActorRequest, pk: str) -> HttpResponse:
    event = _event_or_404(request, pk)
    event_policy.require(request.actor, "manage")
    form = ConsentForm(request.POST)
    participant = (
        event.participants.filter(pk=form.cleaned_data["participant"]).first()
        if form.is_valid()
        else None
    )
    if participant is None:
        messages.error(request, _("Choose a participant of this event."))
    else:
        participant_consent_set(
            actor=request.actor,
            participant=participant,
            listed=form.cleaned_data["listed_publicly"],
        )
        messages.success(request, _("The participant's consent has been recorded."))
    return redirect("regional:event-detail", pk=event.pk)


@scoped_object("regional.RegionalEvent")
@require_http_methods(["GET", "POST"])
def outcome_new(request: ActorRequest, pk: str) -> HttpResponse:
    event = _event_or_404(request, pk)
    event_policy.require(request.actor, "manage")
    form = OutcomeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            outcome_add(actor=request.actor, event=event, **form.cleaned_data)
        except RegionalError as error:
            _add_problems(form, error)
        else:
            messages.success(request, _("The outcome has been recorded."))
            return redirect("regional:event-detail", pk=event.pk)
    return render(
        request,
        "regional/outcome_form.html",
        {"form": form, "event": event},
        status=400 if form.errors else 200,
    )


@scoped_object("regional.Outcome")
@require_http_methods(["GET", "POST"])
def outcome_follow_up_view(request: ActorRequest, pk: str) -> HttpResponse:
    outcome_policy.require(request.actor, "view")
    outcome = get_visible_or_404(outcomes_visible_to(request.actor), actor=request.actor, pk=pk)
    outcome_policy.require(request.actor, "manage")
    form = FollowUpForm(
        request.POST or None,
        initial={"follow_up": outcome.follow_up, "note": outcome.follow_up_note},
    )
    if request.method == "POST" and form.is_valid():
        try:
            outcome_follow_up(
                actor=request.actor,
                outcome=outcome,
                follow_up=form.cleaned_data["follow_up"],
                note=form.cleaned_data["note"],
            )
        except RegionalError as error:
            _add_problems(form, error)
        else:
            messages.success(request, _("The follow-up has been updated."))
            return redirect("regional:event-detail", pk=outcome.event_id)
    return render(
        request,
        "regional/follow_up_form.html",
        {"form": form, "outcome": outcome, "event": outcome.event},
        status=400 if form.errors else 200,
    )


@scoped_object("regional.RegionalEvent")
@require_http_methods(["GET", "POST"])
def document_new(request: ActorRequest, pk: str) -> HttpResponse:
    event = _event_or_404(request, pk)
    event_policy.require(request.actor, "manage")
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > documents.MAX_BYTES:
            form.add_error("file", _("The file is larger than 10 MB."))
        else:
            try:
                document_add(
                    actor=request.actor,
                    event=event,
                    title=form.cleaned_data["title"],
                    name=upload.name,
                    content=upload.read(),
                )
            except RegionalError as error:
                for problem in error.problems:
                    form.add_error("file", problem)
            else:
                messages.success(request, _("The document has been attached."))
                return redirect("regional:event-detail", pk=event.pk)
    return render(
        request,
        "regional/document_form.html",
        {"form": form, "event": event},
        status=400 if form.errors else 200,
    )


@scoped_object("regional.EventDocument")
@require_GET
def document_download(request: ActorRequest, pk: str) -> FileResponse:
    document_policy.require(request.actor, "view")
    document = get_visible_or_404(documents_visible_to(request.actor), actor=request.actor, pk=pk)
    record(
        actor=request.actor,
        category=Category.CONSULTATION,
        action="regional.document_download",
        obj=document,
    )
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=f"{document.pk}.{document.file_type}",
        content_type=documents.CONTENT_TYPES[document.file_type],
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@scoped_object("regional.RegionalEvent")
@require_GET
def event_ics(request: ActorRequest, pk: str) -> HttpResponse:
    event = _event_or_404(request, pk)
    url = request.build_absolute_uri(reverse("regional:event-detail", args=[event.pk]))
    response = HttpResponse(event_ical(event, url), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}.ics"'
    return response


@scoped_object("regional.RegionalEvent")
@require_http_methods(["GET", "POST"])
def event_publish_view(request: ActorRequest, pk: str) -> HttpResponse:
    """Check first: what the public page will show, and who will be named on it."""
    event = _event_or_404(request, pk)
    event_policy.require(request.actor, "manage")
    problem = ""
    if request.method == "POST":
        try:
            page = event_publish(actor=request.actor, event=event)
        except RegionalError as error:
            problem = "; ".join(error.problems)
        else:
            messages.success(
                request,
                _("The public event page is up to date: %(url)s") % {"url": page.url or ""},
            )
            return redirect("regional:event-detail", pk=event.pk)
    return render(
        request,
        "regional/publish.html",
        {
            "event": event,
            "listed": public_participants(event),
            "unlisted": event.participants.filter(listed_publicly=False).count(),
            "problem": problem,
        },
        status=400 if problem else 200,
    )
