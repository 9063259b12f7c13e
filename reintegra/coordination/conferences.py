"""Case conferences: every write is atomic and logged in its transaction. An agency's agenda pack
is issued only with its disclosure register entry, in the same transaction."""

import datetime as dt
import json
from collections.abc import Iterable

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from reintegra.audit.models import Category
from reintegra.audit.services import record
from reintegra.coordination.models import (
    ActionStatus,
    CaseConference,
    ConferenceAction,
    ConferenceAttendee,
    ConferenceDecision,
    ConferencePack,
    InformationBrought,
    LegalBasis,
)
from reintegra.coordination.permissions import conference_action_policy
from reintegra.coordination.services import CoordinationError, disclosure_record
from reintegra.core.roles import CASEWORK_ROLES, Role
from reintegra.organisations.models import Organisation
from reintegra.people.models import Person
from reintegra.work.models import TaskStatus
from reintegra.work.services import task_create, tasks_close_for

ACTION_TASK_KIND = "conference_action"
# Whoever of the responsible agency is on duty may act on its actions.
ACTION_TASK_ROLES = sorted({*CASEWORK_ROLES, Role.PARTNER_USER})

PLACE_MAX = 200
NAME_MAX = 200


def _require_staff_of(actor, jurisdiction_id: str) -> None:
    if actor.role not in CASEWORK_ROLES or actor.organisation_id is None:
        raise CoordinationError(_("Case conferences are run by prison and probation staff."))
    if actor.jurisdiction_code != jurisdiction_id:
        raise CoordinationError(_("Case conferences stay within the person's jurisdiction."))


def _log(actor, action: str, conference: CaseConference, obj, category=Category.COLLECTION):
    record(actor=actor, category=category, action=action, subjects=[conference.person_id], obj=obj)


def _locked(conference: CaseConference) -> CaseConference:
    return CaseConference.objects.select_for_update().get(pk=conference.pk)


def conference_url(conference: CaseConference) -> str:
    """Stored in English; "My work" shows it in the reader's language."""
    with translation.override("en"):
        return reverse("coordination:conference-detail", args=[conference.pk])


@transaction.atomic
def conference_convene(
    *,
    actor,
    person: Person,
    purpose: str,
    held_on: dt.date | None,
    place: str,
    confidentiality_statement: str,
    review_on: dt.date | None = None,
) -> CaseConference:
    _require_staff_of(actor, person.jurisdiction_id)
    purpose, place = purpose.strip(), place.strip()
    statement = confidentiality_statement.strip()
    if not purpose:
        raise CoordinationError(_("Say what the conference is for."))
    if held_on is None:
        raise CoordinationError(_("Give the date of the conference."))
    if not place:
        raise CoordinationError(_("Say where the conference takes place."))
    if len(place) > PLACE_MAX:
        raise CoordinationError(_("Keep the place to 200 characters."))
    if not statement:
        raise CoordinationError(_("Write the confidentiality statement the attendees agree."))
    if review_on is not None and review_on <= held_on:
        raise CoordinationError(_("The review date must be after the conference."))
    conference = CaseConference.objects.create(
        jurisdiction_id=person.jurisdiction_id,
        person=person,
        convened_by_id=actor.user_id,
        convening_organisation_id=actor.organisation_id,
        purpose=purpose,
        held_on=held_on,
        place=place,
        confidentiality_statement=statement,
        review_on=review_on,
    )
    _log(actor, "conference.convene", conference, conference)
    return conference


@transaction.atomic
def conference_attendee_add(
    *,
    actor,
    conference: CaseConference,
    organisation: Organisation | None,
    representative_name: str,
    agreed: bool = False,
) -> ConferenceAttendee:
    conference = _locked(conference)
    _require_staff_of(actor, conference.jurisdiction_id)
    if organisation is None:
        raise CoordinationError(_("Choose the agency that attends."))
    if organisation.jurisdiction_id != conference.jurisdiction_id or not organisation.is_active:
        raise CoordinationError(
            _("%(name)s is not an organisation of the person's jurisdiction.")
            % {"name": organisation.name}
        )
    name = representative_name.strip()
    if not name:
        raise CoordinationError(_("Name the agency's representative."))
    if len(name) > NAME_MAX:
        raise CoordinationError(_("Keep the representative's name to 200 characters."))
    if ConferenceAttendee.objects.filter(conference=conference, organisation=organisation).exists():
        raise CoordinationError(
            _("%(name)s already attends this conference.") % {"name": organisation.name}
        )
    attendee = ConferenceAttendee.objects.create(
        conference=conference,
        organisation=organisation,
        representative_name=name,
        agreed_confidentiality_at=timezone.now() if agreed else None,
    )
    _log(actor, "conference.attendee_add", conference, attendee)
    return attendee


