"""Gap analysis, the matrix grid, certificate verification and a 10,000-row completions import.

The training data are made once, on the first run against a dataset, as plain rows, and reused by
later runs: 10,000 staff taking part in training (participants spread over every jurisdiction's
prison and probation services, in the roles the matrix names), 500 training events, 40,000
completions of eight courses over four years, a certificate for every tenth completion, and a
matrix in force in each jurisdiction (four roles by four competences). The training manager who
signs in is an existing staff user of the bench jurisdiction given a second membership, so the
dataset's user count, which a reused dataset is checked against, does not change.

Each import run writes 10,000 new completions (half for known staff, matched by e-mail; half for
people new to the register, created as participants) on a day no earlier run used, so that
every run measures a full write and never the idempotent no-op.
"""

import datetime as dt
import random
import time
import uuid
from dataclasses import dataclass

from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from bench.dataset import BENCH_EMAIL_DOMAIN
from bench.operations import (
    BenchFailedError,
    OperationResult,
    StatementRecorder,
    _captured_get,
    _timed_gets,
    signed_in_client,
)
from bench.pathway_operations import bench_membership
from bench.progress import Progress
from bench.stats import median, percentile
from reintegra.accounts.actor import SESSION_MEMBERSHIP_KEY, actor_for_user
from reintegra.accounts.models import Membership
from reintegra.core.roles import Role
from reintegra.organisations.models import Jurisdiction, Organisation
from reintegra.training import imports
from reintegra.training.models import (
    Certificate,
    Competence,
    Completion,
    CompletionSource,
    Course,
    CourseCompetence,
    CourseMode,
    MatrixCell,
    MatrixVersion,
    Participant,
    TrainingEvent,
)

# The capacity-building issue's targets.
TRAINING_PAGE_P95_MS = 200.0
IMPORT_LIMIT_S = 30.0
BENCH_COURSE_PREFIX = "bench-course-"
IMPORT_COURSE_CODE = "bench-import-course"
MATRIX_ROLES = (Role.PRISON_OFFICER, Role.SPECIALIST, Role.SUPERVISOR, Role.PROBATION_OFFICER)
COMPETENCES = ("bench-radicalisation", "bench-screening", "bench-risk", "bench-disengagement")
_BATCH = 2_000


@dataclass(frozen=True)
class TrainingScale:
    staff: int
    events: int
    completions: int
    import_rows: int
    certificate_share: int = 10  # one completion in this many has a certificate


FULL = TrainingScale(staff=10_000, events=500, completions=40_000, import_rows=10_000)


# --- The timed operations -------------------------------------------------------------------------


def gap_analysis(rounds: int, warmup: int = 3, scale: TrainingScale = FULL) -> OperationResult:
    membership = bench_training_manager(scale)
    code = membership.organisation.jurisdiction_id
    result = _manager_page(
        "training gap analysis",
        membership,
        f"/en/training/gaps/?jurisdiction={code}",
        rounds,
        warmup,
    )
    staff = Participant.objects.filter(organisation__jurisdiction_id=code).count()
    result.detail += f"; {staff:,} staff in training in {code}"
    return result


def matrix_grid(rounds: int, warmup: int = 3, scale: TrainingScale = FULL) -> OperationResult:
    membership = bench_training_manager(scale)
    result = _manager_page(
        "training matrix grid", membership, "/en/training/matrix/", rounds, warmup
    )
    cells = MatrixCell.objects.filter(
        version__jurisdiction_id=membership.organisation.jurisdiction_id
    ).count()
    result.detail += f"; {cells} cells in force"
    return result


def verification(rounds: int, warmup: int = 3, scale: TrainingScale = FULL) -> OperationResult:
    """The public page a certificate's QR code opens, as an anonymous visitor."""
    bench_training_manager(scale)
    certificate = Certificate.objects.order_by("code").first()
    if certificate is None:
        raise BenchFailedError("The training data hold no certificate to verify.")
    path = f"/en/training/verify/{certificate.code}/"
    client = Client()
    _timed_gets(client, path, warmup)
    response, queries, _statements = _captured_get(client, path)
    timings = _timed_gets(client, path, rounds)
    p95 = percentile(timings, 0.95)
    return OperationResult(
        name="certificate verification",
        rounds=rounds,
        median_ms=median(timings),
        p95_ms=p95,
        queries=queries,
        target=f"p95 <= {TRAINING_PAGE_P95_MS:.0f} ms",
        met=p95 <= TRAINING_PAGE_P95_MS,
        detail=f"anonymous; {Certificate.objects.count():,} certificates; "
        f"{len(response.content):,} bytes",
    )


