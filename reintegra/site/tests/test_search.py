import datetime as dt

import pytest

from reintegra.site.models import NewsIndexPage, NewsPage
from reintegra.site.search import highlight, query_terms
from reintegra.site.tests.public_fixtures import seeded_site

__all__ = ["seeded_site"]


def test_a_search_finds_pages_counts_them_and_marks_the_words(seeded_site, client):
    html = client.get("/en/search/?q=probation").content.decode()
    assert "results for “probation”" in html
    assert "<mark>probation</mark>" in html.lower()
    assert "Trajnimi" not in html


def test_a_search_looks_only_in_the_current_language(seeded_site, client):
    english = client.get("/en/search/?q=Trajnimi").content.decode()
    assert "0 results for “Trajnimi”" in english
    albanian = client.get("/sq/search/?q=Trajnimi").content.decode()
    # The Albanian news item and the Albanian theme page "Ngritja e kapaciteteve dhe trajnimi".
    assert "2 rezultate për “Trajnimi”" in albanian
    assert "<mark>Trajnimi</mark>" in albanian


def test_markup_in_a_query_comes_back_escaped(seeded_site, client):
    response = client.get("/en/search/", {"q": "<script>alert(1)</script> probation"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; probation" in html


@pytest.mark.parametrize("query", ["!!!", "<>", "“”", "-- ;"])
def test_a_query_of_punctuation_only_gets_a_clear_answer(seeded_site, client, query):
    response = client.get("/en/search/", {"q": query})
    assert response.status_code == 200
    assert "Type at least one word or number" in response.content.decode()


def test_an_empty_search_invites_a_query(seeded_site, client):
    html = client.get("/en/search/").content.decode()
    assert "Type what you are looking for" in html
    assert "results for" not in html


def test_a_search_without_matches_says_so(seeded_site, client):
    html = client.get("/en/search/?q=zebracorn").content.decode()
    assert "0 results for “zebracorn”" in html
    assert "Nothing matches" in html


def test_search_results_are_paged_and_bad_pages_are_explained(
    seeded_site, client, django_assert_max_num_queries
):
    index = NewsIndexPage.objects.get(locale__language_code="en")
    for number in range(25):
        item = NewsPage(
            title=f"Quarterly bulletin {number}",
            slug=f"bulletin-{number}",
            date=dt.date(2021, 1, 1) + dt.timedelta(days=number),
            summary="Bulletin of the working group.",
        )
        index.add_child(instance=item)
        item.save_revision().publish()
    first = client.get("/en/search/?q=bulletin").content.decode()
    assert "25 results for “bulletin”" in first
    assert first.count('<li class="card">') == 20
    assert 'href="?q=bulletin&amp;page=2"' in first
    with django_assert_max_num_queries(15):
        second = client.get("/en/search/?q=bulletin&page=2").content.decode()
    assert second.count('<li class="card">') == 5
    wrong = client.get("/en/search/?q=bulletin&page=9").content.decode()
    assert "There is no page “9”" in wrong


def test_highlighting_escapes_the_text_and_the_terms():
    assert highlight("a <b> & B", ["b"]) == "a &lt;<mark>b</mark>&gt; &amp; <mark>B</mark>"
    assert query_terms("<script>alert(1)</script>") == ["script", "alert", "1"]
    assert query_terms("...") == []


@pytest.mark.django_db
def test_the_search_backend_is_postgres_full_text_search_on_postgresql():
    from django.db import connection
    from wagtail.search.backends import get_search_backend

    expected = {"postgresql": "PostgresSearchBackend", "sqlite": "SQLiteSearchBackend"}
    assert type(get_search_backend()).__name__ == expected[connection.vendor]
