"""Fetching one object for an actor: found in their scope, or a 404 that the log remembers."""

from typing import TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.http import Http404

from reintegra.audit.actor import AuditActor
from reintegra.audit.models import Category
from reintegra.audit.services import record

M = TypeVar("M", bound=models.Model)


def get_visible_or_404(visible: "models.QuerySet[M]", *, actor: AuditActor, pk: object) -> M:
    """`visible` is the policy's queryset for this actor; anything outside it is a logged 404."""
    try:
        return visible.get(pk=pk)
    except (ObjectDoesNotExist, ValueError, TypeError):
        record(
            actor=actor,
            category=Category.DENIED,
            action="object.out_of_scope",
            object_type=visible.model._meta.label_lower,
            object_id=str(pk),
        )
        raise Http404 from None
