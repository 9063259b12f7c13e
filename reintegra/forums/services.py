"""Keeping the forums: every write is atomic, refuses bad input with a message shown as it is and
writes nothing then, and logs its processing where personal data is touched (a representative's
contact details, a person discussed)."""

import datetime as dt
from collections.abc import Mapping

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from reintegra.accounts.models import Membership
from reintegra.audit.models import Category
from reintegra.audit.services import record
from reintegra.core import uploads
from reintegra.forums.documents import EXTENSIONS
from reintegra.forums.models import (
    ActionPoint,
    ActionStatus,
    AreaKind,
    Attendance,
    AttendanceStatus,
    Decision,
    Forum,
    ForumDocument,
    ForumMember,
    Meeting,
    Minutes,
    MinutesRevision,
    Representative,
)
from reintegra.forums.selectors import meeting_register, owner_memberships_for
from reintegra.organisations.models import Organisation
from reintegra.people.models import Person
from reintegra.people.permissions import person_policy
from reintegra.work.services import task_create, tasks_close_for

ACTION_TASK_KIND = "forum_action"


class ForumError(ValueError):
    """A refused step; the message is shown to the user as it is and nothing is written."""


class StaleMinutesError(ForumError):
    """Someone saved the minutes since this edit began; the edit is refused, not merged."""

    def __init__(self, message: str, *, current_version: int) -> None:
        super().__init__(message)
        self.current_version = current_version


def meeting_url(meeting: Meeting) -> str:
    """Stored in English; "My work" shows it in the reader's language."""
    with translation.override("en"):
        return reverse("forums:meeting-detail", args=[meeting.pk])


def _subjects(meeting: Meeting) -> list:
    return [meeting.person_id] if meeting.person_id else []


# --- Forums and members --------------------------------------------------------------------------


def _refuse_forum_details(
    *, jurisdiction_id: str, name: str, area_kind: str, area: str, keeping: Forum | None = None
) -> None:
    if area_kind not in AreaKind.values:
        raise ForumError(_("Say whether the forum covers a municipality or a region."))
    if not name.strip() or not area.strip():
        raise ForumError(_("Give the forum a name and the municipality or region it covers."))
    same_name = Forum.objects.filter(jurisdiction_id=jurisdiction_id, name=name.strip())
    if keeping is not None:
        same_name = same_name.exclude(pk=keeping.pk)
    if same_name.exists():
        raise ForumError(_("A forum of this name already exists in your jurisdiction."))


@transaction.atomic
def forum_create(*, actor, name: str, area_kind: str, area: str, terms_of_reference: str) -> Forum:
    if not actor.jurisdiction_code:
        raise ForumError(_("Only staff of a jurisdiction can set up a forum."))
    _refuse_forum_details(
        jurisdiction_id=actor.jurisdiction_code, name=name, area_kind=area_kind, area=area
    )
    forum = Forum.objects.create(
        jurisdiction_id=actor.jurisdiction_code,
        name=name.strip(),
        area_kind=area_kind,
        area=area.strip(),
        terms_of_reference=terms_of_reference.strip(),
    )
    record(actor=actor, category=Category.COLLECTION, action="forum.create", obj=forum)
    return forum


@transaction.atomic
def forum_update(
    *,
    actor,
    forum: Forum,
    name: str,
    area_kind: str,
    area: str,
    terms_of_reference: str,
    is_active: bool,
) -> Forum:
    """Changes what the forum is called, covers and agreed; an inactive forum keeps its record."""
    forum = Forum.objects.select_for_update().get(pk=forum.pk)
    _refuse_forum_details(
        jurisdiction_id=forum.jurisdiction_id,
        name=name,
        area_kind=area_kind,
        area=area,
        keeping=forum,
    )
    changes = {
        "name": name.strip(),
        "area_kind": area_kind,
        "area": area.strip(),
        "terms_of_reference": terms_of_reference.strip(),
        "is_active": is_active,
    }
    changed = sorted(field for field, value in changes.items() if getattr(forum, field) != value)
    if not changed:
        return forum
    for field in changed:
        setattr(forum, field, changes[field])
    try:
        with transaction.atomic():
            forum.save(update_fields=[*changed, "updated_at"])
    except IntegrityError:
        raise ForumError(_("A forum of this name already exists in your jurisdiction.")) from None
    record(
        actor=actor,
        category=Category.ALTERATION,
        action="forum.update",
        obj=forum,
        details={"fields": ",".join(changed)},
    )
    return forum


