"""The timed operations: each runs warm-up rounds, then the measured rounds, and fails loudly.

Pages go through Django's test client in this process (no WSGI server, no network), so their
times are the application's own work: middleware, views, templates and SQL.
"""

import logging
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from bench.processing_log import person_id
from bench.stats import median, percentile
from reintegra.accounts.actor import actor_for_user
from reintegra.accounts.models import Membership, User
from reintegra.audit.models import Category, ProcessingLogEntry
from reintegra.audit.services import record
from reintegra.audit.verification import chain_verify
from reintegra.core.roles import Role

LOGIN_PATH = "/en/account/login/"
MY_WORK_PATH = "/en/work/"
# From design/performance.md.
PUBLIC_PAGE_MAX_QUERIES = 10
STAFF_PAGE_P95_MS = 150.0
STAFF_PAGE_MAX_RATIO = 3.0
APPEND_MEDIAN_MS = 2.0
VERIFY_SECONDS_PER_MILLION = 60.0
COMMIT_PROBE_TABLE = "bench_commit_probe"
_TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE SAVEPOINT")

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as TestResponse

Statement = tuple[str, Any, bool]


class BenchFailedError(RuntimeError):
    """The operation did not do its job, so its time means nothing."""


@dataclass
class OperationResult:
    name: str
    rounds: int
    median_ms: float
    p95_ms: float
    queries: int
    target: str
    met: bool
    sql_alone_median_ms: float | None = None
    sql_alone_p95_ms: float | None = None
    ratio: float | None = None
    commit_floor_ms: float | None = None
    detail: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            key: round(value, 3) if isinstance(value, float) else value
            for key, value in asdict(self).items()
        }


class StatementRecorder:
    """Keeps each statement with its parameters, exactly as Django hands it to the driver."""

    def __init__(self) -> None:
        self.statements: list[Statement] = []

    def __call__(
        self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
    ) -> Any:
        self.statements.append((sql, params, many))
        return execute(sql, params, many, context)


def login_page(rounds: int, warmup: int = 3) -> OperationResult:
    client = Client()
    _timed_gets(client, LOGIN_PATH, warmup)
    response, queries, _statements = _captured_get(client, LOGIN_PATH)
    timings = _timed_gets(client, LOGIN_PATH, rounds)
    return OperationResult(
        name="login page",
        rounds=rounds,
        median_ms=median(timings),
        p95_ms=percentile(timings, 0.95),
        queries=queries,
        target=f"<= {PUBLIC_PAGE_MAX_QUERIES} queries",
        met=queries <= PUBLIC_PAGE_MAX_QUERIES,
        detail=f"{len(response.content):,} bytes",
    )


def my_work_page(rounds: int, warmup: int = 3) -> OperationResult:
    user = bench_staff_user()
    client = signed_in_client(user)
    _timed_gets(client, MY_WORK_PATH, warmup)
    response, queries, statements = _captured_get(client, MY_WORK_PATH)
    timings = _timed_gets(client, MY_WORK_PATH, rounds)
    sql_alone = sql_alone_timings(statements, rounds)
    page_median, sql_median = median(timings), median(sql_alone)
    ratio = page_median / sql_median if sql_median > 0 else float("inf")
    p95 = percentile(timings, 0.95)
    return OperationResult(
        name="My work",
        rounds=rounds,
        median_ms=page_median,
        p95_ms=p95,
        queries=queries,
        target=f"p95 <= {STAFF_PAGE_P95_MS:.0f} ms, <= {STAFF_PAGE_MAX_RATIO:.0f}x SQL",
        met=p95 <= STAFF_PAGE_P95_MS and ratio <= STAFF_PAGE_MAX_RATIO,
        sql_alone_median_ms=sql_median,
        sql_alone_p95_ms=percentile(sql_alone, 0.95),
        ratio=ratio,
        detail=f"as {user.username}; {len(response.content):,} bytes",
    )


def log_append(rounds: int, warmup: int = 5) -> OperationResult:
    user = bench_staff_user()
    actor = actor_for_user(user)

    def append(index: int) -> ProcessingLogEntry:
        subject = person_id(index)
        return record(
            actor=actor,
            category=Category.CONSULTATION,
            action="bench.append",
            subjects=[subject],
            object_type="people.person",
            object_id=str(subject),
        )

    for index in range(warmup):
        append(index)
    with CaptureQueriesContext(connection) as queries:
        append(warmup)
    commit_probe = CommitProbe()
    timings, floor_timings = [], []
    # Each append is followed by a bare commit, so both meet the same state of the storage.
    for index in range(rounds):
        started = time.perf_counter_ns()
        entry = append(index)
        timings.append((time.perf_counter_ns() - started) / 1e6)
        if entry.seq <= 0 or len(entry.hash) != 64:
            raise BenchFailedError(f"The append returned no chained entry: {entry!r}.")
        floor_timings.append(commit_probe.commit_ms())
    result_median, floor = median(timings), median(floor_timings)
    return OperationResult(
        name="processing-log append",
        rounds=rounds,
        median_ms=result_median,
        p95_ms=percentile(timings, 0.95),
        queries=len(queries),
        target=f"median <= {APPEND_MEDIAN_MS:g} ms",
        met=result_median <= APPEND_MEDIAN_MS,
        commit_floor_ms=floor,
        detail=f"a bare one-row commit between the appends (the storage's flush, the floor of "
        f"any durable append) took {floor:.2f} ms (median)",
    )