def completions_import(
    scale: TrainingScale = FULL, limit_seconds: float = IMPORT_LIMIT_S
) -> OperationResult:
    """Check and apply a CSV of `scale.import_rows` rows, as the preview and confirm steps do."""
    membership = bench_training_manager(scale)
    text, day = _import_csv(scale)
    actor = actor_for_user(membership.user, membership)
    before = Completion.objects.count()
    recorder = StatementRecorder()
    started = time.perf_counter()
    with connection.execute_wrapper(recorder):
        checked = imports.check(text, today=timezone.localdate())
        if not checked.is_clean:
            first = checked.problems or checked.row_problems[0].problems
            raise BenchFailedError(f"The bench import file has problems: {first}")
        written = imports.apply(actor=actor, result=checked)
    elapsed = time.perf_counter() - started
    if written != scale.import_rows or Completion.objects.count() != before + written:
        raise BenchFailedError(
            f"The import wrote {written} of {scale.import_rows} rows: it did not go through."
        )
    return OperationResult(
        name=f"completions import, {scale.import_rows:,} rows",
        rounds=1,
        median_ms=elapsed * 1000,
        p95_ms=elapsed * 1000,
        queries=len(recorder.statements),
        target=f"<= {limit_seconds:.0f} s",
        met=elapsed <= limit_seconds,
        detail=f"{written:,} completions on {day.isoformat()}, half for new participants",
    )


def _manager_page(
    name: str, membership: Membership, path: str, rounds: int, warmup: int
) -> OperationResult:
    client = signed_in_client(membership.user)
    session = client.session
    session[SESSION_MEMBERSHIP_KEY] = str(membership.pk)
    session.save()
    _timed_gets(client, path, warmup)
    response, queries, _statements = _captured_get(client, path)
    timings = _timed_gets(client, path, rounds)
    p95 = percentile(timings, 0.95)
    return OperationResult(
        name=name,
        rounds=rounds,
        median_ms=median(timings),
        p95_ms=p95,
        queries=queries,
        target=f"p95 <= {TRAINING_PAGE_P95_MS:.0f} ms",
        met=p95 <= TRAINING_PAGE_P95_MS,
        detail=f"as {membership.user.username} (training manager); {len(response.content):,} bytes",
    )


