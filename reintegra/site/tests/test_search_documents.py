"""Site search over the library's document metadata (title, summary) in the visitor's language."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reintegra.site import search
from reintegra.site.demo import demo_site_seed
from reintegra.site.search import search_documents

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(db):
    demo_site_seed()


def _documents_section(html: str) -> str:
    if 'id="documents-heading"' not in html:
        return ""
    start = html.index('id="documents-heading"')
    return html[start : html.index("</section>", start)]


def test_a_search_lists_the_matching_documents_with_their_kind_and_file(library, client):
    html = client.get("/en/search/?q=prison+rules").content.decode()
    documents = _documents_section(html)
    assert "document in the library" in documents or "documents in the library" in documents
    assert "European <mark>Prison</mark> <mark>Rules</mark>" in documents
    assert "Legal instrument" in documents or "Key documentation" in documents
    # The file itself, served by the app in the visitor's language.
    assert re.search(r'href="/en/documents/\d+/[^"]+\.pdf"', documents)


def test_an_albanian_search_finds_the_albanian_translation_not_the_english_original(
    library, client
):
    html = client.get("/sq/search/?q=Rregullat+Evropiane").content.decode()
    documents = _documents_section(html)
    assert "<mark>Rregullat</mark> <mark>Evropiane</mark> të Burgjeve" in documents
    english = client.get("/sq/search/?q=European+Prison+Rules").content.decode()
    assert "European Prison Rules (Recommendation" not in _documents_section(english)


def test_an_untranslated_original_is_found_from_every_language(library, client):
    # The probation rules have no Albanian version: the library shows the English one.
    html = client.get("/sq/search/?q=Probation+Rules").content.decode()
    assert "Council of Europe <mark>Probation</mark> <mark>Rules</mark>" in _documents_section(html)


def test_no_document_section_when_nothing_in_the_library_matches(library, client):
    html = client.get("/en/search/?q=zebra").content.decode()
    assert _documents_section(html) == ""
    assert "0 results for “zebra”" in html


def test_documents_show_on_the_first_page_of_results_only(library, client, monkeypatch):
    monkeypatch.setattr(search, "RESULTS_PER_PAGE", 2)
    first = client.get("/en/search/?q=prison").content.decode()
    second = client.get("/en/search/?q=prison&page=2").content.decode()
    assert _documents_section(first) != ""
    assert 'aria-current="page">2<' in second
    assert _documents_section(second) == ""


def test_a_query_of_punctuation_only_searches_no_document(library, client):
    html = client.get("/en/search/?q=%25%26%2A").content.decode()
    assert "Type at least one word or number to search for." in html
    assert _documents_section(html) == ""


def test_the_document_search_reads_a_fixed_number_of_queries(library):
    from wagtail.models import Locale

    english = Locale.objects.get(language_code="en")
    with CaptureQueriesContext(connection) as queries:
        found = search_documents("prison", english)
        for document in found:
            document.files_in_language_order()
    assert found
    # The search, the default locale, the library's language rule, the files with their documents.
    assert len(queries) <= 4
