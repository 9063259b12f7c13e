"""The acting user as every service and policy sees them: a user acting through one membership."""

import uuid
from dataclasses import dataclass

from django.http import HttpRequest

from reintegra.accounts.models import Membership, User
from reintegra.core.client_ip import client_ip

SESSION_MEMBERSHIP_KEY = "reintegra_membership_id"


@dataclass(frozen=True)
class Actor:
    user: User
    membership: Membership | None
    client_ip: str = ""
    correlation_id: str = ""

    @property
    def user_id(self) -> uuid.UUID | None:
        return self.user.pk

    @property
    def username(self) -> str:
        return self.user.username

    @property
    def organisation_id(self) -> uuid.UUID | None:
        return self.membership.organisation_id if self.membership else None

    @property
    def role(self) -> str:
        return self.membership.role if self.membership else ""

    @property
    def jurisdiction_code(self) -> str:
        return (self.membership.organisation.jurisdiction_id or "") if self.membership else ""

    @property
    def facility_id(self) -> uuid.UUID | None:
        return self.membership.facility_id if self.membership else None


@dataclass(frozen=True)
class AnonymousActor:
    client_ip: str = ""
    correlation_id: str = ""
    username: str = ""
    user_id: uuid.UUID | None = None
    organisation_id: uuid.UUID | None = None
    role: str = ""
    jurisdiction_code: str = ""
    membership: None = None


def actor_for_request(request: HttpRequest) -> Actor | AnonymousActor:
    ip = client_ip(request)
    correlation_id = getattr(request, "correlation_id", "")
    user = request.user
    if not user.is_authenticated:
        return AnonymousActor(client_ip=ip, correlation_id=correlation_id)
    memberships = list(
        Membership.objects.current()
        .filter(user=user)
        .select_related("organisation", "facility")
        .order_by("created_at")
    )
    chosen_id = request.session.get(SESSION_MEMBERSHIP_KEY)
    membership = next((m for m in memberships if str(m.pk) == chosen_id), None)
    if membership is None and memberships:
        membership = memberships[0]
    return Actor(user=user, membership=membership, client_ip=ip, correlation_id=correlation_id)  # type: ignore[arg-type]


def actor_for_user(user: User, membership: Membership | None = None) -> Actor:
    """For commands and tests: the user's first current membership unless one is given."""
    if membership is None:
        membership = (
            Membership.objects.current()
            .filter(user=user)
            .select_related("organisation", "facility")
            .order_by("created_at")
            .first()
        )
    return Actor(user=user, membership=membership)
