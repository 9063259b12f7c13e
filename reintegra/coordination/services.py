"""Disclosures and referrals. Every write is atomic and logged in its transaction; a share of
personal data never happens without its register entry, written in the same transaction."""

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

import yaml
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.accounts.models import Membership
from reintegra.audit.models import Category
from reintegra.audit.services import record
from reintegra.coordination.models import (
    Consent,
    DataCategory,
    Disclosure,
    LegalBasis,
    Referral,
    ReferralMessage,
    ReferralState,
    ReferralTransition,
)
from reintegra.coordination.permissions import SENDING_ORGANISATION_TYPES, side_of
from reintegra.coordination.selectors import partner_organisations
from reintegra.coordination.transitions import CLOSED_STATES, RECIPIENT, transition_for
from reintegra.core.roles import CASEWORK_ROLES
from reintegra.organisations.models import Jurisdiction, Organisation
from reintegra.people.models import Person

LEGAL_BASES_FILE = Path(__file__).parent / "data" / "legal_bases.yaml"
PURPOSE_MAX = 300


class CoordinationError(ValueError):
    """A refused step; the message is shown to the user as it is and nothing is written."""


# --- Legal bases ---------------------------------------------------------------------------------


@transaction.atomic
def legal_bases_load(path: Path = LEGAL_BASES_FILE) -> int:
    """Creates or updates each jurisdiction's legal bases from the data file; returns how many."""
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    known = set(Jurisdiction.objects.values_list("code", flat=True))
    count = 0
    for code, entries in document.items():
        if code not in known:
            continue
        for entry in entries:
            LegalBasis.objects.update_or_create(
                jurisdiction_id=code,
                code=entry["code"],
                defaults={"title": entry["title"], "citation": entry["citation"]},
            )
            count += 1
    return count


# --- Disclosures ---------------------------------------------------------------------------------


def _recipient_label(organisation: Organisation, user) -> str:
    return f"{organisation.name} ({user.username})" if user is not None else organisation.name


@transaction.atomic
def disclosure_record(
    *,
    actor,
    person: Person,
    legal_basis: LegalBasis | None,
    purpose: str,
    recipient_organisation: Organisation | None,
    data_categories: Iterable[str],
    content: str,
    consent: str,
    consent_note: str = "",
    recipient_user=None,
    expires_on: dt.date | None = None,
    source: object | None = None,
    today: dt.date | None = None,
) -> Disclosure:
    """The register entry of one share. Call it inside the transaction of the share itself, so
    that a refused entry undoes the share and no share stands without its entry."""
    today = today or timezone.localdate()
    if legal_basis is None:
        raise CoordinationError(_("Choose the legal basis that allows this disclosure."))
    if legal_basis.jurisdiction_id != person.jurisdiction_id or not legal_basis.is_active:
        raise CoordinationError(
            _("Choose a legal basis from the list of the person's jurisdiction.")
        )
    if recipient_organisation is None:
        raise CoordinationError(_("Name the organisation that receives the disclosure."))
    if recipient_organisation.jurisdiction_id != person.jurisdiction_id:
        raise CoordinationError(
            _("Personal data is disclosed only to organisations of the person's jurisdiction.")
        )
    if recipient_organisation.pk == actor.organisation_id:
        raise CoordinationError(_("A disclosure goes to another organisation than your own."))
    if (
        recipient_user is not None
        and not Membership.objects.current()
        .filter(user=recipient_user, organisation=recipient_organisation)
        .exists()
    ):
        raise CoordinationError(
            _("The named recipient does not work for the receiving organisation.")
        )
    purpose = purpose.strip()
    if not purpose:
        raise CoordinationError(_("Say what the disclosure is for."))
    if len(purpose) > PURPOSE_MAX:
        raise CoordinationError(_("Keep the purpose to 300 characters."))
    categories = list(dict.fromkeys(data_categories))
    if not categories:
        raise CoordinationError(_("Choose the categories of data disclosed."))
    if any(code not in DataCategory.values for code in categories):
        raise CoordinationError(_("Choose the categories of data from the list."))
    if not content.strip():
        raise CoordinationError(_("Write the content that is disclosed."))
    if consent not in Consent.values:
        raise CoordinationError(_("Say whether the person consented."))
    if consent == Consent.NOT_SOUGHT and not consent_note.strip():
        raise CoordinationError(_("Give the lawful reason for not seeking consent."))
    if consent == Consent.OVERRIDE and not consent_note.strip():
        raise CoordinationError(_("Justify overriding the person's refusal."))
    if expires_on is not None and expires_on <= today:
        raise CoordinationError(_("The expiry date must be after today."))
    disclosure = Disclosure.objects.create(
        person=person,
        legal_basis=legal_basis,
        purpose=purpose,
        disclosed_by_id=actor.user_id,
        disclosing_organisation_id=actor.organisation_id,
        recipient_organisation=recipient_organisation,
        recipient_user=recipient_user,
        data_categories=categories,
        content=content.strip(),
        consent=consent,
        consent_note=consent_note.strip() if consent != Consent.GIVEN else "",
        disclosed_at=timezone.now(),
        expires_on=expires_on,
        source_type=source._meta.label_lower if source is not None else "",  # type: ignore[attr-defined]
        source_id=str(source.pk) if source is not None else "",  # type: ignore[attr-defined]
    )
    record(
        actor=actor,
        category=Category.DISCLOSURE,
        action="disclosure.record",
        subjects=[person.pk],
        obj=disclosure,
        legal_basis=f"{legal_basis.title}, {legal_basis.citation}",
        recipient=_recipient_label(recipient_organisation, recipient_user),
        justification=disclosure.consent_note,
        details={"purpose": purpose, "categories": ",".join(categories), "consent": consent},
    )
    return disclosure


