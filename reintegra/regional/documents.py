"""What an uploaded document really is, judged by its bytes, not by its name.

PDF starts with "%PDF-"; ODT and DOCX are ZIP packages, told apart by what they hold: an ODT's
first member is "mimetype" naming the OpenDocument text type, a DOCX has "[Content_Types].xml"
and "word/document.xml".
"""

import io
import zipfile

MAX_BYTES = 10 * 1024 * 1024
ALLOWED = ("pdf", "odt", "docx")
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "odt": "application/vnd.oasis.opendocument.text",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
_ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def sniff(content: bytes) -> str | None:
    """'pdf', 'odt' or 'docx' when the bytes are one; None otherwise."""
    if content.startswith(b"%PDF-"):
        return "pdf"
    if not content.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            names = package.namelist()
            if names and names[0] == "mimetype":
                if package.read("mimetype").strip() == _ODT_MIMETYPE:
                    return "odt"
                return None
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                return "docx"
    except (zipfile.BadZipFile, KeyError, RuntimeError, ValueError):
        return None
    return None


def extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""
