"""A fictional regional working group for the demo: participants from several beneficiaries, some
of whom agreed to be named publicly, a recommendation being followed up, and its public page.
Built through the same services staff use; safe to run again."""

import contextlib
import datetime as dt

from django.utils import timezone

from reintegra.accounts.actor import actor_for_user
from reintegra.accounts.models import User
from reintegra.organisations.models import Jurisdiction, Organisation
from reintegra.regional.models import RegionalEvent, RegionalEventKind
from reintegra.regional.services import (
    EventInput,
    RegionalError,
    event_publish,
    event_save,
    outcome_add,
    outcome_follow_up,
    participant_add,
)

TITLE = "Regional working group on the training framework matrix"
PARTICIPANTS = [
    ("AL", "Elira Demiri", "Head of training", True),
    ("RS", "Milica Jovanović", "Training coordinator", True),
    ("ME", "Nikola Vuković", "Probation officer", False),
    ("MK", "Ana Stojanovska", "Prison psychologist", True),
]


def demo_regional_seed() -> int:
    """Returns how many regional events were created (0 when already there)."""
    if RegionalEvent.objects.filter(title=TITLE).exists():
        return 0
    keeper = User.objects.filter(username="regional.team").first()
    if keeper is None:
        return 0
    actor = actor_for_user(keeper)
    codes = [code for code, *_rest in PARTICIPANTS]
    jurisdictions = list(Jurisdiction.objects.filter(code__in=codes))
    starts = timezone.make_aware(
        dt.datetime.combine(timezone.localdate() + dt.timedelta(days=30), dt.time(9, 30))
    )
    event = event_save(
        actor=actor,
        data=EventInput(
            kind=RegionalEventKind.WORKING_GROUP,
            title=TITLE,
            summary=(
                "Training managers of the beneficiaries compare how the regional training "
                "framework matrix is applied and agree on shared refresher periods."
            ),
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=7),
            venue="Skopje",
            attendance_mode="mixed",
            agenda="Opening and purpose\nThe matrix in each beneficiary\nRefresher periods\n"
            "Conclusions and next steps",
            minutes="",
            jurisdictions=jurisdictions,
        ),
    )
    for code, name, function, listed in PARTICIPANTS:
        organisation = (
            Organisation.objects.filter(jurisdiction_id=code, is_active=True)
            .order_by("name")
            .first()
        )
        if organisation is None:
            continue
        try:
            participant_add(
                actor=actor,
                event=event,
                full_name=name,
                organisation=organisation,
                function=function,
                email="",
                listed_publicly=listed,
            )
        except RegionalError:
            continue
    recommendation = outcome_add(
        actor=actor,
        event=event,
        kind="recommendation",
        text="Each beneficiary sets a refresher period of at most 24 months for assessors.",
        responsible="Training managers",
        due_on=timezone.localdate() + dt.timedelta(days=180),
    )
    outcome_follow_up(
        actor=actor, outcome=recommendation, follow_up="in_progress", note="Two have done so."
    )
    with contextlib.suppress(RegionalError):  # no public site yet: it stays unpublished
        event_publish(actor=actor, event=event)
    return 1
