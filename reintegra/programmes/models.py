"""Programmes (step 7 of the pathway): a catalogue per jurisdiction, groups that run a programme in
a facility, the people enrolled, the sessions held and who attended them.

Vocational workshops and occupational therapy are programmes of another kind: the same catalogue,
groups, sessions and attendance, so that every structured activity a person takes part in is
recorded once and counted the same way.
"""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from reintegra.core.fields import EncryptedTextField
from reintegra.core.models import BaseModel


class ProgrammeKind(models.TextChoices):
    REHABILITATION = "rehabilitation", _("Rehabilitation and treatment programme")
    VOCATIONAL_WORKSHOP = "vocational_workshop", _("Vocational workshop")
    OCCUPATIONAL_THERAPY = "occupational_therapy", _("Occupational therapy")
    EDUCATION = "education", _("Education")
    OTHER = "other", _("Other activity")


class Programme(BaseModel):
    """One entry of a jurisdiction's catalogue: what is delivered, in which modules and sessions."""

    jurisdiction = models.ForeignKey(
        "organisations.Jurisdiction", on_delete=models.PROTECT, related_name="programmes"
    )
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=ProgrammeKind.choices)
    description = models.TextField(_("description"), blank=True)
    duration_weeks = models.PositiveSmallIntegerField(_("duration (weeks)"))
    facilitator_requirements = models.TextField(_("facilitator requirements"), blank=True)
    is_active = models.BooleanField(_("offered"), default=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "code"], name="programme_code_unique_per_jurisdiction"
            ),
            models.CheckConstraint(
                condition=Q(duration_weeks__gte=1), name="programme_lasts_at_least_a_week"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Module(BaseModel):
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="modules"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["programme", "order"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "order"], name="module_order_unique")
        ]

    def __str__(self) -> str:
        return self.title


class SessionTemplate(BaseModel):
    """A planned session of a module; a group's sessions are scheduled from these."""

    module = models.ForeignKey(
        "programmes.Module", on_delete=models.CASCADE, related_name="session_templates"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("title"), max_length=200)
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=90)
    aims = models.TextField(_("aims"), blank=True)

    class Meta:
        ordering = ["module__order", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["module", "order"], name="session_template_order_unique"
            )
        ]

    def __str__(self) -> str:
        return self.title


class GroupStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_GROUP_STATUSES = (GroupStatus.PLANNED, GroupStatus.RUNNING)


class Group(BaseModel):
    """One delivery of a programme in a facility, by named facilitators, between two dates."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.PROTECT, related_name="groups"
    )
    facility = models.ForeignKey(
        "organisations.Facility", on_delete=models.PROTECT, related_name="programme_groups"
    )
    name = models.CharField(_("name"), max_length=200)
    facilitators = models.ManyToManyField(
        "accounts.User", related_name="facilitated_groups", verbose_name=_("facilitators")
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    capacity = models.PositiveSmallIntegerField(_("places"))
    status = models.CharField(
        _("status"), max_length=20, choices=GroupStatus.choices, default=GroupStatus.PLANNED
    )

    class Meta:
        ordering = ["-start_date", "name"]
        indexes = [models.Index(fields=["facility", "status", "-start_date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="group_ends_after_it_starts"
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="group_has_a_place"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_GROUP_STATUSES


class EnrolmentStatus(models.TextChoices):
    ENROLLED = "enrolled", _("Enrolled")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    EXCLUDED = "excluded", _("Excluded")


class Outcome(models.TextChoices):
    COMPLETED = "completed", _("Completed")
    PARTIALLY_COMPLETED = "partially_completed", _("Partially completed")
    NOT_COMPLETED = "not_completed", _("Not completed")


class Enrolment(BaseModel):
    """A person's place in a group, and how it ended."""

    group = models.ForeignKey(
        "programmes.Group", on_delete=models.PROTECT, related_name="enrolments"
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="programme_enrolments"
    )
    enrolled_on = models.DateField(_("enrolled on"))
    enrolled_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=EnrolmentStatus.choices,
        default=EnrolmentStatus.ENROLLED,
    )
    # The day the enrolment ended, whichever way: completed, withdrawn or excluded.
    completion_date = models.DateField(_("ended on"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=30, choices=Outcome.choices, blank=True)
    outcome_note = EncryptedTextField(_("note on the outcome"), blank=True)

    class Meta:
        ordering = ["group", "person__family_name_latin", "person__given_name_latin"]
        indexes = [models.Index(fields=["person", "-enrolled_on"])]
        constraints = [
            # A person may come back to a group they left, but holds one place at a time.
            models.UniqueConstraint(
                fields=["group", "person"],
                condition=Q(status="enrolled"),
                name="enrolment_one_active_place_per_group",
            ),
            models.CheckConstraint(
                condition=Q(completion_date__isnull=True)
                | Q(completion_date__gte=F("enrolled_on")),
                name="enrolment_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=Q(status="enrolled")
                | (Q(completion_date__isnull=False) & ~Q(outcome="")),
                name="enrolment_ended_with_date_and_outcome",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} in {self.group_id}"

    @property
    def is_active(self) -> bool:
        return self.status == EnrolmentStatus.ENROLLED


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class GroupSession(BaseModel):
    """One meeting of a group. It becomes "held" when its attendance is recorded."""

    group = models.ForeignKey("programmes.Group", on_delete=models.PROTECT, related_name="sessions")
    session_template = models.ForeignKey(
        "programmes.SessionTemplate",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=200)
    scheduled_for = models.DateTimeField(_("date and time"))
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=90)
    location = models.CharField(_("location"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=SessionStatus.choices, default=SessionStatus.SCHEDULED
    )
    cancellation_reason = models.CharField(_("reason for cancelling"), max_length=500, blank=True)
    attendance_recorded_at = models.DateTimeField(null=True, blank=True)
    attendance_recorded_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["scheduled_for"]
        indexes = [
            models.Index(fields=["group", "scheduled_for"]),
            # "My work": past sessions still waiting for their attendance.
            models.Index(
                fields=["status", "scheduled_for"],
                condition=Q(status="scheduled"),
                name="session_awaiting_attendance",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="held") | Q(attendance_recorded_at__isnull=False),
                name="session_held_only_with_attendance",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.scheduled_for:%Y-%m-%d %H:%M}"


class AttendanceStatus(models.TextChoices):
    ATTENDED = "attended", _("Attended")
    LATE = "late", _("Late")
    EXCUSED = "excused", _("Excused absence")
    UNEXCUSED = "unexcused", _("Unexcused absence")
    REFUSED = "refused", _("Refused to attend")


class Attendance(BaseModel):
    """Whether one enrolled person took part in one session, with the facilitator's note."""

    session = models.ForeignKey(
        "programmes.GroupSession", on_delete=models.PROTECT, related_name="attendance"
    )
    enrolment = models.ForeignKey(
        "programmes.Enrolment", on_delete=models.PROTECT, related_name="attendance"
    )
    status = models.CharField(_("attendance"), max_length=20, choices=AttendanceStatus.choices)
    note = EncryptedTextField(_("facilitator's note"), blank=True)
    recorded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "enrolment"], name="attendance_once_per_session_and_person"
            )
        ]
        indexes = [models.Index(fields=["enrolment", "status"])]

    def __str__(self) -> str:
        return f"{self.enrolment_id} {self.status} at {self.session_id}"
