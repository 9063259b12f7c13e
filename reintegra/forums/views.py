from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from reintegra.audit.access import get_visible_or_404
from reintegra.audit.models import Category
from reintegra.audit.services import record
from reintegra.core.http import ActorRequest
from reintegra.core.scoping import scoped_object
from reintegra.forums.forms import (
    ActionCloseForm,
    ActionPointForm,
    AttendanceForm,
    DecisionForm,
    DocumentForm,
    ForumEditForm,
    ForumForm,
    IndividualMeetingForm,
    MeetingForm,
    MinutesForm,
)
from reintegra.forums.models import AttendanceStatus, Forum, Meeting
from reintegra.forums.permissions import (
    action_policy,
    document_policy,
    forum_policy,
    meeting_policy,
)
from reintegra.forums.selectors import (
    actions_visible_to,
    documents_visible_to,
    forum_list,
    forum_page,
    forums_visible_to,
    meeting_page,
    meeting_register,
    meetings_visible_to,
    owner_memberships_for,
)
from reintegra.forums.services import (
    ForumError,
    StaleMinutesError,
    action_point_close,
    action_point_create,
    attendance_save,
    decision_add,
    document_upload,
    forum_create,
    forum_update,
    meeting_create,
    minutes_save,
)
from reintegra.people.permissions import person_policy


def forum_or_404(request: ActorRequest, pk: str) -> Forum:
    forum_policy.require(request.actor, "view")
    return get_visible_or_404(forums_visible_to(request.actor), actor=request.actor, pk=pk)


def _meeting_or_404(request: ActorRequest, pk: str) -> Meeting:
    meeting_policy.require(request.actor, "view")
    return get_visible_or_404(meetings_visible_to(request.actor), actor=request.actor, pk=pk)


def form_status(form: Any) -> int:
    return 400 if form.errors else 200


# --- Forums --------------------------------------------------------------------------------------


@require_GET
def forum_index(request: ActorRequest) -> HttpResponse:
    forum_policy.require(request.actor, "view")
    today = timezone.localdate()
    return render(
        request,
        "forums/forum_list.html",
        {
            "forums": list(forum_list(request.actor, today)[:200]),
            "can_manage": forum_policy.allows(request.actor, "manage"),
            "can_see_statistics": forum_policy.allows(request.actor, "statistics"),
        },
    )


@require_http_methods(["GET", "POST"])
def forum_new(request: ActorRequest) -> HttpResponse:
    forum_policy.require(request.actor, "manage")
    form = ForumForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            forum = forum_create(actor=request.actor, **form.cleaned_data)
        except ForumError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The forum has been set up. Add its members."))
            return redirect("forums:forum-detail", pk=forum.pk)
    return render(request, "forums/forum_form.html", {"form": form}, status=form_status(form))


@scoped_object("forums.Forum")
@require_GET
def forum_detail(request: ActorRequest, pk: str) -> HttpResponse:
    forum = forum_or_404(request, pk)
    page = forum_page(forum, timezone.localdate())
    return render(
        request,
        "forums/forum_detail.html",
        {
            "forum": forum,
            "page": page,
            "today": timezone.localdate(),
            "can_manage": forum_policy.allows(request.actor, "manage"),
            "can_see_statistics": forum_policy.allows(request.actor, "statistics"),
        },
    )


