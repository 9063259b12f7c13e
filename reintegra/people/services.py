"""Writes about people and custody, each logged in the same transaction."""

import datetime as dt
import secrets
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from reintegra.audit.models import Category
from reintegra.audit.services import record
from reintegra.organisations.models import Facility
from reintegra.people.models import (
    AccessScope,
    CustodyEpisode,
    LegalStatus,
    Person,
    PersonAccessGrant,
    Placement,
    PlacementReason,
)
from reintegra.people.names import name_key, to_latin
from reintegra.work.services import task_create

_REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


class CustodyError(ValueError):
    """A request that would make the custody record untrue; the message is shown to the user."""


@dataclass(frozen=True)
class Identity:
    given_name: str
    family_name: str
    date_of_birth: dt.date
    sex: str
    citizenship: str
    data_subject_category: str
    given_name_latin: str = ""
    family_name_latin: str = ""
    languages: tuple[str, ...] = ()


@dataclass(frozen=True)
class Admission:
    facility: Facility
    legal_status: str
    offence_category: str
    admission_date: dt.date
    sentence_months: int | None = None
    expected_release_date: dt.date | None = None
    unit: str = ""


def _new_reference(jurisdiction_code: str) -> str:
    suffix = "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(7))
    return f"{jurisdiction_code}-{suffix}"


def _name_key(person: Person) -> str:
    parts = [
        person.given_name,
        person.family_name,
        person.given_name_latin,
        person.family_name_latin,
    ]
    return " ".join(dict.fromkeys(name_key(part) for part in parts if part))


def _check_admission(identity: Identity, admission: Admission, today: dt.date) -> None:
    if admission.admission_date > today:
        raise CustodyError(_("The admission date cannot be in the future."))
    if identity.date_of_birth >= admission.admission_date:
        raise CustodyError(_("The date of birth must be before the admission date."))
    if (
        admission.expected_release_date
        and admission.expected_release_date < admission.admission_date
    ):
        raise CustodyError(_("The expected release cannot be before the admission date."))
    if admission.legal_status == LegalStatus.SENTENCED and not admission.sentence_months:
        raise CustodyError(_("Give the length of the sentence in months."))


@transaction.atomic
def person_register(*, actor, identity: Identity, admission: Admission, today: dt.date) -> Person:
    """A new person on the pathway, admitted to custody at a facility of the actor's service."""
    if admission.facility.organisation.jurisdiction_id != actor.jurisdiction_code:
        raise CustodyError(_("The facility is not in your jurisdiction."))
    _check_admission(identity, admission, today)
    person = Person(
        jurisdiction_id=actor.jurisdiction_code,
        given_name=identity.given_name.strip(),
        family_name=identity.family_name.strip(),
        given_name_latin=(identity.given_name_latin or to_latin(identity.given_name)).strip(),
        family_name_latin=(identity.family_name_latin or to_latin(identity.family_name)).strip(),
        date_of_birth=identity.date_of_birth,
        sex=identity.sex,
        citizenship=identity.citizenship,
        languages=list(identity.languages),
        data_subject_category=identity.data_subject_category,
        current_facility=admission.facility,
        in_custody=True,
    )
    person.name_key = _name_key(person)
    for _attempt in range(5):
        person.reference = _new_reference(actor.jurisdiction_code)
        try:
            with transaction.atomic():
                person.save()
            break
        except IntegrityError:
            # A reference collision is astronomically rare; anything else is a real error.
            if Person.objects.filter(reference=person.reference).exists():
                continue
            raise
    episode = CustodyEpisode.objects.create(
        person=person,
        legal_status=admission.legal_status,
        offence_category=admission.offence_category,
        sentence_months=admission.sentence_months,
        admission_date=admission.admission_date,
        expected_release_date=admission.expected_release_date,
    )
    Placement.objects.create(
        episode=episode,
        facility=admission.facility,
        unit=admission.unit,
        start_date=admission.admission_date,
        reason=PlacementReason.ADMISSION,
    )
    record(
        actor=actor,
        category=Category.COLLECTION,
        action="person.register",
        subjects=[person.pk],
        obj=person,
    )
    return person


