import base64
import time
from typing import Any
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import devices_for_user
from django_otp import login as otp_login

from reintegra.accounts.actor import SESSION_MEMBERSHIP_KEY
from reintegra.accounts.forms import (
    LoginForm,
    MembershipChoiceForm,
    StrictPasswordChangeForm,
    StrictPasswordResetForm,
    StrictSetPasswordForm,
    TokenForm,
)
from reintegra.accounts.middleware import SESSION_STARTED_KEY, mfa_exempt
from reintegra.accounts.models import Membership
from reintegra.accounts.services import (
    auth_event_record,
    recovery_codes_issue,
    totp_device_confirm,
    totp_device_pending,
)
from reintegra.core.http import ActorRequest

SESSION_NEW_CODES_KEY = "reintegra_new_recovery_codes"


def _safe_next(request: HttpRequest, default: str = "work:my-work") -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse(default)


# --- Password step -------------------------------------------------------------------------------


@method_decorator(mfa_exempt, name="dispatch")
class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        user = form.get_user()
        super().form_valid(form)
        self.request.session[SESSION_STARTED_KEY] = time.time()
        auth_event_record(self.request, action="login.password_ok", user=user)
        next_url = _safe_next(self.request)
        if any(devices_for_user(user, confirmed=True)):
            return _redirect_with_next("accounts:mfa-verify", next_url)
        if settings.MFA_REQUIRED:
            return _redirect_with_next("accounts:mfa-setup", next_url)
        return HttpResponseRedirect(next_url)

    def form_invalid(self, form: AuthenticationForm) -> HttpResponse:
        auth_event_record(
            self.request, action="login.failed", username=form.data.get("username", "")[:150]
        )
        return super().form_invalid(form)


def _redirect_with_next(name: str, next_url: str) -> HttpResponseRedirect:
    return HttpResponseRedirect(f"{reverse(name)}?{urlencode({'next': next_url})}")


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    username = (credentials or {}).get("username", "") if isinstance(credentials, dict) else ""
    auth_event_record(request, action="login.locked_out", username=str(username)[:150])
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "accounts/locked_out.html",
        {"minutes": minutes},
        status=429,
    )


@method_decorator(mfa_exempt, name="dispatch")
class LogoutView(auth_views.LogoutView):
    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            auth_event_record(request, action="logout", user=request.user)  # type: ignore[arg-type]
        return super().post(request, *args, **kwargs)


# --- Second factor -------------------------------------------------------------------------------


