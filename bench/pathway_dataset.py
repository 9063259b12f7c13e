"""The pathway data: people in custody, locked assessments with their ratings, observations.

Built after the staff and the log, with bulk_create in batches and no processing-log entries
(the log is built separately, as a chain). Encrypted fields are encrypted by bulk_create, with the
field key the dataset keeps. One facility, the bench specialist's, holds a larger share of the
people, so that the case list has a page 50 for that specialist.
"""

import datetime as dt
import random
import time
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.db.models import Count, F

from bench.environment import BenchSetupError
from bench.processing_log import person_id
from bench.progress import Progress
from bench.scales import Scale
from reintegra.accounts.models import Membership, User
from reintegra.assessments.models import Assessment, AssessmentStatus, ItemRating, ItemSource
from reintegra.audit.actor import SystemActor
from reintegra.core.roles import Role
from reintegra.instruments.models import InstrumentVersion
from reintegra.instruments.services import instrument_load
from reintegra.observations.categories import behaviour_catalogue
from reintegra.observations.models import Observation, Reliability, Source
from reintegra.organisations.models import Facility
from reintegra.people.models import (
    CustodyEpisode,
    DataSubjectCategory,
    LegalStatus,
    OffenceCategory,
    Person,
    Placement,
    PlacementReason,
    Sex,
)
from reintegra.people.names import name_key

SPJ_FILE = (
    Path(__file__).resolve().parent.parent
    / "reintegra"
    / "instruments"
    / "data"
    / "reintegra-spj-illustrative.yaml"
)
ASSESSMENTS_PER_PERSON = 3
# Per 100 people, how many the bench specialist's facility holds: 2,600 of 20,000 nationally,
# so that page 50 of 50 rows exists in their case list (the others share about 370 each).
BENCH_FACILITY_SHARE = 13
# Observations of the bench person, whose overview and trajectory are timed.
BENCH_PERSON_OBSERVATIONS = 30
_BATCH = 2_000
_GIVEN: tuple[str, ...] = (
    "Arben",
    "Besnik",
    "Dragan",
    "Edin",
    "Fatos",
    "Goran",
    "Ilir",
    "Jovan",
    "Kenan",
    "Marko",
)
_GIVEN += ("Nenad", "Petar", "Rexhep", "Stefan", "Valon", "Zoran", "Amir", "Blerim", "Dejan")
_FAMILY: tuple[str, ...] = (
    "Ahmeti",
    "Bajrami",
    "Dervishi",
    "Hasani",
    "Hoxha",
    "Jovanović",
    "Kastrati",
    "Krasniqi",
)
_FAMILY += ("Marković", "Nikolić", "Osmani", "Popović", "Rama", "Selimi", "Stojanović", "Tahiri")
_FAMILY += ("Vuković", "Zeqiri", "Begić", "Hodžić", "Mehmedović", "Radić", "Šarić", "Tomić")
_PLACES = ("wing A", "wing B", "workshop", "yard", "visits room", "education unit", "canteen")


@dataclass
class _Staff:
    assessors: list[uuid.UUID]
    countersigners: list[uuid.UUID]
    officers: list[uuid.UUID]


def bench_specialist_membership() -> Membership | None:
    """The specialist every run signs in as: the first (by username) with one membership only,
    at a facility, so that no role has to be chosen after sign-in."""
    return (
        Membership.objects.filter(
            role=Role.SPECIALIST, facility__isnull=False, user__username__startswith="bench."
        )
        .annotate(memberships=Count("user__memberships"))
        .filter(memberships=1)
        .select_related("user", "facility")
        .order_by("user__username")
        .first()
    )


def pathway_counts() -> dict[str, int]:
    return {
        "people": Person.objects.count(),
        "assessments": Assessment.objects.count(),
        "item_ratings": ItemRating.objects.count(),
        "observations": Observation.objects.count(),
    }


