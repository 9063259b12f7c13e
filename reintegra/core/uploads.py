"""What an uploaded document really is, judged by its bytes: never by its name or the type the
browser claims. PDF starts with "%PDF-"; ODT and DOCX are ZIP packages told apart by what they
hold: an ODT's first member is "mimetype" naming the OpenDocument text type, a DOCX has
"[Content_Types].xml" and "word/document.xml"."""

import io
import zipfile
from typing import IO, Any

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024

PDF, ODT, DOCX = "pdf", "odt", "docx"
CONTENT_TYPES = {
    PDF: "application/pdf",
    ODT: "application/vnd.oasis.opendocument.text",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}

EMPTY, TOO_LARGE, NOT_A_DOCUMENT = "empty", "too_large", "not_a_document"


class DocumentRefusedError(ValueError):
    """Why a file is not accepted: EMPTY, TOO_LARGE or NOT_A_DOCUMENT. Each app words it."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def document_kind(stream: IO[bytes] | Any) -> str | None:
    """PDF, ODT or DOCX when the bytes are one; None otherwise. The stream is left at its start."""
    stream.seek(0)
    head = stream.read(8)
    stream.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if not head.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(stream) as package:
            names = package.namelist()
            if names and names[0] == "mimetype":
                # The declared size first: a forged entry must not unpack into memory.
                info = package.getinfo("mimetype")
                declared = package.read(info).strip() if info.file_size <= 100 else b""
                if declared == CONTENT_TYPES[ODT].encode():
                    return ODT
                return None
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                return DOCX
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError, ValueError):
        return None
    finally:
        stream.seek(0)
    return None


def document_kind_of_bytes(content: bytes) -> str | None:
    return document_kind(io.BytesIO(content))


def document_check(stream: IO[bytes] | Any, size: int | None) -> str:
    """The document's kind, or DocumentRefusedError saying why it is not accepted."""
    if not size:
        raise DocumentRefusedError(EMPTY)
    if size > MAX_DOCUMENT_BYTES:
        raise DocumentRefusedError(TOO_LARGE)
    kind = document_kind(stream)
    if kind is None:
        raise DocumentRefusedError(NOT_A_DOCUMENT)
    return kind
