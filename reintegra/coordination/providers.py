"""Referrals waiting for an answer in the partner user's "My work": derived from the referrals."""

from collections.abc import Iterator

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from reintegra.coordination.selectors import referrals_awaiting_answer
from reintegra.core.roles import Role
from reintegra.work.registry import WorkItem

REFERRAL_RECEIVED_KIND = "referral_received"
REFERRAL_RECEIVED_LABEL = _("Referrals to answer")
LIMIT = 200


def referral_work_items(actor) -> Iterator[WorkItem]:
    if getattr(actor, "role", "") != Role.PARTNER_USER:
        return
    for referral in referrals_awaiting_answer(actor)[:LIMIT]:
        yield WorkItem(
            kind=REFERRAL_RECEIVED_KIND,
            kind_label=str(REFERRAL_RECEIVED_LABEL),
            title=f"{referral.person.reference} · "
            + gettext("Referral from %(organisation)s: accept or decline")
            % {"organisation": referral.from_organisation.name},
            url=reverse("coordination:referral-detail", args=[referral.pk]),
            due=referral.sent_at.date(),
        )
