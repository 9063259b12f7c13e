"""What a forum document is: the check itself is reintegra.core.uploads, shared with the
regional events; forums store the content type and name the file by it."""

from typing import Any

from reintegra.core import uploads

MAX_DOCUMENT_BYTES = uploads.MAX_DOCUMENT_BYTES

PDF = uploads.CONTENT_TYPES[uploads.PDF]
ODT = uploads.CONTENT_TYPES[uploads.ODT]
DOCX = uploads.CONTENT_TYPES[uploads.DOCX]
EXTENSIONS = {uploads.CONTENT_TYPES[kind]: kind for kind in uploads.CONTENT_TYPES}


def sniff_document_type(stream: Any) -> str | None:
    """The content type of a PDF, ODT or DOCX; None for anything else."""
    kind = uploads.document_kind(stream)
    return uploads.CONTENT_TYPES[kind] if kind else None