@transaction.atomic
def member_add(
    *, actor, forum: Forum, organisation: Organisation, joined_on: dt.date
) -> ForumMember:
    if organisation.jurisdiction_id != forum.jurisdiction_id or not organisation.is_active:
        raise ForumError(_("Members are active organisations of the forum's jurisdiction."))
    refusal = _("This organisation is already a member of the forum.")
    if ForumMember.objects.filter(
        forum=forum, organisation=organisation, left_on__isnull=True
    ).exists():
        raise ForumError(refusal)
    try:
        with transaction.atomic():
            member = ForumMember.objects.create(
                forum=forum, organisation=organisation, joined_on=joined_on
            )
    except IntegrityError:
        raise ForumError(refusal) from None
    record(actor=actor, category=Category.COLLECTION, action="forum.member_add", obj=member)
    return member


@transaction.atomic
def member_leave(*, actor, member: ForumMember, left_on: dt.date) -> ForumMember:
    member = ForumMember.objects.select_for_update().get(pk=member.pk)
    if not member.is_current:
        raise ForumError(_("This organisation has already left the forum."))
    if left_on < member.joined_on:
        raise ForumError(_("An organisation cannot leave before it joined."))
    member.left_on = left_on
    member.save(update_fields=["left_on", "updated_at"])
    Representative.objects.filter(member=member, removed_on__isnull=True).update(removed_on=left_on)
    record(actor=actor, category=Category.ALTERATION, action="forum.member_leave", obj=member)
    return member


# --- Representatives -----------------------------------------------------------------------------


@transaction.atomic
def representative_add(
    *,
    actor,
    member: ForumMember,
    full_name: str,
    role: str = "",
    email: str = "",
    phone: str = "",
    user=None,
) -> Representative:
    if not member.is_current:
        raise ForumError(_("This organisation has left the forum: it sends no representatives."))
    if not full_name.strip():
        raise ForumError(_("Give the representative's name."))
    if (
        user is not None
        and not Membership.objects.current()
        .filter(user=user, organisation_id=member.organisation_id)
        .exists()
    ):
        raise ForumError(_("The staff user chosen does not work for this organisation."))
    representative = Representative.objects.create(
        member=member,
        full_name=full_name.strip(),
        role=role.strip(),
        email=email.strip(),
        phone=phone.strip(),
        user=user,
    )
    # A representative's name and contact details are personal data of a professional.
    record(
        actor=actor,
        category=Category.COLLECTION,
        action="forum.representative_add",
        obj=representative,
    )
    return representative


@transaction.atomic
def representative_remove(
    *, actor, representative: Representative, today: dt.date
) -> Representative:
    representative = Representative.objects.select_for_update().get(pk=representative.pk)
    if not representative.is_current:
        raise ForumError(_("This representative has already been removed."))
    representative.removed_on = today
    representative.save(update_fields=["removed_on", "updated_at"])
    record(
        actor=actor,
        category=Category.ALTERATION,
        action="forum.representative_remove",
        obj=representative,
    )
    return representative


# --- Meetings ------------------------------------------------------------------------------------


