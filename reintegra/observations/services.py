"""Recording dynamic-security observations, each logged in the same transaction."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from reintegra.audit.models import Category
from reintegra.audit.services import record
from reintegra.observations.categories import Concern, behaviour_catalogue
from reintegra.observations.models import Observation, Reliability
from reintegra.observations.permissions import observation_policy
from reintegra.people.models import CustodyEpisode, Person
from reintegra.people.services import person_reassessment_trigger


class ObservationError(ValueError):
    """A request that would record something untrue or incomplete; the message is for the user."""


def asks_for_reassessment(concern: str, reliability: str) -> bool:
    """Which observations bring the person's review forward.

    High-concern behaviour does, however reliable the report: a reassessment only makes a
    professional look again sooner and never changes a judgement by itself. Notable behaviour does
    when the report is confirmed, so that one uncorroborated account of, say, withdrawal does not
    send the team back to the person. Routine behaviour (engagement, family contact) never does.
    """
    if concern == Concern.HIGH:
        return True
    return concern == Concern.NOTABLE and reliability == Reliability.CONFIRMED


@transaction.atomic
def observation_record(
    *,
    actor,
    person: Person,
    observed_at: dt.datetime,
    place: str,
    category_code: str,
    source: str,
    reliability: str,
    narrative: str,
    now: dt.datetime,
) -> Observation:
    if not observation_policy.allows(actor, "record"):
        raise PermissionDenied("record")
    category = behaviour_catalogue().get(category_code)
    if category is None or category.retired:
        raise ObservationError(_("Choose a behaviour from the list."))
    if observed_at > now:
        raise ObservationError(
            _("An observation is recorded after it happens; the time cannot be in the future.")
        )
    if not person.in_custody or person.current_facility_id is None:
        raise ObservationError(_("This person is not in custody, so no observation can be made."))
    episode = CustodyEpisode.objects.filter(person=person, actual_release_date__isnull=True).first()
    if episode is not None and timezone.localdate(observed_at) < episode.admission_date:
        raise ObservationError(
            _("The observation cannot be before the person was admitted (%(date)s).")
            % {"date": episode.admission_date.isoformat()}
        )
    if not place.strip():
        raise ObservationError(_("Say where it happened."))
    if not narrative.strip():
        raise ObservationError(_("Describe what happened."))
    observation = Observation.objects.create(
        person=person,
        facility_id=person.current_facility_id,
        observed_at=observed_at,
        place=place.strip(),
        category_code=category.code,
        concern=category.concern,
        source=source,
        reliability=reliability,
        narrative=narrative.strip(),
        recorded_by_id=actor.user_id,
        triggered_reassessment=asks_for_reassessment(category.concern, reliability),
    )
    record(
        actor=actor,
        category=Category.COLLECTION,
        action="observation.record",
        subjects=[person.pk],
        obj=observation,
        details={"category": category.code, "concern": category.concern},
    )
    if observation.triggered_reassessment:
        person_reassessment_trigger(
            actor=actor,
            person=person,
            # Stored untranslated, shown in each reader's language; the behaviour is on the page.
            reason=gettext_noop("high-concern observation")
            if category.concern == Concern.HIGH
            else gettext_noop("confirmed observation of notable behaviour"),
            today=timezone.localdate(now),
            source=observation,
        )
    return observation


@transaction.atomic
def observation_mark_in_error(
    *, actor, observation: Observation, reason: str, now: dt.datetime
) -> Observation:
    """Keeps the observation, visibly struck out: what was recorded, and why it no longer counts."""
    observation = Observation.objects.select_for_update().get(pk=observation.pk)
    if observation.entered_in_error:
        raise ObservationError(_("This observation is already marked as entered in error."))
    if not observation_policy.allows(actor, "mark_in_error", observation):
        raise PermissionDenied("mark_in_error")
    if not reason.strip():
        raise ObservationError(_("Say why the observation was entered in error."))
    observation.entered_in_error = True
    observation.error_reason = reason.strip()
    observation.error_marked_by_id = actor.user_id
    observation.error_marked_at = now
    observation.save(
        update_fields=[
            "entered_in_error",
            "error_reason",
            "error_marked_by",
            "error_marked_at",
            "updated_at",
        ]
    )
    record(
        actor=actor,
        category=Category.ALTERATION,
        action="observation.entered_in_error",
        subjects=[observation.person_id],
        obj=observation,
    )
    return observation


def observations_consulted(*, actor, person: Person, action: str, obj=None) -> None:
    record(
        actor=actor, category=Category.CONSULTATION, action=action, subjects=[person.pk], obj=obj
    )