def _import_csv(scale: TrainingScale) -> tuple[str, dt.date]:
    """Rows for known staff and for new people, on a day before any earlier import run's."""
    course = Course.objects.get(code=IMPORT_COURSE_CODE)
    earliest = Completion.objects.filter(course=course).order_by("completed_on").first()
    day = (earliest.completed_on if earliest else timezone.localdate()) - dt.timedelta(days=1)
    known = list(
        Participant.objects.filter(email__endswith=f"@{BENCH_EMAIL_DOMAIN}", user__isnull=True)
        .exclude(email__startswith="import-")
        .order_by("email")
        .values_list("email", flat=True)[: scale.import_rows // 2]
    )
    lines = ["email,name,course,completion_date,grade"]
    for index, email in enumerate(known):
        lines.append(f"{email},,{course.code},{day.isoformat()},{60 + index % 40}")
    for index in range(scale.import_rows - len(known)):
        email = f"import-{day.isoformat()}-{index:05d}@{BENCH_EMAIL_DOMAIN}"
        lines.append(f"{email},Imported Person {index},{course.code},{day.isoformat()},75")
    return "\n".join(lines) + "\n", day


# --- What the operations need, made once ----------------------------------------------------------


def bench_training_manager(scale: TrainingScale = FULL) -> Membership:
    """The training manager of the bench jurisdiction; the training data are built on first use."""
    jurisdiction_id = bench_membership().organisation.jurisdiction_id
    membership = (
        Membership.objects.filter(
            role=Role.TRAINING_MANAGER,
            organisation__jurisdiction_id=jurisdiction_id,
            user__username__startswith="bench.",
        )
        .select_related("user", "organisation")
        .order_by("created_at")
        .first()
    )
    if membership is None:
        host = (
            Membership.objects.filter(
                role=Role.PRISON_MANAGER,
                organisation__jurisdiction_id=jurisdiction_id,
                user__username__startswith="bench.",
            )
            .select_related("organisation")
            .order_by("user__username")
            .first()
        ) or bench_membership()
        membership = Membership.objects.create(
            user_id=host.user_id, organisation=host.organisation, role=Role.TRAINING_MANAGER
        )
        membership = Membership.objects.select_related("user", "organisation").get(pk=membership.pk)
    if not Course.objects.filter(code=IMPORT_COURSE_CODE).exists():
        training_data_build(scale, membership)
    return membership


@transaction.atomic
def training_data_build(scale: TrainingScale, manager: Membership) -> None:
    rng = random.Random(7)
    started = time.perf_counter()
    competences = [
        Competence.objects.get_or_create(code=code, defaults={"name": code.replace("-", " ")})[0]
        for code in COMPETENCES
    ]
    courses = []
    for index in range(8):
        course = Course.objects.create(
            code=f"{BENCH_COURSE_PREFIX}{index}",
            title=f"Bench course {index}",
            mode=CourseMode.choices[index % len(CourseMode.choices)][0],
            duration_hours=8 + index,
            provider="Bench academy",
            validity_months=24 if index % 2 else 36,
            trains_trainers=index == 7,
        )
        CourseCompetence.objects.create(
            course=course, competence=competences[index % len(competences)], level=2 + index % 2
        )
        courses.append(course)
    Course.objects.create(
        code=IMPORT_COURSE_CODE,
        title="Bench online course (imported)",
        mode=CourseMode.SELF_LEARNING,
        duration_hours=6,
        provider="Bench platform",
    )
    for jurisdiction in Jurisdiction.objects.all():
        version = MatrixVersion.objects.create(
            jurisdiction=jurisdiction, number=1, created_by_id=manager.user_id
        )
        for role in MATRIX_ROLES:
            for competence in competences:
                MatrixCell.objects.create(
                    version=version, role=role, competence=competence, required_level=2
                )
    organisations = list(
        Organisation.objects.filter(
            jurisdiction__isnull=False, type_id__in=["prison_administration", "probation_service"]
        ).order_by("pk")
    ) or list(Organisation.objects.filter(jurisdiction__isnull=False).order_by("pk"))
    progress = Progress("training staff", scale.staff)
    participants = []
    for index in range(scale.staff):
        organisation = organisations[index % len(organisations)]
        participants.append(
            Participant(
                id=uuid.UUID(int=rng.getrandbits(128), version=4),
                full_name=f"Trainee {index:05d}",
                email=f"trainee-{index:05d}@{BENCH_EMAIL_DOMAIN}",
                organisation=organisation,
                role=MATRIX_ROLES[index % len(MATRIX_ROLES)],
            )
        )
    for start in range(0, len(participants), _BATCH):
        Participant.objects.bulk_create(participants[start : start + _BATCH])
        progress.advance(len(participants[start : start + _BATCH]))
    progress.finish()
    today = timezone.localdate()
    events = []
    for index in range(scale.events):
        course = courses[index % len(courses)]
        starts = today - dt.timedelta(days=rng.randrange(30, 4 * 365))
        events.append(
            TrainingEvent(
                course=course,
                title=f"Bench event {index:03d}",
                organisation=organisations[index % len(organisations)],
                starts_on=starts,
                ends_on=starts + dt.timedelta(days=2),
                venue="Bench training centre",
                created_by_id=manager.user_id,
            )
        )
    TrainingEvent.objects.bulk_create(events, batch_size=_BATCH)
    events_by_course: dict = {}
    for planned in events:
        events_by_course.setdefault(planned.course_id, []).append(planned)
    progress = Progress("training completions", scale.completions)
    seen: set[tuple] = set()
    batch: list[Completion] = []
    while len(seen) < scale.completions:
        participant = participants[rng.randrange(len(participants))]
        course = courses[rng.randrange(len(courses))]
        event: TrainingEvent | None = (
            rng.choice(events_by_course[course.pk]) if course.pk in events_by_course else None
        )
        day = event.ends_on if event else today - dt.timedelta(days=rng.randrange(1, 1400))
        key = (participant.pk, course.pk, day)
        if key in seen:
            continue
        seen.add(key)
        batch.append(
            Completion(
                participant=participant,
                course=course,
                event=event,
                completed_on=day,
                valid_until=course.valid_until(day),
                score=None,
                source=CompletionSource.EVENT,
                recorded_by_id=manager.user_id,
            )
        )
        if len(batch) >= _BATCH:
            _completions_insert(batch, scale, progress)
            batch = []
    _completions_insert(batch, scale, progress)
    progress.finish()
    print(f"Training data built in {time.perf_counter() - started:.0f} s.", flush=True)


def _completions_insert(batch: list[Completion], scale: TrainingScale, progress: Progress) -> None:
    Completion.objects.bulk_create(batch)
    Certificate.objects.bulk_create(
        Certificate(completion=completion, issued_by_id=completion.recorded_by_id)
        for number, completion in enumerate(batch)
        if number % scale.certificate_share == 0
    )
    progress.advance(len(batch))
