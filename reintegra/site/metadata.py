"""What a page tells search engines and sharing previews: hreflang alternates, Open Graph tags,
schema.org JSON-LD, and the feeds a reader can find from the page's head."""

import json
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import to_locale
from wagtail.models import Page

from reintegra.site.feeds import SCHEMA_ORG_ATTENDANCE, news_published_at
from reintegra.site.models import AttendanceMode, EventPage, NewsPage, ThematicAreaPage
from reintegra.site.structure import language_versions

PUBLISHER_NAME = "Council of Europe"
# Characters that would let a value close the <script> element it is written in.
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@dataclass(frozen=True)
class Alternate:
    language: str
    url: str


@dataclass(frozen=True)
class FeedLink:
    mime_type: str
    title: str
    url: str


def page_alternates(page: Page, request: HttpRequest) -> list[Alternate]:
    """The page in each language it is published in, and the default language as x-default."""
    urls = {code: full for code, (full, _url) in language_versions(page, request).items()}
    alternates = [Alternate(code, url) for code, url in sorted(urls.items()) if url]
    default_url = urls.get(settings.LANGUAGE_CODE, "")
    if default_url:
        alternates.append(Alternate("x-default", default_url))
    return alternates


def feed_links(page: Page | None, request: HttpRequest) -> list[FeedLink]:
    links = [
        FeedLink("application/rss+xml", _("News (RSS)"), reverse("news-rss")),
        FeedLink("application/atom+xml", _("News (Atom)"), reverse("news-atom")),
    ]
    if isinstance(page, ThematicAreaPage):
        theme = page.title
        links += [
            FeedLink(
                "application/rss+xml",
                _("News on %(theme)s (RSS)") % {"theme": theme},
                reverse("news-theme-rss", kwargs={"theme": page.slug}),
            ),
            FeedLink(
                "application/atom+xml",
                _("News on %(theme)s (Atom)") % {"theme": theme},
                reverse("news-theme-atom", kwargs={"theme": page.slug}),
            ),
        ]
    return [
        FeedLink(link.mime_type, link.title, request.build_absolute_uri(link.url)) for link in links
    ]


def image_url(page: Any, request: HttpRequest) -> str:
    image = getattr(page, "image", None)
    if image is None:
        return ""
    return request.build_absolute_uri(image.get_rendition("width-1200").url)


def open_graph(
    page: Page, request: HttpRequest, alternates: list[Alternate]
) -> list[tuple[str, str]]:
    """(property, content) pairs; the template escapes every content."""
    page = page.specific
    language = translation.get_language()
    tags = [
        ("og:site_name", _("Reintegra knowledge platform")),
        ("og:title", page.seo_title or page.title),
        ("og:type", "article" if isinstance(page, NewsPage) else "website"),
        ("og:url", page.get_full_url(request) or ""),
        ("og:locale", to_locale(language)),
    ]
    tags += [
        ("og:locale:alternate", to_locale(a.language))
        for a in alternates
        if a.language not in (language, "x-default")
    ]
    description = page.search_description or getattr(page, "summary", "")
    if description:
        tags.append(("og:description", description))
    picture = image_url(page, request)
    if picture:
        tags.append(("og:image", picture))
        tags.append(("og:image:alt", getattr(page, "image_alt", "")))
    if isinstance(page, NewsPage):
        tags.append(("article:published_time", news_published_at(page).isoformat()))
        if page.last_published_at:
            tags.append(("article:modified_time", page.last_published_at.isoformat()))
        tags += [("article:tag", area.title) for area in page.theme_links]
    return tags


def _publisher() -> dict[str, Any]:
    return {"@type": "Organization", "name": PUBLISHER_NAME}


def news_article_data(page: NewsPage, request: HttpRequest) -> dict[str, Any]:
    url = page.get_full_url(request) or ""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title,
        "description": page.summary,
        "datePublished": page.date.isoformat(),
        "inLanguage": translation.get_language(),
        "url": url,
        "mainEntityOfPage": url,
        "publisher": _publisher(),
        "about": [area.title for area in page.theme_links],
    }
    if page.last_published_at:
        data["dateModified"] = timezone.localtime(page.last_published_at).isoformat()
    if page.place:
        data["contentLocation"] = {"@type": "Place", "name": page.place}
    picture = image_url(page, request)
    if picture:
        data["image"] = [picture]
    return data


def event_data(page: EventPage, request: HttpRequest) -> dict[str, Any]:
    url = page.get_full_url(request) or ""
    mode = AttendanceMode(page.attendance_mode)
    places: list[dict[str, Any]] = []
    if mode in (AttendanceMode.OFFLINE, AttendanceMode.MIXED):
        places.append({"@type": "Place", "name": page.venue, "address": page.venue})
    if mode in (AttendanceMode.ONLINE, AttendanceMode.MIXED):
        places.append({"@type": "VirtualLocation", "url": url})
    return {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": page.title,
        "description": page.summary,
        "startDate": timezone.localtime(page.start).isoformat(),
        "endDate": timezone.localtime(page.end).isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": SCHEMA_ORG_ATTENDANCE[mode],
        "location": places[0] if len(places) == 1 else places,
        "inLanguage": translation.get_language(),
        "url": url,
        "organizer": _publisher(),
    }


def structured_data(page: Page, request: HttpRequest) -> dict[str, Any] | None:
    page = page.specific
    if isinstance(page, NewsPage):
        return news_article_data(page, request)
    if isinstance(page, EventPage):
        return event_data(page, request)
    return None


def json_ld_script(data: dict[str, Any] | None) -> SafeString:
    if data is None:
        return mark_safe("")
    body = json.dumps(data, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{body}</script>')
