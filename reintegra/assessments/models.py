from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from reintegra.core.fields import EncryptedTextField
from reintegra.core.models import BaseModel


class ScreeningOccasion(models.TextChoices):
    ADMISSION = "admission", _("At admission")
    CONCERN = "concern", _("On concern")


class ScreeningOutcome(models.TextChoices):
    NO_CONCERN = "no_concern", _("No concern (screened out)")
    MONITOR = "monitor", _("Monitor")
    REFER = "refer", _("Refer for full assessment")


class Screening(BaseModel):
    """A short screening. Every outcome is kept, "screened out" included."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="screenings")
    instrument_version = models.ForeignKey(
        "instruments.InstrumentVersion", on_delete=models.PROTECT, related_name="screenings"
    )
    occasion = models.CharField(_("occasion"), max_length=20, choices=ScreeningOccasion.choices)
    # {item code: {axis code: scale value or "no_information"}}
    answers = models.JSONField(default=dict)
    outcome = models.CharField(_("outcome"), max_length=20, choices=ScreeningOutcome.choices)
    reasons = EncryptedTextField(_("reasons"))
    screened_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    facility = models.ForeignKey(
        "organisations.Facility", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.person_id} {self.outcome}"


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for countersignature")
    RETURNED = "returned", _("Returned for changes")
    LOCKED = "locked", _("Countersigned and locked")


class ItemSource(models.TextChoices):
    INTERVIEW = "interview", _("Interview with the person")
    FILE = "file", _("Case file and court documents")
    OBSERVATION = "observation", _("Staff observations")
    AGENCY = "agency", _("Another agency")
    OTHER = "other", _("Other source")


class Assessment(BaseModel):
    """A structured professional judgement: item ratings with evidence, then the assessor's own
    formulation and final judgement. Nothing in the product computes the level."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="assessments"
    )
    instrument_version = models.ForeignKey(
        "instruments.InstrumentVersion", on_delete=models.PROTECT, related_name="assessments"
    )
    status = models.CharField(
        max_length=20, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT
    )
    assessor = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    facility = models.ForeignKey(
        "organisations.Facility", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    previous = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="reassessments"
    )
    # Optimistic locking: every save names the version it started from.
    version = models.PositiveIntegerField(default=1)
    needs = models.JSONField(_("needs"), default=list, blank=True)
    needs_notes = EncryptedTextField(_("notes on needs"), blank=True)
    protective_summary = EncryptedTextField(_("protective factors"), blank=True)
    formulation = EncryptedTextField(_("formulation"), blank=True)
    risk_scenarios = EncryptedTextField(_("risk scenarios"), blank=True)
    judgement_level = models.CharField(_("final professional judgement"), max_length=20, blank=True)
    judgement_rationale = EncryptedTextField(_("rationale for the judgement"), blank=True)
    next_review_date = models.DateField(_("next review"), null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    countersigned_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    countersigned_at = models.DateTimeField(null=True, blank=True)
    return_comments = EncryptedTextField(_("comments on return"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(countersigned_by__isnull=True) | ~Q(countersigned_by=F("assessor")),
                name="assessment_never_countersigned_by_its_assessor",
            ),
            models.CheckConstraint(
                condition=~Q(status="locked")
                | (Q(countersigned_by__isnull=False) & ~Q(judgement_level="")),
                name="assessment_locked_only_when_countersigned_and_judged",
            ),
        ]
        indexes = [models.Index(fields=["person", "status", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.person_id} {self.status}"

    @property
    def is_editable(self) -> bool:
        return self.status in {AssessmentStatus.DRAFT, AssessmentStatus.RETURNED}


class ItemRating(BaseModel):
    assessment = models.ForeignKey(
        "assessments.Assessment", on_delete=models.CASCADE, related_name="ratings"
    )
    item_code = models.CharField(max_length=60)
    # {axis code: scale value or "no_information"}
    ratings = models.JSONField(default=dict)
    evidence = EncryptedTextField(_("evidence"), blank=True)
    source = models.CharField(_("source"), max_length=20, choices=ItemSource.choices, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "item_code"], name="rating_once_per_item")
        ]

    def __str__(self) -> str:
        return f"{self.assessment_id} {self.item_code}"


class Addendum(BaseModel):
    """A correction or later note on a locked assessment, which itself never changes."""

    assessment = models.ForeignKey(
        "assessments.Assessment", on_delete=models.PROTECT, related_name="addenda"
    )
    author = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    text = EncryptedTextField(_("addendum"))

    class Meta:
        ordering = ["created_at"]
        verbose_name_plural = "addenda"

    def __str__(self) -> str:
        return f"{self.assessment_id} addendum"
