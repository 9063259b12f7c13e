"""Translations that wait for the other languages before they can join the catalogues.

Every catalogue holds the same messages, each translated (the translation tests insist), so a
batch of new strings reaches the catalogues only once every language has translated it. Until
then, the languages already done keep their work in `reintegra/locale_pending/<dir>.po`, a gettext
compendium; `makemessages` fills each new, empty entry from it, so nothing is translated twice.
"""

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

PENDING_DIR = Path(__file__).resolve().parent.parent / "locale_pending"


def _translated(string: str | tuple[str, ...] | list[str] | None) -> bool:
    if string is None:
        return False
    return bool(string) if isinstance(string, str) else all(string)


def pending_path(locale_dir_name: str) -> Path:
    return PENDING_DIR / f"{locale_dir_name}.po"


def catalogue_fill_from_pending(po_path: Path, pending: Path) -> int:
    """Fill the empty entries of `po_path` whose message (and plural, and context) the pending
    file translates; never overwrite a translation. Returns how many were filled."""
    if not pending.exists():
        return 0
    with pending.open("rb") as fh:
        memory: Catalog = read_po(fh)
    with po_path.open("rb") as fh:
        catalogue: Catalog = read_po(fh)
    filled = 0
    for message in catalogue:
        if not message.id or _translated(message.string):
            continue
        known = memory.get(message.id, context=message.context)
        if known is None or not _translated(known.string):
            continue
        if isinstance(message.id, tuple) and len(known.string or ()) != catalogue.num_plurals:
            continue
        message.string = known.string
        filled += 1
    if filled:
        with po_path.open("wb") as fh:
            write_po(fh, catalogue, width=79)
    return filled
