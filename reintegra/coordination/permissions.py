import rules
from django.db.models import Exists, OuterRef, Q, QuerySet

from reintegra.coordination.models import (
    CaseConference,
    ConferenceAction,
    ConferencePack,
    Disclosure,
    Referral,
)
from reintegra.coordination.transitions import RECIPIENT, SENDER
from reintegra.core.policy import Policy
from reintegra.core.roles import CASEWORK_ROLES, LOG_READER_ROLES, Role
from reintegra.people.permissions import person_policy

# The organisations whose staff refer people to partners.
SENDING_ORGANISATION_TYPES = frozenset(
    {"prison_administration", "prison_facility", "probation_service"}
)


@rules.predicate
def is_caseworker(actor) -> bool:
    return actor.role in CASEWORK_ROLES


@rules.predicate
def is_partner_user(actor) -> bool:
    return actor.role == Role.PARTNER_USER


@rules.predicate
def reads_the_register(actor) -> bool:
    return actor.role in LOG_READER_ROLES


@rules.predicate
def sent_by_their_service(actor, referral: Referral) -> bool:
    return referral.from_organisation_id == actor.organisation_id


@rules.predicate
def addressed_to_their_organisation(actor, referral: Referral) -> bool:
    return referral.to_organisation_id == actor.organisation_id


def side_of(actor, referral: Referral) -> str | None:
    """Which end of the referral the actor speaks for, if any."""
    if is_caseworker(actor) and sent_by_their_service(actor, referral):
        return SENDER
    if is_partner_user(actor) and addressed_to_their_organisation(actor, referral):
        return RECIPIENT
    return None


class ReferralPolicy(Policy[Referral]):
    """The referring service sees the referrals it sent; the partner organisation sees those
    addressed to it, and through them nothing else about the person."""

    model = Referral
    rules = rules.RuleSet(
        {
            "view": is_caseworker | is_partner_user,
            "send": is_caseworker,
            "write": (is_caseworker & sent_by_their_service)
            | (is_partner_user & addressed_to_their_organisation),
        }
    )

    def visible_to(self, actor) -> QuerySet[Referral]:
        if actor.organisation_id is None or not self.allows(actor, "view"):
            return Referral.objects.none()
        referrals = Referral.objects.filter(person__jurisdiction_id=actor.jurisdiction_code)
        if actor.role == Role.PARTNER_USER:
            return referrals.filter(to_organisation_id=actor.organisation_id)
        return referrals.filter(from_organisation_id=actor.organisation_id)


class DisclosurePolicy(Policy[Disclosure]):
    """A recipient sees what was disclosed to its organisation; the disclosing service sees its
    own register; staff who can open a person see every share about them; the data protection
    officer and auditors read the jurisdiction's whole register."""

    model = Disclosure
    rules = rules.RuleSet(
        {
            "view": is_caseworker | is_partner_user | reads_the_register,
            "acknowledge": is_partner_user,
        }
    )

    def visible_to(self, actor) -> QuerySet[Disclosure]:
        if actor.organisation_id is None or not self.allows(actor, "view"):
            return Disclosure.objects.none()
        disclosures = Disclosure.objects.filter(person__jurisdiction_id=actor.jurisdiction_code)
        if actor.role == Role.PARTNER_USER:
            return disclosures.filter(recipient_organisation_id=actor.organisation_id)
        if actor.role in LOG_READER_ROLES:
            return disclosures
        return disclosures.filter(
            Q(disclosing_organisation_id=actor.organisation_id)
            | Q(person__in=person_policy.visible_to(actor))
        )


class CaseConferencePolicy(Policy[CaseConference]):
    """Staff of the person's jurisdiction who may open the person see and run the conference;
    a partner user sees only the conferences their organisation attends, and of those only the
    pack addressed to them."""

    model = CaseConference
    rules = rules.RuleSet(
        {
            "view": is_caseworker | is_partner_user,
            "convene": is_caseworker,
            "write": is_caseworker,
        }
    )

    def visible_to(self, actor) -> QuerySet[CaseConference]:
        if actor.organisation_id is None or not self.allows(actor, "view"):
            return CaseConference.objects.none()
        conferences = CaseConference.objects.filter(jurisdiction_id=actor.jurisdiction_code)
        if actor.role == Role.PARTNER_USER:
            return conferences.filter(attendees__organisation_id=actor.organisation_id)
        return conferences.filter(person__in=person_policy.visible_to(actor))


@rules.predicate
def of_the_responsible_organisation(actor, action: ConferenceAction) -> bool:
    return action.responsible_organisation_id == actor.organisation_id


@rules.predicate
def runs_the_conference(actor, action: ConferenceAction) -> bool:
    return is_caseworker(actor) and (
        action.conference.convening_organisation_id == actor.organisation_id
    )


@rules.predicate
def is_open_action(actor, action: ConferenceAction) -> bool:
    return action.is_open


class ConferenceActionPolicy(Policy[ConferenceAction]):
    """An action of the plan is closed, done or dropped, by the agency responsible for it or by
    the staff of the convening service; nobody else, and only once. A partner user sees only the
    actions of its own organisation that an agenda pack has already disclosed to it."""

    model = ConferenceAction
    rules = rules.RuleSet(
        {
            "view": is_caseworker | is_partner_user,
            "change_status": (of_the_responsible_organisation | runs_the_conference)
            & is_open_action,
        }
    )

    def visible_to(self, actor) -> QuerySet[ConferenceAction]:
        if actor.organisation_id is None or not self.allows(actor, "view"):
            return ConferenceAction.objects.none()
        actions = ConferenceAction.objects.filter(
            conference__in=conference_policy.visible_to(actor)
        )
        if actor.role != Role.PARTNER_USER:
            return actions
        disclosed = ConferencePack.objects.filter(
            conference=OuterRef("conference"),
            recipient_organisation_id=actor.organisation_id,
            issued_at__gte=OuterRef("created_at"),
        )
        return actions.filter(responsible_organisation_id=actor.organisation_id).filter(
            Exists(disclosed)
        )


class ConferencePackPolicy(Policy[ConferencePack]):
    model = ConferencePack
    rules = rules.RuleSet({"view": is_caseworker | is_partner_user})

    def visible_to(self, actor) -> QuerySet[ConferencePack]:
        if actor.organisation_id is None or not self.allows(actor, "view"):
            return ConferencePack.objects.none()
        packs = ConferencePack.objects.filter(conference__jurisdiction_id=actor.jurisdiction_code)
        if actor.role == Role.PARTNER_USER:
            return packs.filter(recipient_organisation_id=actor.organisation_id)
        return packs.filter(conference__person__in=person_policy.visible_to(actor))


referral_policy = ReferralPolicy()
conference_policy = CaseConferencePolicy()
conference_pack_policy = ConferencePackPolicy()
conference_action_policy = ConferenceActionPolicy()
disclosure_policy = DisclosurePolicy()
