"""The pathway's timed pages: case list, person overview, assessment form and save, trajectory.

All as the bench specialist (bench.pathway_dataset.bench_specialist_membership), who has passed
MFA and sees the people of their facility, which holds 13 % of the people: page 50 exists.
"""

import time
import uuid
from typing import Any

from django.db import connection
from django.db.models import Count
from django.test import Client

from bench.operations import (
    STAFF_PAGE_P95_MS,
    BenchFailedError,
    OperationResult,
    StatementRecorder,
    _captured_get,
    _timed_gets,
    signed_in_client,
    sql_alone_timings,
)
from bench.pathway_dataset import ASSESSMENTS_PER_PERSON, bench_specialist_membership
from bench.stats import median, percentile
from reintegra.accounts.actor import actor_for_user
from reintegra.accounts.models import Membership
from reintegra.assessments.models import Assessment, AssessmentStatus
from reintegra.assessments.services import assessment_start
from reintegra.instruments.models import InstrumentVersion
from reintegra.people.models import Person
from reintegra.people.selectors import people_visible_to

CASE_LIST_PATH = "/en/people/"
CASE_LIST_PAGE_SIZE = 50
SAVE_P95_MS = 250.0
_WRITES = ("INSERT", "UPDATE", "DELETE")


def bench_membership() -> Membership:
    membership = bench_specialist_membership()
    if membership is None or membership.facility_id is None:
        raise BenchFailedError("The dataset has no specialist at a facility to sign in as.")
    return membership


def case_list_page(rounds: int, page: int = 1, warmup: int = 3) -> OperationResult:
    """Page 1 of the default list (in custody), or a later page of everyone (`status=all`)."""
    membership = bench_membership()
    path = CASE_LIST_PATH if page == 1 else f"{CASE_LIST_PATH}?page={page}&status=all"
    visible = people_visible_to(actor_for_user(membership.user, membership)).count()
    if visible <= (page - 1) * CASE_LIST_PAGE_SIZE:
        raise BenchFailedError(
            f"{membership.user.username} sees {visible:,} people: there is no page {page}."
        )
    result = page_with_sql(f"case list p{page}", membership, path, rounds, warmup)
    result.detail += f"; {visible:,} people visible"
    return result


def person_overview(rounds: int, warmup: int = 3) -> OperationResult:
    membership = bench_membership()
    person = _assessed_person(membership)
    return page_with_sql(
        "person overview", membership, f"/en/people/{person.pk}/", rounds, warmup, ratio=False
    )


def trajectory(rounds: int, warmup: int = 3) -> OperationResult:
    membership = bench_membership()
    person = _assessed_person(membership)
    path = f"/en/assessments/people/{person.pk}/trajectory/"
    return page_with_sql("trajectory", membership, path, rounds, warmup, ratio=False)


def assessment_form(rounds: int, warmup: int = 3) -> OperationResult:
    membership = bench_membership()
    draft = bench_draft(membership)
    path = f"/en/assessments/{draft.pk}/edit/"
    return page_with_sql("assessment form", membership, path, rounds, warmup, ratio=False)


def assessment_save(rounds: int, warmup: int = 3) -> OperationResult:
    """POSTs the whole form, every item rated, with the version read fresh before each round."""
    membership = bench_membership()
    draft = bench_draft(membership)
    client = signed_in_client(membership.user)
    path = f"/en/assessments/{draft.pk}/edit/"
    data = save_form_data(draft)
    for _round in range(warmup):
        _post_saved(client, path, data, draft.pk)
    recorder = StatementRecorder()
    with connection.execute_wrapper(recorder):
        _post_saved(client, path, data, draft.pk)
    # The statements the driver received, less the version read before the request.
    queries = len(recorder.statements) - 1
    timings = [_post_saved(client, path, data, draft.pk) for _round in range(rounds)]
    p95 = percentile(timings, 0.95)
    return OperationResult(
        name="assessment save",
        rounds=rounds,
        median_ms=median(timings),
        p95_ms=p95,
        queries=queries,
        target=f"p95 <= {SAVE_P95_MS:.0f} ms",
        met=p95 <= SAVE_P95_MS,
        detail=f"as {membership.user.username}; {len(draft.instrument_version.parsed.items)} "
        "items rated, 302 to the form",
    )


