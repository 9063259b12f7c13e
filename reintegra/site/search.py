"""Site search: published pages in the visitor's language, with counts and highlighted terms.

The search backend is Wagtail's database backend: PostgreSQL full-text search when the database is
PostgreSQL, a portable fallback on SQLite (see WAGTAILSEARCH_BACKENDS in config/settings/base.py).
"""

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from reintegra.site.library import Publication, publications_for_locale
from reintegra.site.listing import listing_page

RESULTS_PER_PAGE = 20
# Documents are shown above the first page of results: the few that match best.
DOCUMENTS_SHOWN = 10
# How many of the search backend's best document matches are read before the language filter.
_DOCUMENTS_READ = 200
QUERY_MAX_LENGTH = 200
EXCERPT_LENGTH = 240
WORD = re.compile(r"\w+")


@dataclass
class SearchHit:
    title: SafeString
    url: str
    excerpt: SafeString
    kind: str


def query_terms(query: str) -> list[str]:
    """The words of a query; punctuation alone searches for nothing."""
    return list(dict.fromkeys(word.lower() for word in WORD.findall(query)))


def highlight(text: str, terms: list[str]) -> SafeString:
    """Escapes the text and marks every term, so a query can never inject markup."""
    if not terms:
        return mark_safe(escape(text))
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.I)
    pieces: list[str] = []
    position = 0
    for match in pattern.finditer(text):
        pieces.append(escape(text[position : match.start()]))
        pieces.append(f"<mark>{escape(match.group(0))}</mark>")
        position = match.end()
    pieces.append(escape(text[position:]))
    return mark_safe("".join(pieces))


def _page_text(page: Any) -> str:
    for name in ("summary", "search_description", "intro", "body", "purpose", "agenda"):
        value = getattr(page, name, "")
        if value:
            return " ".join(strip_tags(str(value)).split())
    return ""


def excerpt_around(text: str, terms: list[str]) -> str:
    """A window of the text that starts near the first term found."""
    if len(text) <= EXCERPT_LENGTH:
        return text
    lowered = text.lower()
    found = [i for i in (lowered.find(t) for t in terms) if i >= 0]
    start = max(0, min(found) - EXCERPT_LENGTH // 4) if found else 0
    window = text[start : start + EXCERPT_LENGTH]
    return ("… " if start else "") + window + " …"


def search_pages(query: str, locale: Locale) -> Any:
    pages = Page.objects.live().public().filter(locale=locale).exclude(depth=1)
    return pages.search(query, operator="and")


def search_documents(query: str, locale: Locale) -> list[Any]:
    """The library's documents that match, in the visitor's language (or untranslated originals).

    The language rule of the library (`publications_for_locale`) is not a search filter field, so
    the backend ranks every document and the rule keeps those of this language, in rank order.
    """
    found = get_search_backend().search(query, Publication, operator="and")
    ranked = [publication.pk for publication in found[:_DOCUMENTS_READ]]
    if not ranked:
        return []
    shown = {p.pk: p for p in publications_for_locale(locale).filter(pk__in=ranked)}
    return [shown[pk] for pk in ranked if pk in shown][:DOCUMENTS_SHOWN]


def _document_hits(documents: list[Any], terms: list[str]) -> list[SearchHit]:
    hits = []
    for document in documents:
        files = document.files_in_language_order()
        hits.append(
            SearchHit(
                title=highlight(document.title, terms),
                url=files[0].document.url if files else "",
                excerpt=highlight(excerpt_around(document.summary, terms), terms),
                kind=document.get_kind_display(),
            )
        )
    return hits


def _hits(results: list[Page], terms: list[str], request: HttpRequest) -> list[SearchHit]:
    # One query per page type, not one per hit.
    specific = {p.pk: p for p in Page.objects.filter(pk__in=[r.pk for r in results]).specific()}
    hits = []
    for result in results:
        page = specific.get(result.pk, result)
        hits.append(
            SearchHit(
                title=highlight(page.title, terms),
                url=page.get_url(request) or "",
                excerpt=highlight(excerpt_around(_page_text(page), terms), terms),
                kind=str(page.specific_class._meta.verbose_name) if page.specific_class else "",
            )
        )
    return hits


def search_view(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:QUERY_MAX_LENGTH].strip()
    terms = query_terms(query)
    context: dict[str, Any] = {"query": query, "problems": [], "hits": [], "searched": False}
    if query and not terms:
        context["problems"].append(_("Type at least one word or number to search for."))
    elif terms:
        locale = Locale.get_active()
        results = search_pages(" ".join(terms), locale)
        page_obj, problems = listing_page(
            results,
            RESULTS_PER_PAGE,
            request,
            missing=_("There is no page “%(page)s”; these results have %(count)d page(s)."),
        )
        context["problems"] += problems
        first = page_obj.number == 1
        documents = search_documents(" ".join(terms), locale) if first else []
        context.update(
            searched=True,
            paginator=page_obj.paginator,
            page_obj=page_obj,
            filter_query=f"q={quote(query, safe='/')}",
            hits=_hits(list(page_obj.object_list), terms, request),
            documents=_document_hits(documents, terms),
        )
    return render(request, "public_site/search.html", context)
