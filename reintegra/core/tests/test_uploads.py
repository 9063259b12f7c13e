import io
import zipfile

import pytest

from reintegra.core import uploads


def _zip(members: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, content in members:
            package.writestr(name, content)
    return buffer.getvalue()


PDF = b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n"
ODT = _zip([("mimetype", uploads.CONTENT_TYPES["odt"].encode()), ("content.xml", b"<c/>")])
DOCX = _zip([("[Content_Types].xml", b"<Types/>"), ("word/document.xml", b"<w:document/>")])


def _check(content: bytes) -> str:
    return uploads.document_check(io.BytesIO(content), len(content))


@pytest.mark.parametrize(("content", "kind"), [(PDF, "pdf"), (ODT, "odt"), (DOCX, "docx")])
def test_a_real_pdf_odt_or_docx_is_accepted_as_what_it_is(content, kind):
    assert _check(content) == kind


@pytest.mark.parametrize(
    "content",
    [
        b"MZ\x90\x00\x03\x00 an executable renamed report.pdf",
        b"PK\x03\x04 a truncated zip",
        _zip([("xl/workbook.xml", b"<x/>")]),
        _zip([("mimetype", b"application/vnd.oasis.opendocument.spreadsheet")]),
        _zip([("mimetype", b"x" * 5000)]),
    ],
)
def test_anything_else_is_refused_as_not_a_document(content):
    with pytest.raises(uploads.DocumentRefusedError) as refused:
        _check(content)
    assert refused.value.reason == uploads.NOT_A_DOCUMENT


def test_an_empty_file_is_refused_as_empty():
    with pytest.raises(uploads.DocumentRefusedError) as refused:
        _check(b"")
    assert refused.value.reason == uploads.EMPTY


def test_a_file_over_the_limit_is_refused_before_its_bytes_are_read():
    with pytest.raises(uploads.DocumentRefusedError) as refused:
        uploads.document_check(io.BytesIO(PDF), uploads.MAX_DOCUMENT_BYTES + 1)
    assert refused.value.reason == uploads.TOO_LARGE
    assert _check(PDF + b"0" * (uploads.MAX_DOCUMENT_BYTES - len(PDF))) == "pdf"


def test_the_stream_is_left_at_its_start():
    stream = io.BytesIO(DOCX)
    uploads.document_kind(stream)
    assert stream.tell() == 0
