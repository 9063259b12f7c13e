"""The listings: news filtered by thematic area, beneficiary and year (30 a page), and events."""

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.site import structure
from reintegra.site.models import NEWS_PER_PAGE, PAST_EVENTS_PER_PAGE, EventPage, NewsPage


def _linked(relation: str, translation_key: str) -> QuerySet[Any]:
    return NewsPage.objects.filter(**{f"{relation}__translation_key": translation_key}).values("pk")


def news_listing(index_page: Any, request: HttpRequest) -> dict[str, Any]:
    # Filter choices and years come from the structure cache: the page's own queries are the
    # count and the thirty items.
    locale_id = index_page.locale_id
    items = NewsPage.objects.live().filter(locale_id=locale_id)
    themes = structure.thematic_areas(locale_id)
    beneficiaries = structure.beneficiaries(locale_id)
    problems: list[str] = []
    chosen: dict[str, str] = {}

    theme = request.GET.get("theme", "")
    if theme:
        match = next((t for t in themes if t.slug == theme), None)
        if match is None:
            problems.append(_("There is no thematic area called “%s”.") % theme[:60])
            items = items.none()
        else:
            # One theme across languages: items may link the theme in any of its languages.
            items = items.filter(pk__in=_linked("thematic_areas", match.translation_key))
            chosen["theme"] = theme
    beneficiary = request.GET.get("beneficiary", "")
    if beneficiary:
        match_b = next((b for b in beneficiaries if b.slug == beneficiary), None)
        if match_b is None:
            problems.append(_("There is no beneficiary called “%s”.") % beneficiary[:60])
            items = items.none()
        else:
            items = items.filter(pk__in=_linked("beneficiaries", match_b.translation_key))
            chosen["beneficiary"] = beneficiary
    year = request.GET.get("year", "")
    if year:
        if year.isdigit() and len(year) == 4:
            items = items.filter(date__year=int(year))
            chosen["year"] = year
        else:
            problems.append(_("“%s” is not a year.") % year[:60])
            items = items.none()

    page, problem = listing_page(items.order_by("-date", "-pk"), NEWS_PER_PAGE, request)
    problems += problem
    paginator = page.paginator
    query = "&".join(f"{key}={value}" for key, value in chosen.items())
    years = structure.news_years(locale_id)
    return {
        "page_obj": page,
        "news": list(page.object_list),
        "paginator": paginator,
        "filter_query": query,
        "chosen": chosen,
        "problems": problems,
        "themes": themes,
        "beneficiaries": beneficiaries,
        "years": years,
    }


def listing_page(
    items: Any, per_page: int, request: HttpRequest, *, missing: str = ""
) -> tuple[Page, list[str]]:
    """The page asked for by ?page=, or the first one with the reason when it does not exist.

    `missing` words that reason, with %(page)s and %(count)d; listings say "this listing"."""
    paginator = Paginator(items, per_page)
    raw_page = request.GET.get("page", "1")
    number = int(raw_page) if raw_page.isdigit() else 0
    if 1 <= number <= paginator.num_pages:
        return paginator.page(number), []
    missing = missing or _("There is no page “%(page)s”; this listing has %(count)d page(s).")
    return paginator.page(1), [missing % {"page": raw_page[:20], "count": paginator.num_pages}]


def events_listing(index_page: Any, request: HttpRequest) -> dict[str, Any]:
    """Every upcoming event, then the past ones newest first, a page at a time."""
    events = EventPage.objects.live().filter(locale_id=index_page.locale_id)
    now = timezone.now()
    past, problems = listing_page(
        events.filter(end__lt=now).order_by("-start", "-pk"), PAST_EVENTS_PER_PAGE, request
    )
    return {
        "upcoming": list(events.filter(end__gte=now).order_by("start")),
        "past": list(past.object_list),
        "page_obj": past,
        "paginator": past.paginator,
        "filter_query": "",
        "problems": problems,
    }
