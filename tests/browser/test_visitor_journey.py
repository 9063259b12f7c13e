"""An Albanian visitor with no account reads the public site through Debian's chromium.

From the English landing page the language switcher leads to the Albanian home; the visitor reads
the news, filters them by a thematic area across the listing's pages, subscribes to the RSS feed
and to an event's calendar file, and searches. Forty more Albanian news items are loaded first
through `manage.py import_content`, the path a team moving its old site would take, so that the
Albanian listing has more than one page. axe-core finds no serious or critical violation on any
kind of page the visitor sees.
"""

import datetime as dt
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
from icalendar import Calendar
from playwright.sync_api import Page, expect

from tests.browser.conftest import DemoDatabase, _manage, journey_screenshots
from tests.browser.test_editor_journey import _serious_violations

THEME = "training"
OTHER_THEME = "release"
IMPORTED_ON_THEME = 34
IMPORTED_OFF_THEME = 6
SEARCH_WORD = "bilancin"
SEARCH_TITLE = "Forumi i fundit ndërinstitucional në Prishtinë bën bilancin e arritjeve"


def _imported_title(number: int, theme: str) -> str:
    if theme == THEME:
        return f"Seminari {number} i trajnimit për stafin e burgjeve dhe të provës"
    return f"Takimi {number} për mbështetjen pas lirimit"


def _albanian_news_export() -> list[dict]:
    """Newer than every demo item, so the imported items lead the listing and the feed."""
    first_day = dt.date(2026, 9, 1)
    themes = [THEME] * IMPORTED_ON_THEME + [OTHER_THEME] * IMPORTED_OFF_THEME
    return [
        {
            "kind": "news",
            "source_id": f"visitor-journey-{number}",
            "language": "sq",
            "title": _imported_title(number, theme),
            "date": (first_day + dt.timedelta(days=number)).isoformat(),
            "place": "Tiranë, Shqipëri",
            "thematic_areas": [theme],
            "beneficiaries": ["albania"],
            "summary": "Stafi i burgjeve dhe i shërbimit të provës ndau përvojat e punës.",
            "body": "<p>Pjesëmarrësit punuan me raste studimore.</p>",
        }
        for number, theme in enumerate(themes, start=1)
    ]


@pytest.fixture(scope="module")
def albanian_news(
    demo_database: DemoDatabase, tmp_path_factory: pytest.TempPathFactory
) -> list[dict]:
    """The export, imported into the session's demo database that the server reads."""
    export = _albanian_news_export()
    path: Path = tmp_path_factory.mktemp("import") / "albanian-news.json"
    path.write_text(json.dumps(export, ensure_ascii=False), encoding="utf-8")
    printed = _manage(demo_database.env, "import_content", str(path))
    # A second run in the same session updates instead of creating: only rejections matter.
    assert printed.rstrip().endswith(" 0 rejected."), printed
    return export


def _card_titles(page: Page) -> list[str]:
    return page.locator("article.card h3 a").all_inner_texts()