@transaction.atomic
def conference_attendee_agree(
    *, actor, conference: CaseConference, attendee: ConferenceAttendee | None
) -> ConferenceAttendee:
    conference = _locked(conference)
    _require_staff_of(actor, conference.jurisdiction_id)
    if attendee is None or attendee.conference_id != conference.pk:
        raise CoordinationError(_("Choose an attendee of this conference."))
    if attendee.has_agreed:
        raise CoordinationError(_("This attendee has already agreed the statement."))
    attendee.agreed_confidentiality_at = timezone.now()
    attendee.save(update_fields=["agreed_confidentiality_at", "updated_at"])
    _log(actor, "conference.attendee_agree", conference, attendee, Category.ALTERATION)
    return attendee


@transaction.atomic
def conference_information_add(
    *, actor, conference: CaseConference, attendee: ConferenceAttendee | None, summary: str
) -> InformationBrought:
    conference = _locked(conference)
    _require_staff_of(actor, conference.jurisdiction_id)
    if attendee is None or attendee.conference_id != conference.pk:
        raise CoordinationError(_("Choose the attending agency that brought the information."))
    if not attendee.has_agreed:
        raise CoordinationError(
            _(
                "%(name)s has not agreed the confidentiality statement: record their agreement "
                "before the information they bring."
            )
            % {"name": attendee.organisation.name}
        )
    summary = summary.strip()
    if not summary:
        raise CoordinationError(_("Write a summary of the information brought."))
    information = InformationBrought.objects.create(
        conference=conference, attendee=attendee, summary=summary, recorded_by_id=actor.user_id
    )
    _log(actor, "conference.information_add", conference, information)
    return information


def _attending_organisation_ids(conference: CaseConference) -> set:
    return set(
        ConferenceAttendee.objects.filter(conference=conference).values_list(
            "organisation_id", flat=True
        )
    )


@transaction.atomic
def conference_action_add(
    *,
    actor,
    conference: CaseConference,
    description: str,
    responsible_organisation: Organisation | None,
    deadline: dt.date | None,
    today: dt.date | None = None,
) -> ConferenceAction:
    conference = _locked(conference)
    _require_staff_of(actor, conference.jurisdiction_id)
    today = today or timezone.localdate()
    description = description.strip()
    if not description:
        raise CoordinationError(_("Describe the action."))
    if responsible_organisation is None:
        raise CoordinationError(_("Choose the agency responsible for the action."))
    owners = _attending_organisation_ids(conference) | {conference.convening_organisation_id}
    if responsible_organisation.pk not in owners:
        raise CoordinationError(
            _("%(name)s does not attend this conference: an action goes to an attending agency.")
            % {"name": responsible_organisation.name}
        )
    if deadline is None:
        raise CoordinationError(_("Give the deadline of the action."))
    if deadline < today:
        raise CoordinationError(_("The deadline cannot be in the past."))
    action = ConferenceAction.objects.create(
        conference=conference,
        description=description,
        responsible_organisation=responsible_organisation,
        deadline=deadline,
        status=ActionStatus.OPEN,
    )
    _log(actor, "conference.action_add", conference, action)
    task_create(
        actor=actor,
        kind=ACTION_TASK_KIND,
        # Work lists are read by the whole agency: the task names neither the person nor the
        # action, which only the conference page shows to those who may read it.
        title=gettext_noop("Action from a case conference"),
        jurisdiction_id=conference.jurisdiction_id,
        organisation_id=responsible_organisation.pk,
        roles=ACTION_TASK_ROLES,
        due=deadline,
        url=conference_url(conference),
        source=action,
    )
    return action


CLOSING_STATUSES = (ActionStatus.DONE, ActionStatus.DROPPED)
REASON_MAX = 1000


