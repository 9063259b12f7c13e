"""What visitors subscribe to: RSS and Atom feeds of news, iCal files of events.

Every feed speaks the language of its URL prefix and holds only published, public pages.
"""

import datetime as dt
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vText
from wagtail.models import Locale

from reintegra.site.models import (
    AttendanceMode,
    EventPage,
    NewsIndexPage,
    NewsPage,
    ThematicAreaPage,
)

FEED_ITEMS = 50
CALENDAR_EVENTS = 500
SCHEMA_ORG_ATTENDANCE = {
    AttendanceMode.OFFLINE: "https://schema.org/OfflineEventAttendanceMode",
    AttendanceMode.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    AttendanceMode.MIXED: "https://schema.org/MixedEventAttendanceMode",
}
# Calendars show no attendance mode of their own; this property carries the schema.org term so
# that a reader which knows it can tell an online meeting from a trip.
ATTENDANCE_PROPERTY = "X-EVENT-ATTENDANCE-MODE"


@dataclass
class NewsFeedSource:
    request: HttpRequest
    locale: Locale
    index: NewsIndexPage | None
    theme: ThematicAreaPage | None


def news_published_at(item: NewsPage) -> dt.datetime:
    """A news item carries a date only; readers want an instant. Midnight UTC keeps the date."""
    return dt.datetime.combine(item.date, dt.time.min, tzinfo=dt.UTC)


class NewsRssFeed(Feed):
    feed_type: type[SyndicationFeed] = Rss201rev2Feed

    def get_object(self, request: HttpRequest, theme: str = "") -> NewsFeedSource:  # type: ignore[override]
        locale = Locale.get_active()
        index = NewsIndexPage.objects.live().public().filter(locale=locale).first()
        match = None
        if theme:
            match = (
                ThematicAreaPage.objects.live().public().filter(locale=locale, slug=theme).first()
            )
            if match is None:
                raise Http404(_("There is no thematic area called “%s”.") % theme[:60])
        return NewsFeedSource(request=request, locale=locale, index=index, theme=match)

    def title(self, obj: NewsFeedSource) -> str:
        if obj.theme is not None:
            return _("News on %(theme)s — Reintegra knowledge platform") % {
                "theme": obj.theme.title
            }
        return _("News — Reintegra knowledge platform")

    def link(self, obj: NewsFeedSource) -> str:
        page = obj.theme or obj.index
        if page is None:
            return "/"
        return page.get_full_url(obj.request) or "/"

    def description(self, obj: NewsFeedSource) -> str:
        return _("News of the action against radicalisation in prisons in the Western Balkans.")

    def items(self, obj: NewsFeedSource) -> list[NewsPage]:
        items = NewsPage.objects.live().public().filter(locale=obj.locale)
        if obj.theme is not None:
            # A translated item may still point at the theme in the language it was copied from.
            items = items.filter(thematic_areas__translation_key=obj.theme.translation_key)
        chosen = list(
            items.prefetch_related("thematic_areas")
            .order_by("-date", "-pk")
            .distinct()[:FEED_ITEMS]
        )
        for item in chosen:
            item.feed_url = item.get_full_url(obj.request)
        return chosen

    def item_title(self, item: NewsPage) -> str:
        return item.title

    def item_description(self, item: NewsPage) -> str:
        return item.summary

    def item_link(self, item: NewsPage) -> str:
        url: str = item.feed_url
        return url

    def item_guid(self, item: NewsPage) -> str:
        url: str = item.feed_url
        return url

    def item_pubdate(self, item: NewsPage) -> dt.datetime:
        return news_published_at(item)

    def item_updateddate(self, item: NewsPage) -> dt.datetime:
        return item.last_published_at or news_published_at(item)

    def item_categories(self, item: NewsPage) -> list[str]:
        return [area.title for area in item.thematic_areas.all()]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj: NewsFeedSource) -> str:
        return self.description(obj)


def _event_component(event: EventPage, request: HttpRequest) -> Event:
    url = event.get_full_url(request) or ""
    component = Event()
    component.add("uid", f"{event.translation_key}@{request.get_host()}")
    component.add("dtstamp", event.last_published_at or timezone.now())
    component.add("dtstart", event.start)
    component.add("dtend", event.end)
    component.add("summary", event.title)
    component.add("description", f"{event.summary}\n\n{url}")
    component.add("url", url)
    component.add("location", event_location_text(event))
    component.add(
        "categories", [event.get_event_type_display(), event.get_attendance_mode_display()]
    )
    component.add(
        ATTENDANCE_PROPERTY, vText(SCHEMA_ORG_ATTENDANCE[AttendanceMode(event.attendance_mode)])
    )
    return component


def event_location_text(event: EventPage) -> str:
    online = _("Online")
    if event.attendance_mode == AttendanceMode.ONLINE:
        return online
    if event.attendance_mode == AttendanceMode.MIXED:
        return f"{event.venue} / {online}" if event.venue else online
    return event.venue


def _calendar(name: str, events: list[EventPage], request: HttpRequest) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Reintegra knowledge platform//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(_event_component(event, request))
    return calendar


def _ical_response(calendar: Calendar, filename: str) -> HttpResponse:
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def event_ical(request: HttpRequest, slug: str) -> HttpResponse:
    event = EventPage.objects.live().public().filter(locale=Locale.get_active(), slug=slug).first()
    if event is None:
        raise Http404(_("There is no event called “%s”.") % slug[:60])
    return _ical_response(_calendar(event.title, [event], request), f"{event.slug}.ics")


def events_ical(request: HttpRequest) -> HttpResponse:
    events = list(
        EventPage.objects.live()
        .public()
        .filter(locale=Locale.get_active())
        .order_by("-start")[:CALENDAR_EVENTS]
    )
    name = _("Events — Reintegra knowledge platform")
    return _ical_response(_calendar(name, events, request), "events.ics")
