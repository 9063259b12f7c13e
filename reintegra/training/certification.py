"""Whether a user holds a current certification for an instrument: the gate on SPJ assessments.

A certification is a completion, by the participant linked to the user, of a course that certifies
the instrument, still within the course's validity and with no revoked certificate. The answer says
which course to take when there is none (or when it ran out), so the refusal can name it.
"""

import datetime as dt
import uuid
from dataclasses import dataclass

from django.utils.translation import gettext as _

from reintegra.training.models import Completion, Course


@dataclass(frozen=True)
class CertificationStatus:
    current: Completion | None
    latest: Completion | None
    courses: list[Course]

    @property
    def is_current(self) -> bool:
        return self.current is not None

    @property
    def course_to_take(self) -> Course | None:
        """After an expiry, the refresher (the shortest certifying course); before any
        certification, the full course (the longest)."""
        if not self.courses:
            return None
        by_length = sorted(self.courses, key=lambda c: (c.duration_hours, c.title))
        return by_length[0] if self.latest is not None else by_length[-1]

    def refusal(self, action: str) -> str:
        """Why the action is refused, naming the course that would allow it."""
        course = self.course_to_take
        if self.latest is not None and course is not None and self.latest.valid_until:
            return _(
                "You cannot %(action)s: your certification for this instrument expired on "
                "%(date)s. Take the refresher course “%(course)s” to renew it."
            ) % {
                "action": action,
                "date": self.latest.valid_until.strftime("%d.%m.%Y"),
                "course": course.title,
            }
        if course is not None:
            return _(
                "You cannot %(action)s: this needs a current certification for this instrument. "
                "Take the course “%(course)s” to obtain it."
            ) % {"action": action, "course": course.title}
        return _(
            "You cannot %(action)s: this needs a current certification for this instrument, and "
            "no course certifies it yet. Ask your training manager."
        ) % {"action": action}


def certification_status(
    *, user_id: uuid.UUID | None, instrument_id: uuid.UUID, today: dt.date
) -> CertificationStatus:
    """Two queries: the courses certifying the instrument, then the user's completions of them."""
    courses = list(
        Course.objects.filter(instruments__pk=instrument_id, is_active=True).order_by(
            "trains_trainers", "title"
        )
    )
    if user_id is None or not courses:
        return CertificationStatus(current=None, latest=None, courses=courses)
    completions = list(
        Completion.objects.filter(
            participant__user_id=user_id,
            course__in=courses,
        )
        .exclude(certificate__revoked_at__isnull=False)
        .select_related("course")
        .order_by("-completed_on")
    )
    current = next((c for c in completions if c.is_current(today)), None)
    latest = completions[0] if completions else None
    return CertificationStatus(current=current, latest=latest, courses=courses)
