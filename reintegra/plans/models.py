from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from reintegra.core.fields import EncryptedTextField
from reintegra.core.models import BaseModel


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for countersignature")
    RETURNED = "returned", _("Returned for changes")
    APPROVED = "approved", _("Countersigned and in force")
    SUPERSEDED = "superseded", _("Replaced by a later version")


IN_PROGRESS = (PlanStatus.DRAFT, PlanStatus.SUBMITTED, PlanStatus.RETURNED)
EDITABLE = (PlanStatus.DRAFT, PlanStatus.RETURNED)


class Agreement(models.TextChoices):
    """The person's own answer to the plan, kept whatever it is."""

    AGREED = "agreed", _("Agrees with the plan")
    DOES_NOT_AGREE = "does_not_agree", _("Does not agree with the plan")
    COULD_NOT_ANSWER = "could_not_answer", _("Could not answer")


class Plan(BaseModel):
    """One version of a person's rehabilitation and treatment plan, built on a locked assessment.

    A plan never changes once countersigned: a revision is a new plan that `supersedes` it, so the
    chain of plans is the plan's history.
    """

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="plans")
    based_on = models.ForeignKey(
        "assessments.Assessment", on_delete=models.PROTECT, related_name="plans"
    )
    supersedes = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="successors"
    )
    status = models.CharField(max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    # Optimistic locking: every change to the plan or its parts names the version it started from.
    version = models.PositiveIntegerField(default=1)
    person_view = EncryptedTextField(_("the person's own view"), blank=True)
    agreement = models.CharField(
        _("the person's agreement"), max_length=20, choices=Agreement.choices, blank=True
    )
    next_review_date = models.DateField(_("next plan review"), null=True, blank=True)
    author = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    facility = models.ForeignKey(
        "organisations.Facility", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    approver = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    return_comments = EncryptedTextField(_("comments on return"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(approver__isnull=True) | ~Q(approver=F("author")),
                name="plan_never_approved_by_its_author",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["approved", "superseded"])
                | (Q(approver__isnull=False) & Q(approved_at__isnull=False) & ~Q(agreement="")),
                name="plan_in_force_only_when_countersigned",
            ),
            # Two people starting a plan at once must not both succeed.
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(status__in=["draft", "submitted", "returned"]),
                name="plan_one_in_progress_per_person",
            ),
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(status="approved"),
                name="plan_one_in_force_per_person",
            ),
        ]
        indexes = [models.Index(fields=["person", "status", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.person_id} plan {self.status}"

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE

    @property
    def is_in_force(self) -> bool:
        return self.status == PlanStatus.APPROVED


class ObjectiveStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    ACHIEVED = "achieved", _("Achieved")
    DISCONTINUED = "discontinued", _("Discontinued")


class Objective(BaseModel):
    """What the plan means to change, tied to one need the assessment found."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="objectives")
    # One of `plan.based_on.needs`; the services refuse any other code.
    need_code = models.CharField(_("need"), max_length=60)
    description = EncryptedTextField(_("objective"))
    target_date = models.DateField(_("target date"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ObjectiveStatus.choices,
        default=ObjectiveStatus.NOT_STARTED,
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "created_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(need_code=""), name="objective_names_a_need"),
        ]

    def __str__(self) -> str:
        return f"{self.plan_id} {self.need_code}"


class InterventionKind(models.TextChoices):
    PSYCHOLOGICAL = "psychological", _("Psychological support")
    MENTORING = "mentoring", _("Mentoring")
    EDUCATION = "education", _("Education")
    VOCATIONAL_TRAINING = "vocational_training", _("Vocational training")
    OCCUPATIONAL_THERAPY = "occupational_therapy", _("Occupational therapy")
    FAMILY = "family", _("Family work")
    HEALTH = "health", _("Health")
    SPORT = "sport", _("Sport")
    RELIGIOUS_COUNSELLING = "religious_counselling", _("Religious counselling (on request)")
    OTHER = "other", _("Other")


class InterventionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    STOPPED = "stopped", _("Stopped")


class Intervention(BaseModel):
    """Who does what, by when, towards an objective: a staff member or a partner organisation."""

    objective = models.ForeignKey(
        "plans.Objective", on_delete=models.CASCADE, related_name="interventions"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=InterventionKind.choices)
    description = EncryptedTextField(_("what will be done"))
    owner_user = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    owner_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    start_date = models.DateField(_("start"))
    target_date = models.DateField(_("target date"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=InterventionStatus.choices,
        default=InterventionStatus.PLANNED,
    )
    # Religious counselling is only ever offered because the person asked for it, never as a
    # risk measure: the database refuses it otherwise.
    on_request = models.BooleanField(_("requested by the person"), default=False)

    class Meta:
        ordering = ["start_date", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(owner_user__isnull=False) & Q(owner_organisation__isnull=True))
                | (Q(owner_user__isnull=True) & Q(owner_organisation__isnull=False)),
                name="intervention_has_exactly_one_owner",
            ),
            models.CheckConstraint(
                condition=~Q(kind="religious_counselling") | Q(on_request=True),
                name="intervention_religious_counselling_only_on_request",
            ),
            models.CheckConstraint(
                condition=Q(target_date__isnull=True) | Q(target_date__gte=F("start_date")),
                name="intervention_target_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.objective_id} {self.kind}"

    @property
    def owner_name(self) -> str:
        if self.owner_user is not None:
            return self.owner_user.display_name
        return self.owner_organisation.name if self.owner_organisation else ""


class PlanReview(BaseModel):
    """A review of a plan in force: progress, the person's view, and when to look again."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.PROTECT, related_name="reviews")
    review_date = models.DateField(_("date of the review"))
    summary = EncryptedTextField(_("summary of progress"))
    person_view = EncryptedTextField(_("the person's own view"), blank=True)
    # {objective id: objective status at this review}; objectives not reviewed are left out.
    progress = models.JSONField(default=dict, blank=True)
    next_review_date = models.DateField(_("next review"))
    reviewer = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-review_date", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(next_review_date__gt=F("review_date")),
                name="plan_review_next_after_this_one",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan_id} review {self.review_date}"
