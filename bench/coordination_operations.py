"""Coordination pages: the partner's inbox, a forum page, a referral page, a person's disclosures.

The data they read is made once over the dataset, as plain rows with `bulk_create`, and reused by
later runs (it is there when a forum named "Bench forum ..." exists):

- one referral a person (20,000 at national scale), each with its disclosure-register entry and
  its state history (sent; accepted; in progress), from a probation officer of the person's
  jurisdiction to one of its partner organisations; every fourth referral of the bench partner's
  jurisdiction goes to the bench partner's organisation, so that their inbox is full;
- the bench person (the one whose overview is timed) has twenty more shares, so that their
  disclosure list is long;
- three forums per hundred staff (60 at national scale), each with six member organisations and a
  representative of each, and a tenth of a meeting a person (2,000), each with one action point.

The pages are timed as the bench partner user (the first partner user by username in the bench
specialist's jurisdiction), except the person's disclosure list, which is the person's page as
the bench specialist (the disclosures are one of its sections).
"""

import datetime as dt
import uuid

from django.utils import timezone

from bench.operations import BenchFailedError, OperationResult
from bench.pathway_operations import _assessed_person, bench_membership, page_with_sql
from bench.scales import Scale
from reintegra.accounts.models import Membership
from reintegra.coordination.models import (
    Consent,
    DataCategory,
    Disclosure,
    LegalBasis,
    Referral,
    ReferralState,
    ReferralTransition,
)
from reintegra.core.roles import Role
from reintegra.forums.models import (
    ActionPoint,
    ActionStatus,
    AreaKind,
    Forum,
    ForumMember,
    Meeting,
    Representative,
)
from reintegra.organisations.models import Organisation
from reintegra.people.models import Person

COORDINATION_PAGE_P95_MS = 150.0
FORUM_PREFIX = "Bench forum"
MEMBERS_PER_FORUM = 6
EXTRA_SHARES_OF_BENCH_PERSON = 20
_BENCH_LEGAL_BASIS = "bench-sharing"
_BATCH = 2_000
_STATES = (ReferralState.SENT, ReferralState.ACCEPTED, ReferralState.IN_PROGRESS)


