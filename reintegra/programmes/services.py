"""Writes about the catalogue, groups and enrolments; each logged in its transaction.

Sessions and their registers are in sessions.py. Services check what makes a record untrue
(dates out of order, a person held elsewhere, a full group); views check who may act.
"""

import datetime as dt
import uuid
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from reintegra.audit.models import Category
from reintegra.audit.services import record
from reintegra.organisations.models import Facility
from reintegra.people.models import Person
from reintegra.people.selectors import people_visible_to
from reintegra.programmes.models import (
    Attendance,
    Enrolment,
    EnrolmentStatus,
    Group,
    GroupStatus,
    Module,
    Outcome,
    Programme,
    SessionStatus,
    SessionTemplate,
)
from reintegra.programmes.selectors import facilitator_candidates


class ProgrammeError(ValueError):
    """A refused write; the message is shown to the user, next to `field` when it names one."""

    def __init__(self, message: str, field: str | None = None) -> None:
        self.field = field
        super().__init__(message)


def _day(value: dt.date) -> str:
    return formats.date_format(value, "j M Y")


# --- Catalogue -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProgrammeInput:
    code: str
    name: str
    kind: str
    duration_weeks: int
    description: str = ""
    facilitator_requirements: str = ""
    is_active: bool = True


def _programme_code_taken(jurisdiction_id: str, code: str, exclude=None) -> bool:
    programmes = Programme.objects.filter(jurisdiction_id=jurisdiction_id, code=code)
    if exclude is not None:
        programmes = programmes.exclude(pk=exclude.pk)
    return programmes.exists()


@transaction.atomic
def programme_create(*, actor, values: ProgrammeInput) -> Programme:
    if not actor.jurisdiction_code:
        raise ProgrammeError(_("Only staff of a jurisdiction's service can add to its catalogue."))
    if _programme_code_taken(actor.jurisdiction_code, values.code):
        raise ProgrammeError(_("Another programme already uses this code."), field="code")
    programme = Programme.objects.create(jurisdiction_id=actor.jurisdiction_code, **vars(values))
    record(actor=actor, category=Category.COLLECTION, action="programme.create", obj=programme)
    return programme


@transaction.atomic
def programme_update(*, actor, programme: Programme, values: ProgrammeInput) -> Programme:
    if _programme_code_taken(programme.jurisdiction_id, values.code, exclude=programme):
        raise ProgrammeError(_("Another programme already uses this code."), field="code")
    for name, value in vars(values).items():
        setattr(programme, name, value)
    programme.save()
    record(actor=actor, category=Category.ALTERATION, action="programme.update", obj=programme)
    return programme


@transaction.atomic
def module_add(*, actor, programme: Programme, title: str, description: str = "") -> Module:
    # The lock keeps two managers adding at once from taking the same place in the order.
    Programme.objects.select_for_update().filter(pk=programme.pk).first()
    last = programme.modules.aggregate(last=Max("order"))["last"] or 0
    module = Module.objects.create(
        programme=programme, order=last + 1, title=title, description=description
    )
    record(actor=actor, category=Category.COLLECTION, action="programme.module_add", obj=module)
    return module


@transaction.atomic
def session_template_add(
    *, actor, module: Module, title: str, duration_minutes: int, aims: str = ""
) -> SessionTemplate:
    Module.objects.select_for_update().filter(pk=module.pk).first()
    last = module.session_templates.aggregate(last=Max("order"))["last"] or 0
    template = SessionTemplate.objects.create(
        module=module, order=last + 1, title=title, duration_minutes=duration_minutes, aims=aims
    )
    record(
        actor=actor,
        category=Category.COLLECTION,
        action="programme.session_template_add",
        obj=template,
    )
    return template


# --- Groups --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GroupInput:
    name: str
    facility: Facility
    start_date: dt.date
    end_date: dt.date
    capacity: int
    facilitators: tuple = ()


def _check_group(actor, programme: Programme, values: GroupInput) -> None:
    if values.facility.organisation.jurisdiction_id != programme.jurisdiction_id:
        raise ProgrammeError(_("The facility is not in the programme's jurisdiction."), "facility")
    if actor.facility_id and values.facility.pk != actor.facility_id:
        raise ProgrammeError(_("You can set up groups only in your own facility."), "facility")
    if values.end_date < values.start_date:
        raise ProgrammeError(_("The end date must be on or after the start date."), "end_date")
    if values.capacity < 1:
        raise ProgrammeError(_("A group needs at least one place."), "capacity")
    if not values.facilitators:
        raise ProgrammeError(_("Choose at least one facilitator."), "facilitators")
    allowed = set(
        facilitator_candidates([values.facility])
        .filter(pk__in=[user.pk for user in values.facilitators])
        .values_list("pk", flat=True)
    )
    if any(user.pk not in allowed for user in values.facilitators):
        raise ProgrammeError(
            _("Facilitators must be prison staff working at the group's facility."),
            "facilitators",
        )


