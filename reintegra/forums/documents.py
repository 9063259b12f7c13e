"""What a forum document is, judged by its first bytes and, for the zipped office formats, by
the parts inside: never by the name or the type the browser claims."""

import io
import zipfile
from typing import Any

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024

PDF = "application/pdf"
ODT = "application/vnd.oasis.opendocument.text"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EXTENSIONS = {PDF: "pdf", ODT: "odt", DOCX: "docx"}

_ZIP_MAGIC = b"PK\x03\x04"


def sniff_document_type(stream: Any) -> str | None:
    """PDF, ODT or DOCX; None for anything else."""
    stream.seek(0)
    head = stream.read(8)
    stream.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if not head.startswith(_ZIP_MAGIC):
        return None
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
            # The declared size is checked first: a forged entry must not unpack into memory.
            if (
                "mimetype" in names
                and archive.getinfo("mimetype").file_size <= 100
                and archive.read("mimetype").strip() == ODT.encode()
            ):
                return ODT
            if "[Content_Types].xml" in names and any(n.startswith("word/") for n in names):
                return DOCX
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        return None
    finally:
        stream.seek(0)
    return None


def sniff_bytes(content: bytes) -> str | None:
    return sniff_document_type(io.BytesIO(content))