@transaction.atomic
def conference_action_status_change(
    *, actor, action: ConferenceAction, status: str, reason: str = ""
) -> ConferenceAction:
    """Closes an open action of the plan, done or dropped. Dropping an agreed action needs a
    reason the conference can read; for a done one it is optional."""
    action = (
        ConferenceAction.objects.select_for_update(of=("self",))
        .select_related("conference")
        .get(pk=action.pk)
    )
    if not action.is_open:
        raise CoordinationError(
            _("This action is already %(status)s: it cannot change again.")
            % {"status": action.get_status_display().lower()}
        )
    if not conference_action_policy.allows(actor, "change_status", action):
        raise CoordinationError(
            _(
                "Only the agency responsible for the action or the staff running the conference "
                "can close it."
            )
        )
    if status not in CLOSING_STATUSES:
        raise CoordinationError(_("Say whether the action was done or dropped."))
    reason = reason.strip()
    if status == ActionStatus.DROPPED and not reason:
        raise CoordinationError(_("Say why the action is dropped."))
    if len(reason) > REASON_MAX:
        raise CoordinationError(_("Keep the reason to 1000 characters."))
    action.status = status
    action.closed_at = timezone.now()
    action.closed_by_id = actor.user_id
    action.closed_by_organisation_id = actor.organisation_id
    action.closing_reason = reason
    action.save(
        update_fields=[
            "status",
            "closed_at",
            "closed_by",
            "closed_by_organisation",
            "closing_reason",
            "updated_at",
        ]
    )
    _log(actor, f"conference.action_{status}", action.conference, action, Category.ALTERATION)
    tasks_close_for(
        actor=actor,
        kind=ACTION_TASK_KIND,
        source=action,
        status=TaskStatus.DONE if status == ActionStatus.DONE else TaskStatus.CANCELLED,
    )
    return action


@transaction.atomic
def conference_decision_add(*, actor, conference: CaseConference, text: str) -> ConferenceDecision:
    conference = _locked(conference)
    _require_staff_of(actor, conference.jurisdiction_id)
    text = text.strip()
    if not text:
        raise CoordinationError(_("Write the decision."))
    decision = ConferenceDecision.objects.create(
        conference=conference, text=text, recorded_by_id=actor.user_id
    )
    _log(actor, "conference.decision_add", conference, decision)
    return decision


def pack_actions(pack: ConferencePack) -> list[dict]:
    return json.loads(pack.actions_json) if pack.actions_json else []


@transaction.atomic
def conference_pack_issue(
    *,
    actor,
    conference: CaseConference,
    organisation: Organisation | None,
    summary: str,
    legal_basis: LegalBasis | None,
    data_categories: Iterable[str],
    consent: str,
    consent_note: str = "",
    expires_on: dt.date | None = None,
    today: dt.date | None = None,
) -> ConferencePack:
    """The agenda pack for one attending agency: the purpose, date and confidentiality statement,
    the plan's actions assigned to that agency and the summary written for it, nothing else."""
    conference = _locked(conference)
    _require_staff_of(actor, conference.jurisdiction_id)
    if organisation is None:
        raise CoordinationError(_("Choose the agency the pack is for."))
    attendee = (
        ConferenceAttendee.objects.filter(conference=conference, organisation=organisation)
        .select_related("organisation")
        .first()
    )
    if attendee is None:
        raise CoordinationError(
            _("%(name)s does not attend this conference: a pack goes only to attending agencies.")
            % {"name": organisation.name}
        )
    if not attendee.has_agreed:
        raise CoordinationError(
            _(
                "%(name)s has not agreed the confidentiality statement: record their agreement "
                "before issuing their pack."
            )
            % {"name": organisation.name}
        )
    summary = summary.strip()
    if not summary:
        raise CoordinationError(_("Write the summary the agency will read."))
    actions = [
        {"description": action.description, "deadline": action.deadline.isoformat()}
        for action in ConferenceAction.objects.filter(
            conference=conference, responsible_organisation=organisation
        ).exclude(status=ActionStatus.DROPPED)
    ]
    lines = [
        _("Case conference of %(date)s: %(purpose)s")
        % {"date": conference.held_on.isoformat(), "purpose": conference.purpose},
        summary,
        *(f"- {a['description']} ({a['deadline']})" for a in actions),
    ]
    disclosure = disclosure_record(
        actor=actor,
        person=conference.person,
        legal_basis=legal_basis,
        purpose=_("Case conference agenda pack: %(purpose)s")
        % {"purpose": conference.purpose[:200]},
        recipient_organisation=organisation,
        data_categories=data_categories,
        content="\n".join(lines),
        consent=consent,
        consent_note=consent_note,
        expires_on=expires_on,
        today=today,
    )
    pack = ConferencePack.objects.create(
        conference=conference,
        attendee=attendee,
        recipient_organisation=organisation,
        summary=summary,
        actions_json=json.dumps(actions),
        disclosure=disclosure,
        issued_at=disclosure.disclosed_at,
    )
    disclosure.source_type = pack._meta.label_lower
    disclosure.source_id = str(pack.pk)
    disclosure.save(update_fields=["source_type", "source_id", "updated_at"])
    _log(actor, "conference.pack_issue", conference, pack)
    return pack