@transaction.atomic
def group_create(*, actor, programme: Programme, values: GroupInput) -> Group:
    if not programme.is_active:
        raise ProgrammeError(_("This programme is no longer offered; groups cannot be added."))
    _check_group(actor, programme, values)
    group = Group.objects.create(
        programme=programme,
        facility=values.facility,
        name=values.name,
        start_date=values.start_date,
        end_date=values.end_date,
        capacity=values.capacity,
    )
    group.facilitators.set(values.facilitators)
    record(actor=actor, category=Category.COLLECTION, action="programme.group_create", obj=group)
    return group


@transaction.atomic
def group_update(*, actor, group: Group, values: GroupInput) -> Group:
    group = Group.objects.select_for_update().select_related("programme").get(pk=group.pk)
    if not group.is_open:
        raise ProgrammeError(_("A completed or cancelled group can no longer be changed."))
    if values.facility.pk != group.facility_id:
        raise ProgrammeError(_("A group stays in the facility it was set up in."), "facility")
    _check_group(actor, group.programme, values)
    outside = group.sessions.exclude(status=SessionStatus.CANCELLED).exclude(
        scheduled_for__date__gte=values.start_date, scheduled_for__date__lte=values.end_date
    )
    if outside.exists():
        raise ProgrammeError(
            _("Sessions are scheduled outside these dates; move or cancel them first."),
            "end_date",
        )
    enrolled = group.enrolments.filter(status=EnrolmentStatus.ENROLLED).count()
    if values.capacity < enrolled:
        raise ProgrammeError(
            ngettext(
                "%(count)d person is enrolled; the group needs at least that many places.",
                "%(count)d people are enrolled; the group needs at least that many places.",
                enrolled,
            )
            % {"count": enrolled},
            "capacity",
        )
    group.name = values.name
    group.start_date = values.start_date
    group.end_date = values.end_date
    group.capacity = values.capacity
    group.save(update_fields=["name", "start_date", "end_date", "capacity", "updated_at"])
    group.facilitators.set(values.facilitators)
    record(actor=actor, category=Category.ALTERATION, action="programme.group_update", obj=group)
    return group


GROUP_TRANSITIONS: dict[str, tuple[str, ...]] = {
    GroupStatus.RUNNING: (GroupStatus.PLANNED,),
    GroupStatus.COMPLETED: (GroupStatus.RUNNING,),
    GroupStatus.CANCELLED: (GroupStatus.PLANNED, GroupStatus.RUNNING),
}


@transaction.atomic
def group_status_change(
    *, actor, group: Group, status: str, reason: str = "", today: dt.date
) -> Group:
    """Start, close or cancel a group. Closing needs every enrolment ended and every session
    accounted for; cancelling is for a group that never met, and ends what is still open."""
    group = Group.objects.select_for_update().get(pk=group.pk)
    if group.status not in GROUP_TRANSITIONS.get(status, ()):
        raise ProgrammeError(
            _("A %(current)s group cannot be changed this way.")
            % {"current": group.get_status_display().lower()}
        )
    subjects: list[uuid.UUID] = []
    if status == GroupStatus.COMPLETED:
        _refuse_unfinished(group)
    if status == GroupStatus.CANCELLED:
        if not reason.strip():
            raise ProgrammeError(_("Say why the group is cancelled."), "reason")
        if group.sessions.filter(status=SessionStatus.HELD).exists():
            raise ProgrammeError(
                _("Sessions of this group have been held, so it cannot be cancelled; close it.")
            )
        group.sessions.filter(status=SessionStatus.SCHEDULED).update(
            status=SessionStatus.CANCELLED,
            cancellation_reason=reason[:500],
            updated_at=timezone.now(),
        )
        active = list(group.enrolments.filter(status=EnrolmentStatus.ENROLLED))
        for enrolment in active:
            enrolment.status = EnrolmentStatus.WITHDRAWN
            enrolment.outcome = Outcome.NOT_COMPLETED
            enrolment.completion_date = max(today, enrolment.enrolled_on)
        Enrolment.objects.bulk_update(
            active, ["status", "outcome", "completion_date", "updated_at"]
        )
        subjects = [enrolment.person_id for enrolment in active]
    group.status = status
    group.save(update_fields=["status", "updated_at"])
    record(
        actor=actor,
        category=Category.ALTERATION,
        action=f"programme.group_{status}",
        obj=group,
        subjects=subjects,
        justification=reason,
    )
    return group


