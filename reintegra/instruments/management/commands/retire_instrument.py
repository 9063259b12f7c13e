from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from reintegra.audit.actor import SystemActor
from reintegra.instruments.models import InstrumentVersion
from reintegra.instruments.selectors import instrument_version_get
from reintegra.instruments.services import instrument_version_retire


class Command(BaseCommand):
    help = (
        "Stop offering an instrument version for new assessments. Assessments that pinned it keep "
        "it; nothing is deleted."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code")
        parser.add_argument("version")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            version = instrument_version_get(options["code"], options["version"])
        except InstrumentVersion.DoesNotExist:
            raise CommandError(
                f"no version {options['version']} of {options['code']} is loaded", returncode=1
            ) from None
        changed = instrument_version_retire(
            actor=SystemActor(username="retire_instrument"), version=version
        )
        self.stdout.write(f"retired: {version}" if changed else f"already retired: {version}")
