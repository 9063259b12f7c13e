from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser, no_translations

from reintegra.site.importing import ImportFileError, content_import, import_file_read


class Command(BaseCommand):
    help = (
        "Load news items and events from a JSON file (docs/content-import.md); "
        "idempotent by source id and language."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="path of the JSON file: a list of items")
        parser.add_argument(
            "--draft",
            action="store_true",
            help="save new content as drafts for review instead of publishing it",
        )
        parser.add_argument(
            "--strict",
            action="store_true",
            help="write nothing at all if any item is rejected",
        )

    # The report speaks the operator's documented language, whatever a caller left active.
    @no_translations
    def handle(self, *args: Any, **options: Any) -> None:
        try:
            items = import_file_read(Path(options["file"]))
        except ImportFileError as error:
            raise CommandError(f"{error} Nothing was imported.") from error
        report = content_import(items, publish=not options["draft"], strict=options["strict"])
        for outcome in report.outcomes:
            label = f"item {outcome.position}"
            if outcome.source_id:
                label += f" (source id {outcome.source_id}, {outcome.language or '?'})"
            if outcome.status == "rejected":
                self.stdout.write(f"rejected  {label}: {'; '.join(outcome.reasons)}")
            else:
                self.stdout.write(f"{outcome.status:<9} {label}: {outcome.title}")
        summary = (
            f"{report.count('created')} created, {report.count('updated')} updated, "
            f"{report.count('rejected')} rejected."
        )
        if report.rolled_back:
            raise CommandError(f"{summary} --strict: nothing was written.")
        self.stdout.write(summary)
        if report.count("rejected"):
            raise CommandError(
                f"{report.count('rejected')} item(s) rejected; the others were imported."
            )
