from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from reintegra.core.fields import EncryptedTextField
from reintegra.core.models import BaseModel
from reintegra.observations.categories import BehaviourCategory, Concern, behaviour_catalogue


class Source(models.TextChoices):
    STAFF = "staff", _("Direct observation by staff")
    PRISONER = "prisoner", _("Report by another prisoner")
    MATERIAL = "material", _("Document or material")
    AGENCY = "agency", _("Another agency")


class Reliability(models.TextChoices):
    """How far the information can be trusted, in the spirit of intelligence grading: judged on
    the information itself, separately from who reported it (the source)."""

    CONFIRMED = "confirmed", _("Confirmed: seen by staff or corroborated")
    LIKELY = "likely", _("Likely: consistent with other information")
    UNCERTAIN = "uncertain", _("Uncertain: cannot be judged yet")


class Observation(BaseModel):
    """One structured dynamic-security observation: what a person did, when, where, who saw it
    and how reliable it is. Collected data is never edited; a supervisor can mark an observation
    entered in error, with a reason, and a new observation records the corrected account."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="observations"
    )
    facility = models.ForeignKey(
        "organisations.Facility", on_delete=models.PROTECT, related_name="+"
    )
    observed_at = models.DateTimeField(_("when it happened"))
    place = models.CharField(_("place"), max_length=100)
    category_code = models.CharField(_("behaviour"), max_length=40)
    # The category's concern when recorded: the list may change, the reason for a trigger may not.
    concern = models.CharField(_("concern"), max_length=10, choices=Concern.choices)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    reliability = models.CharField(_("reliability"), max_length=20, choices=Reliability.choices)
    narrative = EncryptedTextField(
        _("what happened"),
        help_text=_(
            "Behaviour only: what the person did or said, to whom, and what staff did. Never "
            "religious practice, belief, dress or appearance."
        ),
    )
    recorded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    triggered_reassessment = models.BooleanField(default=False)
    entered_in_error = models.BooleanField(default=False)
    error_reason = EncryptedTextField(_("why it was entered in error"), blank=True)
    error_marked_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    error_marked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-observed_at", "-created_at"]
        indexes = [models.Index(fields=["person", "-observed_at"], name="observation_by_person")]
        constraints = [
            models.CheckConstraint(
                condition=Q(entered_in_error=False)
                | (
                    Q(error_marked_by__isnull=False, error_marked_at__isnull=False)
                    & ~Q(error_reason="")
                ),
                name="observation_error_has_reason_and_author",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.category_code} at {self.observed_at:%Y-%m-%d %H:%M}"

    @property
    def category(self) -> BehaviourCategory | None:
        return behaviour_catalogue().get(self.category_code)

    @property
    def category_name(self) -> str:
        category = self.category
        return category.name if category else self.category_code
