"""The synthetic dataset: reference data, organisations, staff with memberships, processing log.

National scale is one deployment's worth of the six jurisdictions; regional is ten times each
figure. People, assessments and observations come from bench.pathway_dataset.
"""

import datetime as dt
import random
import secrets
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction

from bench.environment import MARKER_TABLE, BenchSetupError, DatasetMarker
from bench.pathway_dataset import pathway_build, pathway_counts
from bench.processing_log import log_actors, log_entries_build
from bench.progress import Progress
from bench.scales import Scale
from reintegra.accounts.models import Membership, User
from reintegra.audit.models import ProcessingLogEntry
from reintegra.core.roles import Role
from reintegra.organisations.models import Facility, Jurisdiction, Organisation, OrganisationType
from reintegra.organisations.services import reference_data_load

BENCH_EMAIL_DOMAIN = "bench.invalid"
_Item = TypeVar("_Item")


# Share of staff per role, out of 100; prison and probation staff are most of any deployment.
_ROLE_WEIGHTS: tuple[tuple[Role, int], ...] = (
    (Role.PRISON_OFFICER, 35),
    (Role.SPECIALIST, 15),
    (Role.SUPERVISOR, 5),
    (Role.PRISON_MANAGER, 3),
    (Role.PROBATION_OFFICER, 20),
    (Role.PARTNER_USER, 12),
    (Role.FORUM_COORDINATOR, 2),
    (Role.TRAINING_MANAGER, 1),
    (Role.TRAINER, 2),
    (Role.NATIONAL_COORDINATOR, 1),
    (Role.MINISTRY_ANALYST, 1),
    (Role.DPO, 1),
    (Role.AUDITOR, 1),
    (Role.EDITOR, 1),
)
_FACILITY_ROLES = {Role.PRISON_OFFICER, Role.SPECIALIST, Role.SUPERVISOR, Role.PRISON_MANAGER}
_PROBATION_ROLES = {Role.PROBATION_OFFICER, Role.FORUM_COORDINATOR}
_MINISTRY_ROLES = {Role.NATIONAL_COORDINATOR, Role.MINISTRY_ANALYST, Role.AUDITOR, Role.EDITOR}
_GIVEN_NAMES = ("Arta", "Bojan", "Dafina", "Emir", "Jelena", "Luka", "Marija", "Nikola", "Selma")
_FAMILY_NAMES = ("Berisha", "Delić", "Gashi", "Ilić", "Kovač", "Morina", "Petrović", "Shehu")


@dataclass
class JurisdictionBodies:
    prisons: Organisation
    facilities: list[Facility]
    probation_offices: list[Organisation]
    partners: list[Organisation]
    ministry: Organisation


def dataset_build(scale: Scale) -> float:
    """Builds the whole dataset into an empty, migrated database; returns the seconds it took."""
    started = time.perf_counter()
    print(f"Building the {scale.name} dataset ({scale.log_entries:,} log entries).", flush=True)
    reference_data_load()
    bodies, regional = _organisations_build(scale)
    _staff_build(scale, bodies, regional)
    actors = log_actors()
    progress = Progress("processing log", scale.log_entries)
    log_entries_build(scale.log_entries, actors=actors, people=scale.people, progress=progress)
    progress.finish()
    pathway_build(scale)
    seconds = time.perf_counter() - started
    marker_write(scale, seconds)
    print(f"Dataset built in {seconds:.0f} s.", flush=True)
    return seconds


def dataset_counts() -> dict[str, int]:
    return {
        "jurisdictions": Jurisdiction.objects.count(),
        "organisations": Organisation.objects.count(),
        "facilities": Facility.objects.count(),
        "staff_users": User.objects.count(),
        "memberships": Membership.objects.count(),
        "log_entries": ProcessingLogEntry.objects.count(),
        **pathway_counts(),
    }


def dataset_check(marker: DatasetMarker, scale: Scale) -> dict[str, int]:
    """The counts of a reused dataset, refusing one that differs from what its build recorded.

    A dataset built before the pathway data existed gets it added here, without a rebuild."""
    counts = dataset_counts()
    if counts["people"] == 0 and scale.people > 0:
        print("The stored dataset has no people yet: adding the pathway data.", flush=True)
        pathway_build(scale)
        counts = dataset_counts()
    problems = []
    if counts["people"] != scale.people:
        problems.append(f"{counts['people']:,} people, {scale.people:,} asked for")
    if counts["staff_users"] != marker.staff_users:
        problems.append(f"{counts['staff_users']:,} users, built with {marker.staff_users:,}")
    if counts["log_entries"] < marker.log_entries:
        problems.append(f"{counts['log_entries']:,} log entries, built {marker.log_entries:,}")
    if problems:
        raise BenchSetupError(
            "The stored dataset was changed after its build (" + "; ".join(problems) + "). "
            "Run again with --rebuild."
        )
    return counts


