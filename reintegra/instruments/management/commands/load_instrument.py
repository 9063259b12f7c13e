from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from reintegra.audit.actor import SystemActor
from reintegra.instruments.services import (
    InstrumentFileError,
    InstrumentVersionConflictError,
    errors_report,
    instrument_load,
)


class Command(BaseCommand):
    help = (
        "Load instrument files into the registry. Each file loads completely or not at all; "
        "loading the same content again changes nothing; a loaded version is never changed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = SystemActor(username="load_instrument")
        failures = []
        for name in options["files"]:
            try:
                result = instrument_load(actor=actor, path=Path(name))
            except InstrumentFileError as exc:
                failures.append(errors_report(name, exc.errors))
                continue
            except InstrumentVersionConflictError as exc:
                failures.append(f"{name}: {exc}")
                continue
            parsed = result.version.parsed
            label = f"{parsed.code} {parsed.version}"
            if result.created:
                self.stdout.write(
                    f"loaded: {label}, {len(parsed.all_domains)} domains, {len(parsed.items)} items"
                )
            else:
                self.stdout.write(f"already loaded, nothing changed: {label}")
        if failures:
            raise CommandError("\n".join(failures), returncode=1)