def page_with_sql(
    name: str, membership: Membership, path: str, rounds: int, warmup: int, *, ratio: bool = True
) -> OperationResult:
    """A GET timed as the member, with its SQL replayed alone for the ratio when `ratio`."""
    client = signed_in_client(membership.user)
    _timed_gets(client, path, warmup)
    response, queries, statements = _captured_get(client, path)
    timings = _timed_gets(client, path, rounds)
    page_median, p95 = median(timings), percentile(timings, 0.95)
    result = OperationResult(
        name=name,
        rounds=rounds,
        median_ms=page_median,
        p95_ms=p95,
        queries=queries,
        target=f"p95 <= {STAFF_PAGE_P95_MS:.0f} ms",
        met=p95 <= STAFF_PAGE_P95_MS,
        detail=f"as {membership.user.username}; {len(response.content):,} bytes",
    )
    if ratio:
        # A write cannot run twice (the log's seq is unique): only the reads are replayed.
        reads = [statement for statement in statements if not _is_write(statement[0])]
        writes = sum(1 for sql, _params, _many in statements if _is_write(sql))
        if writes:
            result.detail += f"; SQL alone: the reads, not the {writes} write(s)"
        sql_alone = sql_alone_timings(reads, rounds)
        sql_median = median(sql_alone)
        result.sql_alone_median_ms = sql_median
        result.sql_alone_p95_ms = percentile(sql_alone, 0.95)
        result.ratio = page_median / sql_median if sql_median > 0 else float("inf")
    return result


def _is_write(sql: str) -> bool:
    return sql.lstrip().upper().startswith(_WRITES)


def bench_draft(membership: Membership) -> Assessment:
    """The bench specialist's draft, started once on a person of their facility not assessed."""
    draft = (
        Assessment.objects.filter(assessor=membership.user, status=AssessmentStatus.DRAFT)
        .select_related("instrument_version")
        .order_by("created_at")
        .first()
    )
    if draft is not None:
        return draft
    person = (
        Person.objects.filter(current_facility_id=membership.facility_id, in_custody=True)
        .annotate(assessments_count=Count("assessments"))
        .filter(assessments_count=0)
        .order_by("reference")
        .first()
    )
    version = (
        InstrumentVersion.objects.filter(instrument__kind="spj", is_active=True)
        .order_by("-version_major", "-version_minor", "-version_patch")
        .first()
    )
    if person is None or version is None:
        raise BenchFailedError("No unassessed person or no SPJ instrument for the bench draft.")
    actor = actor_for_user(membership.user, membership)
    return assessment_start(actor=actor, person=person, version=version)


def save_form_data(assessment: Assessment) -> dict[str, Any]:
    """A complete, valid form: every axis rated with the scale's first value, text everywhere."""
    definition = assessment.instrument_version.parsed
    data: dict[str, Any] = {
        "needs": [need.code for need in definition.needs[:3]],
        "needs_notes": "Education and employment first.",
        "protective_summary": "Family contact; engages with the education unit.",
        "formulation": "The factors fit together as described in the evidence.",
        "risk_scenarios": "Renewed contact with the former network after release.",
        "judgement_level": definition.judgement_levels[0].value,
        "judgement_rationale": "Few factors present; protective factors strong.",
        "next_review_date": "",
        "action": "save",
    }
    for item in definition.items:
        for axis in item.axes:
            data[f"{item.code}__{axis}"] = definition.axes[axis].scale[0].value
        data[f"{item.code}__evidence"] = f"Interview of the person about {item.code}."
        data[f"{item.code}__source"] = "interview"
    return data


def _assessed_person(membership: Membership) -> Person:
    person = (
        Person.objects.filter(current_facility_id=membership.facility_id)
        .annotate(assessments_count=Count("assessments"))
        .filter(assessments_count=ASSESSMENTS_PER_PERSON)
        .order_by("reference")
        .first()
    )
    if person is None:
        raise BenchFailedError("The bench specialist's facility holds no assessed person.")
    return person


def _post_saved(client: Client, path: str, data: dict[str, Any], pk: uuid.UUID) -> float:
    """One timed save; the version is read before the clock starts, as the form would hold it."""
    data["version"] = Assessment.objects.values_list("version", flat=True).get(pk=pk)
    started = time.perf_counter_ns()
    response = client.post(path, data, secure=True, headers={"host": "testserver"})
    elapsed = (time.perf_counter_ns() - started) / 1e6
    if response.status_code != 302 or response.get("Location", "") != path:
        raise BenchFailedError(
            f"POST {path} answered {response.status_code} {response.get('Location', '')}: "
            "the save did not go through, so its time means nothing."
        )
    return elapsed
