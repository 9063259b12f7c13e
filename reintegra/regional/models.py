"""The regional programme's events: working groups, conferences, study visits and forums.

They span jurisdictions, so they belong to no single service: the regional programme team keeps
them, and the training managers of the jurisdictions taking part read them. A participant may be
listed publicly only with their consent; the public event page is made from the event, never
edited by hand, so publishing again brings it up to date.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from reintegra.core.models import BaseModel


class RegionalEventKind(models.TextChoices):
    # The same values as the public site's event types, so a published page keeps its kind.
    WORKING_GROUP = "working_group", _("Working group")
    REGIONAL_CONFERENCE = "regional_conference", _("Regional conference")
    STUDY_VISIT = "study_visit", _("Study visit")
    LOCAL_FORUM = "local_forum", _("Forum")


class AttendanceMode(models.TextChoices):
    OFFLINE = "offline", _("In person")
    ONLINE = "online", _("Online")
    MIXED = "mixed", _("In person and online")


class RegionalEvent(BaseModel):
    kind = models.CharField(_("kind"), max_length=30, choices=RegionalEventKind.choices)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"))
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    attendance_mode = models.CharField(
        _("attendance"),
        max_length=10,
        choices=AttendanceMode.choices,
        default=AttendanceMode.OFFLINE,
    )
    agenda = models.TextField(_("agenda"), blank=True, help_text=_("One item a line."))
    minutes = models.TextField(_("minutes"), blank=True)
    jurisdictions = models.ManyToManyField(
        "organisations.Jurisdiction",
        related_name="regional_events",
        verbose_name=_("participating jurisdictions"),
    )
    created_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-starts_at", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")),
                name="regional_event_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def source_id(self) -> str:
        """How the public event page made from this event is found again."""
        return f"regional:{self.pk}"

    def agenda_items(self) -> list[str]:
        return [line.strip() for line in self.agenda.splitlines() if line.strip()]


class EventParticipant(BaseModel):
    event = models.ForeignKey(RegionalEvent, on_delete=models.CASCADE, related_name="participants")
    full_name = models.CharField(_("full name"), max_length=200)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="regional_participations",
        verbose_name=_("organisation"),
    )
    function = models.CharField(_("function"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    listed_publicly = models.BooleanField(
        _("consents to be listed publicly"),
        default=False,
        help_text=_("Only participants who agreed are named on the public event page."),
    )

    class Meta:
        ordering = ["full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "full_name", "organisation"], name="regional_participant_once"
            )
        ]

    def __str__(self) -> str:
        return self.full_name


class OutcomeKind(models.TextChoices):
    OUTCOME = "outcome", _("Outcome")
    RECOMMENDATION = "recommendation", _("Recommendation")


class FollowUp(models.TextChoices):
    OPEN = "open", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class Outcome(BaseModel):
    event = models.ForeignKey(RegionalEvent, on_delete=models.CASCADE, related_name="outcomes")
    kind = models.CharField(_("kind"), max_length=20, choices=OutcomeKind.choices)
    text = models.TextField(_("text"))
    responsible = models.CharField(_("who follows it up"), max_length=200, blank=True)
    due_on = models.DateField(_("due by"), null=True, blank=True)
    follow_up = models.CharField(
        _("follow-up"), max_length=20, choices=FollowUp.choices, default=FollowUp.OPEN
    )
    follow_up_note = models.TextField(_("follow-up note"), blank=True)

    class Meta:
        ordering = ["kind", "created_at"]


class EventDocument(BaseModel):
    event = models.ForeignKey(RegionalEvent, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(upload_to="regional/documents/%Y/")
    file_type = models.CharField(max_length=10)  # pdf, odt or docx: what the bytes showed
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title
