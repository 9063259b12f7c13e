from django.db import models
from django.db.models import F, Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from reintegra.core.fields import EncryptedTextField
from reintegra.core.models import BaseModel


class Regime(BaseModel):
    """A regime or placement a jurisdiction's law provides; loaded from data/regimes.yaml."""

    jurisdiction = models.ForeignKey(
        "organisations.Jurisdiction", on_delete=models.PROTECT, related_name="regimes"
    )
    code = models.SlugField(max_length=40)
    name = models.CharField(max_length=200)
    names = models.JSONField(default=dict, help_text="The name in each interface language.")
    position = models.PositiveSmallIntegerField(default=0)
    # Removed from the jurisdiction's list: no longer offered, still shown on past decisions.
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["jurisdiction", "position", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "code"], name="regime_code_unique_per_jurisdiction"
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        language = translation.get_language() or "en"
        return self.names.get(language) or self.names.get(language.split("-")[0]) or self.name


class AllocationStatus(models.TextChoices):
    PROPOSED = "proposed", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class AllocationDecision(BaseModel):
    """A regime and placement decided for a person, with its reasons, approved by someone else.

    Decisions are never edited: a new decision, once approved, supersedes the one in force, and
    all of them together are the person's allocation history.
    """

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="allocation_decisions"
    )
    regime = models.ForeignKey(
        "allocations.Regime", on_delete=models.PROTECT, related_name="decisions"
    )
    facility = models.ForeignKey(
        "organisations.Facility", on_delete=models.PROTECT, related_name="+"
    )
    unit = models.CharField(_("unit"), max_length=100, blank=True)
    rationale = EncryptedTextField(_("rationale"))
    decided_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("decided at"))
    status = models.CharField(
        max_length=20, choices=AllocationStatus.choices, default=AllocationStatus.PROPOSED
    )
    approver = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # When the approver approved or rejected the decision.
    approver_decided_at = models.DateTimeField(null=True, blank=True)
    approver_comment = EncryptedTextField(_("approver's comment"), blank=True)
    review_date = models.DateField(_("review date"))
    supersedes = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="superseded_by"
    )

    class Meta:
        ordering = ["-decided_at"]
        indexes = [models.Index(fields=["person", "-decided_at"], name="allocation_by_person")]
        constraints = [
            models.CheckConstraint(
                condition=Q(approver__isnull=True) | ~Q(approver=F("decided_by")),
                name="allocation_approver_is_not_decision_maker",
            ),
            models.CheckConstraint(
                condition=Q(review_date__gt=F("decided_at")),
                name="allocation_review_after_decision",
            ),
            models.CheckConstraint(
                condition=Q(status="proposed", approver__isnull=True)
                | Q(
                    status__in=["approved", "rejected"],
                    approver__isnull=False,
                    approver_decided_at__isnull=False,
                ),
                name="allocation_answered_by_an_approver",
            ),
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(status="proposed"),
                name="allocation_one_proposal_per_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.regime_id} for {self.person_id} ({self.status})"

    @property
    def is_proposed(self) -> bool:
        return self.status == AllocationStatus.PROPOSED
