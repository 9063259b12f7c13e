"""Compile every .po catalogue (the project's, each app's) with Babel: no system gettext."""

import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

PACKAGE = Path(__file__).resolve().parent.parent / "reintegra"


def main() -> int:
    compiled = 0
    # The project catalogue (reintegra/locale) and any app's own (reintegra/<app>/locale).
    catalogues = [
        *PACKAGE.glob("locale/*/LC_MESSAGES/*.po"),
        *PACKAGE.glob("*/locale/*/LC_MESSAGES/*.po"),
    ]
    for po_path in sorted(catalogues):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file, locale=None, abort_invalid=True)
        with mo_path.open("wb") as mo_file:
            write_mo(mo_file, catalog, use_fuzzy=False)
        compiled += 1
    print(f"translations: {compiled} catalogue(s) compiled")
    return 0


if __name__ == "__main__":
    sys.exit(main())
