"""The public-site operations of the benchmark, run at a tiny scale.

They publish the demo site and the bench content on the first call and reuse it on the next;
every page answers 200 warm and cold, and the query counts are pinned.
"""

from wagtail.models import Locale

from bench import site_operations
from bench.site_operations import SITE_PAGES, SiteScale
from reintegra.site.models import EventPage, NewsPage
from reintegra.site.search import search_pages

SITE_TINY = SiteScale(news=80, events=16)
# (page, cold) -> statements one request runs on SQLite, BEGIN and COMMIT included. Cold pays for
# refilling the structure cache and Wagtail's site root paths.
PINNED_QUERIES = {
    ("home", False): 8,
    ("home", True): 13,
    ("news p1", False): 9,
    ("news p1", True): 19,
    ("news last page", False): 9,
    ("news last page", True): 19,
    ("news page", False): 11,
    ("news page", True): 16,
    ("events", False): 10,
    ("events", True): 15,
    ("search", False): 13,
    ("search", True): 17,
}


def test_site_content_is_built_once_in_four_languages_and_found_by_search(db: None) -> None:
    assert site_operations.site_content(SITE_TINY) is True
    assert site_operations.site_content(SITE_TINY) is False

    bench_news = NewsPage.objects.filter(source_id__startswith="bench-")
    assert bench_news.count() == SITE_TINY.news
    assert bench_news.live().count() == SITE_TINY.news
    assert set(bench_news.values_list("locale__language_code", flat=True)) == {
        "en",
        "sq",
        "sr",
        "mk",
    }
    assert EventPage.objects.filter(source_id__startswith="bench-").count() == SITE_TINY.events
    first = bench_news.filter(locale__language_code="en").order_by("-date").first()
    assert first.get_translations().count() == 3
    assert first.thematic_areas.count() == 2
    found = search_pages("prison", Locale.objects.get(language_code="en"))
    assert first.pk in {page.pk for page in found}


def test_every_site_page_answers_warm_and_cold_with_its_figures(db: None) -> None:
    results = {
        (page, cold): site_operations.site_page(page, 2, cold=cold, warmup=1, scale=SITE_TINY)
        for page in SITE_PAGES
        for cold in (False, True)
    }

    for (page, cold), result in results.items():
        assert result.name == f"site {page}, {'cold' if cold else 'warm'}"
        assert result.rounds == 2
        assert 0 < result.median_ms <= result.p95_ms
        assert result.target == ("p95 <= 200 ms" if cold else "p95 <= 50 ms")
        assert "anonymous" in result.detail
    queries = {key: result.queries for key, result in results.items()}
    assert queries == PINNED_QUERIES


def test_only_site_picks_every_site_page_warm_then_cold() -> None:
    from bench.run import operations_selected

    chosen = operations_selected(["site"])

    assert chosen[:2] == ["site home, warm", "site home, cold"]
    assert len(chosen) == 2 * len(SITE_PAGES) + 1
    assert chosen[-1] == "site news p1, gunicorn requests/s"
