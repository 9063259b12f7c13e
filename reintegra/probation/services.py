"""Probation supervision: opening a case, contacts, conditions, compliance, risk reviews, closure.
Every write is atomic and logged in its transaction; a closed case takes no more records."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from reintegra.audit.models import Category
from reintegra.audit.services import record
from reintegra.people.models import AccessScope, DataSubjectCategory, Person
from reintegra.people.services import person_reassessment_trigger
from reintegra.probation.models import (
    ClosureOutcome,
    ComplianceKind,
    ComplianceStep,
    Condition,
    Contact,
    ContactKind,
    ContactSchedule,
    ContactStatus,
    RiskReview,
    SupervisionCase,
    SupervisionOrigin,
    SupervisionStatus,
)
from reintegra.work.services import task_create, tasks_close_for, tasks_close_for_person

FIRST_CONTACT_DAYS = 3
MISSED_CONTACT_RESPONSE_DAYS = 7
REASSESSMENT_WITHIN_DAYS = 30


class SupervisionError(ValueError):
    """A refused step; the message is shown to the user as it is and nothing is written."""


def case_url(case: SupervisionCase) -> str:
    """Stored in English; "My work" shows it in the reader's language."""
    with translation.override("en"):
        return reverse("probation:case-detail", args=[case.pk])


def _locked_active(case: SupervisionCase, refusal: str) -> SupervisionCase:
    case = SupervisionCase.objects.select_for_update().select_related("person").get(pk=case.pk)
    if not case.is_active:
        raise SupervisionError(refusal)
    return case


def _closed_refusal() -> str:
    return _("This supervision case is closed: nothing more can be recorded on it.")


def _refuse_dates(case: SupervisionCase, date: dt.date, today: dt.date, future: str) -> None:
    """`future` is the whole refusal for a date after today, so each language can phrase it."""
    if date > today:
        raise SupervisionError(future)
    if date < case.start_date:
        raise SupervisionError(
            _("The date cannot be before supervision began (%(date)s).")
            % {"date": case.start_date.isoformat()}
        )


# --- Opening a case ------------------------------------------------------------------------------


@transaction.atomic
def supervision_open(
    *,
    actor,
    person: Person,
    origin: str,
    organisation,
    officer,
    start_date: dt.date,
    today: dt.date,
    expected_end_date: dt.date | None = None,
    handover=None,
) -> SupervisionCase:
    if origin not in SupervisionOrigin.values:
        raise SupervisionError(_("Choose where the supervision comes from."))
    if person.in_custody:
        raise SupervisionError(
            _(
                "This person is in custody: supervision after release opens when the release "
                "is recorded."
            )
        )
    if organisation.jurisdiction_id != person.jurisdiction_id:
        raise SupervisionError(_("Supervision stays within the person's jurisdiction."))
    if start_date > today:
        raise SupervisionError(_("Open the case on or after the day supervision starts."))
    if expected_end_date is not None and expected_end_date < start_date:
        raise SupervisionError(_("The expected end cannot be before the start."))
    active = _("This person already has an active supervision case.")
    if SupervisionCase.objects.filter(person=person, status=SupervisionStatus.ACTIVE).exists():
        raise SupervisionError(active)
    try:
        with transaction.atomic():
            case = SupervisionCase.objects.create(
                person=person,
                origin=origin,
                organisation=organisation,
                officer=officer,
                handover=handover,
                start_date=start_date,
                expected_end_date=expected_end_date,
            )
    except IntegrityError:
        raise SupervisionError(active) from None
    # The category of data subject follows the legal situation (LED Art. 6).
    person.data_subject_category = (
        DataSubjectCategory.RELEASED
        if origin == SupervisionOrigin.RELEASE
        else DataSubjectCategory.NON_CUSTODIAL
    )
    person.save(update_fields=["data_subject_category", "updated_at"])
    record(
        actor=actor,
        category=Category.COLLECTION,
        action="supervision.open",
        subjects=[person.pk],
        obj=case,
        details={"origin": origin, "officer": officer.username},
    )
    if handover is not None:
        tasks_close_for(actor=actor, kind="handover_received", source=handover)
    task_create(
        actor=actor,
        kind="supervision_opened",
        title=gettext_noop("Plan the first contact"),
        person=person,
        jurisdiction_id=person.jurisdiction_id,
        organisation_id=organisation.pk,
        assignee=officer,
        due=start_date + dt.timedelta(days=FIRST_CONTACT_DAYS),
        url=case_url(case),
        source=case,
    )
    return case


def supervision_open_on_release(*, actor, person: Person, plan, handover, date: dt.date) -> None:
    """Release listener: a person handed over for supervision starts it on the day of release."""
    if handover is None or AccessScope.SUPERVISION not in handover.scope_list:
        return
    if SupervisionCase.objects.filter(person=person, status=SupervisionStatus.ACTIVE).exists():
        return
    supervision_open(
        actor=actor,
        person=person,
        origin=SupervisionOrigin.RELEASE,
        organisation=handover.probation_organisation,
        officer=handover.probation_officer,
        start_date=date,
        today=date,
        handover=handover,
    )


