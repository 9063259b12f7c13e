"""The public site: home, the news listing's first and last page, a news item, events, search.

Each page is timed twice, as an anonymous visitor: warm (the cache primed by the warm-up rounds:
the structure cache of menus, filter choices and language versions, and Wagtail's site root
paths) and cold (the cache cleared before every round, outside the clock). The process, its
templates and its database connection stay warm in both: "cold" is a cache just emptied, as
after a publish or a restart of the cache, not a process just started.

The content is made once, on the first run against a dataset, and reused by later runs (it is
there when a news item whose source id starts with "bench-" exists). The demo site is published
first with the site's own seed (home page, indexes, thematic areas, beneficiaries, the demo's
news and events, their Albanian, Serbian and Macedonian versions); the bench's news items (2,000
at national scale) and events (500) are then written into the same page tree, spread evenly over
English, Albanian, Serbian and Macedonian, each subject in all four with one translation key,
with the demo's own titles and summaries in each language. They are written as the tree's
add_child would place them (treebeard paths, url paths, live and published) but with
`bulk_create` for the pages, a raw save of each page's own row (as fixture loading does) and
one bulk search-index update, because a full publish of each page costs about 60 statements.
"""

import datetime as dt
import logging
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.test import Client
from django.utils import timezone
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from bench.operations import BenchFailedError, OperationResult, _captured_get, _get_ok
from bench.run import SITE_PAGES
from bench.scales import Scale
from bench.stats import median, percentile
from reintegra.site import demo
from reintegra.site.demo_translations import EVENT_TRANSLATIONS, NEWS_TRANSLATIONS
from reintegra.site.models import (
    NEWS_PER_PAGE,
    AttendanceMode,
    BeneficiaryPage,
    EventIndexPage,
    EventPage,
    EventType,
    NewsIndexPage,
    NewsPage,
    ThematicAreaPage,
)
from reintegra.site.search import search_pages

# The public-site issue's targets, p95 as an anonymous visitor.
SITE_WARM_P95_MS = 50.0
SITE_COLD_P95_MS = 200.0
# design/performance.md: an uncached public page runs at most ten SQL queries.
PUBLIC_PAGE_MAX_QUERIES = 10
BENCH_SOURCE_PREFIX = "bench-"
LANGUAGES = ("en", "sq", "sr", "mk")
# In most English summaries of the demo news, so the search has pages of hits to rank.
SEARCH_WORD = "prison"
_BATCH = 500


@dataclass(frozen=True)
class SiteScale:
    news: int
    events: int
    upcoming_share: int = 10  # one event subject in this many lies ahead


NATIONAL_SITE = SiteScale(news=2_000, events=500)
# The regional bench times the same site over less content: what grows ten times at regional
# scale is the case work, not the public site's editorial output.
REGIONAL_SITE = SiteScale(news=800, events=200)


def site_scale(scale: Scale | None) -> SiteScale:
    return REGIONAL_SITE if scale is not None and scale.name == "regional" else NATIONAL_SITE


# --- The timed operations -------------------------------------------------------------------------


def site_page(
    page: str, rounds: int, *, cold: bool, warmup: int = 3, scale: SiteScale = NATIONAL_SITE
) -> OperationResult:
    """One of SITE_PAGES, warm or cold, as an anonymous visitor."""
    site_content(scale)
    path, note = _page_path(page)
    client = Client()
    for _round in range(warmup):
        _get_ok(client, path)
    if cold:
        cache.clear()
    response, queries, _statements = _captured_get(client, path)
    timings = _timed_gets_cache(client, path, rounds, cold=cold)
    p95 = percentile(timings, 0.95)
    limit = SITE_COLD_P95_MS if cold else SITE_WARM_P95_MS
    return OperationResult(
        name=f"site {page}, {'cold' if cold else 'warm'}",
        rounds=rounds,
        median_ms=median(timings),
        p95_ms=p95,
        queries=queries,
        target=f"p95 <= {limit:.0f} ms",
        met=p95 <= limit,
        detail=f"GET {path}, anonymous; {len(response.content):,} bytes; {note}; "
        f"{queries} queries against the public budget of {PUBLIC_PAGE_MAX_QUERIES}",
    )


