"""Daily reminder e-mails: how much work is due, never whose — personal data stays in the app."""

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import translation

from reintegra.accounts.actor import Actor
from reintegra.accounts.models import Membership
from reintegra.work.models import ReminderSent
from reintegra.work.registry import work_items_for

# Work due within this many days is worth a reminder; later work waits for its day.
DUE_SOON_DAYS = 3


@dataclass(frozen=True)
class ReminderRun:
    users_checked: int
    sent: int
    already_sent: int


def reminders_send(*, today: dt.date) -> ReminderRun:
    memberships = (
        Membership.objects.current()
        .filter(user__is_active=True)
        .exclude(user__email="")
        .select_related("user", "organisation", "facility")
        .order_by("user_id", "created_at")
    )
    already = set(ReminderSent.objects.filter(day=today).values_list("user_id", flat=True))
    by_user: dict = {}
    for membership in memberships:
        by_user.setdefault(membership.user, []).append(membership)
    sent = skipped = 0
    horizon = today + dt.timedelta(days=DUE_SOON_DAYS)
    for user, user_memberships in by_user.items():
        if user.pk in already:
            skipped += 1
            continue
        counts: Counter[str] = Counter()
        overdue = 0
        for membership in user_memberships:
            for item in work_items_for(Actor(user=user, membership=membership)):
                if item.due is not None and item.due <= horizon:
                    counts[item.kind_label] += 1
                    overdue += item.is_overdue(today)
        if not counts:
            continue
        if _send_once(user, today, counts, overdue):
            sent += 1
        else:
            skipped += 1
    return ReminderRun(users_checked=len(by_user), sent=sent, already_sent=skipped)


def _send_once(user, today: dt.date, counts: Counter[str], overdue: int) -> bool:
    try:
        with transaction.atomic():
            ReminderSent.objects.create(user=user, day=today, items=sum(counts.values()))
            language = user.preferred_language or settings.LANGUAGE_CODE
            with translation.override(language):
                context = {
                    "user": user,
                    "counts": sorted(counts.items()),
                    "total": sum(counts.values()),
                    "overdue": overdue,
                    "link": f"{settings.WAGTAILADMIN_BASE_URL}/{language}/work/",
                }
                subject = render_to_string("work/email/reminder_subject.txt", context).strip()
                body = render_to_string("work/email/reminder.txt", context)
            # The row and the e-mail stand or fall together: a failed send is retried next run.
            send_mail(subject, body, None, [user.email])
    except IntegrityError:
        return False
    return True