def coordination_sizes(scale: Scale) -> tuple[int, int, int]:
    """Referrals, forums and meetings for a scale: 20,000, 60 and 2,000 at national scale."""
    return scale.people, max(2, scale.staff_users * 3 // 100), max(4, scale.people // 10)


# --- The timed operations -------------------------------------------------------------------------


def partner_inbox(rounds: int, warmup: int = 3, scale: Scale | None = None) -> OperationResult:
    partner = bench_partner_membership(scale)
    addressed = Referral.objects.filter(to_organisation_id=partner.organisation_id).count()
    result = page_with_sql(
        "partner inbox", partner, "/en/coordination/referrals/", rounds, warmup, ratio=False
    )
    return _against(result, f"{addressed:,} referrals addressed to the organisation")


def forum_page(rounds: int, warmup: int = 3, scale: Scale | None = None) -> OperationResult:
    partner = bench_partner_membership(scale)
    forum = bench_forum(partner)
    meetings = Meeting.objects.filter(forum=forum).count()
    result = page_with_sql(
        "forum page", partner, f"/en/forums/{forum.pk}/", rounds, warmup, ratio=False
    )
    return _against(result, f"{meetings} meetings in the forum")


def referral_page(rounds: int, warmup: int = 3, scale: Scale | None = None) -> OperationResult:
    partner = bench_partner_membership(scale)
    referral = (
        Referral.objects.filter(
            to_organisation_id=partner.organisation_id, state=ReferralState.IN_PROGRESS
        )
        .order_by("-sent_at")
        .first()
    )
    if referral is None:
        raise BenchFailedError("The bench partner has no referral in progress.")
    path = f"/en/coordination/referrals/{referral.pk}/"
    result = page_with_sql("referral page", partner, path, rounds, warmup, ratio=False)
    return _against(result, f"{referral.transitions.count()} state changes")


def disclosure_list(rounds: int, warmup: int = 3, scale: Scale | None = None) -> OperationResult:
    coordination_data(scale)
    membership = bench_membership()
    person = _assessed_person(membership)
    shares = Disclosure.objects.filter(person=person).count()
    result = page_with_sql(
        "person's disclosures", membership, f"/en/people/{person.pk}/", rounds, warmup, ratio=False
    )
    return _against(result, f"{shares} disclosures about the person (person page)")


def _against(result: OperationResult, note: str) -> OperationResult:
    result.target = f"p95 <= {COORDINATION_PAGE_P95_MS:.0f} ms"
    result.met = result.p95_ms <= COORDINATION_PAGE_P95_MS
    result.detail += f"; {note}"
    return result


# --- What the operations need, made once ----------------------------------------------------------


def bench_partner_membership(scale: Scale | None = None) -> Membership:
    coordination_data(scale)
    return _partner_membership()


def bench_forum(partner: Membership) -> Forum:
    forum = (
        Forum.objects.filter(
            name__startswith=FORUM_PREFIX, members__organisation_id=partner.organisation_id
        )
        .order_by("name")
        .first()
    )
    if forum is None:
        raise BenchFailedError("The bench partner's organisation is a member of no forum.")
    return forum


def _partner_membership() -> Membership:
    jurisdiction_id = bench_membership().organisation.jurisdiction_id
    membership = (
        Membership.objects.current()
        .filter(role=Role.PARTNER_USER, organisation__jurisdiction_id=jurisdiction_id)
        .select_related("user", "organisation")
        .order_by("user__username")
        .first()
    )
    if membership is None:
        raise BenchFailedError("The dataset has no partner user in the bench jurisdiction.")
    return membership


def coordination_data(scale: Scale | None = None) -> bool:
    """Builds the referrals and forums once; True when it built them now."""
    if Forum.objects.filter(name__startswith=FORUM_PREFIX).exists():
        return False
    people_count = Person.objects.count()
    if scale is None:
        staff = Membership.objects.values("user_id").distinct().count()
        scale = Scale("stored", staff, 0, 0, 0, people_count, 0)
    referrals, forums, meetings = coordination_sizes(scale)
    partner = _partner_membership()
    senders = _senders()
    bases = _legal_bases(list(senders))
    partners = _partners_by_jurisdiction()
    _referrals_build(referrals, partner, senders, bases, partners)
    _forums_build(forums, meetings, partner, senders, partners)
    return True


def _senders() -> dict[str, Membership]:
    """A probation officer (or else any case worker) of each jurisdiction, who sends referrals."""
    senders: dict[str, Membership] = {}
    for role in (Role.PROBATION_OFFICER, Role.SPECIALIST, Role.PRISON_OFFICER):
        for membership in (
            Membership.objects.current()
            .filter(role=role, organisation__jurisdiction_id__isnull=False)
            .select_related("user", "organisation")
            .order_by("user__username")
        ):
            jurisdiction_id = membership.organisation.jurisdiction_id
            if jurisdiction_id is not None:
                senders.setdefault(jurisdiction_id, membership)
    return senders


def _legal_bases(jurisdiction_ids: list[str]) -> dict[str, LegalBasis]:
    bases = {}
    for jurisdiction_id in jurisdiction_ids:
        bases[jurisdiction_id], _created = LegalBasis.objects.get_or_create(
            jurisdiction_id=jurisdiction_id,
            code=_BENCH_LEGAL_BASIS,
            defaults={"title": "Sharing for resettlement (bench)", "citation": "Bench Act s. 1"},
        )
    return bases


def _partners_by_jurisdiction() -> dict[str, list[Organisation]]:
    partners: dict[str, list[Organisation]] = {}
    for organisation in Organisation.objects.filter(type__is_partner=True).order_by("name"):
        if organisation.jurisdiction_id:
            partners.setdefault(organisation.jurisdiction_id, []).append(organisation)
    return partners


def _referrals_build(
    total: int,
    partner: Membership,
    senders: dict[str, Membership],
    bases: dict[str, LegalBasis],
    partners: dict[str, list[Organisation]],
) -> None:
    now = timezone.now()
    people = list(
        Person.objects.filter(jurisdiction_id__in=list(senders))
        .order_by("reference")
        .values_list("pk", "jurisdiction_id")[:total]
    )
    bench_person = _assessed_person(bench_membership())
    people += [(bench_person.pk, bench_person.jurisdiction_id)] * EXTRA_SHARES_OF_BENCH_PERSON
    disclosures: list[Disclosure] = []
    referrals: list[Referral] = []
    transitions: list[ReferralTransition] = []
    for index, (person_id, jurisdiction_id) in enumerate(people):
        sender = senders[jurisdiction_id]
        choices = partners.get(jurisdiction_id) or [partner.organisation]
        to = choices[index % len(choices)]
        if jurisdiction_id == partner.organisation.jurisdiction_id and index % 4 == 0:
            to = partner.organisation
        sent_at = now - dt.timedelta(days=index % 700, minutes=index % 1440)
        state = _STATES[index % len(_STATES)]
        disclosure = Disclosure(
            id=uuid.uuid4(),
            person_id=person_id,
            legal_basis=bases[jurisdiction_id],
            purpose="Referral for resettlement support",
            disclosed_by_id=sender.user_id,
            disclosing_organisation_id=sender.organisation_id,
            recipient_organisation_id=to.pk,
            data_categories=[DataCategory.IDENTITY, DataCategory.RELEASE, DataCategory.NEEDS],
            content="Name, release date and address; needs housing and work.",
            consent=Consent.GIVEN,
            disclosed_at=sent_at,
            source_type="coordination.referral",
        )
        referral = Referral(
            id=uuid.uuid4(),
            person_id=person_id,
            from_organisation_id=sender.organisation_id,
            to_organisation_id=to.pk,
            referred_by_id=sender.user_id,
            reason="Needs a place to live on release.",
            desired_outcome="Housed within a month of release.",
            summary="Released soon; wants help with housing and work.",
            state=state,
            disclosure=disclosure,
            sent_at=sent_at,
            accepted_at=sent_at + dt.timedelta(days=2) if state != ReferralState.SENT else None,
        )
        disclosure.source_id = str(referral.pk)
        disclosures.append(disclosure)
        referrals.append(referral)
        steps = [("", ReferralState.SENT, sender, sent_at)]
        if state != ReferralState.SENT:
            steps.append((ReferralState.SENT, ReferralState.ACCEPTED, partner, sent_at))
        if state == ReferralState.IN_PROGRESS:
            steps.append((ReferralState.ACCEPTED, ReferralState.IN_PROGRESS, partner, sent_at))
        for number, (before, after, by, at) in enumerate(steps):
            by_organisation_id = by.organisation_id if by is sender else to.pk
            transitions.append(
                ReferralTransition(
                    referral=referral,
                    from_state=before,
                    to_state=after,
                    by_id=by.user_id,
                    by_organisation_id=by_organisation_id,
                    at=at + dt.timedelta(days=number * 2),
                )
            )
        if len(referrals) >= _BATCH:
            _referrals_insert(disclosures, referrals, transitions)
    _referrals_insert(disclosures, referrals, transitions)


def _referrals_insert(
    disclosures: list[Disclosure], referrals: list[Referral], transitions: list[ReferralTransition]
) -> None:
    Disclosure.objects.bulk_create(disclosures)
    Referral.objects.bulk_create(referrals)
    ReferralTransition.objects.bulk_create(transitions)
    disclosures.clear()
    referrals.clear()
    transitions.clear()


def _forums_build(
    forums: int,
    meetings: int,
    partner: Membership,
    senders: dict[str, Membership],
    partners: dict[str, list[Organisation]],
) -> None:
    today = timezone.localdate()
    jurisdictions = sorted(senders)
    offices: dict[str, list[Organisation]] = {}
    for office in Organisation.objects.filter(type_id="probation_service").order_by("name"):
        offices.setdefault(office.jurisdiction_id or "", []).append(office)
    made: list[tuple[Forum, str]] = []
    members: list[ForumMember] = []
    representatives: list[Representative] = []
    for number in range(forums):
        jurisdiction_id = jurisdictions[number % len(jurisdictions)]
        forum = Forum(
            id=uuid.uuid4(),
            jurisdiction_id=jurisdiction_id,
            area_kind=AreaKind.MUNICIPALITY,
            area=f"Municipality {number + 1}",
            name=f"{FORUM_PREFIX} {jurisdiction_id}-{number + 1:03d}",
        )
        made.append((forum, jurisdiction_id))
        organisations = offices.get(jurisdiction_id, [])[:2]
        local = partners.get(jurisdiction_id, [])
        organisations += [local[(number + n) % len(local)] for n in range(len(local))][
            : MEMBERS_PER_FORUM - len(organisations)
        ]
        if jurisdiction_id == partner.organisation.jurisdiction_id:
            organisations = [partner.organisation, *organisations][:MEMBERS_PER_FORUM]
        for organisation in dict.fromkeys(organisations):
            member = ForumMember(
                id=uuid.uuid4(),
                forum=forum,
                organisation=organisation,
                joined_on=today - dt.timedelta(days=730),
            )
            members.append(member)
            representatives.append(
                Representative(
                    member=member,
                    full_name=f"Representative of {organisation.name}",
                    role="Coordinator",
                    user_id=partner.user_id if organisation.pk == partner.organisation_id else None,
                )
            )
    Forum.objects.bulk_create([forum for forum, _jurisdiction in made])
    ForumMember.objects.bulk_create(members, batch_size=_BATCH)
    Representative.objects.bulk_create(representatives, batch_size=_BATCH)
    rows: list[Meeting] = []
    actions: list[ActionPoint] = []
    for index in range(meetings):
        forum, jurisdiction_id = made[index % len(made)]
        sender = senders[jurisdiction_id]
        day = today + dt.timedelta(days=90 - (index // len(made)) * 790 * len(made) // meetings)
        meeting = Meeting(
            id=uuid.uuid4(),
            forum=forum,
            date=day,
            place="Town hall",
            agenda="Housing on release; employment.",
            created_by_id=sender.user_id,
        )
        rows.append(meeting)
        is_open = day >= today - dt.timedelta(days=60)
        actions.append(
            ActionPoint(
                meeting=meeting,
                text="Ask the housing office about places.",
                owner_id=sender.user_id,
                owner_organisation_id=sender.organisation_id,
                due_on=day + dt.timedelta(days=14),
                status=ActionStatus.OPEN if is_open else ActionStatus.DONE,
                completed_on=None if is_open else day + dt.timedelta(days=7),
                created_by_id=sender.user_id,
            )
        )
    Meeting.objects.bulk_create(rows, batch_size=_BATCH)
    ActionPoint.objects.bulk_create(actions, batch_size=_BATCH)
