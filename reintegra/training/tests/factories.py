"""Making certifications for tests: a course that certifies an instrument, and its completion."""

import datetime as dt

from django.utils import timezone

from reintegra.accounts.models import User
from reintegra.instruments.models import Instrument
from reintegra.training.models import Completion, CompletionSource, Course, CourseMode
from reintegra.training.services import participant_for_user


def certifying_course(instrument: Instrument, *, validity_months: int = 24) -> Course:
    course, _ = Course.objects.get_or_create(
        code=f"certify-{instrument.code}",
        defaults={
            "title": f"Using {instrument.code}",
            "mode": CourseMode.CLASSROOM,
            "languages": ["en"],
            "duration_hours": 16,
            "provider": "Test academy",
            "validity_months": validity_months,
        },
    )
    course.instruments.add(instrument)
    return course


def certify(
    user: User, instrument: Instrument, *, completed_on: dt.date | None = None
) -> Completion:
    """The user completed the instrument's course on the day given (today by default)."""
    course = certifying_course(instrument)
    completed_on = completed_on or timezone.localdate()
    return Completion.objects.create(
        participant=participant_for_user(user),
        course=course,
        completed_on=completed_on,
        valid_until=course.valid_until(completed_on),
        source=CompletionSource.EVENT,
        recorded_by=user,
    )
