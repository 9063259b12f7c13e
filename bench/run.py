"""`make bench`: build (or reuse) the dataset, time the key operations, report the figures.

    python -m bench.run --scale national|regional [--log-entries N] [--people N] [--rounds N]
                        [--append-rounds N] [--rebuild | --keep]

A missed target is a measurement, so the exit status stays 0; an operation that fails (an error
page, a chain that does not verify) is not, and exits 1.
"""

import argparse
import datetime as dt
import gc
import json
import os
import platform
import sys
import time
from pathlib import Path
from typing import Any

from bench.environment import (
    REPO_ROOT,
    BenchDatabase,
    BenchSetupError,
    DatasetMarker,
    bench_database,
    database_create_if_missing,
    database_drop,
    marker_read,
    production_environment_set,
    random_audit_key,
    random_field_encryption_keys,
)
from bench.scales import SCALES, Scale

RESULTS_PATH = REPO_ROOT / "bench" / "results.json"
# Measured on the reference machine (2 cores, shared): 10,000-19,000 chained entries a second.
_ESTIMATED_LOG_ROWS_PER_SECOND = 10_000
_LONG_BUILD_ENTRIES = 5_000_000


# The public site's pages (bench/site_operations.py), each timed warm and cold.
SITE_PAGES = ("home", "news p1", "news last page", "news page", "events", "search")

# The timed operations, in the order they run; `--only` picks among them before anything is built.
OPERATION_NAMES = (
    "login page",
    "My work",
    "case list p1",
    "case list p50",
    "person overview",
    "assessment form",
    "assessment save",
    "trajectory",
    "plan page",
    "attendance save",
    "My work, 200 tasks",
    "send_reminders",
    "training gap analysis",
    "training matrix grid",
    "certificate verification",
    "completions import",
    "partner inbox",
    "forum page",
    "referral page",
    "person's disclosures",
    *(f"site {page}, {state}" for page in SITE_PAGES for state in ("warm", "cold")),
    "site news p1, gunicorn requests/s",
    "processing-log append",
    "verify_audit_chain",
)

COORDINATION_OPERATIONS = ("partner inbox", "forum page", "referral page", "person's disclosures")
TRAINING_OPERATIONS = (
    "training gap analysis",
    "training matrix grid",
    "certificate verification",
    "completions import",
)


def operations_selected(only: list[str] | None) -> list[str]:
    """The operations whose name contains one of `only` (case-insensitive), or all of them."""
    if not only:
        return list(OPERATION_NAMES)
    wanted = [text.casefold() for text in only]
    chosen = [name for name in OPERATION_NAMES if any(text in name.casefold() for text in wanted)]
    if not chosen:
        raise BenchSetupError(
            f"--only {' '.join(only)!r} names no operation; they are: " + ", ".join(OPERATION_NAMES)
        )
    return chosen


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    try:
        args.operations = operations_selected(args.only)
    except BenchSetupError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 2
    scale = SCALES[args.scale]
    if args.log_entries is not None:
        scale = scale.with_log_entries(args.log_entries)
    if args.people is not None:
        scale = scale.with_people(args.people)
    try:
        database = bench_database(os.environ.get("DATABASE_URL"), args.scale)
        marker = _prepare_database(database, scale, rebuild=args.rebuild, keep=args.keep)
        production_environment_set(
            database,
            audit_hmac_key=marker.audit_hmac_key if marker else random_audit_key(),
            field_encryption_keys=(
                marker.field_encryption_keys if marker else random_field_encryption_keys()
            ),
        )
        return _run(database, scale, marker, args)
    except BenchSetupError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 2


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n")[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="national")
    parser.add_argument(
        "--log-entries",
        type=_positive,
        help="processing-log size instead of the scale's (1,000,000 national, 10,000,000 regional)",
    )
    parser.add_argument(
        "--people",
        type=_positive,
        help="people instead of the scale's (20,000 national, 200,000 regional); assessed people "
        "and observations keep their share",
    )
    parser.add_argument("--rounds", type=_positive, default=30, help="timed rounds per page")
    parser.add_argument("--append-rounds", type=_positive, default=200, help="timed log appends")
    choice = parser.add_mutually_exclusive_group()
    choice.add_argument("--rebuild", action="store_true", help="drop and build the dataset anew")
    choice.add_argument(
        "--keep",
        action="store_true",
        help="never drop a stored dataset: stop if it does not match --scale/--log-entries",
    )
    parser.add_argument(
        "--only",
        action="append",
        metavar="TEXT",
        help="time only the operations whose name contains TEXT (repeatable), e.g. 'case list'",
    )
    parser.add_argument("--results", type=Path, default=RESULTS_PATH, help="where to write JSON")
    parser.add_argument(
        "--compare-with",
        type=Path,
        help="an earlier results file (say, the national run's): print each operation's ratio",
    )
    return parser.parse_args(argv)


