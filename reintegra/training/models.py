"""Capacity building: the course catalogue, competences, training events and what they certify.

A participant is anyone who took part, staff of any organisation; a user account is optional. A
completion of a course that certifies an instrument is the assessor's certification for it, current
until the course's validity runs out (then a refresher is due).
"""

import calendar
import datetime as dt
import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from reintegra.core.models import BaseModel

CODE_BYTES = 24  # 192 random bits: 32 URL-safe characters, far beyond any enumeration


def new_verification_code() -> str:
    return secrets.token_urlsafe(CODE_BYTES)


def months_after(day: dt.date, months: int) -> dt.date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class CourseMode(models.TextChoices):
    TUTORED_ONLINE = "tutored_online", _("Tutored online")
    SELF_LEARNING = "self_learning", _("Self-learning online")
    CLASSROOM = "classroom", _("Classroom")
    BLENDED = "blended", _("Blended")


class Proficiency(models.IntegerChoices):
    """The one proficiency scale of the regional framework, lowest first."""

    AWARENESS = 1, _("Awareness")
    PRACTITIONER = 2, _("Practitioner")
    ADVANCED = 3, _("Advanced")
    TRAINER = 4, _("Trainer")


class Competence(BaseModel):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Course(BaseModel):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    mode = models.CharField(_("mode"), max_length=20, choices=CourseMode.choices)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    duration_hours = models.PositiveIntegerField(_("duration in hours"))
    provider = models.CharField(_("provider"), max_length=200)
    validity_months = models.PositiveIntegerField(
        _("validity in months"),
        null=True,
        blank=True,
        help_text=_(
            "After this many months a refresher is due. Empty: the completion never lapses."
        ),
    )
    trains_trainers = models.BooleanField(_("training of trainers"), default=False)
    instruments = models.ManyToManyField(
        "instruments.Instrument",
        blank=True,
        related_name="certifying_courses",
        verbose_name=_("instruments certified"),
    )
    is_active = models.BooleanField(_("offered"), default=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def valid_until(self, completed_on: dt.date) -> dt.date | None:
        if not self.validity_months:
            return None
        return months_after(completed_on, self.validity_months)


class CourseCompetence(BaseModel):
    """A competence a completion of the course gives, at a level."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="grants")
    competence = models.ForeignKey(Competence, on_delete=models.PROTECT, related_name="grants")
    level = models.PositiveSmallIntegerField(_("level"), choices=Proficiency.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["course", "competence"], name="course_grants_once")
        ]


class Participant(BaseModel):
    """Someone who takes part in training; staff of any organisation, with or without an account."""

    full_name = models.CharField(_("full name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="training_participants",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("staff role"), max_length=40, blank=True)
    user = models.OneToOneField(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="training_participant",
    )

    class Meta:
        ordering = ["full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["email"],
                condition=~models.Q(email=""),
                name="participant_email_once",
            )
        ]

    def __str__(self) -> str:
        return self.full_name


class TrainingEvent(BaseModel):
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="events")
    title = models.CharField(_("title"), max_length=200)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="training_events",
        verbose_name=_("organised by"),
    )
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    online_url = models.URLField(_("online room"), blank=True)
    trainers = models.ManyToManyField(
        Participant, blank=True, related_name="events_trained", verbose_name=_("trainers or tutors")
    )
    created_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-starts_on", "title"]

    def __str__(self) -> str:
        return self.title


class TrainingSession(BaseModel):
    event = models.ForeignKey(TrainingEvent, on_delete=models.CASCADE, related_name="sessions")
    day = models.DateField(_("day"))
    topic = models.CharField(_("topic"), max_length=200)

    class Meta:
        ordering = ["day", "topic"]


class RegistrationState(models.TextChoices):
    INVITED = "invited", _("Invited")
    REGISTERED = "registered", _("Registered")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")


class Registration(BaseModel):
    event = models.ForeignKey(TrainingEvent, on_delete=models.CASCADE, related_name="registrations")
    participant = models.ForeignKey(
        Participant, on_delete=models.PROTECT, related_name="registrations"
    )
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=RegistrationState.choices,
        default=RegistrationState.INVITED,
    )

    class Meta:
        ordering = ["participant__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["event", "participant"], name="registered_once")
        ]


class Attendance(BaseModel):
    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="attendance"
    )
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="attendance"
    )
    present = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "registration"], name="attended_once")
        ]


class CompletionSource(models.TextChoices):
    EVENT = "event", _("Training event")
    IMPORT = "import", _("Imported from a learning platform")


class Completion(BaseModel):
    participant = models.ForeignKey(
        Participant, on_delete=models.PROTECT, related_name="completions"
    )
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="completions")
    event = models.ForeignKey(
        TrainingEvent,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="completions",
    )
    completed_on = models.DateField(_("completed on"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2, null=True, blank=True)
    feedback = models.TextField(_("feedback"), blank=True)
    source = models.CharField(max_length=20, choices=CompletionSource.choices)
    recorded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-completed_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "course", "completed_on"], name="completed_once_a_day"
            )
        ]
        indexes = [models.Index(fields=["course", "valid_until"])]

    def is_current(self, today: dt.date) -> bool:
        return self.valid_until is None or self.valid_until >= today


class Certificate(BaseModel):
    completion = models.OneToOneField(
        Completion, on_delete=models.PROTECT, related_name="certificate"
    )
    code = models.CharField(max_length=64, unique=True, default=new_verification_code)
    issued_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class MatrixVersion(BaseModel):
    """One version of a jurisdiction's training framework matrix (null: the regional one)."""

    jurisdiction = models.ForeignKey(
        "organisations.Jurisdiction",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="training_matrices",
    )
    number = models.PositiveIntegerField()
    created_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "number"], name="matrix_version_once")
        ]


class MatrixCell(BaseModel):
    """A staff role's required level of a competence, and the courses that satisfy it."""

    version = models.ForeignKey(MatrixVersion, on_delete=models.CASCADE, related_name="cells")
    role = models.CharField(_("staff role"), max_length=40)
    competence = models.ForeignKey(Competence, on_delete=models.PROTECT, related_name="+")
    required_level = models.PositiveSmallIntegerField(
        _("required level"), choices=Proficiency.choices
    )
    courses = models.ManyToManyField(Course, blank=True, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["version", "role", "competence"], name="matrix_cell_once"
            )
        ]
