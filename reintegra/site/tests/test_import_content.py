import json

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Locale, Page, Site

from reintegra.site.models import (
    BeneficiaryIndexPage,
    BeneficiaryPage,
    EventIndexPage,
    EventPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    ThematicAreaIndexPage,
    ThematicAreaPage,
)


def _add(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def small_site(db):
    english = Locale.objects.get_or_create(language_code="en")[0]
    home = _add(
        Page.get_first_root_node(), HomePage(title="Home", slug="import-home", locale=english)
    )
    themes = _add(home, ThematicAreaIndexPage(title="Thematic areas", slug="thematic-areas"))
    _add(themes, ThematicAreaPage(title="Capacity building and training", slug="training"))
    beneficiaries = _add(home, BeneficiaryIndexPage(title="Beneficiaries", slug="beneficiaries"))
    _add(beneficiaries, BeneficiaryPage(title="Kosovo*", slug="kosovo", names_kosovo=True))
    _add(home, NewsIndexPage(title="News", slug="news"))
    _add(home, EventIndexPage(title="Events", slug="events"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"root_page": home, "hostname": "localhost"}
    )
    return home


NEWS = {
    "source_id": "old-101",
    "language": "en",
    "title": "Training probation officers on post-penal support",
    "date": "2022-12-09",
    "place": "Kosovo*",
    "beneficiaries": ["kosovo"],
    "thematic_areas": ["training"],
    "summary": "Probation officers planned supervision after release.",
    "body": "<p>Two days of training.</p><script>alert(1)</script>",
}
EVENT = {
    "kind": "event",
    "source_id": "old-ev-7",
    "language": "en",
    "title": "Enhancing training provision in Western Balkans region",
    "start": "2019-12-12T09:00",
    "end": "2019-12-13T17:00",
    "venue": "Tirana, Albania",
    "attendance_mode": "offline",
    "type": "regional_conference",
    "thematic_areas": ["training"],
    "summary": "Representatives compared their training offer.",
    "body": "<p>Agenda to follow.</p>",
}


def _run(tmp_path, items, *args):
    path = tmp_path / "items.json"
    path.write_text(items if isinstance(items, str) else json.dumps(items), encoding="utf-8")
    from io import StringIO

    out = StringIO()
    try:
        call_command("import_content", str(path), *args, stdout=out)
    except CommandError as error:
        return out.getvalue(), str(error)
    return out.getvalue(), ""


def test_import_creates_a_published_news_item_and_event(small_site, tmp_path, client):
    out, error = _run(tmp_path, [NEWS, EVENT])
    assert error == ""
    assert "2 created, 0 updated, 0 rejected." in out
    item = NewsPage.objects.get(source_id="old-101")
    assert item.live
    assert [t.slug for t in item.thematic_areas.all()] == ["training"]
    assert "<script>" not in item.body
    event = EventPage.objects.get(source_id="old-ev-7")
    assert event.venue == "Tirana, Albania"
    assert event.event_type == "regional_conference"
    assert client.get(item.url).status_code == 200


def test_importing_the_same_file_again_updates_instead_of_duplicating(small_site, tmp_path):
    _run(tmp_path, [NEWS, EVENT])
    changed = {**NEWS, "title": "Training probation officers (revised)"}
    out, _error = _run(tmp_path, [changed, EVENT])
    assert "0 created, 2 updated, 0 rejected." in out
    assert NewsPage.objects.filter(source_id="old-101").count() == 1
    assert (
        NewsPage.objects.get(source_id="old-101").title == "Training probation officers (revised)"
    )


def test_an_item_in_another_language_becomes_the_translation(small_site, tmp_path, client):
    albanian = {**NEWS, "language": "sq", "title": "Trajnimi i oficerëve të provës"}
    out, _error = _run(tmp_path, [NEWS, albanian])
    assert "2 created" in out
    english = NewsPage.objects.get(source_id="old-101", locale__language_code="en")
    copy = NewsPage.objects.get(source_id="old-101", locale__language_code="sq")
    assert copy.translation_key == english.translation_key
    assert copy.live
    assert client.get(copy.url).status_code == 200


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"thematic_areas": ["astrology"]}, "unknown thematic area “astrology”"),
        ({"beneficiaries": ["atlantis"]}, "unknown beneficiary “atlantis”"),
        ({"date": "09/12/2022"}, "date “09/12/2022” is not a date like 2022-12-09"),
        ({"date": "2022-02-30"}, "is not a date like"),
        ({"date": None}, "date is missing"),
        ({"title": "  "}, "title is missing"),
        ({"title": None}, "title is missing"),
        ({"language": "xx"}, "unknown language “xx”"),
        ({"source_id": ""}, "source_id is missing"),
        ({"summary": 42}, "summary must be text"),
        ({"kind": "podcast"}, "neither “news” nor “event”"),
        ({"thematic_areas": "training"}, "thematic_areas must be a list of slugs"),
    ],
)
def test_a_bad_news_item_is_rejected_with_its_reason_and_writes_nothing(
    small_site, tmp_path, change, reason
):
    pages = Page.objects.count()
    out, error = _run(tmp_path, [{**NEWS, **change}])
    assert reason in out
    assert "0 created, 0 updated, 1 rejected." in out
    assert "1 item(s) rejected" in error
    assert Page.objects.count() == pages


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"end": "2019-12-11T17:00"}, "end is before start"),
        ({"start": "next tuesday"}, "start “next tuesday” is not a date and time"),
        ({"attendance_mode": "telepathy"}, "attendance_mode “telepathy” is not one of"),
        ({"type": "party"}, "type “party” is not one of"),
    ],
)
def test_a_bad_event_is_rejected_with_its_reason(small_site, tmp_path, change, reason):
    out, _error = _run(tmp_path, [{**EVENT, **change}])
    assert reason in out
    assert not EventPage.objects.exists()


