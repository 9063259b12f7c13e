"""sitemap.xml over every language's tree, each page listing its translations, and robots.txt."""

from collections import defaultdict
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.urls import URLResolver, get_resolver, reverse
from django.urls.resolvers import LocalePrefixPattern
from django.views.decorators.cache import cache_control
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.models import Page

from reintegra.accounts.middleware import mfa_exempt


class MultilingualSitemap(Sitemap):
    """Wagtail's sitemap covers the default site's tree only; translations live in sibling trees."""

    def items(self) -> Any:
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_a_tree = Q()
        for root in roots:
            in_a_tree |= Q(path__startswith=root.path)
        return (
            Page.objects.live()
            .public()
            .filter(in_a_tree)
            .select_related("locale")
            .order_by("path")
            .specific()
        )

    def _urls(self, page: Any, protocol: str, domain: str) -> list[dict[str, Any]]:
        pages = list(self.paginator.page(page).object_list)
        by_translation: dict[Any, list[dict[str, str]]] = defaultdict(list)
        entries = []
        for item in pages:
            url = item.get_full_url(self.request)
            if not url:
                continue
            language = item.locale.language_code
            by_translation[item.translation_key].append({"lang_code": language, "location": url})
            entries.append(
                {
                    "item": item,
                    "location": url,
                    "lastmod": item.last_published_at or item.latest_revision_created_at,
                    "alternates": by_translation[item.translation_key],
                }
            )
        for alternates in by_translation.values():
            default = next(
                (a for a in alternates if a["lang_code"] == settings.LANGUAGE_CODE), None
            )
            if len(alternates) > 1 and default is not None:
                alternates.append({"lang_code": "x-default", "location": default["location"]})
        for entry in entries:
            if len(entry["alternates"]) < 2:
                entry["alternates"] = []
        dates = [e["lastmod"] for e in entries]
        if dates and None not in dates:
            self.latest_lastmod = max(dates)
        return entries


@login_not_required
@mfa_exempt
@cache_control(public=True, max_age=3600)
def sitemap_xml(request: HttpRequest) -> HttpResponse:
    response: HttpResponse = sitemap(
        request,
        sitemaps={"pages": MultilingualSitemap},
        template_name="public_site/sitemap.xml",
        content_type="application/xml",
    )
    return response


def staff_prefixes() -> list[str]:
    """Every language-prefixed area except the public site's own routes, which sit at its root."""
    prefixes = []
    for entry in get_resolver().url_patterns:
        if isinstance(entry, URLResolver) and isinstance(entry.pattern, LocalePrefixPattern):
            prefixes += [str(inner.pattern) for inner in entry.url_patterns if str(inner.pattern)]
    return prefixes


@login_not_required
@mfa_exempt
@cache_control(public=True, max_age=3600)
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *", "Disallow: /cms/", "Disallow: /i18n/"]
    for language, _name in settings.LANGUAGES:
        lines += [f"Disallow: /{language}/{prefix}" for prefix in staff_prefixes()]
    lines += ["", f"Sitemap: {request.build_absolute_uri(reverse('sitemap-xml'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
