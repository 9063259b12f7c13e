"""New strings are filled from the translations that wait for the other languages, never over
an existing translation, and a plural is taken only with as many forms as the language has."""

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from reintegra.core.pending_translations import PENDING_DIR, catalogue_fill_from_pending


def _write(path: Path, locale: str, entries: list[tuple]) -> Path:
    catalogue = Catalog(locale=locale)
    for msgid, string, *context in entries:
        catalogue.add(msgid, string, context=context[0] if context else None)
    with path.open("wb") as fh:
        write_po(fh, catalogue)
    return path


def _read(path: Path) -> Catalog:
    with path.open("rb") as fh:
        return read_po(fh)


def test_empty_entries_are_filled_and_translations_are_kept(tmp_path: Path) -> None:
    po = _write(
        tmp_path / "django.po",
        "sr",
        [
            ("Referral", ""),
            ("Disclosure", "Откривање"),
            (("%(n)s day", "%(n)s days"), ("", "", "")),
            ("Open", "", "state"),
            ("Not pending", ""),
        ],
    )
    pending = _write(
        tmp_path / "pending.po",
        "sr",
        [
            ("Referral", "Упућивање"),
            ("Disclosure", "Другачије"),
            (("%(n)s day", "%(n)s days"), ("%(n)s дан", "%(n)s дана", "%(n)s дана")),
            ("Open", "Отворено", "state"),
        ],
    )
    assert catalogue_fill_from_pending(po, pending) == 3
    catalogue = _read(po)
    assert catalogue.get("Referral").string == "Упућивање"
    assert catalogue.get("Disclosure").string == "Откривање"
    assert catalogue.get(("%(n)s day", "%(n)s days")).string == (
        "%(n)s дан",
        "%(n)s дана",
        "%(n)s дана",
    )
    assert catalogue.get("Open", context="state").string == "Отворено"
    assert catalogue.get("Not pending").string == ""


def test_a_plural_with_the_wrong_number_of_forms_is_not_taken(tmp_path: Path) -> None:
    po = _write(tmp_path / "django.po", "sr", [(("%(n)s day", "%(n)s days"), ("", "", ""))])
    pending = _write(
        tmp_path / "pending.po", "en", [(("%(n)s day", "%(n)s days"), ("%(n)s d", "%(n)s ds"))]
    )
    assert catalogue_fill_from_pending(po, pending) == 0
    assert _read(po).get(("%(n)s day", "%(n)s days")).string == ("", "", "")


def test_without_a_pending_file_nothing_changes(tmp_path: Path) -> None:
    po = _write(tmp_path / "django.po", "sq", [("Referral", "")])
    before = po.read_bytes()
    assert catalogue_fill_from_pending(po, tmp_path / "missing.po") == 0
    assert po.read_bytes() == before


def test_every_pending_file_is_a_readable_catalogue_of_a_known_language() -> None:
    from django.conf import settings

    known = {path.name for path in Path(settings.LOCALE_PATHS[0]).iterdir() if path.is_dir()}
    for path in PENDING_DIR.glob("*.po"):
        assert path.stem in known, f"{path.name} names no catalogue directory"
        assert len(_read(path)) > 0, f"{path.name} holds no translation"
