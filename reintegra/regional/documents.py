"""What an uploaded event document really is: the check itself is reintegra.core.uploads,
shared with the forums; regional events also require the name to match the content."""

from reintegra.core import uploads

MAX_BYTES = uploads.MAX_DOCUMENT_BYTES
ALLOWED = tuple(uploads.CONTENT_TYPES)
CONTENT_TYPES = uploads.CONTENT_TYPES


def sniff(content: bytes) -> str | None:
    """'pdf', 'odt' or 'docx' when the bytes are one; None otherwise."""
    return uploads.document_kind_of_bytes(content)


def extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""