@transaction.atomic
def disclosure_acknowledge(*, actor, disclosure: Disclosure) -> Disclosure:
    disclosure = Disclosure.objects.select_for_update().get(pk=disclosure.pk)
    if actor.organisation_id != disclosure.recipient_organisation_id:
        raise CoordinationError(
            _("Only the receiving organisation can acknowledge this disclosure.")
        )
    if disclosure.recipient_user_id is not None and disclosure.recipient_user_id != actor.user_id:
        raise CoordinationError(
            _("This disclosure was addressed to a named colleague: only they can acknowledge it.")
        )
    if disclosure.is_acknowledged:
        raise CoordinationError(_("This disclosure has already been acknowledged."))
    disclosure.acknowledged_at = timezone.now()
    disclosure.acknowledged_by_id = actor.user_id
    disclosure.save(update_fields=["acknowledged_at", "acknowledged_by", "updated_at"])
    record(
        actor=actor,
        category=Category.ALTERATION,
        action="disclosure.acknowledge",
        subjects=[disclosure.person_id],
        obj=disclosure,
    )
    return disclosure


# --- Referrals -----------------------------------------------------------------------------------


@transaction.atomic
def referral_send(
    *,
    actor,
    person: Person,
    to_organisation: Organisation | None,
    reason: str,
    desired_outcome: str,
    summary: str,
    legal_basis: LegalBasis | None,
    data_categories: Iterable[str],
    consent: str,
    consent_note: str = "",
    expires_on: dt.date | None = None,
    today: dt.date | None = None,
) -> Referral:
    membership = actor.membership
    if actor.role not in CASEWORK_ROLES or membership is None:
        raise CoordinationError(_("Referrals are sent by prison and probation staff."))
    if membership.organisation.type_id not in SENDING_ORGANISATION_TYPES:
        raise CoordinationError(_("Referrals are sent by a prison or probation service."))
    if person.jurisdiction_id != actor.jurisdiction_code:
        raise CoordinationError(_("Referrals stay within the person's jurisdiction."))
    if to_organisation is None:
        raise CoordinationError(_("Choose the partner organisation to refer to."))
    if not partner_organisations(person.jurisdiction_id).filter(pk=to_organisation.pk).exists():
        raise CoordinationError(
            _("%(name)s is not on the jurisdiction's list of partner organisations.")
            % {"name": to_organisation.name}
        )
    if not reason.strip():
        raise CoordinationError(_("Say why you are referring the person."))
    if not desired_outcome.strip():
        raise CoordinationError(_("Say what the referral should achieve."))
    if not summary.strip():
        raise CoordinationError(_("Write the summary the partner will read."))
    now = timezone.now()
    disclosure = disclosure_record(
        actor=actor,
        person=person,
        legal_basis=legal_basis,
        purpose=_("Referral: %(outcome)s") % {"outcome": desired_outcome.strip()[:200]},
        recipient_organisation=to_organisation,
        data_categories=data_categories,
        content=summary,
        consent=consent,
        consent_note=consent_note,
        expires_on=expires_on,
        today=today,
    )
    referral = Referral.objects.create(
        person=person,
        from_organisation_id=actor.organisation_id,
        to_organisation=to_organisation,
        referred_by_id=actor.user_id,
        reason=reason.strip(),
        desired_outcome=desired_outcome.strip(),
        summary=summary.strip(),
        disclosure=disclosure,
        sent_at=now,
    )
    disclosure.source_type = referral._meta.label_lower
    disclosure.source_id = str(referral.pk)
    disclosure.save(update_fields=["source_type", "source_id", "updated_at"])
    ReferralTransition.objects.create(
        referral=referral,
        from_state="",
        to_state=ReferralState.SENT,
        by_id=actor.user_id,
        by_organisation_id=actor.organisation_id,
        at=now,
    )
    record(
        actor=actor,
        category=Category.COLLECTION,
        action="referral.send",
        subjects=[person.pk],
        obj=referral,
        details={"to": to_organisation.name},
    )
    return referral