class CommitProbe:
    """A one-row update committed on its own: what the database's durable commit costs."""

    def __init__(self) -> None:
        self.table = connection.ops.quote_name(COMMIT_PROBE_TABLE)
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE TABLE IF NOT EXISTS {self.table} (n bigint NOT NULL)")
            cursor.execute(f"SELECT COUNT(*) FROM {self.table}")  # noqa: S608 - a constant
            if cursor.fetchone()[0] == 0:
                cursor.execute(f"INSERT INTO {self.table} (n) VALUES (0)")  # noqa: S608

    def commit_ms(self) -> float:
        with connection.cursor() as cursor:
            started = time.perf_counter_ns()
            cursor.execute(f"UPDATE {self.table} SET n = n + 1")  # noqa: S608
            return (time.perf_counter_ns() - started) / 1e6


def chain_verification() -> OperationResult:
    entries = ProcessingLogEntry.objects.count()
    limit_seconds = VERIFY_SECONDS_PER_MILLION * entries / 1_000_000
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter_ns()
        report = chain_verify()
        elapsed_ms = (time.perf_counter_ns() - started) / 1e6
    if not report.intact or report.checked != entries:
        raise BenchFailedError(
            f"verify_audit_chain did not accept the log: {report.reason} after "
            f"{report.checked:,} of {entries:,} entries."
        )
    return OperationResult(
        name="verify_audit_chain",
        rounds=1,
        median_ms=elapsed_ms,
        p95_ms=elapsed_ms,
        queries=len(queries),
        target=f"<= {limit_seconds:.1f} s for {entries:,}",
        met=elapsed_ms / 1000 <= limit_seconds,
        detail=f"{entries / (elapsed_ms / 1000):,.0f} entries/s",
    )


def bench_staff_user() -> User:
    """A prison officer at a facility, the dataset's first, so that every run signs in as them."""
    membership = (
        Membership.objects.filter(
            role=Role.PRISON_OFFICER, facility__isnull=False, user__username__startswith="bench."
        )
        .select_related("user")
        .order_by("user__username")
        .first()
    )
    if membership is None:
        raise BenchFailedError("The dataset has no prison officer at a facility to sign in as.")
    return membership.user


def signed_in_client(user: User) -> Client:
    """A client past both factors: a confirmed TOTP device, and the session says it was used."""
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, name="bench", defaults={"confirmed": True}
    )
    client = Client()
    # Axes reports every sign-in at INFO; here that is noise between the progress lines.
    logging.getLogger("axes").setLevel(logging.WARNING)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def sql_alone_timings(statements: list[Statement], rounds: int) -> list[float]:
    """Runs a page's statements again on the bare cursor, fetching every row, `rounds` times.

    Transaction control is left out: each statement then commits on its own, as the page's did
    under autocommit, without leaving a transaction open between rounds.
    """
    replayed = [statement for statement in statements if not _is_transaction_control(statement[0])]
    if not replayed:
        raise BenchFailedError("The page ran no SQL to replay.")
    timings = []
    with connection.cursor() as cursor:
        for _round in range(rounds):
            started = time.perf_counter_ns()
            for sql, params, many in replayed:
                if many:
                    cursor.executemany(sql, params)
                else:
                    cursor.execute(sql, params)
                if cursor.description is not None:
                    cursor.fetchall()
            timings.append((time.perf_counter_ns() - started) / 1e6)
    return timings


def _captured_get(client: Client, path: str) -> tuple["TestResponse", int, list[Statement]]:
    """One request with its statements kept, and the query count `assertNumQueries` would see
    (on SQLite that includes BEGIN and COMMIT)."""
    recorder = StatementRecorder()
    with CaptureQueriesContext(connection) as queries, connection.execute_wrapper(recorder):
        response = _get_ok(client, path)
    counted = [query["sql"] for query in queries if not _is_transaction_control(query["sql"])]
    recorded = [sql for sql, _params, _many in recorder.statements]
    if len(counted) != len([sql for sql in recorded if not _is_transaction_control(sql)]):
        raise BenchFailedError(f"GET {path}: the statements recorded are not those counted.")
    return response, len(queries), recorder.statements


def _is_transaction_control(sql: str) -> bool:
    return sql.lstrip().upper().startswith(_TRANSACTION_CONTROL)


def _timed_gets(client: Client, path: str, rounds: int) -> list[float]:
    timings = []
    for _round in range(rounds):
        started = time.perf_counter_ns()
        _get_ok(client, path)
        timings.append((time.perf_counter_ns() - started) / 1e6)
    return timings


def _get_ok(client: Client, path: str) -> "TestResponse":
    response = client.get(path, secure=True, headers={"host": "testserver"})
    if response.status_code != 200:
        where = response.get("Location", "")
        raise BenchFailedError(
            f"GET {path} answered {response.status_code} {where}".rstrip()
            + ": a benchmark of anything but the page itself is worthless."
        )
    return response