def _positive(text: str) -> int:
    value = int(text.replace("_", "").replace(",", ""))
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _prepare_database(
    database: BenchDatabase, scale: Scale, *, rebuild: bool, keep: bool
) -> DatasetMarker | None:
    """The stored dataset's marker when it can be reused; otherwise an empty database and None."""
    marker = None if rebuild else marker_read(database)
    wanted = f"{scale.name} with {scale.log_entries:,} log entries"
    if marker is not None:
        stored = f"{marker.scale} with {marker.log_entries:,} log entries"
        if (marker.scale, marker.log_entries) == (scale.name, scale.log_entries):
            print(f"Reusing the {stored} dataset built {marker.built_at} ({database.label}).")
            return marker
        if keep:
            raise BenchSetupError(f"The stored dataset is {stored}, not {wanted}; --keep given.")
        print(f"The stored dataset is {stored}; rebuilding for {wanted}.")
    database_drop(database)
    database_create_if_missing(database)
    if scale.log_entries >= _LONG_BUILD_ENTRIES:
        minutes = scale.log_entries / _ESTIMATED_LOG_ROWS_PER_SECOND / 60
        print(
            f"WARNING: building {scale.log_entries:,} log entries takes about {minutes:.0f} "
            "minutes on a 2-core machine; --log-entries N builds a smaller log.",
            flush=True,
        )
    return None


def _statistics_refresh(connection) -> None:
    """Brings planner statistics and PostgreSQL's visibility map to where autovacuum keeps a
    live database, instead of timing a table bulk-loaded seconds ago that nothing has analysed."""
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    print(f"Statistics refreshed in {time.perf_counter() - started:.0f} s.", flush=True)


