from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from reintegra.organisations.services import (
    REFERENCE_FILE,
    ReferenceDataError,
    reference_data_load,
)


class Command(BaseCommand):
    help = "Load the jurisdictions and organisation types (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", default=str(REFERENCE_FILE))

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            counts = reference_data_load(Path(options["file"]))
        except ReferenceDataError as exc:
            raise CommandError("\n".join(exc.errors)) from exc
        self.stdout.write(
            f"{counts['jurisdictions']} jurisdictions, "
            f"{counts['organisation_types']} organisation types loaded."
        )
