from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from reintegra.work.reminders import reminders_send


class Command(BaseCommand):
    help = "E-mail each user a count of their due and overdue work (once a day; safe to rerun)."

    def handle(self, *args: Any, **options: Any) -> None:
        run = reminders_send(today=timezone.localdate())
        self.stdout.write(
            f"{run.users_checked} users checked, {run.sent} reminders sent, "
            f"{run.already_sent} already sent today."
        )
