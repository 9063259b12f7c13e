"""The referral's state machine as data: which step leads where, and which side may take it.

The sender is the referring prison or probation service; the recipient is the partner
organisation. A step that needs a reason refuses to be taken without one.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from reintegra.coordination.models import ReferralState

SENDER = "sender"
RECIPIENT = "recipient"


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    side: str
    label: Promise
    needs_reason: bool = False
    # The text asked for: a reason, or for completion the outcome.
    reason_label: Promise | None = None


TRANSITIONS: tuple[Transition, ...] = (
    Transition(ReferralState.SENT, ReferralState.ACCEPTED, RECIPIENT, _("Accept")),
    Transition(
        ReferralState.SENT,
        ReferralState.DECLINED,
        RECIPIENT,
        _("Decline"),
        needs_reason=True,
        reason_label=_("Why the referral is declined"),
    ),
    Transition(ReferralState.ACCEPTED, ReferralState.IN_PROGRESS, RECIPIENT, _("Start the work")),
    Transition(
        ReferralState.IN_PROGRESS,
        ReferralState.COMPLETED,
        RECIPIENT,
        _("Complete"),
        needs_reason=True,
        reason_label=_("Outcome of the work"),
    ),
    *(
        Transition(
            state,
            ReferralState.WITHDRAWN,
            SENDER,
            _("Withdraw"),
            needs_reason=True,
            reason_label=_("Why the referral is withdrawn"),
        )
        for state in (ReferralState.SENT, ReferralState.ACCEPTED, ReferralState.IN_PROGRESS)
    ),
)

CLOSED_STATES = frozenset(
    {ReferralState.DECLINED, ReferralState.COMPLETED, ReferralState.WITHDRAWN}
)


def transition_for(source: str, target: str) -> Transition | None:
    return next((t for t in TRANSITIONS if t.source == source and t.target == target), None)


def transitions_from(source: str, side: str | None = None) -> list[Transition]:
    return [t for t in TRANSITIONS if t.source == source and (side is None or t.side == side)]