@transaction.atomic
def referral_transition(*, actor, referral: Referral, to_state: str, reason: str = "") -> Referral:
    """One step of the state machine in `transitions.TRANSITIONS`, taken by the side it names."""
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if to_state not in ReferralState.values:
        raise CoordinationError(_("Choose a step from the list."))
    step = transition_for(referral.state, to_state)
    if step is None:
        raise CoordinationError(
            _("A referral that is %(current)s cannot become %(target)s.")
            % {
                "current": ReferralState(referral.state).label.lower(),
                "target": ReferralState(to_state).label.lower(),
            }
        )
    side = side_of(actor, referral)
    if side != step.side:
        if step.side == RECIPIENT:
            raise CoordinationError(_("Only the partner organisation can take this step."))
        raise CoordinationError(_("Only the referring service can take this step."))
    reason = reason.strip()
    if step.needs_reason and not reason:
        raise CoordinationError(
            _("%(label)s: this step needs it written.") % {"label": step.reason_label}
        )
    now = timezone.now()
    ReferralTransition.objects.create(
        referral=referral,
        from_state=referral.state,
        to_state=to_state,
        by_id=actor.user_id,
        by_organisation_id=actor.organisation_id,
        at=now,
        reason=reason,
    )
    referral.state = to_state
    fields = ["state", "updated_at"]
    if to_state == ReferralState.ACCEPTED:
        referral.accepted_at = now
        fields.append("accepted_at")
    if to_state == ReferralState.COMPLETED:
        referral.outcome = reason
        fields.append("outcome")
    if to_state in CLOSED_STATES:
        referral.closed_at = now
        fields.append("closed_at")
    referral.save(update_fields=fields)
    record(
        actor=actor,
        category=Category.ALTERATION,
        action=f"referral.{to_state}",
        subjects=[referral.person_id],
        obj=referral,
    )
    # Answering a referral is receiving its disclosure.
    if side == RECIPIENT and not referral.disclosure.is_acknowledged:
        disclosure_acknowledge(actor=actor, disclosure=referral.disclosure)
    return referral


@transaction.atomic
def referral_message_send(*, actor, referral: Referral, body: str) -> ReferralMessage:
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if side_of(actor, referral) is None:
        raise CoordinationError(
            _("Only the referring service and the partner organisation write here.")
        )
    if referral.state in CLOSED_STATES:
        raise CoordinationError(_("This referral is closed: no more messages can be sent."))
    body = body.strip()
    if not body:
        raise CoordinationError(_("Write the message."))
    message = ReferralMessage.objects.create(
        referral=referral,
        author_id=actor.user_id,
        author_organisation_id=actor.organisation_id,
        body=body,
        sent_at=timezone.now(),
    )
    record(
        actor=actor,
        category=Category.COLLECTION,
        action="referral.message",
        subjects=[referral.person_id],
        obj=message,
    )
    return message
