"""The coordination operations of the benchmark, run at a tiny scale.

They build their referrals and forums on the first call and reuse them on the next; each page must
answer 200 (a failed page fails the operation) and report its figures.
"""

from django.db import connection

from bench import coordination_operations
from bench.dataset import dataset_build
from bench.scales import Scale
from reintegra.coordination.models import Disclosure, Referral, ReferralTransition
from reintegra.forums.models import ActionPoint, Forum, Meeting

COORDINATION_TINY = Scale("tiny", 120, 2, 1, 3, 200, 100, 12, 150)
# Statements one request runs; PostgreSQL runs one more than SQLite on three of the pages.
PINNED_QUERIES = {
    "sqlite": {
        "partner inbox": 13,
        "forum page": 14,
        "referral page": 14,
        "person's disclosures": 24,
    },
    "postgresql": {
        "partner inbox": 14,
        "forum page": 14,
        "referral page": 15,
        "person's disclosures": 25,
    },
}


def test_coordination_operations_answer_and_build_their_data_once(db: None) -> None:
    dataset_build(COORDINATION_TINY)
    referrals, forums, meetings = coordination_operations.coordination_sizes(COORDINATION_TINY)

    results = [
        coordination_operations.partner_inbox(rounds=2, warmup=1, scale=COORDINATION_TINY),
        coordination_operations.forum_page(rounds=2, warmup=1, scale=COORDINATION_TINY),
        coordination_operations.referral_page(rounds=2, warmup=1, scale=COORDINATION_TINY),
        coordination_operations.disclosure_list(rounds=2, warmup=1, scale=COORDINATION_TINY),
    ]
    built = (Referral.objects.count(), Forum.objects.count(), Meeting.objects.count())
    again = coordination_operations.partner_inbox(rounds=1, warmup=0, scale=COORDINATION_TINY)

    extra = coordination_operations.EXTRA_SHARES_OF_BENCH_PERSON
    assert built == (referrals + extra, forums, meetings)
    assert (Referral.objects.count(), Forum.objects.count()) == built[:2]
    assert Disclosure.objects.count() == Referral.objects.count()
    assert ReferralTransition.objects.count() > Referral.objects.count()
    assert ActionPoint.objects.count() == meetings
    assert {result.name: result.queries for result in results} == PINNED_QUERIES[connection.vendor]
    for result in results:
        assert result.rounds == 2
        assert result.median_ms > 0 and result.p95_ms >= result.median_ms
        assert result.ratio is None
    assert again.queries == results[0].queries
