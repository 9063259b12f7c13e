"""A group's sessions: scheduling them within the group's dates, cancelling them, and their
registers.

A session's register is recorded once, for everyone on it, in one form: the rows are written in one
statement and the session becomes "held". Recording it a second time (a double click, a colleague
with the same form open) is refused with a message and nothing is overwritten: a register changes
only through `attendance_correct`, which needs a reason and is logged as an alteration that says
what changed.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from reintegra.audit.models import Category
from reintegra.audit.services import record
from reintegra.programmes.models import (
    Attendance,
    AttendanceStatus,
    Enrolment,
    Group,
    GroupSession,
    GroupStatus,
    SessionStatus,
    SessionTemplate,
)
from reintegra.programmes.selectors import session_attendance
from reintegra.programmes.services import ProgrammeError


def _day(value: dt.date) -> str:
    return formats.date_format(value, "j M Y")


# --- Scheduling ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SessionInput:
    scheduled_for: dt.datetime
    template: SessionTemplate | None = None
    title: str = ""
    duration_minutes: int | None = None
    location: str = ""


@transaction.atomic
def session_schedule(*, actor, group: Group, values: SessionInput) -> GroupSession:
    group = Group.objects.select_for_update().get(pk=group.pk)
    if not group.is_open:
        raise ProgrammeError(_("Sessions can be scheduled only for a planned or running group."))
    template = values.template
    if template is not None and template.module.programme_id != group.programme_id:
        raise ProgrammeError(_("Choose a session of this group's programme."), "template")
    title = values.title.strip() or (template.title if template else "")
    if not title:
        raise ProgrammeError(_("Choose a session from the programme or give a title."), "title")
    day = timezone.localtime(values.scheduled_for).date()
    if day < group.start_date:
        raise ProgrammeError(
            _("The session cannot be before the group starts (%(start)s).")
            % {"start": _day(group.start_date)},
            "date",
        )
    if day > group.end_date:
        raise ProgrammeError(
            _("The session cannot be after the group ends (%(end)s).")
            % {"end": _day(group.end_date)},
            "date",
        )
    clash = group.sessions.exclude(status=SessionStatus.CANCELLED).filter(
        scheduled_for=values.scheduled_for
    )
    if clash.exists():
        raise ProgrammeError(_("The group already has a session at that time."), "time")
    session = GroupSession.objects.create(
        group=group,
        session_template=template,
        title=title,
        scheduled_for=values.scheduled_for,
        duration_minutes=values.duration_minutes or (template.duration_minutes if template else 90),
        location=values.location,
    )
    record(
        actor=actor, category=Category.COLLECTION, action="programme.session_schedule", obj=session
    )
    return session


@transaction.atomic
def session_cancel(*, actor, session: GroupSession, reason: str) -> GroupSession:
    session = GroupSession.objects.select_for_update().get(pk=session.pk)
    if session.status != SessionStatus.SCHEDULED:
        raise ProgrammeError(
            _("Only a scheduled session can be cancelled; this one is %(status)s.")
            % {"status": session.get_status_display().lower()}
        )
    if not reason.strip():
        raise ProgrammeError(_("Say why the session is cancelled."), "reason")
    session.status = SessionStatus.CANCELLED
    session.cancellation_reason = reason
    session.save(update_fields=["status", "cancellation_reason", "updated_at"])
    record(
        actor=actor,
        category=Category.ALTERATION,
        action="programme.session_cancel",
        obj=session,
        justification=reason,
    )
    return session


# --- Registers -----------------------------------------------------------------------------------


class AttendanceError(ValueError):
    """A refused register; the message is shown above the form, which keeps what was typed."""


class AttendanceConflictError(AttendanceError):
    """The register was recorded already, by this user a moment ago or by a colleague."""


@dataclass(frozen=True)
class AttendanceEntry:
    enrolment: Enrolment
    status: str
    note: str = ""


def _already_recorded() -> AttendanceConflictError:
    return AttendanceConflictError(
        _(
            "Attendance for this session has already been recorded. To change it, use "
            "“Correct attendance”, which keeps a record of the change."
        )
    )


def _check_entries(session: GroupSession, entries: Sequence[AttendanceEntry]) -> None:
    if not entries:
        raise AttendanceError(_("No one is on this session's register; enrol people first."))
    seen: set[object] = set()
    for entry in entries:
        if entry.enrolment.group_id != session.group_id or entry.enrolment.pk in seen:
            raise AttendanceError(_("The register does not match the group; open it again."))
        if entry.status not in AttendanceStatus.values:
            raise AttendanceError(_("Choose the attendance of everyone on the register."))
        seen.add(entry.enrolment.pk)


def _check_session(session: GroupSession, group: Group, now: dt.datetime) -> None:
    if session.status == SessionStatus.CANCELLED:
        raise AttendanceError(_("This session was cancelled; attendance cannot be recorded."))
    if not group.is_open:
        raise AttendanceError(
            _("The group is %(status)s; its attendance can no longer be changed.")
            % {"status": group.get_status_display().lower()}
        )
    day = timezone.localtime(session.scheduled_for).date()
    if day > timezone.localtime(now).date():
        raise AttendanceError(
            _("Attendance can be recorded from the day of the session (%(date)s).")
            % {"date": formats.date_format(day, "j M Y")}
        )


@transaction.atomic
def attendance_record(
    *, actor, session: GroupSession, entries: Sequence[AttendanceEntry], now: dt.datetime
) -> list[Attendance]:
    # The row lock makes a second submission wait for the first and then see the session held.
    locked = GroupSession.objects.select_for_update().get(pk=session.pk)
    group = session.group
    if locked.status == SessionStatus.HELD:
        raise _already_recorded()
    _check_session(locked, group, now)
    _check_entries(session, entries)
    rows = [
        Attendance(
            session=session,
            enrolment=entry.enrolment,
            status=entry.status,
            note=entry.note,
            recorded_by=actor.user,
        )
        for entry in entries
    ]
    try:
        Attendance.objects.bulk_create(rows)
    except IntegrityError:
        # The lock above makes this unreachable in practice; the constraint is the last word.
        # Leaving the atomic block with the error rolls everything back.
        raise _already_recorded() from None
    GroupSession.objects.filter(pk=session.pk).update(
        status=SessionStatus.HELD,
        attendance_recorded_at=now,
        attendance_recorded_by=actor.user,
        updated_at=now,
    )
    session.status = SessionStatus.HELD
    session.attendance_recorded_at = now
    if group.status == GroupStatus.PLANNED:
        # The first register recorded is the group's start, whatever the plan said.
        Group.objects.filter(pk=group.pk).update(status=GroupStatus.RUNNING, updated_at=now)
        group.status = GroupStatus.RUNNING
    record(
        actor=actor,
        category=Category.COLLECTION,
        action="programme.attendance_record",
        subjects=[entry.enrolment.person_id for entry in entries],
        obj=session,
        details={"people": len(rows)},
    )
    return rows


@transaction.atomic
def attendance_correct(
    *,
    actor,
    session: GroupSession,
    entries: Sequence[AttendanceEntry],
    reason: str,
    now: dt.datetime,
) -> int:
    """Changes a recorded register. Adds rows for people who were missing from it (enrolled with
    an earlier date afterwards); returns how many people's attendance changed."""
    locked = GroupSession.objects.select_for_update().get(pk=session.pk)
    if locked.status != SessionStatus.HELD:
        raise AttendanceError(_("Attendance for this session has not been recorded yet."))
    _check_session(locked, session.group, now)
    _check_entries(session, entries)
    if not reason.strip():
        raise AttendanceError(_("Say why the attendance is corrected."))
    existing = session_attendance(session)
    changed: list[Attendance] = []
    added: list[Attendance] = []
    changes: dict[str, str] = {}
    for entry in entries:
        row = existing.get(entry.enrolment.pk)
        if row is None:
            added.append(
                Attendance(
                    session=session,
                    enrolment=entry.enrolment,
                    status=entry.status,
                    note=entry.note,
                    recorded_by=actor.user,
                )
            )
            changes[str(entry.enrolment.person_id)] = f"-→{entry.status}"
        elif row.status != entry.status or row.note != entry.note:
            # The note's text stays out of the log; that it changed does not.
            note_changed = ", note changed" if row.note != entry.note else ""
            changes[str(entry.enrolment.person_id)] = f"{row.status}→{entry.status}{note_changed}"
            row.status = entry.status
            row.note = entry.note
            row.updated_at = now
            changed.append(row)
    if not changes:
        raise AttendanceError(_("Nothing has changed: the attendance is as recorded."))
    Attendance.objects.bulk_update(changed, ["status", "note", "updated_at"])
    Attendance.objects.bulk_create(added)
    record(
        actor=actor,
        category=Category.ALTERATION,
        action="programme.attendance_correct",
        subjects=list(changes),
        obj=session,
        justification=reason,
        details=changes,
    )
    return len(changes)
