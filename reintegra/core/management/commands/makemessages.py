"""Django's makemessages, without fuzzy matching when new strings are merged into a catalogue.

Fuzzy matching fills a new msgid with the translation of a similar-looking old one ("Reference"
inherits "Request reference"), and such guesses are easy to miss in review. A new string should
arrive empty, so that it is plainly untranslated until someone translates it.
"""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]
