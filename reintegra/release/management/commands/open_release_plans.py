from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone
from django.utils.dateparse import parse_date

from reintegra.release.schedule import release_plans_open_due


class Command(BaseCommand):
    help = (
        "Open a release plan for everyone in custody whose expected release is near, and ask for "
        "the handover to probation when it is due (idempotent; run daily)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="Act as if today were this date (YYYY-MM-DD).")

    def handle(self, *args: Any, **options: Any) -> None:
        today = parse_date(options["today"]) if options["today"] else timezone.localdate()
        if today is None:
            self.stderr.write("--today must be a date written YYYY-MM-DD.")
            return
        counts = release_plans_open_due(today=today)
        self.stdout.write(
            f"{counts['plans_opened']} release plans opened, {counts['skipped']} skipped, "
            f"{counts['handover_tasks']} handovers asked for."
        )
