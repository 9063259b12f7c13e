import re
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

_REQUEST_ID = re.compile(r"^[A-Za-z0-9-]{8,64}$")


class CorrelationIdMiddleware:
    """Gives each request an id that ties its log entries together and is echoed to the client."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        correlation_id = incoming if _REQUEST_ID.match(incoming) else str(uuid.uuid4())
        request.correlation_id = correlation_id  # type: ignore[attr-defined]
        response = self.get_response(request)
        response["X-Request-ID"] = correlation_id
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            # Pages of a signed-in user may hold personal data: never keep them in a shared cache.
            response["Cache-Control"] = "no-store"
        return response