# --- Contacts ------------------------------------------------------------------------------------


def _missed_contact_task(*, actor, case: SupervisionCase, contact: Contact) -> None:
    task_create(
        actor=actor,
        kind="missed_contact",
        title=gettext_noop("Missed contact: decide the next step"),
        person=case.person,
        jurisdiction_id=case.person.jurisdiction_id,
        organisation_id=case.organisation_id,
        assignee=case.officer,
        due=contact.scheduled_for + dt.timedelta(days=MISSED_CONTACT_RESPONSE_DAYS),
        url=case_url(case),
        source=contact,
    )


@transaction.atomic
def contact_record(
    *,
    actor,
    case: SupervisionCase,
    scheduled_for: dt.date,
    kind: str,
    status: str,
    notes: str,
    today: dt.date,
) -> Contact:
    """A contact planned ahead, or one that has happened (attended) or did not (missed)."""
    case = _locked_active(
        case, _("This supervision case is closed: no contact can be recorded on it.")
    )
    if kind not in ContactKind.values:
        raise SupervisionError(_("Choose the kind of contact."))
    if status not in ContactStatus.values:
        raise SupervisionError(_("Say whether the contact is planned, attended or missed."))
    if scheduled_for < case.start_date:
        raise SupervisionError(
            _("The contact cannot be before supervision began (%(date)s).")
            % {"date": case.start_date.isoformat()}
        )
    if status == ContactStatus.PLANNED and scheduled_for < today:
        raise SupervisionError(
            _(
                "A planned contact must be today or later; for a past contact, record whether "
                "it was attended or missed."
            )
        )
    if status != ContactStatus.PLANNED and scheduled_for > today:
        raise SupervisionError(
            _("Attendance is recorded after the contact; the date cannot be in the future.")
        )
    contact = Contact.objects.create(
        case=case,
        scheduled_for=scheduled_for,
        kind=kind,
        status=status,
        notes=notes.strip(),
        recorded_by_id=actor.user_id,
    )
    record(
        actor=actor,
        category=Category.COLLECTION,
        action=f"supervision.contact_{status}",
        subjects=[case.person_id],
        obj=contact,
    )
    tasks_close_for(actor=actor, kind="supervision_opened", source=case)
    if status == ContactStatus.MISSED:
        _missed_contact_task(actor=actor, case=case, contact=contact)
    return contact


@transaction.atomic
def contact_outcome_record(
    *, actor, contact: Contact, status: str, notes: str, today: dt.date
) -> Contact:
    """Whether a planned contact was attended or missed; notes add to those made when planning."""
    case = _locked_active(
        contact.case, _("This supervision case is closed: no contact can be recorded on it.")
    )
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    if not contact.is_planned:
        raise SupervisionError(_("The outcome of this contact has already been recorded."))
    if status not in (ContactStatus.ATTENDED, ContactStatus.MISSED):
        raise SupervisionError(_("Say whether the person attended or missed the contact."))
    if contact.scheduled_for > today:
        raise SupervisionError(
            _("Attendance is recorded after the contact; this one is planned for %(date)s.")
            % {"date": contact.scheduled_for.isoformat()}
        )
    contact.status = status
    if notes.strip():
        contact.notes = f"{contact.notes}\n\n{notes.strip()}" if contact.notes else notes.strip()
    contact.recorded_by_id = actor.user_id
    contact.save(update_fields=["status", "notes", "recorded_by", "updated_at"])
    record(
        actor=actor,
        category=Category.ALTERATION,
        action=f"supervision.contact_{status}",
        subjects=[case.person_id],
        obj=contact,
    )
    if status == ContactStatus.MISSED:
        _missed_contact_task(actor=actor, case=case, contact=contact)
    return contact


# --- Conditions and schedule ---------------------------------------------------------------------


@transaction.atomic
def condition_add(
    *,
    actor,
    case: SupervisionCase,
    text: str,
    start_date: dt.date,
    end_date: dt.date | None,
) -> Condition:
    case = _locked_active(case, _closed_refusal())
    if not text.strip():
        raise SupervisionError(_("Write the condition."))
    if start_date < case.start_date:
        raise SupervisionError(
            _("A condition cannot start before supervision began (%(date)s).")
            % {"date": case.start_date.isoformat()}
        )
    if end_date is not None and end_date < start_date:
        raise SupervisionError(_("A condition cannot end before it starts."))
    condition = Condition.objects.create(
        case=case,
        text=text.strip(),
        start_date=start_date,
        end_date=end_date,
        recorded_by_id=actor.user_id,
    )
    record(
        actor=actor,
        category=Category.COLLECTION,
        action="supervision.condition_add",
        subjects=[case.person_id],
        obj=condition,
    )
    return condition