@transaction.atomic
def meeting_create(
    *,
    actor,
    forum: Forum,
    date: dt.date,
    place: str,
    agenda: str,
    discusses_individual: bool = False,
    person: Person | None = None,
) -> Meeting:
    if not forum.is_active:
        raise ForumError(_("This forum is no longer active: it holds no more meetings."))
    if not place.strip():
        raise ForumError(_("Say where the meeting takes place."))
    if person is not None and not discusses_individual:
        raise ForumError(
            _("A meeting that discusses no individual holds no personal data: name no person.")
        )
    if discusses_individual:
        if person is None:
            raise ForumError(_("Name the person the meeting discusses."))
        if (
            person.jurisdiction_id != forum.jurisdiction_id
            or not person_policy.visible_to(actor).filter(pk=person.pk).exists()
        ):
            raise ForumError(_("You can only name a person whose record you may see."))
    meeting = Meeting.objects.create(
        forum=forum,
        date=date,
        place=place.strip(),
        agenda=agenda.strip(),
        discusses_individual=discusses_individual,
        person=person,
        created_by_id=actor.user_id,
    )
    record(
        actor=actor,
        category=Category.COLLECTION,
        action="forum.meeting_create",
        subjects=_subjects(meeting),
        obj=meeting,
    )
    return meeting


@transaction.atomic
def attendance_save(*, actor, meeting: Meeting, statuses: Mapping[str, str], today: dt.date) -> int:
    """`statuses` maps a representative id to present, absent or excused; the whole register is
    checked before anything is written."""
    if meeting.date > today:
        raise ForumError(_("Attendance is taken on or after the day of the meeting."))
    allowed = {str(row.representative.pk) for row in meeting_register(meeting)}
    unknown = set(statuses) - allowed
    if unknown:
        raise ForumError(_("Attendance can only be recorded for the forum's representatives."))
    if any(status not in AttendanceStatus.values for status in statuses.values()):
        raise ForumError(_("Mark each representative present, absent or excused."))
    if not statuses:
        raise ForumError(_("Mark at least one representative present, absent or excused."))
    for representative_id, status in statuses.items():
        Attendance.objects.update_or_create(
            meeting=meeting, representative_id=representative_id, defaults={"status": status}
        )
    record(
        actor=actor,
        category=Category.COLLECTION,
        action="forum.attendance",
        subjects=_subjects(meeting),
        obj=meeting,
        details={"recorded": len(statuses)},
    )
    return len(statuses)


@transaction.atomic
def minutes_save(*, actor, meeting: Meeting, text: str, version: int) -> MinutesRevision:
    """A new revision of the minutes, if `version` is still the latest one; the earlier
    revisions stay as they were."""
    if not text.strip():
        raise ForumError(_("Write the minutes before saving them."))
    minutes, _created = Minutes.objects.get_or_create(meeting=meeting)
    minutes = Minutes.objects.select_for_update().get(pk=minutes.pk)
    if minutes.version != version:
        raise StaleMinutesError(
            _(
                "Someone else saved these minutes while you were editing them (now revision "
                "%(number)s). Your text has not been saved: it is shown below, beside the "
                "latest revision, so you can combine them and save again."
            )
            % {"number": minutes.version},
            current_version=minutes.version,
        )
    minutes.version += 1
    minutes.save(update_fields=["version", "updated_at"])
    revision = MinutesRevision.objects.create(
        minutes=minutes, number=minutes.version, text=text.strip(), author_id=actor.user_id
    )
    record(
        actor=actor,
        category=Category.ALTERATION if minutes.version > 1 else Category.COLLECTION,
        action="forum.minutes_save",
        subjects=_subjects(meeting),
        obj=revision,
        details={"revision": minutes.version},
    )
    return revision


@transaction.atomic
def decision_add(*, actor, meeting: Meeting, text: str) -> Decision:
    if not text.strip():
        raise ForumError(_("Write the decision."))
    decision = Decision.objects.create(
        meeting=meeting, text=text.strip(), recorded_by_id=actor.user_id
    )
    record(
        actor=actor,
        category=Category.COLLECTION,
        action="forum.decision_add",
        subjects=_subjects(meeting),
        obj=decision,
    )
    return decision


# --- Action points -------------------------------------------------------------------------------


