import uuid

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reintegra.core.models import BaseModel
from reintegra.core.roles import Role


class User(AbstractUser):
    """A person who signs in. What they may do comes from their memberships, never from the user."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    email = models.EmailField(_("e-mail address"))
    preferred_language = models.CharField(max_length=10, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_unique_ci"),
        ]

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class MembershipQuerySet(models.QuerySet["Membership"]):
    def current(self) -> "MembershipQuerySet":
        today = timezone.localdate()
        return self.filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=today),
            is_active=True,
            valid_from__lte=today,
        )


class Membership(BaseModel):
    """A user acting for one organisation in one role, optionally at one facility."""

    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=40, choices=Role.choices)
    facility = models.ForeignKey(
        "organisations.Facility",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
    )
    # Until certification exists, the right to countersign SPJ work is a flag on the membership.
    can_countersign = models.BooleanField(default=False)
    valid_from = models.DateField(default=timezone.localdate)
    valid_until = models.DateField(null=True, blank=True)
    is_active = models.BooleanField(default=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role", "facility"],
                condition=Q(facility__isnull=False),
                name="membership_unique_at_facility",
            ),
            models.UniqueConstraint(
                fields=["user", "organisation", "role"],
                condition=Q(facility__isnull=True),
                name="membership_unique_without_facility",
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="membership_valid_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} — {self.organisation}"
