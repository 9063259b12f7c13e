"""The benchmark harness's pieces at a tiny scale, in the test settings (never production's)."""

import itertools
import statistics
import uuid

import pytest
from django.db import connection
from django.utils import timezone

from bench import operations, pathway_operations, report
from bench.dataset import dataset_build, dataset_counts
from bench.environment import MARKER_TABLE, BenchSetupError, bench_database
from bench.pathway_dataset import ASSESSMENTS_PER_PERSON, bench_specialist_membership
from bench.processing_log import LogActor, log_entries_build, person_id
from bench.run import (
    COORDINATION_OPERATIONS,
    OPERATION_NAMES,
    TRAINING_OPERATIONS,
    operations_selected,
)
from bench.scales import Scale
from bench.stats import median, percentile
from reintegra.assessments.models import Assessment, AssessmentStatus, ItemRating
from reintegra.audit.actor import SystemActor
from reintegra.audit.models import Category, ProcessingLogEntry
from reintegra.audit.services import record
from reintegra.audit.verification import chain_verify

TINY = Scale("tiny", 40, 2, 1, 3, 25, 300)
# With pathway data: 12 people with three locked assessments each, 150 observations.
PATHWAY_TINY = Scale("tiny", 120, 2, 1, 3, 200, 100, 12, 150)
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
    # The built log, then the instrument's load: the pathway's bulk data writes no entries.
    assert counts["log_entries"] == TINY.log_entries + 1
    assert counts["people"] == TINY.people
    report = chain_verify()
    assert report.intact, report.reason
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT scale, log_entries, staff_users FROM {MARKER_TABLE}")  # noqa: S608
        assert cursor.fetchall() == [("tiny", TINY.log_entries, TINY.staff_users)]


def test_pathway_data_is_consistent_at_tiny_scale(db: None) -> None:
    from reintegra.observations.models import Observation
    from reintegra.people.models import CustodyEpisode, Person, Placement

    dataset_build(PATHWAY_TINY)

    counts = dataset_counts()
    assert counts["people"] == PATHWAY_TINY.people
    assert CustodyEpisode.objects.count() == Placement.objects.count() == PATHWAY_TINY.people
    assert counts["assessments"] == PATHWAY_TINY.assessed_people * ASSESSMENTS_PER_PERSON
    assert counts["observations"] == PATHWAY_TINY.observations
    locked = Assessment.objects.select_related("instrument_version")
    assert {assessment.status for assessment in locked} == {AssessmentStatus.LOCKED}
    items = {item.code for item in locked[0].instrument_version.parsed.items}
    assert len(items) == 30
    for assessment in locked:
        assert assessment.countersigned_by_id is not None
        assert assessment.countersigned_by_id != assessment.assessor_id
        assert assessment.judgement_level
        assert assessment.formulation.startswith("Formulation")  # decrypted again
        assert assessment.facility_id == assessment.person.current_facility_id
        ratings = ItemRating.objects.filter(assessment=assessment)
        assert {rating.item_code for rating in ratings} == items
        assert all(set(rating.ratings) == {"presence", "relevance"} for rating in ratings)
    for person in Person.objects.filter(assessments__isnull=False).distinct():
        latest = person.assessments.order_by("-countersigned_at").first()
        assert latest is not None and person.judgement_level == latest.judgement_level
    assert Observation.objects.filter(narrative__isnull=False).first().narrative.startswith("Seen")
    membership = bench_specialist_membership()
    assert membership is not None
    in_bench_facility = Person.objects.filter(current_facility=membership.facility).count()
    assert in_bench_facility >= PATHWAY_TINY.people * 13 // 100


def test_pathway_operations_answer_at_tiny_scale(db: None) -> None:
    dataset_build(PATHWAY_TINY)

    results = [
        pathway_operations.case_list_page(rounds=2, page=1, warmup=1),
        pathway_operations.person_overview(rounds=2, warmup=1),
        pathway_operations.assessment_form(rounds=2, warmup=1),
        pathway_operations.assessment_save(rounds=3, warmup=1),
        pathway_operations.trajectory(rounds=2, warmup=1),
    ]

    assert all(result.queries > 0 for result in results)
    case_list = results[0]
    assert case_list.ratio == pytest.approx(case_list.median_ms / case_list.sql_alone_median_ms)
    draft = Assessment.objects.get(status=AssessmentStatus.DRAFT)
    # One warm-up, one counted and three timed saves, each moving the version on.
    assert draft.version == 1 + 5
    assert draft.ratings.count() == 30
    with pytest.raises(operations.BenchFailedError, match="no page 50"):
        pathway_operations.case_list_page(rounds=1, page=50)


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
    # 300 built, the instrument's load, then one warm-up, one counted and four timed appends.
    assert ProcessingLogEntry.objects.count() == TINY.log_entries + 1 + 6
    assert verification.detail.endswith("entries/s")


def test_a_page_that_does_not_answer_200_fails_the_benchmark(db: None) -> None:
    with pytest.raises(operations.BenchFailedError, match="answered 302"):
        operations._get_ok(operations.Client(), operations.MY_WORK_PATH)


def test_person_ids_are_stable_for_later_issues_to_create_those_people() -> None:
    assert person_id(7) == person_id(7)
    assert person_id(7) != person_id(8)


def test_each_scale_has_a_database_of_its_own_beside_the_users() -> None:
    url = "postgres://postgres@127.0.0.1:5432/postgres"
    national = bench_database(url, "national")
    regional = bench_database(url, "regional")
    assert national.url == "postgres://postgres@127.0.0.1:5432/reintegra_bench_national"
    assert regional.url == "postgres://postgres@127.0.0.1:5432/reintegra_bench_regional"
    assert regional.admin_urls == ("postgres://postgres@127.0.0.1:5432/postgres",)
    assert (
        bench_database(None, "regional").sqlite_path != bench_database(None, "national").sqlite_path
    )


def test_comparison_gives_each_shared_operation_its_ratio_and_judges_the_case_list() -> None:
    def run(scale: str, medians: dict[str, float]) -> dict:
        operations_timed = [
            {"name": name, "median_ms": value, "p95_ms": value * 2}
            for name, value in medians.items()
        ]
        return {
            "scale": scale,
            "timestamp": "2026-12-06T15:00:00+00:00",
            "operations": operations_timed,
        }

    national = run("national", {"case list p1": 20.0, "case list p50": 20.0, "trajectory": 10.0})
    regional = run(
        "regional", {"case list p1": 28.0, "case list p50": 31.0, "person overview": 9.0}
    )

    rows = {row[0]: row for row in report.comparison_rows(regional, national)}

    assert set(rows) == {"case list p1", "case list p50"}
    assert rows["case list p1"][2] == "1.40x"
    assert rows["case list p1"][6] == "met"
    assert rows["case list p50"][2] == "1.55x"
    assert rows["case list p50"][6] == "MISSED"


def test_only_picks_operations_by_part_of_their_name_and_refuses_a_miss() -> None:
    assert operations_selected(["Case List"]) == ["case list p1", "case list p50"]
    assert operations_selected(["p50", "trajectory"]) == ["case list p50", "trajectory"]
    assert operations_selected(None) == list(OPERATION_NAMES)
    with pytest.raises(BenchSetupError, match="names no operation; they are: login page"):
        operations_selected(["case lsit"])


def test_data_built_before_the_statistics_refresh_name_operations_that_exist() -> None:
    # A misspelt name would silently skip the build and time tables the planner has not analysed.
    assert set(COORDINATION_OPERATIONS) <= set(OPERATION_NAMES)
    assert set(TRAINING_OPERATIONS) <= set(OPERATION_NAMES)
