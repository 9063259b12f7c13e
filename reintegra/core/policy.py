"""The shape of a permission policy: one per model, deciding actions and visible rows for an actor.

Each app's `permissions.py` defines its policies with `rules` predicates over the acting user's
membership (the actor), so that views never spread permission logic across their bodies.
"""

from typing import Any, ClassVar, Generic, TypeVar

import rules
from django.core.exceptions import PermissionDenied
from django.db import models

M = TypeVar("M", bound=models.Model)


class Policy(Generic[M]):
    model: ClassVar[type[models.Model]]
    rules: ClassVar[rules.RuleSet]

    def allows(self, actor: Any, action: str, obj: M | None = None) -> bool:
        if actor is None:
            return False
        if obj is None:
            return bool(self.rules.test_rule(action, actor))
        return bool(self.rules.test_rule(action, actor, obj))

    def require(self, actor: Any, action: str, obj: M | None = None) -> None:
        if not self.allows(actor, action, obj):
            raise PermissionDenied(action)

    def visible_to(self, actor: Any) -> "models.QuerySet[M]":
        raise NotImplementedError
