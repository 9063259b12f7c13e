from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from reintegra.coordination.services import LEGAL_BASES_FILE, legal_bases_load


class Command(BaseCommand):
    help = (
        "Load each jurisdiction's legal bases for sharing personal data (idempotent); "
        "referrals, agency packs and release handovers are refused without them."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", default=str(LEGAL_BASES_FILE))

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path} is not a file. Nothing was loaded.")
        count = legal_bases_load(path)
        if count == 0:
            raise CommandError(
                "No legal basis was loaded: load the jurisdictions first (load_reference_data)."
            )
        self.stdout.write(f"{count} legal bases loaded.")