def _refuse_unfinished(group: Group) -> None:
    enrolled = group.enrolments.filter(status=EnrolmentStatus.ENROLLED).count()
    if enrolled:
        raise ProgrammeError(
            ngettext(
                "Record how each enrolment ended before closing the group: "
                "%(count)d person is still enrolled.",
                "Record how each enrolment ended before closing the group: "
                "%(count)d people are still enrolled.",
                enrolled,
            )
            % {"count": enrolled}
        )
    scheduled = group.sessions.filter(status=SessionStatus.SCHEDULED).count()
    if scheduled:
        raise ProgrammeError(
            ngettext(
                "Record the attendance of, or cancel, the %(count)d session still scheduled.",
                "Record the attendance of, or cancel, the %(count)d sessions still scheduled.",
                scheduled,
            )
            % {"count": scheduled}
        )


# --- Enrolment -----------------------------------------------------------------------------------


@transaction.atomic
def enrolment_create(
    *, actor, group: Group, person: Person, enrolled_on: dt.date, today: dt.date
) -> Enrolment:
    group = Group.objects.select_for_update().select_related("facility").get(pk=group.pk)
    if not group.is_open:
        raise ProgrammeError(
            _("People can be enrolled only in a planned or running group; this one is %(status)s.")
            % {"status": group.get_status_display().lower()}
        )
    if not people_visible_to(actor).filter(pk=person.pk).exists():
        raise ProgrammeError(_("Choose a person from the list."), "person")
    if not person.in_custody or person.current_facility_id != group.facility_id:
        raise ProgrammeError(
            _("%(reference)s is not held in %(facility)s, where the group meets.")
            % {"reference": person.reference, "facility": group.facility.name},
            "person",
        )
    if enrolled_on > today:
        raise ProgrammeError(_("The enrolment date cannot be in the future."), "enrolled_on")
    if enrolled_on > group.end_date:
        raise ProgrammeError(
            _("The enrolment date cannot be after the group ends (%(end)s).")
            % {"end": _day(group.end_date)},
            "enrolled_on",
        )
    active = group.enrolments.filter(status=EnrolmentStatus.ENROLLED)
    if active.filter(person=person).exists():
        raise ProgrammeError(
            _("%(reference)s is already enrolled in this group.") % {"reference": person.reference},
            "person",
        )
    if active.count() >= group.capacity:
        raise ProgrammeError(
            ngettext(
                "The group is full: its %(capacity)d place is taken.",
                "The group is full: all %(capacity)d places are taken.",
                group.capacity,
            )
            % {"capacity": group.capacity}
        )
    try:
        enrolment = Enrolment.objects.create(
            group=group, person=person, enrolled_on=enrolled_on, enrolled_by=actor.user
        )
    except IntegrityError:
        raise ProgrammeError(
            _("%(reference)s is already enrolled in this group.") % {"reference": person.reference},
            "person",
        ) from None
    record(
        actor=actor,
        category=Category.COLLECTION,
        action="programme.enrol",
        subjects=[person.pk],
        obj=enrolment,
    )
    return enrolment


ENDINGS = (EnrolmentStatus.COMPLETED, EnrolmentStatus.WITHDRAWN, EnrolmentStatus.EXCLUDED)


@transaction.atomic
def enrolment_end(
    *,
    actor,
    enrolment: Enrolment,
    status: str,
    outcome: str,
    completion_date: dt.date,
    note: str,
    today: dt.date,
) -> Enrolment:
    """Completion, withdrawal or exclusion, with the outcome the facilitators judge."""
    enrolment = Enrolment.objects.select_for_update().select_related("person").get(pk=enrolment.pk)
    if not enrolment.is_active:
        raise ProgrammeError(_("This enrolment has already ended."))
    if status not in ENDINGS:
        raise ProgrammeError(_("Choose how the enrolment ended."), "status")
    if outcome not in Outcome.values:
        raise ProgrammeError(_("Choose the outcome."), "outcome")
    if status != EnrolmentStatus.COMPLETED and outcome == Outcome.COMPLETED:
        raise ProgrammeError(
            _(
                "Someone withdrawn or excluded has not completed the programme; "
                "choose another outcome."
            ),
            "outcome",
        )
    if completion_date > today:
        raise ProgrammeError(_("The end date cannot be in the future."), "completion_date")
    if completion_date < enrolment.enrolled_on:
        raise ProgrammeError(
            _("The end date cannot be before the enrolment (%(date)s).")
            % {"date": _day(enrolment.enrolled_on)},
            "completion_date",
        )
    later = Attendance.objects.filter(
        enrolment=enrolment, session__scheduled_for__date__gt=completion_date
    )
    if later.exists():
        raise ProgrammeError(
            _("Attendance is recorded for this person after that date; choose a later end date."),
            "completion_date",
        )
    enrolment.status = status
    enrolment.outcome = outcome
    enrolment.completion_date = completion_date
    enrolment.outcome_note = note
    enrolment.save(
        update_fields=["status", "outcome", "completion_date", "outcome_note", "updated_at"]
    )
    record(
        actor=actor,
        category=Category.ALTERATION,
        action=f"programme.enrolment_{status}",
        subjects=[enrolment.person_id],
        obj=enrolment,
        details={"outcome": outcome},
    )
    return enrolment
