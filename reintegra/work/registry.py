"""Where the pathway apps plug their due work into "My work".

Each app registers, in its AppConfig.ready(), a provider that lists an actor's due and overdue
items; "My work" sorts and counts them. This app imports none of them.
"""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class WorkItem:
    kind: str
    kind_label: str
    title: str
    url: str
    due: dt.date | None
    for_team_member: str = ""

    def is_overdue(self, today: dt.date) -> bool:
        return self.due is not None and self.due < today


WorkProvider = Callable[[Any], Iterable[WorkItem]]
_providers: list[WorkProvider] = []


def register_work_provider(provider: WorkProvider) -> WorkProvider:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def work_items_for(actor: Any) -> list[WorkItem]:
    items = [item for provider in _providers for item in provider(actor)]
    # Most urgent first: overdue and soonest due on top, undated work last.
    return sorted(items, key=lambda item: (item.due is None, item.due or dt.date.max, item.title))
