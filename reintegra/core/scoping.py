"""Declaring which model a route's object id names, so the scope test can probe every such route."""

from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


def scoped_object(model_label: str, kwarg: str = "pk") -> Callable[[F], F]:
    """Marks a view whose URL carries the id (`kwarg`) of a `model_label` object.

    The view must fetch that object through its policy's scoped queryset (get_visible_or_404).
    The cross-jurisdiction probe in tests/test_scope.py requests every route so marked as
    personas from another jurisdiction and from an unrelated organisation.
    """

    def mark(view: F) -> F:
        view.scoped_model = model_label  # type: ignore[attr-defined]
        view.scoped_kwarg = kwarg  # type: ignore[attr-defined]
        return view

    return mark
