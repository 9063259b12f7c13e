"""The benchmark harness's pieces at a tiny scale, in the test settings (never production's)."""

import itertools
import statistics
import uuid

import pytest
from django.db import connection
from django.utils import timezone

from bench import operations
from bench.dataset import dataset_build, dataset_counts
from bench.environment import MARKER_TABLE
from bench.processing_log import LogActor, log_entries_build, person_id
from bench.scales import Scale
from bench.stats import median, percentile
from reintegra.audit.actor import SystemActor
from reintegra.audit.models import Category, ProcessingLogEntry
from reintegra.audit.services import record
from reintegra.audit.verification import chain_verify

TINY = Scale("tiny", 40, 2, 1, 3, 25, 300)
ACTORS = [
    LogActor(uuid.uuid4(), "officer.one", uuid.uuid4(), "prison_officer", "AL"),
    LogActor(uuid.uuid4(), "auditor.two", uuid.uuid4(), "auditor", "RS"),
    LogActor(None, "system", None, "", ""),
]


def test_percentile_interpolates_between_the_closest_ranks() -> None:
    values = [float(n) for n in range(100, 0, -1)]
    assert percentile(values, 0.95) == pytest.approx(95.05)
    assert percentile(values, 0.95) == pytest.approx(
        statistics.quantiles(values, n=20, method="inclusive")[18]
    )
    assert percentile([7.0], 0.95) == 7.0
    assert percentile([1.0, 2.0, 10.0], 1.0) == 10.0
    assert median([3.0, 1.0, 2.0, 10.0]) == 2.5


def test_percentile_refuses_no_values_and_fractions_outside_zero_to_one() -> None:
    with pytest.raises(ValueError, match="No values"):
        percentile([], 0.5)
    with pytest.raises(ValueError, match="between 0 and 1"):
        percentile([1.0], 95)


def test_built_log_is_a_chain_that_verify_audit_chain_accepts(db: None) -> None:
    last_seq = log_entries_build(700, actors=ACTORS, people=50, batch_size=250)

    report = chain_verify()

    assert last_seq == 700
    assert report.intact, report.reason
    assert report.checked == 700
    rows = list(ProcessingLogEntry.objects.order_by("seq").values_list("seq", "occurred_at"))
    assert [seq for seq, _at in rows] == list(range(1, 701))
    times = [at for _seq, at in rows]
    assert all(earlier < later for earlier, later in itertools.pairwise(times))
    assert times[-1] < timezone.now()
    categories = set(ProcessingLogEntry.objects.values_list("category", flat=True))
    assert {Category.CONSULTATION, Category.DISCLOSURE} <= categories


def test_built_log_is_keyed_with_the_audit_key_in_settings(db: None, settings) -> None:
    settings.AUDIT_HMAC_KEY = "a-different-key-than-the-one-verification-will-use"
    log_entries_build(20, actors=ACTORS, people=5)
    settings.AUDIT_HMAC_KEY = "the-key-the-instance-verifies-with-0123456789"

    report = chain_verify()

    assert not report.intact
    assert report.first_bad_seq == 1


def test_record_appends_after_a_built_log_without_breaking_the_chain(db: None) -> None:
    log_entries_build(120, actors=ACTORS, people=10, batch_size=50)

    entry = record(actor=SystemActor(), category=Category.CONSULTATION, action="bench.test")
    log_entries_build(30, actors=ACTORS, people=10)
    report = chain_verify()

    assert entry.seq == 121
    assert report.intact, report.reason
    assert report.checked == 151


def test_dataset_build_makes_staff_with_memberships_and_records_its_marker(db: None) -> None:
    dataset_build(TINY)

    counts = dataset_counts()
    assert counts["jurisdictions"] == 6
    assert counts["staff_users"] == TINY.staff_users
    assert counts["memberships"] >= TINY.staff_users
    assert counts["facilities"] == 6 * TINY.facilities_per_jurisdiction
    assert counts["log_entries"] == TINY.log_entries
    report = chain_verify()
    assert report.intact, report.reason
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT scale, log_entries, staff_users FROM {MARKER_TABLE}")  # noqa: S608
        assert cursor.fetchall() == [("tiny", TINY.log_entries, TINY.staff_users)]


def test_operations_time_the_real_pages_and_the_log_at_tiny_scale(db: None) -> None:
    dataset_build(TINY)

    login = operations.login_page(rounds=3, warmup=1)
    my_work = operations.my_work_page(rounds=3, warmup=1)
    append = operations.log_append(rounds=4, warmup=1)
    verification = operations.chain_verification()

    assert login.rounds == 3 and login.queries <= operations.PUBLIC_PAGE_MAX_QUERIES
    assert my_work.queries > 0
    assert my_work.sql_alone_median_ms is not None and my_work.sql_alone_median_ms > 0
    assert my_work.ratio == pytest.approx(my_work.median_ms / my_work.sql_alone_median_ms)
    assert append.rounds == 4
    assert append.commit_floor_ms is not None
    # 300 built, then one warm-up, one counted and four timed appends.
    assert ProcessingLogEntry.objects.count() == TINY.log_entries + 6
    assert verification.detail.endswith("entries/s")


def test_a_page_that_does_not_answer_200_fails_the_benchmark(db: None) -> None:
    with pytest.raises(operations.BenchFailedError, match="answered 302"):
        operations._get_ok(operations.Client(), operations.MY_WORK_PATH)


def test_person_ids_are_stable_for_later_issues_to_create_those_people() -> None:
    assert person_id(7) == person_id(7)
    assert person_id(7) != person_id(8)
