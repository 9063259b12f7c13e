"""A session's register: record it once for everyone, read it, correct it with a reason."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from reintegra.audit.access import get_visible_or_404
from reintegra.audit.models import Category
from reintegra.audit.services import record
from reintegra.core.http import ActorRequest
from reintegra.core.scoping import scoped_object
from reintegra.programmes.forms import AttendanceCorrectionForm, AttendanceForm, SessionCancelForm
from reintegra.programmes.models import GroupSession, SessionStatus
from reintegra.programmes.permissions import group_policy, session_policy
from reintegra.programmes.selectors import (
    session_attendance,
    session_roster,
    sessions_visible_to,
    visible_person_ids,
)
from reintegra.programmes.services import ProgrammeError
from reintegra.programmes.sessions import (
    AttendanceConflictError,
    AttendanceError,
    attendance_correct,
    attendance_record,
    session_cancel,
)


def _session_or_404(request: ActorRequest, pk: str) -> GroupSession:
    return get_visible_or_404(sessions_visible_to(request.actor), actor=request.actor, pk=pk)


def _page(request: ActorRequest, session: GroupSession, roster, **context) -> HttpResponse:
    status = context.pop("status", 200)
    return render(
        request,
        "programmes/session_attendance.html",
        {
            "session": session,
            "group": session.group,
            "roster": roster,
            "visible": visible_person_ids(request.actor, [e.person_id for e in roster]),
            "is_due": timezone.localtime(session.scheduled_for).date() <= timezone.localdate(),
            **context,
        },
        status=status,
    )


def _register(roster, recorded) -> list:
    return [(enrolment, recorded.get(enrolment.pk)) for enrolment in roster]


def _log_view(request: ActorRequest, session: GroupSession, roster) -> None:
    if roster:
        record(
            actor=request.actor,
            category=Category.CONSULTATION,
            action="programme.session_view",
            subjects=[enrolment.person_id for enrolment in roster],
            obj=session,
        )


@scoped_object("programmes.GroupSession")
@require_http_methods(["GET", "POST"])
def session_attendance_view(request: ActorRequest, pk: str) -> HttpResponse:
    """GET: the register (a form while the session waits for it). POST: record it, once."""
    session = _session_or_404(request, pk)
    actor = request.actor
    can_record = session_policy.allows(actor, "record_attendance", session)
    roster = session_roster(session)
    if request.method == "POST":
        if not can_record:
            raise PermissionDenied("programme.record_attendance")
        form = AttendanceForm(request.POST, roster=roster)
        if form.is_valid():
            try:
                attendance_record(
                    actor=actor, session=session, entries=form.entries(), now=timezone.now()
                )
            except AttendanceError as error:
                form.add_error(None, str(error))
                conflict = isinstance(error, AttendanceConflictError)
                return _page(
                    request,
                    session,
                    roster,
                    form=form,
                    can_record=True,
                    status=409 if conflict else 400,
                )
            messages.success(request, _("Attendance has been recorded."))
            return redirect("programmes:group-detail", pk=session.group_id)
        return _page(request, session, roster, form=form, can_record=True, status=400)
    _log_view(request, session, roster)
    if session.status == SessionStatus.HELD:
        return _page(
            request,
            session,
            roster,
            register=_register(roster, session_attendance(session)),
            can_record=can_record,
            can_read_notes=can_record or group_policy.allows(actor, "read_notes"),
        )
    return _page(
        request,
        session,
        roster,
        form=AttendanceForm(roster=roster) if can_record else None,
        can_record=can_record,
        can_cancel=session_policy.allows(actor, "cancel", session),
    )


@scoped_object("programmes.GroupSession")
@require_http_methods(["GET", "POST"])
def session_attendance_correct(request: ActorRequest, pk: str) -> HttpResponse:
    session = _session_or_404(request, pk)
    if session.status != SessionStatus.HELD:
        messages.info(request, _("Attendance for this session has not been recorded yet."))
        return redirect("programmes:session-attendance", pk=session.pk)
    if not session_policy.allows(request.actor, "record_attendance", session):
        raise PermissionDenied("programme.correct_attendance")
    roster = session_roster(session)
    recorded = session_attendance(session)
    form = AttendanceCorrectionForm(
        request.POST or None, roster=roster, initial=AttendanceForm.initial_from(recorded)
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                changed = attendance_correct(
                    actor=request.actor,
                    session=session,
                    entries=form.entries(),
                    reason=form.cleaned_data["reason"],
                    now=timezone.now(),
                )
            except AttendanceError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    ngettext(
                        "The attendance of %(count)d person has been corrected.",
                        "The attendance of %(count)d people has been corrected.",
                        changed,
                    )
                    % {"count": changed},
                )
                return redirect("programmes:session-attendance", pk=session.pk)
    else:
        _log_view(request, session, roster)
    return _page(
        request, session, roster, form=form, correcting=True, can_record=True, status=status
    )


@scoped_object("programmes.GroupSession")
@require_http_methods(["GET", "POST"])
def session_cancel_view(request: ActorRequest, pk: str) -> HttpResponse:
    session = _session_or_404(request, pk)
    if session.status != SessionStatus.SCHEDULED:
        messages.info(request, _("Only a scheduled session can be cancelled."))
        return redirect("programmes:session-attendance", pk=session.pk)
    session_policy.require(request.actor, "cancel", session)
    form = SessionCancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            session_cancel(actor=request.actor, session=session, reason=form.cleaned_data["reason"])
        except ProgrammeError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The session has been cancelled."))
            return redirect("programmes:group-detail", pk=session.group_id)
    return render(
        request,
        "programmes/session_cancel.html",
        {"form": form, "session": session, "group": session.group},
        status=400 if form.errors else 200,
    )
