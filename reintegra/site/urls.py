from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.urls import path, re_path
from django.views.decorators.cache import cache_control
from wagtail.documents.views import serve as document_views
from wagtail.urls import serve_pattern

from reintegra.accounts.middleware import mfa_exempt
from reintegra.site import feeds, search, views


def public(view: Any) -> Any:
    """Open to anonymous visitors and to shared caches: these answers hold no personal data."""
    return login_not_required(mfa_exempt(cache_control(public=True, max_age=900)(view)))


# Wagtail reverses "wagtail_serve" to build page URLs; this is the catch-all, included last.
urlpatterns = [
    path("feeds/news.rss", public(feeds.NewsRssFeed()), name="news-rss"),
    path("feeds/news.atom", public(feeds.NewsAtomFeed()), name="news-atom"),
    path("feeds/news/<slug:theme>.rss", public(feeds.NewsRssFeed()), name="news-theme-rss"),
    path("feeds/news/<slug:theme>.atom", public(feeds.NewsAtomFeed()), name="news-theme-atom"),
    path("feeds/events.ics", public(feeds.events_ical), name="events-ical"),
    path("feeds/events/<slug:slug>.ics", public(feeds.event_ical), name="event-ical"),
    path("search/", login_not_required(mfa_exempt(search.search_view)), name="public-search"),
    # The document library's downloads: files editors publish for everyone (no personal data).
    path(
        "documents/<int:document_id>/<str:document_filename>",
        login_not_required(mfa_exempt(document_views.serve)),
        name="wagtaildocs_serve",
    ),
    re_path(serve_pattern, views.public_serve, name="wagtail_serve"),
]
