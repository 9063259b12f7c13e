"""Preparing a release: the plan by pathway, its readiness checklist and the pre-release case
conference. Every write is atomic and logged in its transaction."""

import calendar
import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from reintegra.audit.models import Category
from reintegra.audit.services import record
from reintegra.people.models import CustodyEpisode, Person
from reintegra.release.models import (
    CaseConference,
    ConferenceAttendee,
    Handover,
    Participation,
    Pathway,
    PathwayEntry,
    ReadinessItem,
    ReadinessState,
    ReleasePlan,
    ReleasePlanStatus,
)
from reintegra.release.readiness import standard_checklist
from reintegra.work.services import task_create, tasks_close_for

PLAN_TEAM_ROLES = ("specialist",)
HANDOVER_ROLES = ("specialist", "supervisor")


class ReleaseError(ValueError):
    """A refused step; the message is shown to the user as it is and nothing is written."""


class ConflictError(ReleaseError):
    """Someone else saved the same part of the plan after this user opened it."""


def months_after(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def release_plan_months() -> int:
    return settings.RELEASE_PLAN_MONTHS_BEFORE


def handover_months() -> int:
    return settings.HANDOVER_MONTHS_BEFORE


def plan_url(plan: ReleasePlan) -> str:
    """Stored in English; "My work" shows it in the reader's language."""
    with translation.override("en"):
        return reverse("release:plan-detail", args=[plan.pk])


def refuse_if_closed(plan: ReleasePlan) -> None:
    if plan.is_closed:
        raise ReleaseError(_("This release plan is closed: the person has been released."))


# --- Opening a plan ------------------------------------------------------------------------------


@transaction.atomic
def release_plan_open(
    *, actor, person: Person, today: dt.date, owner=None, automatic: bool = False
) -> ReleasePlan:
    """A plan for the person's current custody, with its six pathways and the standard checklist."""
    episode = (
        CustodyEpisode.objects.select_for_update()
        .filter(person=person, actual_release_date__isnull=True)
        .first()
    )
    if episode is None or not person.in_custody:
        raise ReleaseError(_("This person is not in custody, so no release plan can be opened."))
    exists = _("A release plan is already open for this person's current custody.")
    if ReleasePlan.objects.filter(episode=episode).exists():
        raise ReleaseError(exists)
    try:
        with transaction.atomic():
            plan = ReleasePlan.objects.create(
                person=person,
                episode=episode,
                opened_on=today,
                owner=owner,
                opened_by_id=actor.user_id,
            )
    except IntegrityError:
        # The daily command and a member of staff at the same moment: one plan gets through.
        raise ReleaseError(exists) from None
    PathwayEntry.objects.bulk_create(
        [PathwayEntry(plan=plan, pathway=pathway) for pathway in Pathway.values]
    )
    ReadinessItem.objects.bulk_create(
        [
            ReadinessItem(
                plan=plan,
                pathway=item.pathway,
                code=item.code,
                position=position,
                labels=item.labels,
            )
            for position, item in enumerate(standard_checklist())
        ]
    )
    record(
        actor=actor,
        category=Category.COLLECTION,
        action="release_plan.open",
        subjects=[person.pk],
        obj=plan,
        details={"automatic": automatic},
    )
    facility = person.current_facility
    if facility is not None:
        expected = episode.expected_release_date
        due = today + dt.timedelta(days=30)
        task_create(
            actor=actor,
            kind="release_plan_opened",
            title=gettext_noop("Prepare the release plan"),
            reason=gettext_noop("Release is approaching."),
            person=person,
            jurisdiction_id=person.jurisdiction_id,
            organisation_id=facility.organisation_id,
            facility_id=facility.pk,
            roles=PLAN_TEAM_ROLES,
            due=min(due, expected) if expected and expected >= today else due,
            url=plan_url(plan),
            source=plan,
        )
    handover_due_task(actor=actor, plan=plan, today=today)
    return plan


def handover_due_task(*, actor, plan: ReleasePlan, today: dt.date):
    """Asks the facility's team for the handover once release is near and none has been made."""
    expected = plan.episode.expected_release_date
    facility = plan.person.current_facility
    if expected is None or facility is None or plan.is_closed:
        return None
    if expected > months_after(today, handover_months()):
        return None
    if Handover.objects.filter(plan=plan).exists():
        return None
    return task_create(
        actor=actor,
        kind="handover_due",
        title=gettext_noop("Hand over to probation"),
        reason=gettext_noop("Release is approaching."),
        person=plan.person,
        jurisdiction_id=plan.person.jurisdiction_id,
        organisation_id=facility.organisation_id,
        facility_id=facility.pk,
        roles=HANDOVER_ROLES,
        due=min(expected, today + dt.timedelta(days=14)),
        url=plan_url(plan),
        source=plan,
    )


# --- Working the plan ----------------------------------------------------------------------------


@transaction.atomic
def release_plan_set_status(*, actor, plan: ReleasePlan, status: str) -> ReleasePlan:
    plan = ReleasePlan.objects.select_for_update().get(pk=plan.pk)
    refuse_if_closed(plan)
    if status not in (ReleasePlanStatus.OPEN, ReleasePlanStatus.READY):
        raise ReleaseError(_("Choose whether the plan is ready or still in preparation."))
    if status == ReleasePlanStatus.READY:
        pending = ReadinessItem.objects.filter(plan=plan, state=ReadinessState.NOT_DONE).count()
        if pending:
            raise ReleaseError(
                ngettext(
                    "%(count)s checklist item is still not done: mark it done or not "
                    "applicable first.",
                    "%(count)s checklist items are still not done: mark them done or not "
                    "applicable first.",
                    pending,
                )
                % {"count": pending}
            )
    if plan.status == status:
        return plan
    plan.status = status
    plan.save(update_fields=["status", "updated_at"])
    record(
        actor=actor,
        category=Category.ALTERATION,
        action=f"release_plan.{status}",
        subjects=[plan.person_id],
        obj=plan,
    )
    if status == ReleasePlanStatus.READY:
        tasks_close_for(actor=actor, kind="release_plan_opened", source=plan)
    return plan


@dataclass(frozen=True)
class PathwayInput:
    status: str
    needs: str = ""
    actions: str = ""
    notes: str = ""
    responsible_organisation: object | None = None
    responsible_user: object | None = None


@transaction.atomic
def pathway_entry_update(
    *, actor, entry: PathwayEntry, version: int, changes: PathwayInput
) -> PathwayEntry:
    entry = PathwayEntry.objects.select_for_update().select_related("plan__person").get(pk=entry.pk)
    refuse_if_closed(entry.plan)
    if entry.version != version:
        raise ConflictError(
            _(
                "Someone else saved this pathway after you opened it. Your text is below: "
                "compare it with theirs on the plan, then save again."
            )
        )
    organisation = changes.responsible_organisation
    if organisation is not None and (
        getattr(organisation, "jurisdiction_id", None) != entry.plan.person.jurisdiction_id
    ):
        raise ReleaseError(_("Choose an organisation in the person's jurisdiction."))
    entry.status = changes.status
    entry.needs = changes.needs.strip()
    entry.actions = changes.actions.strip()
    entry.notes = changes.notes.strip()
    entry.responsible_organisation = organisation  # type: ignore[assignment]
    entry.responsible_user = changes.responsible_user  # type: ignore[assignment]
    entry.version = F("version") + 1
    entry.save()
    entry.refresh_from_db(fields=["version"])
    record(
        actor=actor,
        category=Category.ALTERATION,
        action="release_plan.pathway_update",
        subjects=[entry.plan.person_id],
        obj=entry,
        details={"pathway": entry.pathway},
    )
    return entry


@transaction.atomic
def readiness_checklist_update(
    *, actor, plan: ReleasePlan, answers: dict[str, tuple[str, str]], today: dt.date
) -> int:
    """`answers` maps an item's id to its state and note; returns how many items changed."""
    plan = ReleasePlan.objects.select_for_update().get(pk=plan.pk)
    refuse_if_closed(plan)
    now = timezone.now()
    changed = []
    for item in ReadinessItem.objects.filter(plan=plan):
        state, note = answers.get(str(item.pk), (item.state, item.note))
        if state not in ReadinessState.values:
            raise ReleaseError(_("Choose done, not done or not applicable for every item."))
        if state == item.state and note.strip() == item.note:
            continue
        if state != item.state:
            item.checked_by_id = actor.user_id if state != ReadinessState.NOT_DONE else None
            item.checked_on = today if state != ReadinessState.NOT_DONE else None
        item.state = state
        item.note = note.strip()
        # bulk_update bypasses save(), so the change time is set here.
        item.updated_at = now
        changed.append(item)
    if changed:
        ReadinessItem.objects.bulk_update(
            changed, ["state", "note", "checked_by", "checked_on", "updated_at"]
        )
        record(
            actor=actor,
            category=Category.ALTERATION,
            action="release_plan.checklist_update",
            subjects=[plan.person_id],
            obj=plan,
            details={"items": ",".join(item.code for item in changed)},
        )
    return len(changed)


# --- Case conference -----------------------------------------------------------------------------


@dataclass(frozen=True)
class AttendeeInput:
    name: str
    organisation: str
    role: str
    agency_type: str


@transaction.atomic
def case_conference_record(
    *,
    actor,
    plan: ReleasePlan,
    held_on: dt.date,
    attendees: list[AttendeeInput],
    participation: str,
    participation_note: str,
    decisions: str,
    next_steps: str,
    today: dt.date,
) -> CaseConference:
    plan = ReleasePlan.objects.select_for_update().select_related("episode").get(pk=plan.pk)
    refuse_if_closed(plan)
    problems = []
    if held_on > today:
        problems.append(
            _("A case conference is recorded after it is held; the date cannot be in the future.")
        )
    if held_on < plan.episode.admission_date:
        problems.append(
            _("The conference cannot be before the person's admission (%(date)s).")
            % {"date": plan.episode.admission_date.isoformat()}
        )
    if not attendees:
        problems.append(_("List at least one person who took part."))
    if participation not in Participation.values:
        problems.append(_("Say how the person took part."))
    if participation == Participation.NOT_INVITED and not participation_note.strip():
        problems.append(_("Say why the person was not invited."))
    if not decisions.strip():
        problems.append(_("Record the decisions of the conference."))
    if problems:
        raise ReleaseError(" ".join(problems))
    conference = CaseConference.objects.create(
        plan=plan,
        held_on=held_on,
        person_participation=participation,
        participation_note=participation_note.strip(),
        decisions=decisions.strip(),
        next_steps=next_steps.strip(),
        recorded_by_id=actor.user_id,
    )
    ConferenceAttendee.objects.bulk_create(
        [
            ConferenceAttendee(
                conference=conference,
                name=attendee.name.strip(),
                organisation=attendee.organisation.strip(),
                role=attendee.role.strip(),
                agency_type=attendee.agency_type,
                position=position,
            )
            for position, attendee in enumerate(attendees)
        ]
    )
    record(
        actor=actor,
        category=Category.COLLECTION,
        action="release_plan.conference_record",
        subjects=[plan.person_id],
        obj=conference,
        details={"attendees": len(attendees)},
    )
    return conference