def test_good_items_load_beside_rejected_ones(small_site, tmp_path):
    out, _error = _run(tmp_path, [NEWS, {**EVENT, "end": "2019-12-01T00:00"}, "not an object"])
    assert "1 created, 0 updated, 2 rejected." in out
    assert "item 3: the item is not a JSON object" in out
    assert NewsPage.objects.filter(source_id="old-101").exists()
    assert not EventPage.objects.exists()


def test_strict_mode_writes_nothing_when_one_item_is_bad(small_site, tmp_path):
    _out, error = _run(tmp_path, [NEWS, {**EVENT, "type": "party"}], "--strict")
    assert "--strict: nothing was written" in error
    assert not NewsPage.objects.exists()


def test_a_repeated_source_id_in_one_file_is_rejected(small_site, tmp_path):
    out, _error = _run(tmp_path, [NEWS, NEWS])
    assert "the same source id and language appear earlier in the file" in out
    assert NewsPage.objects.count() == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('[{"source_id": "x",', "The file is not valid JSON (line 1"),
        ('{"source_id": "x"}', "The file must hold a JSON list"),
    ],
)
def test_a_malformed_file_is_refused_whole(small_site, tmp_path, content, message):
    _out, error = _run(tmp_path, content)
    assert message in error
    assert "Nothing was imported." in error
    assert not NewsPage.objects.exists()


def test_a_missing_file_is_refused(small_site, tmp_path):
    with pytest.raises(CommandError, match="There is no file at"):
        call_command("import_content", str(tmp_path / "absent.json"))


def test_draft_import_leaves_the_live_page_unchanged_until_published(small_site, tmp_path):
    _run(tmp_path, [NEWS])
    _run(tmp_path, [{**NEWS, "title": "A draft title"}], "--draft")
    item = NewsPage.objects.get(source_id="old-101")
    assert item.title == NEWS["title"]
    assert item.has_unpublished_changes
    assert item.get_latest_revision_as_object().title == "A draft title"
