"""Demo supervision: contacts, one of them missed, on the cases the release demo opened. Fictional.

Run after reintegra.release.demo.demo_release_seed(); safe to run again: a case that already has
contacts is left as it is.
"""

import datetime as dt

from django.utils import timezone

from reintegra.accounts.actor import actor_for_user
from reintegra.probation.models import (
    Contact,
    ContactKind,
    ContactStatus,
    SupervisionCase,
    SupervisionStatus,
)
from reintegra.probation.services import condition_add, contact_record, schedule_set

# (days after the start of supervision, kind, status, notes); then one contact planned ahead.
DEMO_CONTACTS = [
    (1, ContactKind.OFFICE, ContactStatus.ATTENDED, "Demo: induction; conditions explained."),
    (8, ContactKind.HOME, ContactStatus.ATTENDED, "Demo: address checked with his brother."),
    (15, ContactKind.OFFICE, ContactStatus.MISSED, "Demo: did not come; phone switched off."),
]
PLANNED_IN_DAYS = 5


def demo_probation_seed() -> int:
    """Returns how many contacts it recorded."""
    today = timezone.localdate()
    recorded = 0
    cases = SupervisionCase.objects.filter(
        person__jurisdiction_id__in=["AL", "RS"], status=SupervisionStatus.ACTIVE
    ).select_related("person", "officer")
    for case in cases:
        if Contact.objects.filter(case=case).exists():
            continue
        actor = actor_for_user(case.officer)
        schedule_set(actor=actor, case=case, frequency_days=7, starts_on=case.start_date)
        condition_add(
            actor=actor,
            case=case,
            text="Demo: report to the probation office every week.",
            start_date=case.start_date,
            end_date=None,
        )
        for day, kind, status, notes in DEMO_CONTACTS:
            date = (
                case.start_date + dt.timedelta(days=day)
                if day >= 0
                else today - dt.timedelta(days=day)
            )
            if status != ContactStatus.PLANNED and date > today:
                continue
            contact_record(
                actor=actor,
                case=case,
                scheduled_for=date,
                kind=kind,
                status=status,
                notes=notes,
                today=today,
            )
            recorded += 1
    return recorded