def _timed_gets_cache(client: Client, path: str, rounds: int, *, cold: bool) -> list[float]:
    timings = []
    for _round in range(rounds):
        if cold:
            cache.clear()
        started = time.perf_counter_ns()
        _get_ok(client, path)
        timings.append((time.perf_counter_ns() - started) / 1e6)
    return timings


def _page_path(page: str) -> tuple[str, str]:
    english = Locale.objects.get(language_code="en")
    news = NewsPage.objects.live().filter(locale=english)
    if page == "home":
        return "/en/", f"{news.count():,} English news items on the site"
    if page == "news p1":
        return "/en/news/", f"{news.count():,} English news items, {NEWS_PER_PAGE} a page"
    if page == "news last page":
        last = max(1, -(-news.count() // NEWS_PER_PAGE))
        return f"/en/news/?page={last}", f"page {last} of {news.count():,} English news items"
    if page == "news page":
        item = news.filter(source_id__startswith=BENCH_SOURCE_PREFIX).order_by("-date").first()
        if item is None:
            raise BenchFailedError("The site holds no bench news item to open.")
        themes = item.thematic_areas.count()
        return item.get_url() or "", f"the newest bench item, {themes} thematic areas"
    if page == "events":
        events = EventPage.objects.live().filter(locale=english)
        upcoming = events.filter(end__gte=timezone.now()).count()
        return "/en/events/", f"{events.count():,} English events, {upcoming} upcoming"
    if page == "search":
        hits = search_pages(SEARCH_WORD, english).count()
        return f"/en/search/?q={SEARCH_WORD}", f"“{SEARCH_WORD}” finds {hits:,} English pages"
    raise BenchFailedError(f"No site page called {page!r}; they are: {', '.join(SITE_PAGES)}.")


# --- What the operations need, made once ----------------------------------------------------------


def site_content(scale: SiteScale = NATIONAL_SITE) -> bool:
    """Publishes the site and its bench content unless it is there; True when it was built now."""
    if NewsPage.objects.filter(source_id__startswith=BENCH_SOURCE_PREFIX).exists():
        return False
    site_content_build(scale)
    return True


@transaction.atomic
def site_content_build(scale: SiteScale) -> None:
    started = time.perf_counter()
    # Every publish of the demo seed reports itself at INFO; here that is noise between progress.
    for name in ("wagtail", "django_tasks"):
        logging.getLogger(name).setLevel(logging.WARNING)
    demo.demo_site_seed()
    english = Locale.objects.get(language_code="en")
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGES}
    themes = list(ThematicAreaPage.objects.filter(locale=english).order_by("pk"))
    beneficiaries = list(BeneficiaryPage.objects.filter(locale=english).order_by("pk"))
    news = _news_build(scale, locales)
    for code, items in _by_language(news).items():
        _children_insert(NewsIndexPage.objects.get(locale=locales[code]), items)
    _links_insert(news, "thematic_areas", themes, per_page=2)
    _links_insert(news, "beneficiaries", beneficiaries, per_page=1)
    events = _events_build(scale, locales)
    for code, items in _by_language(events).items():
        _children_insert(EventIndexPage.objects.get(locale=locales[code]), items)
    _links_insert(events, "thematic_areas", themes, per_page=1)
    backend = get_search_backend()
    backend.add_bulk(NewsPage, news)
    backend.add_bulk(EventPage, events)
    # Nothing sent page_published for these rows: the remembered structure would be stale.
    transaction.on_commit(cache.clear)
    print(
        f"Site content built in {time.perf_counter() - started:.0f} s: {len(news):,} news "
        f"items and {len(events):,} events over {', '.join(LANGUAGES)}.",
        flush=True,
    )


def _texts(language: str) -> list[tuple[str, str, str]]:
    """(title, place, summary) of the demo's news in one language."""
    if language == "en":
        return [(title, place, summary) for _s, title, _d, place, _t, _b, summary in demo.NEWS]
    return [texts[language] for texts in NEWS_TRANSLATIONS.values() if language in texts]


def _event_texts(language: str) -> list[tuple[str, str, str]]:
    if language == "en":
        return [(event[1], event[4], event[7]) for event in demo.EVENTS]
    return [texts[language] for texts in EVENT_TRANSLATIONS.values() if language in texts]


def _news_build(scale: SiteScale, locales: dict[str, Locale]) -> list[NewsPage]:
    today = timezone.localdate()
    texts = {code: _texts(code) for code in LANGUAGES}
    pages = []
    for number in range(scale.news):
        subject, code = divmod(number, len(LANGUAGES))
        language = LANGUAGES[code]
        title, place, summary = texts[language][subject % len(texts[language])]
        pages.append(
            NewsPage(
                title=f"{title} ({subject + 1})",
                slug=f"{BENCH_SOURCE_PREFIX}news-{subject:05d}",
                source_id=f"{BENCH_SOURCE_PREFIX}news-{subject:05d}",
                translation_key=_subject_key("news", subject),
                locale=locales[language],
                date=today - dt.timedelta(days=2 * subject + 1),
                place=place,
                summary=summary,
                body="".join(f"<p>{summary}</p>" for _ in range(4)) + demo.PURPOSE,
            )
        )
    return pages


def _events_build(scale: SiteScale, locales: dict[str, Locale]) -> list[EventPage]:
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    texts = {code: _event_texts(code) for code in LANGUAGES}
    subjects = -(-scale.events // len(LANGUAGES))
    upcoming = max(1, subjects // scale.upcoming_share)
    kinds, modes = EventType.values, AttendanceMode.values
    pages = []
    for number in range(scale.events):
        subject, code = divmod(number, len(LANGUAGES))
        language = LANGUAGES[code]
        title, venue, summary = texts[language][subject % len(texts[language])]
        start = now + dt.timedelta(days=7 * (upcoming - subject))
        pages.append(
            EventPage(
                title=f"{title} ({subject + 1})",
                slug=f"{BENCH_SOURCE_PREFIX}event-{subject:05d}",
                source_id=f"{BENCH_SOURCE_PREFIX}event-{subject:05d}",
                translation_key=_subject_key("event", subject),
                locale=locales[language],
                start=start,
                end=start + dt.timedelta(days=1, hours=8),
                venue=venue,
                attendance_mode=modes[subject % len(modes)],
                event_type=kinds[subject % len(kinds)],
                summary=summary,
                agenda=f"<p>{summary}</p>",
            )
        )
    return pages


def _subject_key(kind: str, subject: int) -> uuid.UUID:
    """One key for a subject's four language versions, the same on every build."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"https://bench.invalid/{kind}/{subject}")


def _by_language(pages: Sequence[Page]) -> dict[str, list[Any]]:
    grouped: dict[str, list[Any]] = {}
    for page in pages:
        grouped.setdefault(page.locale.language_code, []).append(page)
    return grouped


def _children_insert(parent: Page, children: list[Any]) -> None:
    """Places live, published children under `parent` where add_child would, in few statements."""
    last = parent.get_last_child()
    step = Page._str2int(last.path[-Page.steplen :]) if last else 0
    content_type = ContentType.objects.get_for_model(type(children[0]))
    now = timezone.now()
    for offset, child in enumerate(children, start=1):
        child.path = Page._get_path(parent.path, parent.depth + 1, step + offset)
        child.depth = parent.depth + 1
        child.numchild = 0
        child.url_path = f"{parent.url_path}{child.slug}/"
        child.content_type = content_type
        child.draft_title = child.title
        child.live = True
        child.has_unpublished_changes = False
        child.first_published_at = child.last_published_at = now
    page_fields = [field for field in Page._meta.concrete_fields if not field.primary_key]
    rows = Page.objects.bulk_create(
        [
            Page(**{field.attname: getattr(child, field.attname) for field in page_fields})
            for child in children
        ],
        batch_size=_BATCH,
    )
    for row, child in zip(rows, children, strict=True):
        child.id = child.page_ptr_id = row.pk
        # The page type's own row only, the way fixture loading writes it.
        child.save_base(raw=True, force_insert=True)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(children))


def _links_insert(pages: Sequence[Any], relation: str, targets: list[Page], per_page: int) -> None:
    """Links each page to `per_page` of the English targets (translations share them)."""
    if not targets:
        return
    field = type(pages[0])._meta.get_field(relation)
    through = field.remote_field.through
    source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
    links = []
    for number, page in enumerate(pages):
        subject = number // len(LANGUAGES)
        for offset in range(per_page):
            linked = targets[(subject + offset) % len(targets)]
            links.append(through(**{source: page.pk, target: linked.pk}))
    through.objects.bulk_create(links, batch_size=_BATCH)
