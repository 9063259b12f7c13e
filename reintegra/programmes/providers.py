"""The sessions waiting for their register, in the facilitator's "My work"."""

from collections.abc import Iterator

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from reintegra.core.roles import PRISON_STAFF_ROLES
from reintegra.programmes.selectors import sessions_awaiting_attendance
from reintegra.work.registry import WorkItem

SESSION_ATTENDANCE = "session_attendance"
SESSION_ATTENDANCE_LABEL = _("Session attendance to record")
# A facilitator with more open registers than this has a problem no list will solve.
LIMIT = 200


def session_attendance_items(actor) -> Iterator[WorkItem]:
    """Derived, not stored: a session appears once its time has passed and leaves when its
    register is recorded or it is cancelled, so no task can be left open by mistake."""
    if getattr(actor, "user_id", None) is None or getattr(actor, "role", "") not in (
        PRISON_STAFF_ROLES
    ):
        return
    label = str(SESSION_ATTENDANCE_LABEL)
    for session in sessions_awaiting_attendance(actor)[:LIMIT]:
        starts = timezone.localtime(session.scheduled_for)
        yield WorkItem(
            kind=SESSION_ATTENDANCE,
            kind_label=label,
            title=gettext("Record attendance: %(group)s · %(session)s, %(when)s")
            % {
                "group": session.group.name,
                "session": session.title,
                "when": formats.date_format(starts, "j M Y H:i"),
            },
            url=reverse("programmes:session-attendance", args=[session.pk]),
            due=starts.date(),
        )