@transaction.atomic
def person_transfer(
    *,
    actor,
    person: Person,
    facility: Facility,
    date: dt.date,
    unit: str,
    note: str,
    today: dt.date,
) -> Placement:
    episode = (
        CustodyEpisode.objects.select_for_update()
        .filter(person=person, actual_release_date__isnull=True)
        .first()
    )
    if episode is None:
        raise CustodyError(_("This person is not in custody, so cannot be transferred."))
    if facility.organisation.jurisdiction_id != person.jurisdiction_id:
        raise CustodyError(_("Transfers stay within the person's jurisdiction."))
    current = episode.placements.filter(end_date__isnull=True).first()
    if current is not None and current.facility_id == facility.pk and current.unit == unit:
        raise CustodyError(_("The person is already placed there."))
    if date > today:
        raise CustodyError(
            _("A transfer is recorded when it happens; the date cannot be in the future.")
        )
    if current is not None and date < current.start_date:
        raise CustodyError(_("The transfer cannot be before the current placement began."))
    if current is not None:
        current.end_date = date
        current.save(update_fields=["end_date", "updated_at"])
    placement = Placement.objects.create(
        episode=episode,
        facility=facility,
        unit=unit,
        start_date=date,
        reason=PlacementReason.TRANSFER
        if current is None or current.facility_id != facility.pk
        else PlacementReason.UNIT_CHANGE,
        note=note,
    )
    person.current_facility = facility
    person.save(update_fields=["current_facility", "updated_at"])
    record(
        actor=actor,
        category=Category.ALTERATION,
        action="person.transfer",
        subjects=[person.pk],
        obj=placement,
    )
    if placement.reason == PlacementReason.TRANSFER:
        person_reassessment_trigger(
            actor=actor,
            person=person,
            reason=gettext_noop("transfer"),
            today=today,
            source=placement,
        )
    return placement


def person_consulted(*, actor, person: Person, action: str = "person.view") -> None:
    record(
        actor=actor, category=Category.CONSULTATION, action=action, subjects=[person.pk], obj=person
    )


REASSESSMENT_ROLES = ("specialist", "supervisor")


def person_url(person: Person) -> str:
    """Stored in English; "My work" shows it in the reader's language (translate_url)."""
    with translation.override("en"):
        return reverse("people:person-detail", args=[person.pk])


def person_reassessment_trigger(
    *, actor, person: Person, reason: str, today: dt.date, within_days: int = 30, source=None
) -> None:
    """Brings the next review forward and asks the assessment team for a reassessment.

    Triggers (a high-concern observation, a transfer, release approaching) never change a judgement:
    they only make a professional look again, sooner.
    """
    due = today + dt.timedelta(days=within_days)
    if person.next_review_due is None or due < person.next_review_due:
        person.next_review_due = due
        person.save(update_fields=["next_review_due", "updated_at"])
    facility = person.current_facility
    if facility is None:
        return
    task_create(
        actor=actor,
        kind="reassessment",
        title=gettext_noop("Reassessment"),
        reason=reason,
        person=person,
        jurisdiction_id=person.jurisdiction_id,
        organisation_id=facility.organisation_id,
        facility_id=facility.pk,
        roles=REASSESSMENT_ROLES,
        due=due,
        url=person_url(person),
        source=source or person,
    )


@transaction.atomic
def access_grant(
    *,
    actor,
    person: Person,
    organisation,
    scopes: list[str],
    reason: str,
    valid_from: dt.date,
    valid_until: dt.date | None = None,
    user=None,
    source=None,
) -> PersonAccessGrant:
    """Opens parts of a person to another organisation. Sharing is a disclosure: it is logged
    with the recipient."""
    unknown = set(scopes) - set(AccessScope.values)
    if not scopes or unknown:
        raise CustodyError(_("Choose what the access covers."))
    if organisation.jurisdiction_id != person.jurisdiction_id:
        raise CustodyError(_("Access can only be given within the person's jurisdiction."))
    grant = PersonAccessGrant.objects.create(
        person=person,
        organisation=organisation,
        user=user,
        scopes=f",{','.join(scopes)},",
        reason=reason[:300],
        granted_by=actor.user,
        valid_from=valid_from,
        valid_until=valid_until,
        source_type=source._meta.label_lower if source is not None else "",
        source_id=str(source.pk) if source is not None else "",
    )
    record(
        actor=actor,
        category=Category.DISCLOSURE,
        action="person.access_grant",
        subjects=[person.pk],
        obj=grant,
        recipient=f"{organisation.name}{' / ' + user.username if user else ''}",
        justification=reason,
        details={"scopes": ",".join(scopes)},
    )
    return grant


@transaction.atomic
def access_revoke(*, actor, grant: PersonAccessGrant, reason: str) -> PersonAccessGrant:
    if grant.revoked_at is None:
        grant.revoked_at = timezone.now()
        grant.save(update_fields=["revoked_at", "updated_at"])
        record(
            actor=actor,
            category=Category.ALTERATION,
            action="person.access_revoke",
            subjects=[grant.person_id],
            obj=grant,
            justification=reason,
        )
    return grant
