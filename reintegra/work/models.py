from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from reintegra.core.models import BaseModel


class TaskStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class Task(BaseModel):
    """Work someone must do about a person, created by the step of the pathway that needs it.

    A task goes to a named user, or to a role within an organisation (and facility), so that the
    assessment team of a prison sees a referral whoever is on duty.
    """

    jurisdiction = models.ForeignKey(
        "organisations.Jurisdiction", on_delete=models.PROTECT, related_name="tasks"
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="tasks", null=True, blank=True
    )
    kind = models.CharField(max_length=40)
    title = models.CharField(max_length=300)
    reason = models.CharField(max_length=500, blank=True)
    url = models.CharField(max_length=300, blank=True)
    due = models.DateField(null=True, blank=True)
    assignee = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="tasks"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="tasks"
    )
    facility = models.ForeignKey(
        "organisations.Facility", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Comma-delimited with leading and trailing commas (",specialist,supervisor,"), so that "is my
    # role among them" is a substring match on every database.
    roles = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=20, choices=TaskStatus.choices, default=TaskStatus.OPEN)
    source_type = models.CharField(max_length=100, blank=True)
    source_id = models.CharField(max_length=64, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due", "created_at"]
        indexes = [
            models.Index(
                fields=["organisation", "status", "due"],
                condition=Q(status="open"),
                name="task_open_by_organisation",
            ),
            models.Index(fields=["assignee", "status"], name="task_by_assignee"),
            models.Index(fields=["source_type", "source_id"], name="task_by_source"),
        ]

    def __str__(self) -> str:
        return self.title


class ReminderSent(models.Model):
    """One reminder e-mail per user per day, whatever the number of runs."""

    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    items = models.PositiveIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "day"], name="one_reminder_per_user_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.day}"
