import datetime as dt

import pytest
from wagtail.models import Locale

from reintegra.site.demo import demo_site_seed
from reintegra.site.models import HomePage, NewsIndexPage, NewsPage, ThematicAreaPage


@pytest.fixture
def public_site(db):
    demo_site_seed()
    return HomePage.objects.get(locale__language_code="en")


def _add_news(index: NewsIndexPage, count: int, theme: ThematicAreaPage | None = None) -> None:
    for number in range(count):
        item = NewsPage(
            title=f"Filler item {number}",
            slug=f"filler-{theme.slug if theme else 'none'}-{number}",
            date=dt.date(2019, 1, 1) + dt.timedelta(days=number),
            summary="A summary.",
        )
        if theme is not None:
            item.thematic_areas.set([theme])
        index.add_child(instance=item)
        item.save_revision().publish()


def test_anonymous_visitors_land_on_the_public_home(public_site, client):
    response = client.get("/en/")
    assert response.status_code == 200
    html = response.content.decode()
    assert public_site.title in html
    assert "co-funded by the European Union and the Council of Europe" in html
    assert "UNSCR 1244" in html
    assert 'href="#main"' in html
    assert "Training probation officers on post-penal support" in html


def test_staff_still_land_on_my_work(public_site, personas, client_for):
    assert client_for(personas.specialist).get("/en/")["Location"] == "/en/work/"


def test_seeding_twice_creates_nothing_new(public_site):
    pages = NewsPage.objects.count()
    assert demo_site_seed() == 0
    assert NewsPage.objects.count() == pages


def test_the_news_listing_counts_and_pages_thirty_at_a_time(public_site, client):
    index = NewsIndexPage.objects.get(locale__language_code="en")
    _add_news(index, 25)
    first = client.get("/en/news/").content.decode()
    assert "Showing 1 - 30 of 39 results" in first
    assert first.count("Read More") == 30
    second = client.get("/en/news/?page=2").content.decode()
    assert "Showing 31 - 39 of 39 results" in second


def test_filters_combine_and_survive_pagination(public_site, client):
    index = NewsIndexPage.objects.get(locale__language_code="en")
    theme = ThematicAreaPage.objects.get(slug="training", locale__language_code="en")
    _add_news(index, 31, theme)
    total = NewsPage.objects.live().filter(thematic_areas=theme, locale=theme.locale).count()
    assert total > 30
    html = client.get("/en/news/?theme=training").content.decode()
    assert f"Showing 1 - 30 of {total} results" in html
    assert 'href="?theme=training&amp;page=2"' in html
    combined = client.get("/en/news/?theme=training&year=2022&beneficiary=kosovo").content.decode()
    assert "Showing 1 - 2 of 2 results" in combined
    assert "Filler item" not in combined


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("theme=astrology", "There is no thematic area called"),
        ("beneficiary=atlantis", "There is no beneficiary called"),
        ("year=20x2", "is not a year"),
        ("page=99", "There is no page"),
        ("page=-1", "There is no page"),
    ],
)
def test_bad_listing_input_gets_a_clear_answer(public_site, client, query, message):
    response = client.get(f"/en/news/?{query}")
    assert response.status_code == 200
    assert message in response.content.decode()


@pytest.mark.parametrize("query", ["", "?page=2", "?page=3", "?theme=training&page=2"])
def test_the_listing_runs_at_most_ten_queries_on_any_page(
    public_site, client, django_assert_max_num_queries, query
):
    index = NewsIndexPage.objects.get(locale__language_code="en")
    theme = ThematicAreaPage.objects.get(slug="training", locale__language_code="en")
    _add_news(index, 70, theme)
    # The first visitor fills the structure cache (menu, filter choices, years, languages).
    client.get("/en/news/")
    with django_assert_max_num_queries(10):
        response = client.get(f"/en/news/{query}")
    assert "Read More" in response.content.decode()


def test_a_visitor_reads_news_in_albanian(public_site, client):
    response = client.get("/sq/lajme/" if False else "/sq/news/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Trajnimi i oficerëve të provës" in html
    assert "Showing 1 - 2 of 2 results" in html or "2" in html
    assert Locale.objects.filter(language_code="sq").exists()


def test_the_language_switcher_links_translations_or_says_there_are_none(public_site, client):
    html = client.get("/en/").content.decode()
    assert 'hreflang="sq" href="http://localhost/sq/"' in html or 'hreflang="sq"' in html
    assert 'href="/sq/"' in html
    untranslated = client.get("/en/accessibility/").content.decode()
    assert "not yet translated" in untranslated


def test_pages_of_every_type_render(public_site, client):
    for path in [
        "/en/events/",
        "/en/events/working-group-training-2020/",
        "/en/thematic-areas/training/",
        "/en/beneficiaries/kosovo/",
        "/en/news/pristina-inter-agency-forum/",
        "/en/privacy/",
    ]:
        response = client.get(path)
        assert response.status_code == 200, path
    assert "Kosovo*" in client.get("/en/beneficiaries/kosovo/").content.decode()


def test_in_albanian_the_theme_filter_shows_the_albanian_items_and_links_stay_in_albanian(
    public_site, client
):
    html = client.get("/sq/news/?theme=training").content.decode()
    assert "Ngritja e kapaciteteve dhe trajnimi" in html
    # The Albanian copies of the training news, linked to the English theme when translated.
    assert "Stafi i përzgjedhur i burgjeve në Kosovë*" in html
    assert "Forcohet më tej koordinimi" not in html
    item = NewsPage.objects.get(
        slug="structured-professional-judgement", locale__language_code="sq"
    )
    page = client.get(item.url).content.decode()
    assert 'href="/sq/thematic-areas/training/"' in page
    assert 'href="/en/thematic-areas/' not in page
    assert 'href="/sq/beneficiaries/kosovo/"' in page
    theme_page = client.get("/sq/thematic-areas/training/").content.decode()
    assert "Stafi i përzgjedhur i burgjeve në Kosovë*" in theme_page


def test_an_imported_albanian_item_links_the_albanian_theme(public_site):
    from reintegra.site.importing import _pages

    albanian = Locale.objects.get(language_code="sq")
    (theme,) = _pages(ThematicAreaPage, ["training"], albanian, "theme", [])
    assert theme.locale == albanian


def test_a_news_page_runs_at_most_fourteen_queries(
    public_site, client, django_assert_max_num_queries
):
    item = NewsPage.objects.get(
        slug="structured-professional-judgement", locale__language_code="sq"
    )
    client.get(item.url)  # the structure cache is warm after the first visit
    # Ten are Wagtail's routing; the themes and beneficiaries and their translations are four.
    with django_assert_max_num_queries(14):
        response = client.get(item.url)
    assert 'href="/sq/thematic-areas/training/"' in response.content.decode()
