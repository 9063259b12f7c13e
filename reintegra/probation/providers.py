"""Planned contacts in the probation officer's "My work": derived from the contacts, not tasks."""

import datetime as dt
from collections.abc import Iterator

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from reintegra.core.roles import Role
from reintegra.probation.selectors import contacts_awaiting_outcome
from reintegra.work.registry import WorkItem

CONTACT_DUE_KIND = "contact_due"
CONTACT_DUE_LABEL = _("Contacts to record")
LOOK_AHEAD_DAYS = 7
LIMIT = 200


def contact_work_items(actor) -> Iterator[WorkItem]:
    """Contacts planned within the week ahead, and past ones whose outcome is not recorded yet."""
    if getattr(actor, "role", "") != Role.PROBATION_OFFICER:
        return
    today = timezone.localdate()
    for contact in contacts_awaiting_outcome(actor, today + dt.timedelta(days=LOOK_AHEAD_DAYS))[
        :LIMIT
    ]:
        yield WorkItem(
            kind=CONTACT_DUE_KIND,
            kind_label=str(CONTACT_DUE_LABEL),
            title=f"{contact.case.person.reference} · "
            + gettext("Contact on %(date)s: record whether it was attended")
            % {"date": date_format(contact.scheduled_for, "j M Y")},
            url=reverse("probation:contact-outcome", args=[contact.pk]),
            due=contact.scheduled_for,
        )
