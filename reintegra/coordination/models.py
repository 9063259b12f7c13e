from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from reintegra.core.fields import EncryptedTextField
from reintegra.core.models import BaseModel


class LegalBasis(BaseModel):
    """A provision of a jurisdiction's law that allows personal data to be shared; kept as data
    (reintegra/coordination/data/legal_bases.yaml) so each jurisdiction maintains its own list."""

    jurisdiction = models.ForeignKey(
        "organisations.Jurisdiction", on_delete=models.PROTECT, related_name="legal_bases"
    )
    code = models.SlugField(_("code"), max_length=60)
    title = models.CharField(_("title"), max_length=300)
    citation = models.CharField(_("citation"), max_length=300)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["jurisdiction_id", "title"]
        verbose_name_plural = "legal bases"
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "code"], name="legal_basis_code_unique_per_jurisdiction"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.citation})"


class DataCategory(models.TextChoices):
    IDENTITY = "identity", _("Identity and contact details")
    RELEASE = "release", _("Release date and address")
    SUPERVISION = "supervision", _("Supervision and conditions")
    OFFENCE = "offence", _("Offence category")
    RISK = "risk", _("Risk summary")
    NEEDS = "needs", _("Needs (housing, work, family)")
    HEALTH = "health", _("Health (special category)")


class Consent(models.TextChoices):
    GIVEN = "given", _("Consent given")
    NOT_SOUGHT = "not_sought", _("Consent not sought, for a lawful reason")
    OVERRIDE = "override", _("Refusal overridden, with justification")


