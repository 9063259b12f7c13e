"""Every write of regional events: one transaction each, with its processing-log entry.

A refused step raises `RegionalError` with the problems as the user should read them, and nothing
is written.
"""

import datetime as dt
import io
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import slugify
from django.utils.translation import gettext as _

from reintegra.audit.models import Category
from reintegra.audit.services import record
from reintegra.core import uploads
from reintegra.organisations.models import Jurisdiction, Organisation
from reintegra.regional import documents
from reintegra.regional.models import (
    EventDocument,
    EventParticipant,
    FollowUp,
    Outcome,
    RegionalEvent,
)
from reintegra.regional.selectors import public_participants

PUBLIC_RECIPIENT = "public website"


class RegionalError(ValueError):
    def __init__(self, problems: list[str] | str) -> None:
        self.problems = [problems] if isinstance(problems, str) else problems
        super().__init__("; ".join(self.problems))


@dataclass(frozen=True)
class EventInput:
    kind: str
    title: str
    summary: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    venue: str
    attendance_mode: str
    agenda: str
    minutes: str
    jurisdictions: list[Jurisdiction]


def event_save(*, actor, data: EventInput, event: RegionalEvent | None = None) -> RegionalEvent:
    problems = []
    if data.ends_at < data.starts_at:
        problems.append(_("The event cannot end before it starts."))
    if not data.jurisdictions:
        problems.append(_("Choose at least one participating jurisdiction."))
    if problems:
        raise RegionalError(problems)
    with transaction.atomic():
        created = event is None
        if event is None:
            event = RegionalEvent(created_by_id=actor.user_id)
        for field in (
            "kind",
            "title",
            "summary",
            "starts_at",
            "ends_at",
            "venue",
            "attendance_mode",
            "agenda",
            "minutes",
        ):
            setattr(event, field, getattr(data, field))
        event.save()
        event.jurisdictions.set(data.jurisdictions)
        record(
            actor=actor,
            category=Category.COLLECTION if created else Category.ALTERATION,
            action="regional.event_create" if created else "regional.event_update",
            obj=event,
        )
    return event


def participant_add(
    *,
    actor,
    event: RegionalEvent,
    full_name: str,
    organisation: Organisation,
    function: str,
    email: str,
    listed_publicly: bool,
) -> EventParticipant:
    full_name = " ".join(full_name.split())
    if not full_name:
        raise RegionalError(_("Give the participant's name."))
    participating = {j.code for j in event.jurisdictions.all()}
    if organisation.jurisdiction_id and organisation.jurisdiction_id not in participating:
        raise RegionalError(
            _("%(organisation)s is not in a jurisdiction taking part in this event.")
            % {"organisation": organisation.name}
        )
    with transaction.atomic():
        if event.participants.filter(full_name=full_name, organisation=organisation).exists():
            raise RegionalError(
                _("%(name)s of %(organisation)s is already listed.")
                % {"name": full_name, "organisation": organisation.name}
            )
        participant = EventParticipant.objects.create(
            event=event,
            full_name=full_name,
            organisation=organisation,
            function=function.strip(),
            email=email.strip(),
            listed_publicly=listed_publicly,
        )
        record(
            actor=actor,
            category=Category.COLLECTION,
            action="regional.participant_add",
            subjects=[participant.pk],
            obj=event,
            details={"listed_publicly": listed_publicly},
        )
    return participant


def participant_consent_set(*, actor, participant: EventParticipant, listed: bool) -> None:
    with transaction.atomic():
        participant.listed_publicly = listed
        participant.save(update_fields=["listed_publicly", "updated_at"])
        record(
            actor=actor,
            category=Category.ALTERATION,
            action="regional.participant_consent",
            subjects=[participant.pk],
            obj=participant.event,
            details={"listed_publicly": listed},
        )


def outcome_add(
    *,
    actor,
    event: RegionalEvent,
    kind: str,
    text: str,
    responsible: str,
    due_on: dt.date | None,
) -> Outcome:
    if not text.strip():
        raise RegionalError(_("Write the outcome or recommendation."))
    with transaction.atomic():
        outcome = Outcome.objects.create(
            event=event,
            kind=kind,
            text=text.strip(),
            responsible=responsible.strip(),
            due_on=due_on,
        )
        record(actor=actor, category=Category.COLLECTION, action="regional.outcome_add", obj=event)
    return outcome


