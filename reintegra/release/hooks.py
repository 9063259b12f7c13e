"""Where later steps act on a person's release, in the release's own transaction.

Probation registers, in its AppConfig.ready(), what opens a supervision case when a handed-over
person is released; this app imports none of them, so the layers keep pointing one way.
"""

import datetime as dt
from collections.abc import Callable
from typing import Any

# Called with keyword arguments: actor, person, plan (or None), handover (or None), date.
ReleaseListener = Callable[..., None]
_listeners: list[ReleaseListener] = []


def register_release_listener(listener: ReleaseListener) -> ReleaseListener:
    if listener not in _listeners:
        _listeners.append(listener)
    return listener


def release_listeners_notify(
    *, actor: Any, person: Any, plan: Any, handover: Any, date: dt.date
) -> None:
    for listener in _listeners:
        listener(actor=actor, person=person, plan=plan, handover=handover, date=date)
