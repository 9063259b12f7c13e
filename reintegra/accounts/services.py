"""Writes about accounts: sign-in events, second factors, memberships."""

import secrets
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from reintegra.accounts.actor import Actor
from reintegra.accounts.models import Membership, User
from reintegra.audit.actor import SystemActor
from reintegra.audit.models import Category
from reintegra.audit.services import record
from reintegra.core.client_ip import client_ip

RECOVERY_CODE_COUNT = 10
TOTP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"


def auth_event_record(
    request: HttpRequest, *, action: str, user: User | None = None, username: str = "", **extra: Any
) -> None:
    """An authentication event; before sign-in completes the actor is only a name and an address."""
    actor = SystemActor(
        username=user.username if user else username,
        user_id=user.pk if user else None,
        client_ip=client_ip(request),
        correlation_id=getattr(request, "correlation_id", ""),
    )
    record(actor=actor, category=Category.AUTHENTICATION, action=action, details=extra or None)


def totp_device_pending(*, user: User) -> TOTPDevice:
    """The unconfirmed device being enrolled; kept across page loads so the QR code stays valid."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


@transaction.atomic
def totp_device_confirm(*, request: HttpRequest, user: User, device: TOTPDevice) -> list[str]:
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    codes = recovery_codes_issue(user=user)
    auth_event_record(request, action="mfa.enrolled", user=user)
    return codes


@transaction.atomic
def recovery_codes_issue(*, user: User) -> list[str]:
    """Replaces every earlier recovery code with a fresh set, returned once for the user to keep."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [f"{secrets.token_hex(4)}{secrets.token_hex(1)}" for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


@transaction.atomic
def membership_create(
    *,
    actor: Actor | SystemActor,
    user: User,
    organisation_id: Any,
    role: str,
    facility_id: Any = None,
    can_countersign: bool = False,
) -> Membership:
    membership = Membership.objects.create(
        user=user,
        organisation_id=organisation_id,
        role=role,
        facility_id=facility_id,
        can_countersign=can_countersign,
    )
    record(
        actor=actor,
        category=Category.COLLECTION,
        action="membership.create",
        obj=membership,
        details={"user": user.username, "role": role},
    )
    return membership
