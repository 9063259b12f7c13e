"""Django's makemessages, without fuzzy matching, filling new strings from pending translations.

Fuzzy matching fills a new msgid with the translation of a similar-looking old one ("Reference"
inherits "Request reference"), and such guesses are easy to miss in review. A new string should
arrive empty, so that it is plainly untranslated until someone translates it — unless a translator
of that language has already translated exactly that string in `reintegra/locale_pending/`
(see `reintegra.core.pending_translations`).
"""

import os
from pathlib import Path

from django.core.management.commands import makemessages

from reintegra.core.pending_translations import catalogue_fill_from_pending, pending_path


class Command(makemessages.Command):
    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]

    def write_po_file(self, potfile, locale):
        super().write_po_file(potfile, locale)
        po_file = Path(os.path.dirname(potfile), locale, "LC_MESSAGES", f"{self.domain}.po")
        filled = catalogue_fill_from_pending(po_file, pending_path(locale))
        if filled and self.verbosity > 0:
            self.stdout.write(f"{locale}: {filled} new entries filled from pending translations")
