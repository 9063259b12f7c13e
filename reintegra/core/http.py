from typing import Any

from django.http import HttpRequest


class ActorRequest(HttpRequest):
    """A request after the product's middleware: it knows who acts and under which id."""

    actor: Any
    correlation_id: str
