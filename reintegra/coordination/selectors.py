import datetime as dt
import statistics
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from reintegra.coordination.models import (
    CaseConference,
    ConferenceAction,
    ConferenceAttendee,
    ConferenceDecision,
    ConferencePack,
    Disclosure,
    InformationBrought,
    LegalBasis,
    Referral,
    ReferralMessage,
    ReferralState,
    ReferralTransition,
)
from reintegra.coordination.permissions import (
    conference_action_policy,
    conference_pack_policy,
    conference_policy,
    disclosure_policy,
    referral_policy,
)
from reintegra.organisations.models import Organisation


def partner_organisations(jurisdiction_id: str) -> QuerySet[Organisation]:
    """A jurisdiction's partner list: its active organisations of a partner type."""
    return Organisation.objects.filter(
        jurisdiction_id=jurisdiction_id, type__is_partner=True, is_active=True
    ).order_by("name")


def legal_bases_for(jurisdiction_id: str) -> QuerySet[LegalBasis]:
    return LegalBasis.objects.filter(jurisdiction_id=jurisdiction_id, is_active=True)


def referrals_visible_to(actor) -> QuerySet[Referral]:
    return referral_policy.visible_to(actor).select_related(
        "person", "from_organisation", "to_organisation", "referred_by", "disclosure__legal_basis"
    )


def referral_inbox(actor, *, open_only: bool = False) -> QuerySet[Referral]:
    """The referrals addressed to (or, for staff, sent by) the actor's organisation, newest
    first; the caller bounds the page."""
    referrals = referrals_visible_to(actor)
    if open_only:
        referrals = referrals.filter(
            state__in=[ReferralState.SENT, ReferralState.ACCEPTED, ReferralState.IN_PROGRESS]
        )
    return referrals.order_by("-sent_at", "-id")


def referrals_awaiting_answer(actor) -> QuerySet[Referral]:
    return (
        referral_policy.visible_to(actor)
        .filter(to_organisation_id=actor.organisation_id, state=ReferralState.SENT)
        .select_related("person", "from_organisation")
        .order_by("sent_at", "id")
    )


@dataclass(frozen=True)
class ReferralContents:
    transitions: list[ReferralTransition]
    messages: list[ReferralMessage]


def referral_contents(referral: Referral) -> ReferralContents:
    return ReferralContents(
        transitions=list(
            ReferralTransition.objects.filter(referral=referral).select_related(
                "by", "by_organisation"
            )
        ),
        messages=list(
            ReferralMessage.objects.filter(referral=referral).select_related(
                "author", "author_organisation"
            )
        ),
    )


def disclosures_visible_to(actor) -> QuerySet[Disclosure]:
    return disclosure_policy.visible_to(actor).select_related(
        "person",
        "legal_basis",
        "recipient_organisation",
        "recipient_user",
        "disclosing_organisation",
        "disclosed_by",
        "acknowledged_by",
    )


def disclosures_about(person, limit: int = 200) -> list[Disclosure]:
    """Everything disclosed about a person and to whom, newest first."""
    return list(
        Disclosure.objects.filter(person=person)
        .select_related(
            "legal_basis",
            "recipient_organisation",
            "recipient_user",
            "disclosing_organisation",
            "disclosed_by",
        )
        .order_by("-disclosed_at", "-id")[:limit]
    )


# --- Case conferences ----------------------------------------------------------------------------


def conferences_visible_to(actor) -> QuerySet[CaseConference]:
    return conference_policy.visible_to(actor).select_related(
        "person", "convening_organisation", "convened_by"
    )


def conferences_about(actor, person) -> QuerySet[CaseConference]:
    return conferences_visible_to(actor).filter(person=person).order_by("-held_on", "-id")


@dataclass(frozen=True)
class ConferenceContents:
    attendees: list[ConferenceAttendee]
    information: list[InformationBrought]
    actions: list[ConferenceAction]
    decisions: list[ConferenceDecision]
    packs: list[ConferencePack]


def conference_contents(conference: CaseConference) -> ConferenceContents:
    """Everything recorded at a conference, for the staff who run it."""
    return ConferenceContents(
        attendees=list(
            ConferenceAttendee.objects.filter(conference=conference).select_related("organisation")
        ),
        information=list(
            InformationBrought.objects.filter(conference=conference).select_related(
                "attendee__organisation"
            )
        ),
        actions=list(
            ConferenceAction.objects.filter(conference=conference).select_related(
                "conference", "responsible_organisation", "closed_by", "closed_by_organisation"
            )
        ),
        decisions=list(
            ConferenceDecision.objects.filter(conference=conference).select_related("recorded_by")
        ),
        packs=list(
            ConferencePack.objects.filter(conference=conference).select_related(
                "recipient_organisation", "disclosure"
            )
        ),
    )


def conference_attendees(conference: CaseConference) -> QuerySet[ConferenceAttendee]:
    return ConferenceAttendee.objects.filter(conference=conference).select_related("organisation")


def conference_owner_organisations(conference: CaseConference) -> QuerySet[Organisation]:
    """The agencies an action of the plan may go to: those attending, and the convenor."""
    return Organisation.objects.filter(
        Q(pk=conference.convening_organisation_id)
        | Q(pk__in=ConferenceAttendee.objects.filter(conference=conference).values("organisation"))
    ).order_by("name")


def conference_actions_visible_to(actor) -> QuerySet[ConferenceAction]:
    return conference_action_policy.visible_to(actor).select_related(
        "conference", "responsible_organisation", "closed_by", "closed_by_organisation"
    )


def packs_visible_to(actor) -> QuerySet[ConferencePack]:
    return conference_pack_policy.visible_to(actor).select_related(
        "conference", "recipient_organisation", "attendee"
    )


# --- Statistics ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class JurisdictionReferralFigures:
    jurisdiction_id: str
    by_state: dict[str, int]
    total: int
    accepted: int
    median_days_to_acceptance: float | None

    @property
    def state_counts(self) -> list[int]:
        return [self.by_state[state] for state in ReferralState.values]


def referral_statistics(jurisdiction_ids: list[str]) -> list[JurisdictionReferralFigures]:
    """Referrals by state and the median time from sending to acceptance, per jurisdiction:
    counts only, no person."""
    counts: dict[str, dict[str, int]] = {code: {} for code in jurisdiction_ids}
    for row in (
        Referral.objects.filter(person__jurisdiction_id__in=jurisdiction_ids)
        .values("person__jurisdiction_id", "state")
        .annotate(n=Count("id"))
        .order_by()
    ):
        counts[row["person__jurisdiction_id"]][row["state"]] = row["n"]
    waits: dict[str, list[dt.timedelta]] = {code: [] for code in jurisdiction_ids}
    for code, sent_at, accepted_at in (
        Referral.objects.filter(
            person__jurisdiction_id__in=jurisdiction_ids, accepted_at__isnull=False
        )
        .values_list("person__jurisdiction_id", "sent_at", "accepted_at")
        .iterator()
    ):
        if accepted_at is not None:
            waits[code].append(accepted_at - sent_at)
    figures = []
    for code in jurisdiction_ids:
        by_state = {state: counts[code].get(state, 0) for state in ReferralState.values}
        days = [wait.total_seconds() / 86400 for wait in waits[code]]
        figures.append(
            JurisdictionReferralFigures(
                jurisdiction_id=code,
                by_state=by_state,
                total=sum(by_state.values()),
                accepted=len(days),
                median_days_to_acceptance=round(statistics.median(days), 1) if days else None,
            )
        )
    return figures