@transaction.atomic
def schedule_set(
    *, actor, case: SupervisionCase, frequency_days: int, starts_on: dt.date
) -> ContactSchedule:
    case = _locked_active(case, _closed_refusal())
    if not 1 <= frequency_days <= 365:
        raise SupervisionError(_("Contacts are at least once a year and at most once a day."))
    if starts_on < case.start_date:
        raise SupervisionError(
            _("The schedule cannot start before supervision began (%(date)s).")
            % {"date": case.start_date.isoformat()}
        )
    schedule = ContactSchedule.objects.create(
        case=case, frequency_days=frequency_days, starts_on=starts_on, set_by_id=actor.user_id
    )
    record(
        actor=actor,
        category=Category.ALTERATION,
        action="supervision.schedule_set",
        subjects=[case.person_id],
        obj=schedule,
        details={"frequency_days": frequency_days},
    )
    return schedule


# --- Compliance and risk -------------------------------------------------------------------------


@transaction.atomic
def compliance_step_record(
    *, actor, case: SupervisionCase, date: dt.date, kind: str, note: str, today: dt.date
) -> ComplianceStep:
    case = _locked_active(case, _closed_refusal())
    if kind not in ComplianceKind.values:
        raise SupervisionError(_("Choose the step taken."))
    _refuse_dates(
        case,
        date,
        today,
        _("A compliance step is recorded once taken; the date cannot be in the future."),
    )
    if not note.strip():
        raise SupervisionError(_("Say what was done and why."))
    step = ComplianceStep.objects.create(
        case=case, date=date, kind=kind, note=note.strip(), recorded_by_id=actor.user_id
    )
    record(
        actor=actor,
        category=Category.COLLECTION,
        action=f"supervision.compliance_{kind}",
        subjects=[case.person_id],
        obj=step,
    )
    # The step is the officer's answer to the missed contacts waiting in their work.
    tasks_close_for_person(actor=actor, person=case.person, kinds=["missed_contact"])
    return step


@transaction.atomic
def risk_review_record(
    *,
    actor,
    case: SupervisionCase,
    date: dt.date,
    summary: str,
    concern_raised: bool,
    opens_reassessment: bool,
    today: dt.date,
) -> RiskReview:
    case = _locked_active(case, _closed_refusal())
    _refuse_dates(
        case,
        date,
        today,
        _("A risk review is recorded once held; the date cannot be in the future."),
    )
    if not summary.strip():
        raise SupervisionError(_("Summarise the review."))
    review = RiskReview.objects.create(
        case=case,
        date=date,
        summary=summary.strip(),
        concern_raised=concern_raised,
        opens_reassessment=opens_reassessment,
        reviewed_by_id=actor.user_id,
    )
    record(
        actor=actor,
        category=Category.COLLECTION,
        action="supervision.risk_review",
        subjects=[case.person_id],
        obj=review,
        details={"concern_raised": concern_raised, "opens_reassessment": opens_reassessment},
    )
    if opens_reassessment:
        person = case.person
        reason = gettext_noop("a probation risk review asked for it")
        person_reassessment_trigger(
            actor=actor,
            person=person,
            reason=reason,
            today=today,
            within_days=REASSESSMENT_WITHIN_DAYS,
            source=review,
        )
        if person.current_facility_id is None:
            # Outside custody no prison team receives the task: it goes to the case officer.
            task_create(
                actor=actor,
                kind="reassessment",
                title=gettext_noop("Reassessment"),
                reason=reason,
                person=person,
                jurisdiction_id=person.jurisdiction_id,
                organisation_id=case.organisation_id,
                assignee=case.officer,
                due=today + dt.timedelta(days=REASSESSMENT_WITHIN_DAYS),
                url=case_url(case),
                source=review,
            )
    return review


# --- Closure -------------------------------------------------------------------------------------


@transaction.atomic
def supervision_close(
    *,
    actor,
    case: SupervisionCase,
    closed_on: dt.date,
    outcome: str,
    note: str,
    today: dt.date,
) -> SupervisionCase:
    case = _locked_active(case, _("This supervision case is already closed."))
    if outcome not in ClosureOutcome.values:
        raise SupervisionError(_("Choose the outcome of the supervision."))
    _refuse_dates(
        case,
        closed_on,
        today,
        _("A case is closed when supervision ends; the date cannot be in the future."),
    )
    if outcome == ClosureOutcome.OTHER and not note.strip():
        raise SupervisionError(_("Say how the supervision ended."))
    case.status = SupervisionStatus.CLOSED
    case.closed_on = closed_on
    case.closure_outcome = outcome
    case.closure_note = note.strip()
    case.save(
        update_fields=["status", "closed_on", "closure_outcome", "closure_note", "updated_at"]
    )
    record(
        actor=actor,
        category=Category.ALTERATION,
        action="supervision.close",
        subjects=[case.person_id],
        obj=case,
        details={"outcome": outcome},
    )
    tasks_close_for(actor=actor, kind="supervision_opened", source=case)
    tasks_close_for_person(actor=actor, person=case.person, kinds=["missed_contact"])
    return case