def _run(
    database: BenchDatabase, scale: Scale, marker: DatasetMarker | None, args: argparse.Namespace
) -> int:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from bench import (
        coordination_operations,
        dataset,
        operations,
        pathway_operations,
        rehabilitation_operations,
        report,
        site_operations,
        throughput,
        training_operations,
    )

    call_command("migrate", interactive=False, verbosity=0)
    _static_files_collect()
    if marker is None:
        build_seconds = dataset.dataset_build(scale)
        counts = dataset.dataset_counts()
    else:
        build_seconds = marker.build_seconds
        counts = dataset.dataset_check(marker, scale)
    if set(args.operations) & set(COORDINATION_OPERATIONS):
        # Made before the statistics are refreshed, so that the planner knows the new rows.
        started = time.perf_counter()
        if coordination_operations.coordination_data(scale):
            print(f"Coordination data built in {time.perf_counter() - started:.0f} s.", flush=True)
    if set(args.operations) & set(TRAINING_OPERATIONS):
        # Built here too: timed seconds after a bulk load that nothing had analysed, the gap
        # analysis joined 10,000 participants the planner believed were none (282 ms, not 40).
        training_operations.bench_training_manager()
    if any(name.startswith("site ") for name in args.operations):
        site_operations.site_content(site_operations.site_scale(scale))
    _statistics_refresh(connection)
    # As config/wsgi.py does in each production worker: what is loaded by now lives for the
    # whole run, and the collector's full passes need not scan it.
    gc.collect()
    gc.freeze()
    print(f"Timing on {connection.vendor} ({database.label}), production settings.", flush=True)
    load_before = _load_average()
    steps = (
        ("login page", lambda: operations.login_page(args.rounds)),
        ("My work", lambda: operations.my_work_page(args.rounds)),
        ("case list p1", lambda: pathway_operations.case_list_page(args.rounds, page=1)),
        ("case list p50", lambda: pathway_operations.case_list_page(args.rounds, page=50)),
        ("person overview", lambda: pathway_operations.person_overview(args.rounds)),
        ("assessment form", lambda: pathway_operations.assessment_form(args.rounds)),
        ("assessment save", lambda: pathway_operations.assessment_save(args.rounds)),
        ("trajectory", lambda: pathway_operations.trajectory(args.rounds)),
        ("plan page", lambda: rehabilitation_operations.plan_page(args.rounds)),
        ("attendance save", lambda: rehabilitation_operations.attendance_save(args.rounds)),
        ("My work, 200 tasks", lambda: rehabilitation_operations.my_work_with_tasks(args.rounds)),
        ("send_reminders", rehabilitation_operations.reminders),
        ("training gap analysis", lambda: training_operations.gap_analysis(args.rounds)),
        ("training matrix grid", lambda: training_operations.matrix_grid(args.rounds)),
        ("certificate verification", lambda: training_operations.verification(args.rounds)),
        ("completions import", training_operations.completions_import),
        ("partner inbox", lambda: coordination_operations.partner_inbox(args.rounds, scale=scale)),
        ("forum page", lambda: coordination_operations.forum_page(args.rounds, scale=scale)),
        ("referral page", lambda: coordination_operations.referral_page(args.rounds, scale=scale)),
        (
            "person's disclosures",
            lambda: coordination_operations.disclosure_list(args.rounds, scale=scale),
        ),
        *(
            (
                f"site {page}, {'cold' if cold else 'warm'}",
                lambda page=page, cold=cold: site_operations.site_page(
                    page, args.rounds, cold=cold, scale=site_operations.site_scale(scale)
                ),
            )
            for page in SITE_PAGES
            for cold in (False, True)
        ),
        (
            "site news p1, gunicorn requests/s",
            lambda: throughput.page_throughput("site news p1, gunicorn requests/s", "/en/news/"),
        ),
        ("processing-log append", lambda: operations.log_append(args.append_rounds)),
        ("verify_audit_chain", operations.chain_verification),
    )
    assert [name for name, _step in steps] == list(OPERATION_NAMES)
    results = []
    for name, step in steps:
        if name not in args.operations:
            continue
        print(f"  {name} ...", flush=True)
        try:
            results.append(step())
        except operations.BenchFailedError as exc:
            print(f"bench: {name} FAILED: {exc}", file=sys.stderr)
            return 1
    report.table_print(results, sys.stdout)
    load_after = _load_average()
    cores = os.cpu_count() or 1
    if max(load_before, load_after) > cores:
        print(
            f"NOTE: load average {load_before:.1f} before, {load_after:.1f} after, on {cores} "
            "cores: other work competed for the CPU, so these times are high and noisy."
        )
    payload: dict[str, Any] = {
        "timestamp": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "scale": scale.name,
        "settings": os.environ["DJANGO_SETTINGS_MODULE"],
        "database": {"vendor": connection.vendor, "name": str(connection.settings_dict["NAME"])},
        "python": platform.python_version(),
        "cpu_count": os.cpu_count(),
        "load_average": {"before": round(load_before, 2), "after": round(load_after, 2)},
        "django": django.get_version(),
        "dataset": {
            **counts,
            "log_entries_after_run": dataset.dataset_counts()["log_entries"],
            "reused": marker is not None,
            "built_at": marker.built_at if marker else None,
            "build_seconds": round(build_seconds, 1),
        },
        "operations": [result.as_dict() for result in results],
        "all_met": all(result.met for result in results),
    }
    report.results_write(args.results, payload)
    print(f"Wrote {args.results}.")
    if args.compare_with:
        other = json.loads(args.compare_with.read_text(encoding="utf-8"))
        report.comparison_print(payload, other, sys.stdout)
    return 0


def _load_average() -> float:
    """The one-minute load average: above the core count, other work shared the CPU."""
    try:
        return os.getloadavg()[0]
    except OSError:
        return 0.0


def _static_files_collect() -> None:
    """The production storage serves hashed names from a manifest; pages fail without it."""
    from django.conf import settings
    from django.contrib.staticfiles.finders import get_finders
    from django.core.management import call_command

    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.exists():
        built = manifest.stat().st_mtime
        sources = (
            storage.path(path)
            for finder in get_finders()
            for path, storage in finder.list(["CVS", ".*", "*~"])
        )
        if all(os.stat(source).st_mtime <= built for source in sources):
            return
    started = time.perf_counter()
    print("Collecting static files for the production storage ...", flush=True)
    call_command("collectstatic", interactive=False, verbosity=0)
    print(f"  done in {time.perf_counter() - started:.0f} s.", flush=True)


if __name__ == "__main__":
    sys.exit(main())
