from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from reintegra.core.fields import EncryptedTextField
from reintegra.core.models import BaseModel


class Pathway(models.TextChoices):
    """The resettlement pathways a release plan is written by, in the order staff work them."""

    ACCOMMODATION = "accommodation", _("Accommodation")
    EDUCATION_WORK = "education_work", _("Education and work")
    FAMILY_COMMUNITY = "family_community", _("Family and community")
    HEALTH = "health", _("Health")
    FINANCE_ID = "finance_id", _("Finance and identity documents")
    ATTITUDES = "attitudes", _("Attitudes, thinking and behaviour")


class ReleasePlanStatus(models.TextChoices):
    OPEN = "open", _("In preparation")
    READY = "ready", _("Ready for release")
    CLOSED = "closed", _("Closed")


class ReleasePlan(BaseModel):
    """Preparation for the release that ends one custody episode: one plan per episode."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="release_plans"
    )
    episode = models.ForeignKey(
        "people.CustodyEpisode", on_delete=models.PROTECT, related_name="release_plans"
    )
    opened_on = models.DateField(_("opened on"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ReleasePlanStatus.choices,
        default=ReleasePlanStatus.OPEN,
    )
    owner = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Empty when the scheduled command opened the plan rather than a member of staff.
    opened_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    class Meta:
        ordering = ["-opened_on", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["episode"], name="release_plan_one_per_episode"),
            models.CheckConstraint(
                condition=Q(status="closed", closed_on__isnull=False)
                | (~Q(status="closed") & Q(closed_on__isnull=True)),
                name="release_plan_closed_on_when_closed",
            ),
        ]
        indexes = [models.Index(fields=["person", "-opened_on"], name="release_plan_by_person")]

    def __str__(self) -> str:
        return f"{self.person_id} from {self.opened_on}"

    @property
    def is_closed(self) -> bool:
        return self.status == ReleasePlanStatus.CLOSED


class PathwayStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    ARRANGED = "arranged", _("Arranged")
    NO_NEED = "no_need", _("No need identified")


class PathwayEntry(BaseModel):
    """What the person needs on one pathway, what is being done, and who does it."""

    plan = models.ForeignKey(
        "release.ReleasePlan", on_delete=models.CASCADE, related_name="pathway_entries"
    )
    pathway = models.CharField(_("pathway"), max_length=30, choices=Pathway.choices)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PathwayStatus.choices,
        default=PathwayStatus.NOT_STARTED,
    )
    needs = EncryptedTextField(_("needs"), blank=True)
    actions = EncryptedTextField(_("actions"), blank=True)
    responsible_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible organisation"),
    )
    responsible_user = models.ForeignKey(
        "accounts.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible person"),
    )
    notes = EncryptedTextField(_("notes"), blank=True)
    # Optimistic locking: a save names the version it started from, so nobody overwrites unseen.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", "pathway"], name="pathway_entry_once_per_plan")
        ]

    def __str__(self) -> str:
        return f"{self.plan_id} {self.pathway}"

    @property
    def position(self) -> int:
        return Pathway.values.index(self.pathway)


class ReadinessState(models.TextChoices):
    NOT_DONE = "not_done", _("Not done")
    DONE = "done", _("Done")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class ReadinessItem(BaseModel):
    """One line of the readiness checklist, copied from data/readiness.yaml when the plan opens,
    so a plan keeps the wording it was opened with after the standard list changes."""

    plan = models.ForeignKey(
        "release.ReleasePlan", on_delete=models.CASCADE, related_name="readiness_items"
    )
    pathway = models.CharField(max_length=30, choices=Pathway.choices)
    code = models.SlugField(max_length=60)
    position = models.PositiveSmallIntegerField(default=0)
    labels = models.JSONField(default=dict)
    state = models.CharField(
        max_length=20, choices=ReadinessState.choices, default=ReadinessState.NOT_DONE
    )
    note = EncryptedTextField(_("note"), blank=True)
    checked_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    checked_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="readiness_item_once_per_plan")
        ]

    def __str__(self) -> str:
        return f"{self.plan_id} {self.code}"

    @property
    def label(self) -> str:
        language = translation.get_language() or "en"
        return (
            self.labels.get(language)
            or self.labels.get(language.split("-")[0])
            or self.labels.get("en")
            or self.code
        )

    @property
    def is_resolved(self) -> bool:
        return self.state != ReadinessState.NOT_DONE


class Participation(models.TextChoices):
    ATTENDED = "attended", _("Took part in person")
    IN_WRITING = "in_writing", _("Contributed in writing")
    DECLINED = "declined", _("Declined to take part")
    NOT_INVITED = "not_invited", _("Not invited")


class CaseConference(BaseModel):
    """The pre-release case conference: prison, probation and partners, with the person."""

    plan = models.ForeignKey(
        "release.ReleasePlan", on_delete=models.PROTECT, related_name="conferences"
    )
    held_on = models.DateField(_("date of the conference"))
    person_participation = models.CharField(
        _("the person's participation"), max_length=20, choices=Participation.choices
    )
    # Why the person was not invited, or what they said when declining.
    participation_note = EncryptedTextField(_("about the person's participation"), blank=True)
    decisions = EncryptedTextField(_("decisions"))
    next_steps = EncryptedTextField(_("next steps"), blank=True)
    recorded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-held_on", "-created_at"]

    def __str__(self) -> str:
        return f"{self.plan_id} {self.held_on}"


class AgencyType(models.TextChoices):
    PRISON = "prison", _("Prison")
    PROBATION = "probation", _("Probation")
    PARTNER = "partner", _("Partner agency")
    FAMILY = "family", _("Family or supporter")
    OTHER = "other", _("Other")


class ConferenceAttendee(BaseModel):
    """Someone who took part; a name, not an account, as partners and family rarely have one."""

    conference = models.ForeignKey(
        "release.CaseConference", on_delete=models.CASCADE, related_name="attendees"
    )
    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=200, blank=True)
    agency_type = models.CharField(_("agency"), max_length=20, choices=AgencyType.choices)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.name


class Handover(BaseModel):
    """The handover to a named probation officer, which opens to probation exactly the parts of
    the person it lists, through a person access grant."""

    plan = models.OneToOneField(
        "release.ReleasePlan", on_delete=models.PROTECT, related_name="handover"
    )
    probation_officer = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="+"
    )
    probation_organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    # Comma-delimited with leading and trailing commas, as on the grant it creates.
    scopes = models.CharField(max_length=300)
    handed_over_on = models.DateField(_("handed over on"))
    notes = EncryptedTextField(_("notes for probation"), blank=True)
    handed_over_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    grant = models.ForeignKey(
        "people.PersonAccessGrant", on_delete=models.PROTECT, null=True, related_name="+"
    )

    def __str__(self) -> str:
        return f"{self.plan_id} → {self.probation_officer_id}"

    @property
    def scope_list(self) -> list[str]:
        return [scope for scope in self.scopes.split(",") if scope]
