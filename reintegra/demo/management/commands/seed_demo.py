from typing import Any

from django.core.management.base import BaseCommand, CommandError

from reintegra.demo.personas import DEMO_PASSWORD
from reintegra.demo.seed import DemoRefusedError, demo_seed


class Command(BaseCommand):
    help = "Load the fictional demo data (idempotent). Refuses to run unless DEMO_MODE is on."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            counts = demo_seed()
        except DemoRefusedError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Demo ready: {counts['users']} users ({counts['users_created']} new), "
            f"{counts['organisations']} organisations, {counts['facilities']} facilities, "
            f"{counts['people_created']} people and {counts['instruments_created']} instruments "
            "added. "
            f"Every demo password is {DEMO_PASSWORD!r}."
        )