def outcome_follow_up(*, actor, outcome: Outcome, follow_up: str, note: str) -> Outcome:
    if follow_up not in FollowUp.values:
        raise RegionalError(_("Choose a follow-up status from the list."))
    with transaction.atomic():
        outcome.follow_up = follow_up
        outcome.follow_up_note = note.strip()
        outcome.save(update_fields=["follow_up", "follow_up_note", "updated_at"])
        record(
            actor=actor,
            category=Category.ALTERATION,
            action="regional.outcome_follow_up",
            obj=outcome,
            details={"follow_up": follow_up},
        )
    return outcome


def document_add(
    *, actor, event: RegionalEvent, title: str, name: str, content: bytes
) -> EventDocument:
    """Stores a PDF, ODT or DOCX of at most 10 MB whose bytes match its name."""
    try:
        kind = uploads.document_check(io.BytesIO(content), len(content))
    except uploads.DocumentRefusedError as refused:
        problems = {
            uploads.EMPTY: _("The file is empty."),
            uploads.TOO_LARGE: _("The file is larger than 10 MB."),
        }
        raise RegionalError(
            problems.get(refused.reason, _("Only PDF, ODT and DOCX documents can be attached."))
        ) from None
    if documents.extension(name) != kind:
        raise RegionalError(
            _("The file's name does not match its content: it is a %(kind)s document.")
            % {"kind": kind.upper()}
        )
    with transaction.atomic():
        document = EventDocument(
            event=event,
            title=title.strip() or name,
            file_type=kind,
            size=len(content),
            uploaded_by_id=actor.user_id,
        )
        document.file.save(
            f"{slugify(document.title)[:60] or 'document'}.{kind}", ContentFile(content), save=False
        )
        document.save()
        record(
            actor=actor,
            category=Category.COLLECTION,
            action="regional.document_add",
            obj=document,
            details={"type": kind, "size": len(content)},
        )
    return document


# --- Publishing to the public site ---------------------------------------------------------------


def public_agenda_html(event: RegionalEvent) -> str:
    """The public page's agenda field: the items, then the participants who consented."""
    parts = []
    items = event.agenda_items()
    if items:
        parts.append(
            # The public page heads this field "Agenda" itself.
            format_html("<ol>{}</ol>", format_html_join("", "<li>{}</li>", ((i,) for i in items)))
        )
    listed = public_participants(event)
    if listed:
        parts.append(
            format_html(
                "<h2>{}</h2><ul>{}</ul>",
                _("Participants"),
                format_html_join(
                    "",
                    "<li>{}, {}</li>",
                    ((p.full_name, p.organisation.name) for p in listed),
                ),
            )
        )
    return "".join(parts)


def event_publish(*, actor, event: RegionalEvent):
    """Creates the event's public page under the events index, or updates the one made before.

    The page is found again by its source id, so publishing twice updates, never duplicates.
    Only participants who consented are named on it.
    """
    from wagtail.models import Locale

    from reintegra.site.models import EventIndexPage, EventPage

    with transaction.atomic():
        indexes = EventIndexPage.objects.live().order_by("path")
        index = indexes.filter(locale=Locale.get_default()).first() or indexes.first()
        if index is None:
            raise RegionalError(
                _("The public site has no events section yet: an editor must create it first.")
            )
        listed = public_participants(event)
        page = EventPage.objects.filter(source_id=event.source_id).first()
        fields = {
            "title": event.title,
            "start": event.starts_at,
            "end": event.ends_at,
            "venue": event.venue,
            "attendance_mode": event.attendance_mode,
            "event_type": event.kind,
            "summary": event.summary,
            "agenda": public_agenda_html(event),
        }
        created = page is None
        if page is None:
            page = EventPage(slug=_free_slug(index, event), source_id=event.source_id, **fields)
            index.add_child(instance=page)
        else:
            page = page.specific
            for name, value in fields.items():
                setattr(page, name, value)
        page.save_revision(user=getattr(actor, "user", None)).publish()
        event.published_at = timezone.now()
        event.save(update_fields=["published_at", "updated_at"])
        record(
            actor=actor,
            category=Category.DISCLOSURE,
            action="regional.event_publish" if created else "regional.event_republish",
            subjects=[p.pk for p in listed],
            obj=event,
            recipient=PUBLIC_RECIPIENT,
            details={"page": page.pk, "participants_listed": len(listed)},
        )
    return page


def _free_slug(index, event: RegionalEvent) -> str:
    base = slugify(event.title)[:60] or "event"
    slug = base
    siblings = index.get_children()
    number = 2
    while siblings.filter(slug=slug).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug
