from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from reintegra.allocations.regimes import REGIMES_FILE, RegimeDataError, regimes_load


class Command(BaseCommand):
    help = "Load each jurisdiction's regimes and placements (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", default=str(REGIMES_FILE))

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            counts = regimes_load(Path(options["file"]))
        except RegimeDataError as exc:
            raise CommandError("\n".join(exc.errors)) from exc
        self.stdout.write(
            f"{counts['regimes']} regimes loaded, {counts['deactivated']} no longer listed."
        )
