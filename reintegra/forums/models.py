"""Local coordination forums: the agencies of a municipality or region meeting around reintegration.

A forum has member organisations, each sending representatives; its meetings take attendance,
keep minutes (every save a new revision), record decisions and action points, and hold documents.
A meeting that discusses no individual holds no personal data: only a meeting marked as
discussing an individual names a person, and only staff who may see that person read its record.
"""

import uuid

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from reintegra.core.fields import EncryptedTextField
from reintegra.core.models import BaseModel


class AreaKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    REGION = "region", _("Region")


class Forum(BaseModel):
    jurisdiction = models.ForeignKey(
        "organisations.Jurisdiction", on_delete=models.PROTECT, related_name="forums"
    )
    area_kind = models.CharField(_("covers a"), max_length=20, choices=AreaKind.choices)
    area = models.CharField(_("municipality or region"), max_length=100)
    name = models.CharField(_("name"), max_length=200)
    terms_of_reference = models.TextField(_("terms of reference"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "name"], name="forum_name_unique_per_jurisdiction"
            )
        ]

    def __str__(self) -> str:
        return self.name


class ForumMember(BaseModel):
    """An organisation's membership of a forum, between two dates."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="members")
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="forum_memberships",
        verbose_name=_("organisation"),
    )
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)

    class Meta:
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["forum", "organisation"],
                condition=Q(left_on__isnull=True),
                name="forum_member_once_at_a_time",
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("joined_on")),
                name="forum_member_leaves_after_joining",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} in {self.forum_id}"

    @property
    def is_current(self) -> bool:
        return self.left_on is None


class Representative(BaseModel):
    """Someone who represents a member organisation at the forum; a user account is optional."""

    member = models.ForeignKey(
        ForumMember, on_delete=models.CASCADE, related_name="representatives"
    )
    full_name = models.CharField(_("full name"), max_length=200)
    role = models.CharField(_("role in the organisation"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    user = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="forum_representations",
        verbose_name=_("staff user"),
    )
    # Kept after removal, so past attendance still names who was there.
    removed_on = models.DateField(_("removed on"), null=True, blank=True)

    class Meta:
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name

    @property
    def is_current(self) -> bool:
        return self.removed_on is None


class Meeting(BaseModel):
    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200)
    agenda = models.TextField(_("agenda"), blank=True)
    discusses_individual = models.BooleanField(_("discusses an individual"), default=False)
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="forum_meetings",
        verbose_name=_("person discussed"),
    )
    created_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-date", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(discusses_individual=True) | Q(person__isnull=True),
                name="meeting_names_a_person_only_when_it_discusses_one",
            )
        ]
        indexes = [models.Index(fields=["forum", "date"], name="meeting_by_forum_date")]

    def __str__(self) -> str:
        return f"{self.forum_id} {self.date}"


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    ABSENT = "absent", _("Absent")
    EXCUSED = "excused", _("Excused")


class Attendance(BaseModel):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    representative = models.ForeignKey(
        Representative, on_delete=models.PROTECT, related_name="attendance"
    )
    status = models.CharField(_("attendance"), max_length=10, choices=AttendanceStatus.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "representative"], name="attendance_once_per_meeting"
            )
        ]

    def __str__(self) -> str:
        return f"{self.representative_id} {self.status}"


class Minutes(BaseModel):
    """A meeting's minutes; `version` counts the revisions, so a stale edit can be refused."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="minutes")
    version = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.meeting_id} v{self.version}"


class MinutesRevision(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    text = EncryptedTextField(_("minutes"))
    author = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["minutes", "number"], name="minutes_revision_once")
        ]

    def __str__(self) -> str:
        return f"{self.minutes_id} r{self.number}"


class Decision(BaseModel):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    text = EncryptedTextField(_("decision"))
    recorded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.meeting_id} decision"


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class ActionPoint(BaseModel):
    """Who does what by when; it is the owner's task in "My work" until it is done."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="action_points")
    text = models.CharField(_("action"), max_length=300)
    owner = models.ForeignKey(
        "accounts.User",
        on_delete=models.PROTECT,
        related_name="forum_action_points",
        verbose_name=_("owner"),
    )
    # The organisation the owner acts for: the task lands in their work there.
    owner_organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    created_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["due_on", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open", completed_on__isnull=True)
                | ~Q(status="open") & Q(completed_on__isnull=False),
                name="action_point_closed_with_a_date",
            )
        ]
        indexes = [models.Index(fields=["status", "due_on"], name="action_point_by_status_due")]

    def __str__(self) -> str:
        return self.text

    @property
    def is_open(self) -> bool:
        return self.status == ActionStatus.OPEN


class ForumDocument(BaseModel):
    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="documents")
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, null=True, blank=True, related_name="documents"
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(upload_to="forums/%Y/%m/")
    filename = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title
