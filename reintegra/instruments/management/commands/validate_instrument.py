from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from reintegra.instruments.services import errors_report, instrument_file_check


class Command(BaseCommand):
    help = (
        "Check instrument files against the format (docs/instruments.md) without loading them. "
        "Lists every fault with its path in the file; exits 1 if any file has one."
    )

    # A pure file check: it needs neither the database nor the rest of the project to be healthy.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE")

    def handle(self, *args: Any, **options: Any) -> None:
        failures = []
        for name in options["files"]:
            checked = instrument_file_check(Path(name))
            if checked.errors:
                failures.append(errors_report(name, checked.errors))
            else:
                self.stdout.write(f"valid: {checked.summary}")
        if failures:
            raise CommandError("\n".join(failures), returncode=1)
