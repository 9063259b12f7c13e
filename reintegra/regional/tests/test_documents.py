"""Documents: PDF, ODT and DOCX only, judged by their bytes, at most 10 MB."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reintegra.regional import documents
from reintegra.regional.models import EventDocument

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n"


def _zip(members: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, content in members:
            package.writestr(name, content)
    return buffer.getvalue()


ODT = _zip(
    [
        ("mimetype", b"application/vnd.oasis.opendocument.text"),
        ("content.xml", b"<office:document-content/>"),
    ]
)
DOCX = _zip([("[Content_Types].xml", b"<Types/>"), ("word/document.xml", b"<w:document/>")])


def _upload(client, event, name: str, content: bytes, title: str = "Agenda"):
    return client.post(
        reverse("regional:document-new", args=[event.pk]),
        {"title": title, "file": SimpleUploadedFile(name, content)},
    )


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [("a.pdf", PDF, "pdf"), ("b.odt", ODT, "odt"), ("c.docx", DOCX, "docx")],
)
def test_pdf_odt_and_docx_are_attached_and_downloaded(
    working_group, keeper, manager_a, client_for, name, content, kind
) -> None:
    response = _upload(client_for(keeper), working_group, name, content)
    assert response.status_code == 302
    document = EventDocument.objects.get()
    assert document.file_type == kind and document.size == len(content)
    download = client_for(manager_a).get(reverse("regional:document-download", args=[document.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == content
    assert "attachment" in download["Content-Disposition"]
    assert download["Content-Type"] == documents.CONTENT_TYPES[kind]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.pdf", b"MZ\x90\x00 not a pdf", "Only PDF, ODT and DOCX"),
        ("page.pdf", b"<html><script>alert(1)</script>", "Only PDF, ODT and DOCX"),
        ("sheet.docx", _zip([("xl/workbook.xml", b"<x/>")]), "Only PDF, ODT and DOCX"),
        ("broken.docx", b"PK\x03\x04 truncated", "Only PDF, ODT and DOCX"),
        ("renamed.docx", PDF, "does not match its content"),
        ("noextension", PDF, "does not match its content"),
        ("empty.pdf", b"", "The submitted file is empty"),
    ],
)
def test_wrong_documents_are_refused_and_nothing_stored(
    working_group, keeper, client_for, name, content, message
) -> None:
    response = _upload(client_for(keeper), working_group, name, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not EventDocument.objects.exists()


def test_document_over_ten_megabytes_is_refused(working_group, keeper, client_for) -> None:
    big = PDF + b"0" * (documents.MAX_BYTES + 1)
    response = _upload(client_for(keeper), working_group, "big.pdf", big)
    assert response.status_code == 400
    assert "larger than 10 MB" in response.content.decode()
    assert not EventDocument.objects.exists()


def test_training_manager_cannot_attach_documents(working_group, manager_a, client_for) -> None:
    response = _upload(client_for(manager_a), working_group, "a.pdf", PDF)
    assert response.status_code == 403
    assert not EventDocument.objects.exists()
