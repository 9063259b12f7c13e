"""The site's structure as the public pages read it on every request, remembered between requests.

Menus, filter choices, the years of the news and each page's language versions change only when
an editor publishes, unpublishes, moves or deletes a page. They are kept in the cache under a
version that those events bump, so this process sees an edit at once; other processes see it when
their short expiry passes (their caches are their own with the local-memory backend).
"""

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from django.core.cache import cache
from django.db.models.signals import post_delete
from django.http import HttpRequest
from django.utils import translation
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from reintegra.site.models import BeneficiaryPage, NewsPage, ThematicAreaPage

STRUCTURE_TTL_SECONDS = 300
VERSION_KEY = "public_site:structure-version"
T = TypeVar("T")


@dataclass(frozen=True)
class Facet:
    pk: int
    slug: str
    title: str
    translation_key: str


@dataclass(frozen=True)
class MenuItem:
    pk: int
    title: str
    url: str


@dataclass(frozen=True)
class Navigation:
    home_url: str
    items: tuple[MenuItem, ...]


def _version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = time.time_ns()
        cache.set(VERSION_KEY, version, None)
    return int(version)


def structure_changed(**_kwargs: Any) -> None:
    cache.set(VERSION_KEY, time.time_ns(), None)


def _page_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    if isinstance(instance, Page):
        structure_changed()


def connect_structure_signals() -> None:
    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(structure_changed, dispatch_uid=f"public-structure-{id(signal)}")
    post_delete.connect(_page_deleted, dispatch_uid="public-structure-page-deleted")
    post_delete.connect(structure_changed, sender=Site, dispatch_uid="public-structure-site")


def remembered(name: str, compute: Callable[[], T]) -> T:
    value = cache.get_or_set(f"public_site:{_version()}:{name}", compute, STRUCTURE_TTL_SECONDS)
    return cast(T, value)


def _facets(model: type[Page], locale_id: int) -> list[Facet]:
    rows = (
        model.objects.live()
        .public()
        .filter(locale_id=locale_id)
        .order_by("title")
        .values_list("pk", "slug", "title", "translation_key")
    )
    return [Facet(pk, slug, title, str(key)) for pk, slug, title, key in rows]


def thematic_areas(locale_id: int) -> list[Facet]:
    return remembered(f"themes:{locale_id}", lambda: _facets(ThematicAreaPage, locale_id))


def beneficiaries(locale_id: int) -> list[Facet]:
    return remembered(f"beneficiaries:{locale_id}", lambda: _facets(BeneficiaryPage, locale_id))


def news_years(locale_id: int) -> list[int]:
    def compute() -> list[int]:
        dates = NewsPage.objects.live().filter(locale_id=locale_id).dates("date", "year")
        return sorted({d.year for d in dates}, reverse=True)

    return remembered(f"news-years:{locale_id}", compute)


def navigation(request: HttpRequest) -> Navigation | None:
    """The home page and the menu in the visitor's language."""
    site = Site.find_for_request(request)
    if site is None:
        return None

    def compute() -> Navigation:
        home = site.root_page.localized
        children = home.get_children().live().in_menu()
        return Navigation(
            home_url=home.get_url(request) or "/",
            items=tuple(MenuItem(c.pk, c.title, c.get_url(request) or "") for c in children),
        )

    return remembered(f"navigation:{site.pk}:{translation.get_language()}", compute)


def language_versions(page: Page, request: HttpRequest) -> dict[str, tuple[str, str]]:
    """Language code -> (full URL, URL) of each published version of the page, itself included."""

    def compute() -> dict[str, tuple[str, str]]:
        versions = page.get_translations(inclusive=True).live().select_related("locale")
        return {
            v.locale.language_code: (v.get_full_url(request) or "", v.get_url(request) or "")
            for v in versions
        }

    return remembered(f"versions:{page.pk}", compute)
