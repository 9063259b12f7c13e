import json
import re
import xml.etree.ElementTree as ET

from reintegra.site.models import NewsPage
from reintegra.site.tests.public_fixtures import seeded_site

__all__ = ["seeded_site"]

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def _json_ld(html: str) -> dict:
    (body,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(body)


def _meta(html: str, prop: str) -> list[str]:
    return re.findall(rf'<meta property="{re.escape(prop)}" content="([^"]*)">', html)


def test_the_sitemap_lists_every_language_with_its_alternates(seeded_site, client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 -- our own sitemap, not untrusted
    urls = {u.find(f"{SITEMAP}loc").text: u for u in root.findall(f"{SITEMAP}url")}
    assert "http://localhost/en/" in urls
    assert "http://localhost/sq/" in urls
    assert "http://localhost/en/privacy/" in urls
    news = urls["http://localhost/en/news/probation-post-penal-support/"]
    alternates = {link.get("hreflang"): link.get("href") for link in news.findall(f"{XHTML}link")}
    assert alternates["en"] == "http://localhost/en/news/probation-post-penal-support/"
    assert alternates["sq"] == "http://localhost/sq/news/probation-post-penal-support/"
    assert alternates["x-default"] == alternates["en"]
    assert news.find(f"{SITEMAP}lastmod") is not None
    albanian = urls["http://localhost/sq/news/probation-post-penal-support/"]
    assert {link.get("hreflang") for link in albanian.findall(f"{XHTML}link")} >= {"en", "sq"}


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_staff_areas(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    for area in ["/cms/", "/en/work/", "/sq/people/", "/en/account/", "/mk/audit/"]:
        assert f"Disallow: {area}\n" in text
    assert "Disallow: /en/news" not in text
    assert "Disallow: /en/feeds" not in text


def test_each_page_head_lists_its_language_versions(seeded_site, client):
    html = client.get("/sq/news/probation-post-penal-support/").content.decode()
    assert (
        '<link rel="alternate" hreflang="en" href="http://localhost/en/news/probation-post-penal-support/">'
        in html
    )
    assert (
        '<link rel="alternate" hreflang="sq" href="http://localhost/sq/news/probation-post-penal-support/">'
        in html
    )
    assert 'hreflang="x-default" href="http://localhost/en/news/' in html


def test_a_news_page_carries_a_news_article_and_open_graph_tags(seeded_site, client):
    page = NewsPage.objects.get(slug="probation-post-penal-support", locale__language_code="en")
    html = client.get("/en/news/probation-post-penal-support/").content.decode()
    data = _json_ld(html)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == page.title
    assert data["datePublished"] == "2022-12-09"
    assert data["inLanguage"] == "en"
    assert data["url"] == "http://localhost/en/news/probation-post-penal-support/"
    assert data["contentLocation"]["name"] == "Kosovo*"
    assert "Capacity building and training" in data["about"]
    assert _meta(html, "og:type") == ["article"]
    assert _meta(html, "og:url") == [data["url"]]
    assert _meta(html, "og:locale") == ["en"]
    assert "sq" in _meta(html, "og:locale:alternate")
    assert _meta(html, "article:published_time")[0].startswith("2022-12-09T00:00:00")


def test_an_event_page_carries_an_event_with_attendance_mode_and_location(seeded_site, client):
    html = client.get("/en/events/training-provision-tirana-2019/").content.decode()
    data = _json_ld(html)
    assert data["@type"] == "Event"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"] == {
        "@type": "Place",
        "name": "Tirana, Albania",
        "address": "Tirana, Albania",
    }
    assert data["startDate"].startswith("2019-12-12T09:00:00")
    online = _json_ld(client.get("/en/events/working-group-training-2020/").content.decode())
    assert online["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert online["location"]["@type"] == "VirtualLocation"


def test_json_ld_cannot_be_closed_by_page_text(seeded_site, client):
    page = NewsPage.objects.get(slug="probation-post-penal-support", locale__language_code="en")
    page.title = "Closing </script><script>alert(1)</script> tags"
    page.save_revision().publish()
    html = client.get("/en/news/probation-post-penal-support/").content.decode()
    assert "<script>alert(1)" not in html
    assert _json_ld(html)["headline"] == page.title