@transaction.atomic
def action_point_create(
    *, actor, meeting: Meeting, text: str, owner, due_on: dt.date | None, today: dt.date
) -> ActionPoint:
    """The action becomes its owner's task in "My work", in the organisation they act for."""
    if owner is None:
        raise ForumError(_("Choose who owns the action point: every action needs an owner."))
    if not text.strip():
        raise ForumError(_("Say what is to be done."))
    if due_on is None:
        raise ForumError(_("Give the date the action is due."))
    if due_on < meeting.date:
        raise ForumError(_("An action cannot be due before the meeting that agreed it."))
    membership = owner_memberships_for(meeting.forum).filter(user=owner).first()
    if membership is None:
        raise ForumError(
            _(
                "The owner must work for a member organisation of this forum or coordinate "
                "forums in its jurisdiction."
            )
        )
    action = ActionPoint.objects.create(
        meeting=meeting,
        text=text.strip()[:300],
        owner=owner,
        owner_organisation_id=membership.organisation_id,
        due_on=due_on,
        created_by_id=actor.user_id,
    )
    record(
        actor=actor,
        category=Category.COLLECTION,
        action="forum.action_create",
        subjects=_subjects(meeting),
        obj=action,
        details={"owner": owner.username},
    )
    task_create(
        actor=actor,
        kind=ACTION_TASK_KIND,
        # About a person, the task names no one: its title is what everybody's work list shows.
        title=action.text
        if not meeting.discusses_individual
        else gettext_noop("Action point from a forum meeting"),
        jurisdiction_id=meeting.forum.jurisdiction_id,
        organisation_id=membership.organisation_id,
        assignee=owner,
        due=due_on,
        url=meeting_url(meeting),
        source=action,
    )
    return action


@transaction.atomic
def action_point_close(
    *, actor, action: ActionPoint, status: str = ActionStatus.DONE, today: dt.date
) -> ActionPoint:
    action = ActionPoint.objects.select_for_update().get(pk=action.pk)
    if not action.is_open:
        raise ForumError(_("This action point is already closed."))
    if status not in (ActionStatus.DONE, ActionStatus.CANCELLED):
        raise ForumError(_("Say whether the action was done or cancelled."))
    action.status = status
    action.completed_on = today
    action.save(update_fields=["status", "completed_on", "updated_at"])
    record(
        actor=actor,
        category=Category.ALTERATION,
        action=f"forum.action_{status}",
        obj=action,
    )
    tasks_close_for(actor=actor, kind=ACTION_TASK_KIND, source=action, status=status)
    return action


# --- Documents -----------------------------------------------------------------------------------


def _document_problem(reason: str, size: int) -> str:
    if reason == uploads.EMPTY:
        return str(_("The file is empty."))
    if reason == uploads.TOO_LARGE:
        return str(
            _("The file is %(size)s MB: documents can be at most 10 MB.")
            % {"size": f"{size / (1024 * 1024):.1f}"}
        )
    return str(
        _(
            "This file is not a PDF, ODT or DOCX document (whatever its name says). "
            "Save it in one of these formats and upload it again."
        )
    )


@transaction.atomic
def document_upload(
    *, actor, forum: Forum, meeting: Meeting | None, title: str, upload: UploadedFile
) -> ForumDocument:
    if meeting is not None and meeting.forum_id != forum.pk:
        raise ForumError(_("The meeting is not one of this forum's."))
    try:
        kind = uploads.document_check(upload, upload.size)
    except uploads.DocumentRefusedError as refused:
        raise ForumError(_document_problem(refused.reason, upload.size or 0)) from None
    content_type = uploads.CONTENT_TYPES[kind]
    size: int = upload.size or 0
    stem = (title.strip() or upload.name or "document").rsplit(".", 1)[0][:150]
    filename = f"{stem}.{EXTENSIONS[content_type]}"
    document = ForumDocument(
        forum=forum,
        meeting=meeting,
        title=title.strip() or stem,
        filename=filename,
        content_type=content_type,
        size=size,
        uploaded_by_id=actor.user_id,
    )
    upload.seek(0)
    document.file.save(
        f"{timezone.now():%Y%m%d}-{document.pk}.{EXTENSIONS[content_type]}", upload, save=False
    )
    document.save()
    record(
        actor=actor,
        category=Category.COLLECTION,
        action="forum.document_upload",
        subjects=_subjects(meeting) if meeting else [],
        obj=document,
        details={"type": EXTENSIONS[content_type], "size": upload.size},
    )
    return document