@scoped_object("forums.Forum")
@require_http_methods(["GET", "POST"])
def forum_edit(request: ActorRequest, pk: str) -> HttpResponse:
    forum = forum_or_404(request, pk)
    forum_policy.require(request.actor, "manage")
    form = ForumEditForm(
        request.POST or None,
        initial={
            "name": forum.name,
            "area_kind": forum.area_kind,
            "area": forum.area,
            "terms_of_reference": forum.terms_of_reference,
            "is_active": forum.is_active,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            forum_update(actor=request.actor, forum=forum, **form.cleaned_data)
        except ForumError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The forum's details have been saved."))
            return redirect("forums:forum-detail", pk=forum.pk)
    return render(
        request, "forums/forum_form.html", {"form": form, "forum": forum}, status=form_status(form)
    )


# --- Meetings ------------------------------------------------------------------------------------


@scoped_object("forums.Forum")
@require_http_methods(["GET", "POST"])
def meeting_new(request: ActorRequest, pk: str) -> HttpResponse:
    forum = forum_or_404(request, pk)
    meeting_policy.require(request.actor, "record")
    about_individual = request.GET.get("about") == "individual"
    form_class = IndividualMeetingForm if about_individual else MeetingForm
    form = form_class(request.POST or None, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        person = None
        reference = values.pop("person_reference", "")
        if about_individual:
            person = person_policy.visible_to(request.actor).filter(reference=reference).first()
            if person is None:
                form.add_error("person_reference", _("No person you may see has this reference."))
        if not form.errors:
            try:
                meeting = meeting_create(
                    actor=request.actor,
                    forum=forum,
                    discusses_individual=about_individual,
                    person=person,
                    **values,
                )
            except ForumError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The meeting has been planned."))
                return redirect("forums:meeting-detail", pk=meeting.pk)
    return render(
        request,
        "forums/meeting_form.html",
        {"form": form, "forum": forum, "about_individual": about_individual},
        status=form_status(form),
    )


def _meeting_context(request: ActorRequest, meeting: Meeting, **extra: Any) -> dict:
    actor = request.actor
    readable = meeting_policy.reads_record(actor, meeting)
    page = meeting_page(meeting) if readable else None
    if readable and meeting.person_id:
        record(
            actor=actor,
            category=Category.CONSULTATION,
            action="forum.meeting_view",
            subjects=[meeting.person_id],
            obj=meeting,
        )
    can_record = meeting_policy.allows(actor, "record") and readable
    today = timezone.localdate()
    context = {
        "meeting": meeting,
        "forum": meeting.forum,
        "readable": readable,
        "page": page,
        "today": today,
        "can_record": can_record,
        "statuses": AttendanceStatus.choices,
        "attendance_form": AttendanceForm(register=page.register) if page and can_record else None,
        "minutes_form": MinutesForm(
            initial={
                "text": page.current_text,
                "version": page.minutes.version if page.minutes else 0,
            }
        )
        if page and can_record
        else None,
        "decision_form": DecisionForm() if can_record else None,
        "action_form": ActionPointForm(owners=owner_memberships_for(meeting.forum))
        if can_record
        else None,
        "user_id": actor.user_id,
    }
    context.update(extra)
    return context


@scoped_object("forums.Meeting")
@require_GET
def meeting_detail(request: ActorRequest, pk: str) -> HttpResponse:
    meeting = _meeting_or_404(request, pk)
    return render(request, "forums/meeting_detail.html", _meeting_context(request, meeting))


def _record_or_refuse(request: ActorRequest, meeting: Meeting) -> None:
    meeting_policy.require(request.actor, "record")
    if not meeting_policy.reads_record(request.actor, meeting):
        raise PermissionDenied("forums.meeting_record")


@scoped_object("forums.Meeting")
@require_POST
def attendance_view(request: ActorRequest, pk: str) -> HttpResponse:
    meeting = _meeting_or_404(request, pk)
    _record_or_refuse(request, meeting)
    form = AttendanceForm(request.POST, register=meeting_register(meeting))
    if form.is_valid():
        try:
            count = attendance_save(
                actor=request.actor,
                meeting=meeting,
                statuses=form.statuses(),
                today=timezone.localdate(),
            )
        except ForumError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("Attendance has been recorded (%(count)s).") % {"count": count}
            )
    else:
        messages.error(request, _("Mark each representative present, absent or excused."))
    return redirect("forums:meeting-detail", pk=meeting.pk)


@scoped_object("forums.Meeting")
@require_http_methods(["GET", "POST"])
def minutes_edit(request: ActorRequest, pk: str) -> HttpResponse:
    meeting = _meeting_or_404(request, pk)
    _record_or_refuse(request, meeting)
    page = meeting_page(meeting)
    form = MinutesForm(
        request.POST or None,
        initial={
            "text": page.current_text,
            "version": page.minutes.version if page.minutes else 0,
        },
    )
    stale = None
    if request.method == "POST" and form.is_valid():
        try:
            revision = minutes_save(
                actor=request.actor,
                meeting=meeting,
                text=form.cleaned_data["text"],
                version=form.cleaned_data["version"],
            )
        except StaleMinutesError as error:
            # The user's text stays in the form; the version moves on so that saving again,
            # after reading the latest revision, is a deliberate step.
            stale = meeting_page(meeting)
            data = request.POST.copy()
            data["version"] = str(error.current_version)
            form = MinutesForm(data)
            form.is_valid()
            form.add_error(None, str(error))
        except ForumError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("The minutes have been saved as revision %(number)s.")
                % {"number": revision.number},
            )
            return redirect("forums:meeting-detail", pk=meeting.pk)
    return render(
        request,
        "forums/minutes_form.html",
        {
            "form": form,
            "meeting": meeting,
            "forum": meeting.forum,
            "page": stale or page,
            "stale": stale is not None,
        },
        status=409 if stale else form_status(form),
    )


@scoped_object("forums.Meeting")
@require_POST
def decision_new(request: ActorRequest, pk: str) -> HttpResponse:
    meeting = _meeting_or_404(request, pk)
    _record_or_refuse(request, meeting)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            decision_add(actor=request.actor, meeting=meeting, text=form.cleaned_data["text"])
        except ForumError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The decision has been recorded."))
            return redirect("forums:meeting-detail", pk=meeting.pk)
    return render(
        request,
        "forums/meeting_detail.html",
        _meeting_context(request, meeting, decision_form=form),
        status=400,
    )


@scoped_object("forums.Meeting")
@require_http_methods(["GET", "POST"])
def action_new(request: ActorRequest, pk: str) -> HttpResponse:
    meeting = _meeting_or_404(request, pk)
    _record_or_refuse(request, meeting)
    form = ActionPointForm(request.POST or None, owners=owner_memberships_for(meeting.forum))
    if request.method == "POST" and form.is_valid():
        membership = form.cleaned_data["owner"]
        try:
            action_point_create(
                actor=request.actor,
                meeting=meeting,
                text=form.cleaned_data["text"],
                owner=membership.user if membership else None,
                due_on=form.cleaned_data["due_on"],
                today=timezone.localdate(),
            )
        except ForumError as error:
            form.add_error("owner" if membership is None else None, str(error))
        else:
            messages.success(
                request, _("The action point has been recorded and is in its owner's work.")
            )
            return redirect("forums:meeting-detail", pk=meeting.pk)
    return render(
        request,
        "forums/action_form.html",
        {"form": form, "meeting": meeting, "forum": meeting.forum},
        status=form_status(form),
    )


@scoped_object("forums.ActionPoint")
@require_POST
def action_close(request: ActorRequest, pk: str) -> HttpResponse:
    action_policy.require(request.actor, "view")
    action = get_visible_or_404(actions_visible_to(request.actor), actor=request.actor, pk=pk)
    action_policy.require(request.actor, "complete", action)
    form = ActionCloseForm(request.POST)
    status = form.cleaned_data["status"] if form.is_valid() else "done"
    try:
        action_point_close(
            actor=request.actor, action=action, status=status, today=timezone.localdate()
        )
    except ForumError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The action point is closed."))
    return redirect("forums:meeting-detail", pk=action.meeting_id)


# --- Documents -----------------------------------------------------------------------------------


@scoped_object("forums.Forum")
@require_http_methods(["GET", "POST"])
def document_new(request: ActorRequest, pk: str) -> HttpResponse:
    forum = forum_or_404(request, pk)
    document_policy.require(request.actor, "upload")
    meeting = None
    meeting_id = request.GET.get("meeting") or request.POST.get("meeting")
    if meeting_id:
        meeting = get_visible_or_404(
            meetings_visible_to(request.actor).filter(forum=forum),
            actor=request.actor,
            pk=meeting_id,
        )
        _record_or_refuse(request, meeting)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            document_upload(
                actor=request.actor,
                forum=forum,
                meeting=meeting,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
            )
        except ForumError as error:
            form.add_error("file", str(error))
        else:
            messages.success(request, _("The document has been uploaded."))
            if meeting is not None:
                return redirect("forums:meeting-detail", pk=meeting.pk)
            return redirect("forums:forum-detail", pk=forum.pk)
    return render(
        request,
        "forums/document_form.html",
        {"form": form, "forum": forum, "meeting": meeting},
        status=form_status(form),
    )


@scoped_object("forums.ForumDocument")
@require_GET
def document_download(request: ActorRequest, pk: str) -> HttpResponseBase:
    document_policy.require(request.actor, "view")
    document = get_visible_or_404(documents_visible_to(request.actor), actor=request.actor, pk=pk)
    if document.meeting is not None and not meeting_policy.reads_record(
        request.actor, document.meeting
    ):
        raise PermissionDenied("forums.meeting_record")
    if document.meeting is not None and document.meeting.person_id:
        record(
            actor=request.actor,
            category=Category.CONSULTATION,
            action="forum.document_download",
            subjects=[document.meeting.person_id],
            obj=document,
        )
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.filename,
        content_type=document.content_type,
    )