def pathway_build(scale: Scale) -> float:
    """People, assessments and observations into a database with staff; returns the seconds."""
    started = time.perf_counter()
    rng = random.Random(f"{scale.name}-pathway")
    version = instrument_load(actor=SystemActor(), path=SPJ_FILE).version
    facilities = list(Facility.objects.select_related("organisation").order_by("code", "name"))
    if not facilities:
        raise BenchSetupError("The dataset has no facilities to place people in.")
    membership = bench_specialist_membership()
    bench_facility = membership.facility if membership and membership.facility else facilities[0]
    others = [facility for facility in facilities if facility.pk != bench_facility.pk]
    staff = _staff_by_jurisdiction()
    people = _people_build(scale, rng, bench_facility, others or [bench_facility])
    assessed_step = max(1, scale.people // max(1, scale.assessed_people))
    # Every assessed_step-th person, the first ones in the bench facility included.
    assessed = people[::assessed_step][: scale.assessed_people]
    _assessments_build(assessed, version, staff, rng)
    bench_people = [p for p in assessed if p.current_facility_id == bench_facility.pk]
    _observations_build(scale, people, assessed, bench_people[:1], staff, rng)
    seconds = time.perf_counter() - started
    print(f"  pathway data built in {seconds:.0f} s.", flush=True)
    return seconds


def _staff_by_jurisdiction() -> dict[str, _Staff]:
    staff: dict[str, _Staff] = defaultdict(lambda: _Staff([], [], []))
    rows = Membership.objects.filter(organisation__jurisdiction__isnull=False).values_list(
        "organisation__jurisdiction_id", "role", "user_id", "can_countersign"
    )
    for code, role, user_id, can_countersign in rows.order_by("user__username"):
        bodies = staff[code]
        if role in (Role.SPECIALIST, Role.SUPERVISOR):
            bodies.assessors.append(user_id)
        if can_countersign:
            bodies.countersigners.append(user_id)
        if role == Role.PRISON_OFFICER:
            bodies.officers.append(user_id)
    return staff


def _people_build(
    scale: Scale, rng: random.Random, bench_facility: Facility, others: list[Facility]
) -> list[Person]:
    today = dt.date.today()
    progress = Progress("people (with custody and placement)", scale.people)
    built: list[Person] = []
    batch: list[Person] = []
    for index in range(scale.people):
        if index % 100 < BENCH_FACILITY_SHARE:
            facility = bench_facility
        else:
            facility = others[index % len(others)]
        code = facility.organisation.jurisdiction_id or "AL"
        given, family = _GIVEN[index % len(_GIVEN)], _FAMILY[(index // 7) % len(_FAMILY)]
        in_custody = rng.random() < 0.92
        person = Person(
            id=person_id(index),  # the ids the processing log already names
            jurisdiction_id=code,
            reference=f"{code}-B{index:07d}",
            given_name=given,
            family_name=family,
            given_name_latin=given,
            family_name_latin=family,
            date_of_birth=today - dt.timedelta(days=rng.randint(19 * 365, 60 * 365)),
            sex=Sex.MALE if rng.random() < 0.93 else Sex.FEMALE,
            citizenship=code,
            languages=[code.lower()],
            data_subject_category=(
                DataSubjectCategory.CONVICTED if rng.random() < 0.8 else DataSubjectCategory.REMAND
            ),
            current_facility=facility,
            in_custody=in_custody,
        )
        person.name_key = " ".join(dict.fromkeys((name_key(given), name_key(family))))
        batch.append(person)
        if len(batch) >= _BATCH:
            _people_insert(batch, rng, progress)
            built.extend(batch)
            batch = []
    _people_insert(batch, rng, progress)
    built.extend(batch)
    progress.finish()
    return built


def _people_insert(people: list[Person], rng: random.Random, progress: Progress) -> None:
    today = dt.date.today()
    episodes, placements = [], []
    for person in people:
        admitted = today - dt.timedelta(days=rng.randint(30, 6 * 365))
        released = None if person.in_custody else admitted + dt.timedelta(days=rng.randint(1, 29))
        sentenced = person.data_subject_category == DataSubjectCategory.CONVICTED
        episode = CustodyEpisode(
            person=person,
            legal_status=LegalStatus.SENTENCED if sentenced else LegalStatus.REMAND,
            offence_category=rng.choice(OffenceCategory.values),
            sentence_months=rng.randint(12, 180) if sentenced else None,
            admission_date=admitted,
            expected_release_date=admitted + dt.timedelta(days=rng.randint(365, 15 * 365)),
            actual_release_date=released,
        )
        episodes.append(episode)
        placements.append(
            Placement(
                episode=episode,
                facility_id=_facility_id(person),
                unit=rng.choice(_PLACES[:2]),
                start_date=admitted,
                end_date=released,
                reason=PlacementReason.ADMISSION,
            )
        )
    with transaction.atomic():
        Person.objects.bulk_create(people)
        CustodyEpisode.objects.bulk_create(episodes)
        Placement.objects.bulk_create(placements)
    progress.advance(len(people))


def _assessments_build(
    people: list[Person], version: InstrumentVersion, staff: dict[str, _Staff], rng: random.Random
) -> None:
    definition = version.parsed
    levels = [option.value for option in definition.judgement_levels]
    needs = [need.code for need in definition.needs]
    scales = {code: [opt.value for opt in axis.scale] for code, axis in definition.axes.items()}
    now = dt.datetime.now(dt.UTC)
    progress = Progress("locked assessments", len(people) * ASSESSMENTS_PER_PERSON)
    all_users = list(User.objects.order_by("username").values_list("id", flat=True)[:50])
    for start in range(0, len(people), _BATCH // ASSESSMENTS_PER_PERSON):
        assessments: list[Assessment] = []
        ratings: list[ItemRating] = []
        changed: list[Person] = []
        for person in people[start : start + _BATCH // ASSESSMENTS_PER_PERSON]:
            bodies = staff.get(person.jurisdiction_id) or _Staff([], [], [])
            previous: Assessment | None = None
            for number in range(ASSESSMENTS_PER_PERSON):
                assessor = _pick_other(bodies.assessors or all_users, None, rng)
                if assessor is None:
                    raise BenchSetupError("The dataset has no staff to assess people.")
                countersigner = _pick_other(bodies.countersigners or all_users, assessor, rng)
                if countersigner is None:
                    countersigner = _pick_other(all_users, assessor, rng)
                signed = now - dt.timedelta(days=180 * (ASSESSMENTS_PER_PERSON - number))
                level = rng.choice(levels)
                assessment = Assessment(
                    id=uuid.UUID(int=rng.getrandbits(128), version=4),
                    person=person,
                    instrument_version=version,
                    status=AssessmentStatus.LOCKED,
                    assessor_id=assessor,
                    organisation_id=person.current_facility.organisation_id,  # type: ignore[union-attr]
                    facility_id=person.current_facility_id,
                    previous=previous,
                    needs=rng.sample(needs, min(3, len(needs))),
                    formulation=f"Formulation {number + 1}: factors seen together over time.",
                    judgement_level=level,
                    judgement_rationale="Rationale: evidence weighed across the domains.",
                    next_review_date=(signed + dt.timedelta(days=180)).date(),
                    submitted_at=signed - dt.timedelta(days=2),
                    countersigned_by_id=countersigner,
                    countersigned_at=signed,
                )
                assessments.append(assessment)
                ratings.extend(
                    ItemRating(
                        assessment=assessment,
                        item_code=item.code,
                        ratings={axis: rng.choice(scales[axis]) for axis in item.axes},
                        evidence=f"Evidence for {item.code}: interview and case file.",
                        source=rng.choice(ItemSource.values),
                    )
                    for item in definition.items
                )
                previous = assessment
            person.judgement_level = previous.judgement_level if previous else ""
            person.next_review_due = previous.next_review_date if previous else None
            changed.append(person)
        with transaction.atomic():
            Assessment.objects.bulk_create(assessments)
            ItemRating.objects.bulk_create(ratings, batch_size=1_000)
            Person.objects.bulk_update(changed, ["judgement_level", "next_review_due"])
        progress.advance(len(assessments))
    # bulk_create stamps every row now; an assessment was started two weeks before it was signed.
    Assessment.objects.filter(status=AssessmentStatus.LOCKED).update(
        created_at=F("countersigned_at") - dt.timedelta(days=14)
    )
    progress.finish()


def _facility_id(person: Person) -> uuid.UUID:
    if person.current_facility_id is None:
        raise BenchSetupError(f"{person.reference} was built without a facility.")
    return person.current_facility_id


def _pick_other(
    pool: Sequence[uuid.UUID], exclude: uuid.UUID | None, rng: random.Random
) -> uuid.UUID | None:
    candidates = [user for user in pool if user != exclude] if exclude else list(pool)
    return rng.choice(candidates) if candidates else None


def _observations_build(
    scale: Scale,
    people: list[Person],
    assessed: list[Person],
    bench_people: list[Person],
    staff: dict[str, _Staff],
    rng: random.Random,
) -> None:
    if scale.observations == 0 or not people:
        return
    categories = behaviour_catalogue().offered
    now = dt.datetime.now(dt.UTC)
    recorders = list(User.objects.order_by("username").values_list("id", flat=True)[:50])
    progress = Progress("observations", scale.observations)
    batch: list[Observation] = []
    for index in range(scale.observations):
        if index < BENCH_PERSON_OBSERVATIONS * len(bench_people):
            person = bench_people[index % len(bench_people)]
        elif assessed and rng.random() < 0.4:
            person = rng.choice(assessed)  # people under assessment are watched more closely
        else:
            person = rng.choice(people)
        category = rng.choice(categories)
        bodies = staff.get(person.jurisdiction_id)
        batch.append(
            Observation(
                person=person,
                facility_id=_facility_id(person),
                observed_at=now - dt.timedelta(minutes=rng.randint(60, 2 * 365 * 24 * 60)),
                place=rng.choice(_PLACES),
                category_code=category.code,
                concern=category.concern,
                source=rng.choice(Source.values),
                reliability=rng.choice(Reliability.values),
                narrative="Seen by staff on the wing; spoke with the officer afterwards.",
                recorded_by_id=rng.choice((bodies.officers if bodies else None) or recorders),
            )
        )
        if len(batch) >= _BATCH:
            _observations_insert(batch, progress)
            batch = []
    _observations_insert(batch, progress)
    progress.finish()


def _observations_insert(batch: list[Observation], progress: Progress) -> None:
    with transaction.atomic():
        Observation.objects.bulk_create(batch)
    progress.advance(len(batch))
