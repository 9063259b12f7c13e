import re

import pytest
from wagtail.models import Page

from reintegra.site.demo import demo_site_seed
from reintegra.site.library import Publication
from reintegra.site.models import EventPage, NewsPage

# Kosovo in the site's languages and their cases; each must carry the asterisk of the footnote.
KOSOVO = re.compile(r"(Kosov[oaëe]|Косов[оау])(?!\*)")  # noqa: RUF001


@pytest.fixture
def demo(db):
    demo_site_seed()


def test_the_demo_news_and_events_read_in_albanian_serbian_and_macedonian(demo, client):
    for language in ("sq", "sr", "mk"):
        assert NewsPage.objects.live().filter(locale__language_code=language).count() >= 7
        assert EventPage.objects.live().filter(locale__language_code=language).count() == 2
    item = NewsPage.objects.get(slug="pristina-inter-agency-forum", locale__language_code="sr")
    english = NewsPage.objects.get(slug="pristina-inter-agency-forum", locale__language_code="en")
    assert item.translation_key == english.translation_key
    assert item.date == english.date
    html = client.get(item.url).content.decode()
    assert "Приштина, Косово*" in html
    # The footnote the asterisk points to, in the page's language.
    assert "у складу је са Резолуцијом СБ УН 1244" in html  # noqa: RUF001


def test_kosovo_carries_its_asterisk_wherever_the_demo_names_it(demo):
    texts = []
    for page in Page.objects.live().specific():
        for name in ("title", "summary", "place", "venue", "purpose", "body", "intro"):
            texts.append(str(getattr(page, name, "") or ""))
    texts += [f"{p.title} {p.summary}" for p in Publication.objects.all()]
    offending = [text[:80] for text in texts if KOSOVO.search(text)]
    assert offending == []
    assert any("Kosovo*" in text for text in texts)


def test_every_demo_language_shows_the_joint_funding_statement_and_footnote(demo, client):
    council = {
        "en": "Council of Europe",
        "sq": "Këshillit të Evropës",
        "sr": "Савет Европе",
        "mk": "Советот на Европа",
    }
    for language, name in council.items():
        html = client.get(f"/{language}/").content.decode()
        assert 'id="kosovo-footnote"' in html
        assert name in html, language


def test_the_demo_menu_leads_to_the_news_events_and_themes_in_each_language(demo, client):
    for language in ("en", "sq", "sr", "mk"):
        html = client.get(f"/{language}/").content.decode()
        menu = html[html.index('class="main-nav"') : html.index("</nav>")]
        for section in ("thematic-areas", "news", "events"):
            assert f'href="/{language}/{section}/"' in menu, (language, section)