class Disclosure(BaseModel):
    """One share of personal data with another organisation: the register entry it cannot happen
    without. Written in the transaction of the share itself (services.disclosure_record)."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    legal_basis = models.ForeignKey(
        "coordination.LegalBasis", on_delete=models.PROTECT, related_name="disclosures"
    )
    purpose = models.CharField(_("purpose"), max_length=300)
    disclosed_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    disclosing_organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    recipient_organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    recipient_user = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    data_categories = models.JSONField(_("data categories"), default=list)
    content = EncryptedTextField(_("content disclosed"))
    consent = models.CharField(_("consent"), max_length=20, choices=Consent.choices)
    consent_note = EncryptedTextField(_("lawful reason or justification"), blank=True)
    disclosed_at = models.DateTimeField(_("disclosed at"))
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The share this entry registers (a referral, a conference pack...).
    source_type = models.CharField(max_length=100, blank=True)
    source_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-disclosed_at", "-created_at"]
        indexes = [
            models.Index(fields=["person", "disclosed_at"], name="disclosure_by_person"),
            models.Index(
                fields=["recipient_organisation", "disclosed_at"], name="disclosure_by_recipient"
            ),
            models.Index(
                fields=["disclosing_organisation", "disclosed_at"], name="disclosure_by_sender"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(acknowledged_at__isnull=True, acknowledged_by__isnull=True)
                | Q(acknowledged_at__isnull=False, acknowledged_by__isnull=False),
                name="disclosure_acknowledged_with_who_and_when",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} to {self.recipient_organisation_id} at {self.disclosed_at}"

    @property
    def is_acknowledged(self) -> bool:
        return self.acknowledged_at is not None

    def get_data_categories_display(self) -> list[str]:
        labels = dict(DataCategory.choices)
        return [str(labels.get(code, code)) for code in self.data_categories]


class ReferralState(models.TextChoices):
    SENT = "sent", _("Sent")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Referral(BaseModel):
    """A request from a prison or probation service to a partner organisation to work with a
    person; the recipient sees only what the minimised summary tells them."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    from_organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    to_organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    referred_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    reason = EncryptedTextField(_("reason for the referral"))
    desired_outcome = EncryptedTextField(_("desired outcome"))
    summary = EncryptedTextField(_("summary for the recipient"))
    state = models.CharField(
        _("state"), max_length=20, choices=ReferralState.choices, default=ReferralState.SENT
    )
    outcome = EncryptedTextField(_("outcome"), blank=True)
    disclosure = models.OneToOneField(
        "coordination.Disclosure", on_delete=models.PROTECT, related_name="referral"
    )
    sent_at = models.DateTimeField(_("sent at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["-sent_at", "-created_at"]
        indexes = [
            models.Index(fields=["to_organisation", "state", "sent_at"], name="referral_inbox"),
            models.Index(fields=["from_organisation", "sent_at"], name="referral_outbox"),
            models.Index(fields=["person", "sent_at"], name="referral_by_person"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=ReferralState.values), name="referral_state_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} to {self.to_organisation_id} ({self.state})"


class ReferralTransition(BaseModel):
    """Every change of a referral's state, with who took it, when and why."""

    referral = models.ForeignKey(
        "coordination.Referral", on_delete=models.PROTECT, related_name="transitions"
    )
    from_state = models.CharField(max_length=20, choices=ReferralState.choices, blank=True)
    to_state = models.CharField(max_length=20, choices=ReferralState.choices)
    by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    by_organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField()
    reason = EncryptedTextField(_("reason"), blank=True)

    class Meta:
        ordering = ["at", "created_at"]

    def __str__(self) -> str:
        return f"{self.referral_id} {self.from_state} → {self.to_state}"


class ReferralMessage(BaseModel):
    """A message between the referring service and the partner about one referral."""

    referral = models.ForeignKey(
        "coordination.Referral", on_delete=models.PROTECT, related_name="messages"
    )
    author = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    author_organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    body = EncryptedTextField(_("message"))
    sent_at = models.DateTimeField()

    class Meta:
        ordering = ["sent_at", "created_at"]

    def __str__(self) -> str:
        return f"{self.referral_id} message {self.sent_at}"


# --- Case conferences ----------------------------------------------------------------------------


class ConferenceStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CLOSED = "closed", _("Closed")


class CaseConference(BaseModel):
    """A meeting of agencies about one person: what each brought, the risk management and support
    plan they agreed, and the decisions taken. Each agency receives only its own agenda pack."""

    jurisdiction = models.ForeignKey(
        "organisations.Jurisdiction", on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    convened_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    convening_organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    purpose = EncryptedTextField(_("purpose"))
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200)
    confidentiality_statement = models.TextField(_("confidentiality statement"))
    review_on = models.DateField(_("review date"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ConferenceStatus.choices,
        default=ConferenceStatus.PLANNED,
    )

    class Meta:
        ordering = ["-held_on", "-created_at"]
        indexes = [
            models.Index(fields=["person", "held_on"], name="conference_by_person"),
            models.Index(fields=["jurisdiction", "held_on"], name="conference_by_jurisdiction"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ConferenceStatus.values), name="conference_status_known"
            ),
            models.CheckConstraint(
                condition=Q(review_on__isnull=True) | Q(review_on__gt=models.F("held_on")),
                name="conference_review_after_meeting",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} conference {self.held_on}"


class ConferenceAttendee(BaseModel):
    """An agency at the conference, through its representative. Nothing is recorded as brought by
    an agency before its representative has agreed the confidentiality statement."""

    conference = models.ForeignKey(
        "coordination.CaseConference", on_delete=models.PROTECT, related_name="attendees"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    representative_name = models.CharField(_("representative"), max_length=200)
    agreed_confidentiality_at = models.DateTimeField(
        _("agreed the confidentiality statement at"), null=True, blank=True
    )

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "organisation"], name="conference_attendee_once"
            )
        ]
        indexes = [
            models.Index(fields=["organisation", "conference"], name="attendee_by_organisation"),
        ]

    def __str__(self) -> str:
        return f"{self.representative_name} ({self.organisation_id})"

    @property
    def has_agreed(self) -> bool:
        return self.agreed_confidentiality_at is not None


class InformationBrought(BaseModel):
    """What one agency told the conference."""

    conference = models.ForeignKey(
        "coordination.CaseConference", on_delete=models.PROTECT, related_name="information"
    )
    attendee = models.ForeignKey(
        "coordination.ConferenceAttendee", on_delete=models.PROTECT, related_name="information"
    )
    summary = EncryptedTextField(_("summary"))
    recorded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.conference_id} information from {self.attendee_id}"


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class ConferenceAction(BaseModel):
    """One action of the risk management and support plan, owned by one agency."""

    conference = models.ForeignKey(
        "coordination.CaseConference", on_delete=models.PROTECT, related_name="actions"
    )
    description = EncryptedTextField(_("action"))
    responsible_organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    deadline = models.DateField(_("deadline"))
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    # An action is closed once, done or dropped; who closed it, when and why stay with it.
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_by_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    closing_reason = EncryptedTextField(_("reason"), blank=True)

    class Meta:
        ordering = ["deadline", "created_at"]
        indexes = [
            models.Index(
                fields=["responsible_organisation", "status", "deadline"],
                name="conference_action_by_owner",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ActionStatus.values), name="conference_action_status_known"
            ),
            models.CheckConstraint(
                condition=Q(status="open", closed_at__isnull=True, closed_by__isnull=True)
                | ~Q(status="open") & Q(closed_at__isnull=False, closed_by__isnull=False),
                name="conference_action_closed_with_who_and_when",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.conference_id} action for {self.responsible_organisation_id}"

    @property
    def is_open(self) -> bool:
        return self.status == ActionStatus.OPEN


class ConferenceDecision(BaseModel):
    conference = models.ForeignKey(
        "coordination.CaseConference", on_delete=models.PROTECT, related_name="decisions"
    )
    text = EncryptedTextField(_("decision"))
    recorded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.conference_id} decision"


class ConferencePack(BaseModel):
    """The agenda pack issued to one attending agency: a snapshot of only what that agency may
    receive, and the register entry of its disclosure."""

    conference = models.ForeignKey(
        "coordination.CaseConference", on_delete=models.PROTECT, related_name="packs"
    )
    attendee = models.ForeignKey(
        "coordination.ConferenceAttendee", on_delete=models.PROTECT, related_name="packs"
    )
    recipient_organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    summary = EncryptedTextField(_("summary for the agency"))
    # The actions assigned to the agency when the pack was issued, as JSON:
    # [{"description": ..., "deadline": "YYYY-MM-DD"}], encrypted like every other text about them.
    actions_json = EncryptedTextField(blank=True)
    disclosure = models.OneToOneField(
        "coordination.Disclosure", on_delete=models.PROTECT, related_name="conference_pack"
    )
    issued_at = models.DateTimeField()

    class Meta:
        ordering = ["-issued_at", "-created_at"]
        indexes = [
            models.Index(fields=["recipient_organisation", "issued_at"], name="pack_by_recipient"),
        ]

    def __str__(self) -> str:
        return f"pack of {self.conference_id} for {self.recipient_organisation_id}"
