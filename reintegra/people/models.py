from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from reintegra.core.models import BaseModel


class DataSubjectCategory(models.TextChoices):
    """Categories of data subject kept apart as Art. 6 of the Law Enforcement Directive asks."""

    CONVICTED = "convicted", _("Convicted person")
    REMAND = "remand", _("Person on remand (suspected or accused)")
    NON_CUSTODIAL = "non_custodial", _("Person serving a non-custodial sentence")
    RELEASED = "released", _("Released person under post-penal support")


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    NOT_RECORDED = "not_recorded", _("Not recorded")


class Citizenship(models.TextChoices):
    AL = "AL", _("Albania")
    BA = "BA", _("Bosnia and Herzegovina")
    XK = "XK", _("Kosovo*")
    ME = "ME", _("Montenegro")
    MK = "MK", _("North Macedonia")
    RS = "RS", _("Serbia")
    OTHER = "OT", _("Other")
    STATELESS = "ST", _("Stateless")


class Person(BaseModel):
    """Someone on the pathway. Minimal identity data; the reference is what staff quote."""

    jurisdiction = models.ForeignKey(
        "organisations.Jurisdiction", on_delete=models.PROTECT, related_name="people"
    )
    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    given_name = models.CharField(_("given name"), max_length=100)
    family_name = models.CharField(_("family name"), max_length=100)
    given_name_latin = models.CharField(_("given name (Latin)"), max_length=100, blank=True)
    family_name_latin = models.CharField(_("family name (Latin)"), max_length=100, blank=True)
    name_key = models.CharField(max_length=450, editable=False, db_index=True)
    date_of_birth = models.DateField(_("date of birth"))
    sex = models.CharField(_("sex"), max_length=20, choices=Sex.choices)
    citizenship = models.CharField(_("citizenship"), max_length=2, choices=Citizenship.choices)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    data_subject_category = models.CharField(
        _("category of data subject"), max_length=20, choices=DataSubjectCategory.choices
    )
    # Kept current by the custody and assessment services so the case list is one indexed table.
    current_facility = models.ForeignKey(
        "organisations.Facility",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="current_people",
    )
    in_custody = models.BooleanField(default=True)
    judgement_level = models.CharField(max_length=20, blank=True)
    next_review_due = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["family_name_latin", "given_name_latin"]
        indexes = [
            # The case list's order, whole: a page is read straight off the index, without
            # sorting everyone the user may see (26,000 at a regional facility). Carrying
            # in_custody lets the list's count be answered from the index alone.
            models.Index(
                fields=[
                    "jurisdiction",
                    "current_facility",
                    "family_name_latin",
                    "given_name_latin",
                    "id",
                ],
                name="person_case_list_order",
                include=["in_custody"],
            ),
            models.Index(fields=["jurisdiction", "next_review_due"]),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def display_name(self) -> str:
        original = f"{self.given_name} {self.family_name}"
        latin = f"{self.given_name_latin} {self.family_name_latin}".strip()
        return original if not latin or latin == original else f"{original} ({latin})"


class LegalStatus(models.TextChoices):
    REMAND = "remand", _("On remand")
    SENTENCED = "sentenced", _("Sentenced")


class OffenceCategory(models.TextChoices):
    TERRORISM = "terrorism", _("Terrorism-related offence")
    VIOLENT_EXTREMISM = "violent_extremism", _("Violent extremism-related offence")
    OTHER_VIOLENT = "other_violent", _("Other violent offence")
    OTHER = "other", _("Other offence (radicalisation concern)")


class CustodyEpisode(BaseModel):
    """One continuous stay in custody, from admission to release."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="custody_episodes"
    )
    legal_status = models.CharField(_("legal status"), max_length=20, choices=LegalStatus.choices)
    offence_category = models.CharField(
        _("offence category"), max_length=30, choices=OffenceCategory.choices
    )
    sentence_months = models.PositiveIntegerField(_("sentence (months)"), null=True, blank=True)
    admission_date = models.DateField(_("admission date"))
    expected_release_date = models.DateField(_("expected release"), null=True, blank=True)
    actual_release_date = models.DateField(_("actual release"), null=True, blank=True)

    class Meta:
        ordering = ["-admission_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expected_release_date__isnull=True)
                | Q(expected_release_date__gte=F("admission_date")),
                name="custody_expected_release_after_admission",
            ),
            models.CheckConstraint(
                condition=Q(actual_release_date__isnull=True)
                | Q(actual_release_date__gte=F("admission_date")),
                name="custody_actual_release_after_admission",
            ),
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(actual_release_date__isnull=True),
                name="custody_one_open_episode_per_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} from {self.admission_date}"

    @property
    def is_open(self) -> bool:
        return self.actual_release_date is None


class PlacementReason(models.TextChoices):
    ADMISSION = "admission", _("Admission")
    TRANSFER = "transfer", _("Transfer")
    UNIT_CHANGE = "unit_change", _("Change of unit")


class Placement(BaseModel):
    """Where the person was held, and from when to when: the history of transfers."""

    episode = models.ForeignKey(
        "people.CustodyEpisode", on_delete=models.PROTECT, related_name="placements"
    )
    facility = models.ForeignKey(
        "organisations.Facility", on_delete=models.PROTECT, related_name="placements"
    )
    unit = models.CharField(_("unit"), max_length=100, blank=True)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=20, choices=PlacementReason.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["-start_date", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="placement_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.facility_id} from {self.start_date}"


class AccessScope(models.TextChoices):
    """What a grant opens of a person. Each later section of the person page names the scope it
    belongs to; a grant shows exactly its scopes and nothing else."""

    IDENTITY = "identity", _("Identity and custody")
    ASSESSMENT_SUMMARY = "assessment_summary", _("Current judgement and needs")
    PLAN = "plan", _("Rehabilitation plan")
    PROGRAMMES = "programmes", _("Programme attendance")
    RELEASE = "release", _("Release plan")
    SUPERVISION = "supervision", _("Probation supervision")


class PersonAccessGrant(BaseModel):
    """Access to a person given to someone outside the facility's staff, for a reason and a time:
    a handover to a probation officer, later a referral to a partner. Revoking it ends access at
    the next request."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="access_grants"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    # Empty for every member of the organisation in an eligible role; set for one named user.
    user = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Comma-delimited scopes with leading and trailing commas (",identity,release,").
    scopes = models.CharField(max_length=300)
    reason = models.CharField(max_length=300)
    source_type = models.CharField(max_length=100, blank=True)
    source_id = models.CharField(max_length=64, blank=True)
    granted_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    valid_from = models.DateField()
    valid_until = models.DateField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["organisation", "user", "revoked_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("valid_from")),
                name="grant_valid_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} → {self.organisation_id}"

    @property
    def scope_list(self) -> list[str]:
        return [scope for scope in self.scopes.split(",") if scope]