@pytest.mark.browser
def test_an_albanian_visitor_reads_filters_subscribes_and_searches(
    page: Page, server_url: str, albanian_news: list[dict]
) -> None:
    shot = journey_screenshots(page, "visitor")
    on_theme = {i["title"] for i in albanian_news if i["thematic_areas"] == [THEME]}
    off_theme = {i["title"] for i in albanian_news if i["thematic_areas"] == [OTHER_THEME]}

    # 1. The English landing page, then Albanian through the language switcher.
    page.goto(f"{server_url}/en/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    shot("1-english-home")
    switcher = page.locator("nav.language-switcher")
    switcher.locator('a[hreflang="sq"]').click()
    expect(page).to_have_url(f"{server_url}/sq/")
    expect(page.locator("html")).to_have_attribute("lang", "sq")
    expect(page.get_by_role("heading", level=1, name="Platforma e njohurive")).to_be_visible()
    expect(switcher.locator('[aria-current="true"]')).to_have_attribute("lang", "sq")
    shot("2-albanian-home")
    assert _serious_violations(page) == []

    # 2. The news, one item, then the listing filtered by a theme across its pages.
    menu = page.get_by_role("navigation", name="Navigimi kryesor")
    menu.get_by_role("link", name="Lajme", exact=True).click()
    expect(page).to_have_url(f"{server_url}/sq/news/")
    expect(page.get_by_role("heading", level=1, name="Lajme")).to_be_visible()
    listing_url = page.url
    expect(page.locator("nav.pagination")).to_be_visible()
    shot("3-news-listing")
    assert _serious_violations(page) == []

    first_title = _imported_title(IMPORTED_ON_THEME + IMPORTED_OFF_THEME, OTHER_THEME)
    page.get_by_role("link", name=first_title, exact=True).click()
    expect(page.get_by_role("heading", level=1, name=first_title)).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "sq")
    shot("4-news-item")
    assert _serious_violations(page) == []

    page.goto(listing_url)
    filters = page.locator("form.filters")
    filters.locator("#f-theme").select_option(THEME)
    filters.locator('button[type="submit"]').click()
    expect(page).to_have_url(re.compile(rf"[?&]theme={THEME}(&|$)"))
    shot("5-filtered-page-1")
    seen = _card_titles(page)
    # Each later page is reached by its link, so the filter must travel in the links themselves.
    later_pages = [link.get_attribute("href") for link in page.locator("nav.pagination a").all()]
    assert later_pages, "the filtered listing fits on one page: the import added too few items"
    for href in later_pages:
        page.locator(f'nav.pagination a[href="{href}"]').click()
        expect(page).to_have_url(re.compile(rf"[?&]theme={THEME}&page=\d+$"))
        expect(page.locator("#f-theme")).to_have_value(THEME)
        seen += _card_titles(page)
    shot("6-filtered-last-page")
    assert on_theme <= set(seen)
    assert off_theme.isdisjoint(seen)
    assert len(seen) == len(set(seen)), "an item appeared on two pages of the listing"

    # 3. The Albanian news feed and one event's calendar file.
    rss_url = page.locator('ul.subscribe a[type="application/rss+xml"]').first.get_attribute("href")
    assert rss_url == "/sq/feeds/news.rss"
    rss = page.request.get(f"{server_url}{rss_url}")
    assert rss.ok
    feed = feedparser.parse(rss.body())
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.language == "sq"
    entry_titles = {entry.title for entry in feed.entries}
    assert on_theme | off_theme <= entry_titles
    # Full links carry the Wagtail site's own host name, not the test server's port.
    assert all(urlsplit(entry.link).path.startswith("/sq/") for entry in feed.entries)

    page.get_by_role("navigation", name="Navigimi kryesor").get_by_role(
        "link", name="Ngjarje", exact=True
    ).click()
    expect(page).to_have_url(f"{server_url}/sq/events/")
    page.locator("article.card h3 a").first.click()
    event_title = page.locator("h1").inner_text()
    expect(page.locator("html")).to_have_attribute("lang", "sq")
    shot("7-event")
    assert _serious_violations(page) == []
    ical_href = page.locator('a[href$=".ics"][download]').get_attribute("href")
    assert ical_href is not None and ical_href.startswith("/sq/feeds/events/")
    ical = page.request.get(f"{server_url}{ical_href}")
    assert ical.ok
    assert ical.headers["content-type"].startswith("text/calendar")
    events = Calendar.from_ical(ical.body()).walk("VEVENT")
    assert [str(event["SUMMARY"]) for event in events] == [event_title]
    assert events[0].decoded("DTEND") > events[0].decoded("DTSTART")

    # 4. A word from an Albanian title, typed in the search box of the page header.
    page.locator("#site-search-q").fill(SEARCH_WORD)
    page.locator("form.site-search button[type='submit']").click()
    expect(page).to_have_url(re.compile(rf"/sq/search/\?q={SEARCH_WORD}$"))
    expect(page.locator("ol.search-results").get_by_role("link", name=SEARCH_TITLE)).to_be_visible()
    shot("8-search")
    assert _serious_violations(page) == []