def marker_write(scale: Scale, build_seconds: float) -> None:
    table = connection.ops.quote_name(MARKER_TABLE)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {table} (scale varchar(20) NOT NULL, "
            "log_entries bigint NOT NULL, staff_users integer NOT NULL, "
            "audit_hmac_key varchar(200) NOT NULL, field_encryption_keys text NOT NULL, "
            "built_at varchar(40) NOT NULL, build_seconds double precision NOT NULL)"
        )
        cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - a constant table name
        cursor.execute(
            f"INSERT INTO {table} VALUES (%s, %s, %s, %s, %s, %s, %s)",  # noqa: S608
            [
                scale.name,
                scale.log_entries,
                User.objects.count(),
                settings.AUDIT_HMAC_KEY,
                getattr(settings, "FIELD_ENCRYPTION_KEYS", ""),
                dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                build_seconds,
            ],
        )


def _organisations_build(scale: Scale) -> tuple[dict[str, JurisdictionBodies], Organisation]:
    partner_types = list(
        OrganisationType.objects.filter(is_partner=True)
        .order_by("code")
        .values_list("code", flat=True)
    )
    bodies: dict[str, JurisdictionBodies] = {}
    with transaction.atomic():
        for jurisdiction in Jurisdiction.objects.order_by("code"):
            code = jurisdiction.code

            def organisation(type_code: str, name: str, code: str = code) -> Organisation:
                return Organisation(jurisdiction_id=code, type_id=type_code, name=name)

            prisons = organisation("prison_administration", f"Prison Administration {code}")
            ministry = organisation("ministry", f"Ministry of Justice {code}")
            offices = [
                organisation("probation_service", f"Probation Office {code}-{n + 1:03d}")
                for n in range(scale.probation_offices_per_jurisdiction)
            ]
            partners = [
                organisation(partner_types[n % len(partner_types)], f"Partner {code}-{n + 1:03d}")
                for n in range(scale.partners_per_jurisdiction)
            ]
            Organisation.objects.bulk_create([prisons, ministry, *offices, *partners])
            facilities = Facility.objects.bulk_create(
                Facility(
                    organisation=prisons,
                    name=f"Prison {code}-{n + 1:03d}",
                    code=f"prison-{n + 1:03d}",
                    capacity=300 + (n * 137) % 900,
                )
                for n in range(scale.facilities_per_jurisdiction)
            )
            bodies[code] = JurisdictionBodies(prisons, facilities, offices, partners, ministry)
        regional = Organisation.objects.create(
            jurisdiction=None, type_id="regional_programme", name="Regional Programme Team"
        )
    return bodies, regional


def _staff_build(
    scale: Scale, bodies: dict[str, JurisdictionBodies], regional: Organisation
) -> None:
    rng = random.Random(scale.name)
    # One real hash for everyone: hashing 20,000 passwords at Argon2's cost would take minutes.
    password = make_password(secrets.token_urlsafe(24))
    codes = sorted(bodies)
    regional_staff = max(1, scale.staff_users // 1000)
    roles = [role for role, _weight in _ROLE_WEIGHTS]
    weights = [weight for _role, weight in _ROLE_WEIGHTS]
    progress = Progress("staff users", scale.staff_users)
    users: list[User] = []
    memberships: list[Membership] = []
    for index in range(scale.staff_users):
        if index < regional_staff:
            code, role, organisation, facility = "rg", Role.REGIONAL_PROGRAMME, regional, None
        else:
            code = codes[index % len(codes)]
            role = rng.choices(roles, weights)[0]
            organisation, facility = _workplace(role, bodies[code], rng)
        username = f"bench.{code.lower()}.{index:06d}"
        user = User(
            id=uuid.UUID(int=rng.getrandbits(128), version=4),
            username=username,
            email=f"{username}@{BENCH_EMAIL_DOMAIN}",
            first_name=_GIVEN_NAMES[index % len(_GIVEN_NAMES)],
            last_name=_FAMILY_NAMES[index % len(_FAMILY_NAMES)],
            password=password,
        )
        users.append(user)
        memberships.append(
            Membership(
                user=user,
                organisation=organisation,
                role=role,
                facility=facility,
                can_countersign=role == Role.SUPERVISOR,
            )
        )
        if role == Role.SPECIALIST and rng.random() < 0.1:
            # Some specialists also train colleagues: a second membership to choose between.
            memberships.append(
                Membership(user=user, organisation=bodies[code].prisons, role=Role.TRAINER)
            )
        if len(users) >= 1000:
            _staff_insert(users, memberships, progress)
            users, memberships = [], []
    _staff_insert(users, memberships, progress)
    progress.finish()


def _workplace(
    role: Role, bodies: JurisdictionBodies, rng: random.Random
) -> tuple[Organisation, Facility | None]:
    if role in _FACILITY_ROLES:
        return bodies.prisons, _pick(bodies.facilities, rng)
    if role in _PROBATION_ROLES:
        return _pick(bodies.probation_offices, rng), None
    if role == Role.PARTNER_USER:
        return _pick(bodies.partners, rng), None
    if role in _MINISTRY_ROLES:
        return bodies.ministry, None
    return bodies.prisons, None


def _pick(items: Sequence[_Item], rng: random.Random) -> _Item:
    return items[rng.randrange(len(items))]


def _staff_insert(users: list[User], memberships: list[Membership], progress: Progress) -> None:
    with transaction.atomic():
        User.objects.bulk_create(users)
        Membership.objects.bulk_create(memberships)
    progress.advance(len(users))
