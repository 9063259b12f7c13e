from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from reintegra.core.fields import EncryptedTextField
from reintegra.core.models import BaseModel


class SupervisionOrigin(models.TextChoices):
    RELEASE = "release", _("Release from custody")
    NON_CUSTODIAL = "non_custodial_sentence", _("Non-custodial sentence")


class SupervisionStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    CLOSED = "closed", _("Closed")


class ClosureOutcome(models.TextChoices):
    COMPLETED = "completed", _("Completed")
    REVOKED = "revoked", _("Revoked")
    TRANSFERRED = "transferred", _("Transferred")
    DIED = "died", _("Died")
    OTHER = "other", _("Other")


class SupervisionCase(BaseModel):
    """A period of supervision by a probation service, from release or a non-custodial sentence."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="supervision_cases"
    )
    origin = models.CharField(_("origin"), max_length=30, choices=SupervisionOrigin.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    officer = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="supervision_cases"
    )
    # The handover the case was opened from; empty for a non-custodial sentence.
    handover = models.ForeignKey(
        "release.Handover", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    start_date = models.DateField(_("start date"))
    expected_end_date = models.DateField(_("expected end"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=SupervisionStatus.choices,
        default=SupervisionStatus.ACTIVE,
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closure_outcome = models.CharField(
        _("outcome"), max_length=20, choices=ClosureOutcome.choices, blank=True
    )
    closure_note = EncryptedTextField(_("closing note"), blank=True)

    class Meta:
        ordering = ["-start_date", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(status="active"),
                name="supervision_one_active_case_per_person",
            ),
            models.CheckConstraint(
                condition=Q(expected_end_date__isnull=True)
                | Q(expected_end_date__gte=F("start_date")),
                name="supervision_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=Q(status="active", closed_on__isnull=True, closure_outcome="")
                | (
                    Q(status="closed", closed_on__isnull=False)
                    & ~Q(closure_outcome="")
                    & Q(closed_on__gte=F("start_date"))
                ),
                name="supervision_closed_with_date_and_outcome",
            ),
        ]
        indexes = [
            models.Index(fields=["officer", "status"], name="supervision_by_officer"),
            models.Index(fields=["organisation", "status"], name="supervision_by_organisation"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} from {self.start_date}"

    @property
    def is_active(self) -> bool:
        return self.status == SupervisionStatus.ACTIVE


class Condition(BaseModel):
    """A requirement the court or the release decision set, in force between two dates."""

    case = models.ForeignKey(
        "probation.SupervisionCase", on_delete=models.PROTECT, related_name="conditions"
    )
    text = EncryptedTextField(_("condition"))
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"), null=True, blank=True)
    recorded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["start_date", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="condition_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} condition from {self.start_date}"


class ContactSchedule(BaseModel):
    """How often the person reports; the latest schedule is the one in force."""

    case = models.ForeignKey(
        "probation.SupervisionCase", on_delete=models.PROTECT, related_name="schedules"
    )
    frequency_days = models.PositiveSmallIntegerField(_("every (days)"))
    starts_on = models.DateField(_("from"))
    set_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-starts_on", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(frequency_days__gte=1) & Q(frequency_days__lte=365),
                name="schedule_frequency_within_a_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} every {self.frequency_days} days"


class ContactStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ATTENDED = "attended", _("Attended")
    MISSED = "missed", _("Missed")


class ContactKind(models.TextChoices):
    OFFICE = "office", _("Office visit")
    HOME = "home", _("Home visit")
    PHONE = "phone", _("Phone call")
    VIDEO = "video", _("Video call")
    PARTNER = "partner", _("With a partner agency")


class Contact(BaseModel):
    """An appointment with the person: planned first, then attended or missed."""

    case = models.ForeignKey(
        "probation.SupervisionCase", on_delete=models.PROTECT, related_name="contacts"
    )
    scheduled_for = models.DateField(_("date"))
    status = models.CharField(
        _("status"), max_length=20, choices=ContactStatus.choices, default=ContactStatus.PLANNED
    )
    kind = models.CharField(_("kind of contact"), max_length=20, choices=ContactKind.choices)
    notes = EncryptedTextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-scheduled_for", "-created_at"]
        indexes = [
            models.Index(fields=["case", "status", "scheduled_for"], name="contact_by_case_status")
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.scheduled_for} {self.status}"

    @property
    def is_planned(self) -> bool:
        return self.status == ContactStatus.PLANNED


class ComplianceKind(models.TextChoices):
    WARNING = "warning", _("Warning")
    FORMAL_WARNING = "formal_warning", _("Formal warning")
    BREACH_REPORT = "breach_report", _("Breach report to the court")
    OTHER = "other", _("Other step")


class ComplianceStep(BaseModel):
    """An enforcement step the officer took, such as a warning after a missed contact."""

    case = models.ForeignKey(
        "probation.SupervisionCase", on_delete=models.PROTECT, related_name="compliance_steps"
    )
    date = models.DateField(_("date"))
    kind = models.CharField(_("step"), max_length=20, choices=ComplianceKind.choices)
    note = EncryptedTextField(_("note"))
    recorded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-date", "-created_at"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind} {self.date}"


class RiskReview(BaseModel):
    """The officer's review of risk during supervision; a concern can ask for a reassessment,
    which only brings the next review forward and never changes a judgement by itself."""

    case = models.ForeignKey(
        "probation.SupervisionCase", on_delete=models.PROTECT, related_name="risk_reviews"
    )
    date = models.DateField(_("date"))
    summary = EncryptedTextField(_("summary"))
    concern_raised = models.BooleanField(_("concern raised"), default=False)
    opens_reassessment = models.BooleanField(_("asks for a reassessment"), default=False)
    reviewed_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-date", "-created_at"]

    def __str__(self) -> str:
        return f"{self.case_id} review {self.date}"