@mfa_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def mfa_verify(request: ActorRequest) -> HttpResponse:
    user = request.user
    devices = list(devices_for_user(user, confirmed=True))
    if not devices:
        return redirect("accounts:mfa-setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        for device in devices:
            allowed, state = device.verify_is_allowed()
            if not allowed:
                wait = _throttle_wait(state)
                message = ngettext(
                    "Too many wrong codes. Wait %(seconds)s second and try again.",
                    "Too many wrong codes. Wait %(seconds)s seconds and try again.",
                    wait,
                )
                form.add_error("code", message % {"seconds": wait})
                auth_event_record(request, action="mfa.throttled", user=user)  # type: ignore[arg-type]
                break
            if device.verify_token(code):
                otp_login(request, device)
                used = (
                    "mfa.recovery_code_used"
                    if device.__class__.__name__ == "StaticDevice"
                    else "mfa.verified"
                )
                auth_event_record(request, action=used, user=user)  # type: ignore[arg-type]
                return HttpResponseRedirect(_safe_next(request))
        else:
            form.add_error(
                "code", _("That code is not valid. Check your authenticator app and try again.")
            )
            auth_event_record(request, action="mfa.failed", user=user)  # type: ignore[arg-type]
    status = 400 if form.errors else 200
    return render(
        request,
        "accounts/mfa_verify.html",
        {"form": form, "next": _safe_next(request)},
        status=status,
    )


def _throttle_wait(state: dict[str, Any] | None) -> int:
    locked_until = (state or {}).get("locked_until")
    if locked_until is None:
        return 1
    return max(1, int((locked_until - timezone.now()).total_seconds()) + 1)


@mfa_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def mfa_setup(request: ActorRequest) -> HttpResponse:
    user = request.user
    if any(devices_for_user(user, confirmed=True)) and not request.user.is_verified():  # type: ignore[union-attr]
        # Replacing a factor needs the current one first.
        return redirect("accounts:mfa-verify")
    device = totp_device_pending(user=user)  # type: ignore[arg-type]
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            codes = totp_device_confirm(request=request, user=user, device=device)  # type: ignore[arg-type]
            otp_login(request, device)
            request.session[SESSION_NEW_CODES_KEY] = codes
            return _redirect_with_next("accounts:recovery-codes", _safe_next(request))
        form.add_error(
            "code", _("That code is not valid. Check the time on your phone and try again.")
        )
    qr_svg = segno.make(device.config_url, error="m").svg_inline(scale=4, dark="#111", light="#fff")
    secret = base64.b32encode(device.bin_key).decode("ascii")
    return render(
        request,
        "accounts/mfa_setup.html",
        {
            "form": form,
            "qr_svg": qr_svg,
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "next": _safe_next(request),
        },
        status=400 if form.errors else 200,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def recovery_codes(request: ActorRequest) -> HttpResponse:
    if request.method == "POST":
        codes = recovery_codes_issue(user=request.user)  # type: ignore[arg-type]
        auth_event_record(request, action="mfa.recovery_codes_reissued", user=request.user)  # type: ignore[arg-type]
        request.session[SESSION_NEW_CODES_KEY] = codes
        return redirect("accounts:recovery-codes")
    codes = request.session.pop(SESSION_NEW_CODES_KEY, None)
    return render(
        request, "accounts/recovery_codes.html", {"codes": codes, "next": _safe_next(request)}
    )


# --- Account and memberships ---------------------------------------------------------------------


@require_http_methods(["GET"])
def account(request: ActorRequest) -> HttpResponse:
    memberships = (
        Membership.objects.current()
        .filter(user=request.actor.user)
        .select_related("organisation__jurisdiction", "facility")
    )
    has_mfa = any(devices_for_user(request.user, confirmed=True))
    return render(
        request,
        "accounts/account.html",
        {"memberships": memberships, "has_mfa": has_mfa, "current": request.actor.membership},
    )


@require_POST
def membership_switch(request: ActorRequest) -> HttpResponse:
    form = MembershipChoiceForm(request.POST)
    if form.is_valid():
        chosen = (
            Membership.objects.current()
            .filter(user=request.actor.user, pk=form.cleaned_data["membership"])
            .first()
        )
        if chosen is not None:
            request.session[SESSION_MEMBERSHIP_KEY] = str(chosen.pk)
            messages.success(
                request, _("You are now acting as %(membership)s.") % {"membership": chosen}
            )
            return redirect("work:my-work")
    messages.error(request, _("That role is not one of yours."))
    return redirect("accounts:account")


# --- Passwords -----------------------------------------------------------------------------------


@method_decorator(mfa_exempt, name="dispatch")
class PasswordResetView(auth_views.PasswordResetView):
    form_class = StrictPasswordResetForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password-reset-done")

    def form_valid(self, form: StrictPasswordResetForm) -> HttpResponse:
        # Recorded for every request, known address or not, so timing reveals nothing.
        auth_event_record(
            self.request, action="password_reset.requested", email=form.cleaned_data["email"]
        )
        return super().form_valid(form)


@method_decorator(mfa_exempt, name="dispatch")
class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


@method_decorator(mfa_exempt, name="dispatch")
class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = StrictSetPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password-reset-complete")
    post_reset_login = False

    def render_to_response(self, context: dict[str, Any], **kwargs: Any) -> HttpResponse:
        if not context.get("validlink"):
            kwargs["status"] = 400
        return super().render_to_response(context, **kwargs)

    def form_valid(self, form: StrictSetPasswordForm) -> HttpResponse:
        response = super().form_valid(form)
        auth_event_record(self.request, action="password_reset.completed", user=form.user)
        return response


@method_decorator(mfa_exempt, name="dispatch")
class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = StrictPasswordChangeForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:account")

    def form_valid(self, form: StrictPasswordChangeForm) -> HttpResponse:
        response = super().form_valid(form)
        auth_event_record(self.request, action="password.changed", user=form.user)
        messages.success(self.request, _("Your password has been changed."))
        return response
