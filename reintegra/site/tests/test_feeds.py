import datetime as dt

import feedparser
import icalendar
import pytest

from reintegra.site.models import EventPage, NewsPage
from reintegra.site.tests.public_fixtures import seeded_site

__all__ = ["seeded_site"]


def _parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response, feedparser.parse(response.content)


def test_the_rss_feed_lists_english_news_newest_first_with_links_and_dates(seeded_site, client):
    response, feed = _parse(client, "/en/feeds/news.rss")
    assert response["Content-Type"].startswith("application/rss+xml")
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "rss20"
    assert feed.feed.title == "News — Reintegra knowledge platform"
    assert feed.feed.link == "http://localhost/en/news/"
    assert feed.feed.language == "en"
    english = NewsPage.objects.live().filter(locale__language_code="en").order_by("-date")
    assert [e.title for e in feed.entries] == [item.title for item in english]
    first = feed.entries[0]
    assert first.link == f"http://localhost/en/news/{english[0].slug}/"
    assert dt.date(*first.published_parsed[:3]) == english[0].date
    assert "Capacity building and training" in [tag.term for tag in first.tags]


def test_the_atom_feed_carries_the_same_items(seeded_site, client):
    _response, atom = _parse(client, "/en/feeds/news.atom")
    _response, rss = _parse(client, "/en/feeds/news.rss")
    assert atom.version == "atom10"
    assert not atom.bozo
    assert [e.link for e in atom.entries] == [e.link for e in rss.entries]
    assert all(e.updated_parsed for e in atom.entries)


def test_the_albanian_feed_holds_only_albanian_news(seeded_site, client):
    _response, feed = _parse(client, "/sq/feeds/news.rss")
    albanian = NewsPage.objects.live().filter(locale__language_code="sq")
    assert feed.feed.language == "sq"
    assert {e.title for e in feed.entries} == {item.title for item in albanian}
    assert all(e.link.startswith("http://localhost/sq/") for e in feed.entries)


def test_a_thematic_area_feed_holds_only_its_news(seeded_site, client):
    _response, feed = _parse(client, "/en/feeds/news/screening.rss")
    expected = NewsPage.objects.live().filter(
        locale__language_code="en", thematic_areas__slug="screening"
    )
    assert feed.feed.title.startswith("News on Screening and risk assessment")
    assert feed.feed.link == "http://localhost/en/thematic-areas/screening/"
    assert {e.title for e in feed.entries} == {item.title for item in expected}
    assert 0 < len(feed.entries) < NewsPage.objects.filter(locale__language_code="en").count()
    _response, atom = _parse(client, "/en/feeds/news/screening.atom")
    assert len(atom.entries) == len(feed.entries)


def test_an_unknown_thematic_area_feed_is_not_found(seeded_site, client):
    assert client.get("/en/feeds/news/astrology.rss").status_code == 404


def test_the_listing_and_every_page_head_point_to_the_feeds(seeded_site, client):
    html = client.get("/en/news/?theme=training").content.decode()
    assert (
        'type="application/rss+xml" title="News (RSS)" href="http://testserver/en/feeds/news.rss"'
        in html
    )
    assert 'href="/en/feeds/news/training.rss"' in html
    theme_page = client.get("/en/thematic-areas/training/").content.decode()
    assert 'href="http://testserver/en/feeds/news/training.atom"' in theme_page


def test_an_events_ical_file_reads_back_with_times_place_link_and_attendance(seeded_site, client):
    response = client.get("/en/feeds/events/training-provision-tirana-2019.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    calendar = icalendar.Calendar.from_ical(response.content)
    (event,) = calendar.walk("VEVENT")
    page = EventPage.objects.get(slug="training-provision-tirana-2019", locale__language_code="en")
    assert event.decoded("dtstart") == page.start
    assert event.decoded("dtend") == page.end
    assert str(event["summary"]) == page.title
    assert str(event["location"]) == "Tirana, Albania"
    assert str(event["url"]) == "http://localhost/en/events/training-provision-tirana-2019/"
    assert str(event["x-event-attendance-mode"]) == "https://schema.org/OfflineEventAttendanceMode"
    assert str(event["uid"]).startswith(str(page.translation_key))


def test_an_online_event_says_so_in_its_location_and_attendance(seeded_site, client):
    response = client.get("/en/feeds/events/working-group-training-2020.ics")
    (event,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["location"]) == "Online"
    assert str(event["x-event-attendance-mode"]) == "https://schema.org/OnlineEventAttendanceMode"


def test_the_events_calendar_holds_every_event_of_the_language(seeded_site, client):
    response = client.get("/en/feeds/events.ics")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert len(events) == EventPage.objects.live().filter(locale__language_code="en").count() == 2
    assert str(calendar["x-wr-calname"]).startswith("Events")
    assert len({str(e["uid"]) for e in events}) == 2
    assert client.get("/en/events/").content.decode().count('href="/en/feeds/events.ics"') == 1


@pytest.mark.parametrize("slug", ["no-such-event", "pristina-inter-agency-forum"])
def test_an_ical_file_for_something_that_is_not_an_event_is_not_found(seeded_site, client, slug):
    assert client.get(f"/en/feeds/events/{slug}.ics").status_code == 404


def test_the_event_page_links_its_calendar_file(seeded_site, client):
    html = client.get("/en/events/training-provision-tirana-2019/").content.decode()
    assert 'href="/en/feeds/events/training-provision-tirana-2019.ics"' in html
