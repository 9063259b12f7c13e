import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from reintegra.site.demo import demo_site_seed
from reintegra.site.demo_library import _document
from reintegra.site.library import DocumentLibraryPage, Publication, PublicationFile
from reintegra.site.models import HomePage


@pytest.fixture
def public_site(db):
    demo_site_seed()
    return HomePage.objects.get(locale__language_code="en")


def test_the_library_lists_each_publication_with_a_download_per_language(public_site, client):
    html = client.get("/en/documents/").content.decode()
    assert "Showing 1 - 8 of 8 results" in html
    assert "European Prison Rules (Recommendation Rec(2006)2-rev)" in html
    for language in ("English", "Albanian", "Serbian", "Macedonian"):
        assert f"Download in {language}" in html
    assert 'hreflang="sq"' in html


def test_a_visitor_downloads_a_file_without_signing_in(public_site, client, settings, tmp_path):
    # Wagtail streams documents from a local path, which the in-memory test storage lacks.
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    pdf = PublicationFile.objects.filter(language="mk").first()
    document = _document("A download test", "mk", "download-test")
    pdf.document = document
    pdf.save()
    assert document.url in client.get("/en/documents/").content.decode()
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-1.4")


def test_library_filters_by_kind_thematic_area_and_year_combined(public_site, client):
    legal = client.get("/en/documents/?kind=legal_instrument").content.decode()
    assert "Showing 1 - 4 of 4 results" in legal
    assert "Handbook for Prison" not in legal
    combined = client.get("/en/documents/?kind=legal_instrument&theme=release&year=2020")
    html = combined.content.decode()
    assert "Showing 1 - 1 of 1 result" in html
    assert "European Prison Rules" in html
    themed = client.get("/en/documents/?theme=training").content.decode()
    assert "Showing 1 - 2 of 2 results" in themed


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("kind=novel", "There is no kind of document called"),
        ("theme=astrology", "There is no thematic area called"),
        ("year=20x2", "is not a year"),
        ("page=99", "There is no page"),
        ("page=-1", "There is no page"),
    ],
)
def test_unknown_library_filters_answer_clearly(public_site, client, query, message):
    response = client.get(f"/en/documents/?{query}")
    assert response.status_code == 200
    assert message in response.content.decode()


def test_the_albanian_library_shows_translations_and_untranslated_originals(public_site, client):
    html = client.get("/sq/documents/").content.decode()
    assert "Rregullat Evropiane të Burgjeve" in html
    assert "European Prison Rules (Recommendation" not in html
    assert "Council of Europe Probation Rules" in html
    assert "Po shfaqen 1 - 8 nga 8 rezultate" in html


def test_a_thematic_area_gathers_its_documents(public_site, client):
    html = client.get("/en/thematic-areas/training/").content.decode()
    assert "Capacity-development and training framework matrix" in html
    assert "Council of Europe Probation Rules" not in html


def test_a_publication_has_at_most_one_file_per_language(public_site):
    existing = PublicationFile.objects.filter(language="en").first()
    with pytest.raises(IntegrityError), transaction.atomic():
        PublicationFile.objects.create(
            publication=existing.publication, language="en", document=existing.document
        )


def test_the_library_page_costs_the_same_queries_for_thirty_items_as_for_eight(
    public_site, client, django_assert_max_num_queries
):
    english = Locale.objects.get(language_code="en")
    for number in range(30):
        Publication.objects.create(
            kind="publication", title=f"Filler {number}", date="2019-01-01", locale=english
        )
    client.get("/en/documents/")
    with CaptureQueriesContext(connection) as full_page:
        client.get("/en/documents/")
    # The page chrome (menu, language links) is shared with the news listing and pinned there.
    with django_assert_max_num_queries(60):
        response = client.get("/en/documents/?page=2")
    assert response.status_code == 200
    assert "Showing 31 - 38 of 38 results" in response.content.decode()
    with CaptureQueriesContext(connection) as short_page:
        client.get("/en/documents/?page=2")
    assert len(full_page.captured_queries) == len(short_page.captured_queries)


def test_seeding_twice_adds_no_publication(public_site):
    count = Publication.objects.count()
    demo_site_seed()
    assert Publication.objects.count() == count
    assert DocumentLibraryPage.objects.count() >= 1
