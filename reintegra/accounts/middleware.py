import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django_otp import devices_for_user

from reintegra.accounts.actor import actor_for_request
from reintegra.audit.actor import SystemActor
from reintegra.audit.models import Category
from reintegra.audit.services import record
from reintegra.core.client_ip import client_ip

SESSION_STARTED_KEY = "reintegra_auth_started_at"
SESSION_SEEN_KEY = "reintegra_last_seen_at"


def mfa_exempt(view: Callable[..., Any]) -> Callable[..., Any]:
    """Marks a view reachable between the password step and the second factor."""
    view.mfa_exempt = True  # type: ignore[attr-defined]
    return view


class SessionLifetimeMiddleware:
    """Ends a session after the idle limit or the absolute limit, whichever comes first."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            started = request.session.setdefault(SESSION_STARTED_KEY, now)
            last_seen = request.session.get(SESSION_SEEN_KEY, now)
            idle_limit = settings.SESSION_IDLE_MINUTES * 60
            absolute_limit = settings.SESSION_ABSOLUTE_HOURS * 3600
            if now - last_seen > idle_limit or now - started > absolute_limit:
                return self._end_session(request)
            request.session[SESSION_SEEN_KEY] = now
        return self.get_response(request)

    def _end_session(self, request: HttpRequest) -> HttpResponse:
        record(
            actor=SystemActor(
                username=request.user.get_username(),
                user_id=request.user.pk,
                client_ip=client_ip(request),
                correlation_id=getattr(request, "correlation_id", ""),
            ),
            category=Category.AUTHENTICATION,
            action="session.expired",
        )
        logout(request)
        messages.info(request, _("Your session has ended. Please sign in again."))
        query = urlencode({"next": request.get_full_path()})
        return HttpResponseRedirect(f"{reverse(settings.LOGIN_URL)}?{query}")


class ActorMiddleware:
    """Attaches `request.actor`, built on first use so pages that do not need it pay nothing."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.actor = SimpleLazyObject(lambda: actor_for_request(request))  # type: ignore[attr-defined]
        return self.get_response(request)


class MFARequiredMiddleware:
    """Holds a signed-in user at the second-factor step until it is passed.

    MFA is mandatory when MFA_REQUIRED is on (always in production); a user who has enrolled a
    device must pass it even in the demo.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], *args: Any
    ) -> HttpResponse | None:
        user = request.user
        if not user.is_authenticated or user.is_verified():  # type: ignore[attr-defined,union-attr]
            return None
        if getattr(view_func, "mfa_exempt", False) or not getattr(
            view_func, "login_required", True
        ):
            return None
        has_device = any(devices_for_user(user, confirmed=True))
        if not has_device and not settings.MFA_REQUIRED:
            return None
        target = "accounts:mfa-verify" if has_device else "accounts:mfa-setup"
        query = urlencode({"next": request.get_full_path()})
        return HttpResponseRedirect(f"{reverse(target)}?{query}")
