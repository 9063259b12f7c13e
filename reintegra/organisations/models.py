from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from reintegra.core.models import BaseModel


def _localised(names: dict[str, str], fallback: str) -> str:
    language = translation.get_language() or "en"
    return names.get(language) or names.get(language.split("-")[0]) or fallback


class Jurisdiction(models.Model):
    """One of the six beneficiaries; every case record belongs to exactly one."""

    code = models.CharField(max_length=2, primary_key=True)
    name = models.CharField(max_length=100)
    names = models.JSONField(default=dict, help_text="The name in each interface language.")
    official_languages = models.JSONField(default=list)
    scripts = models.JSONField(default=list)
    footnote = models.TextField(blank=True, help_text="Shown wherever the name appears publicly.")
    review_interval_months = models.PositiveSmallIntegerField(
        default=6, help_text="Default time from a countersigned assessment to its review."
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return _localised(self.names, self.name)


class OrganisationType(models.Model):
    code = models.SlugField(max_length=40, primary_key=True)
    name = models.CharField(max_length=100)
    names = models.JSONField(default=dict)
    is_partner = models.BooleanField(
        default=False, help_text="Agencies outside prison and probation that receive referrals."
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return _localised(self.names, self.name)


class Organisation(BaseModel):
    # Empty only for regional bodies that span all jurisdictions and hold no case data.
    jurisdiction = models.ForeignKey(
        "organisations.Jurisdiction",
        on_delete=models.PROTECT,
        related_name="organisations",
        null=True,
        blank=True,
    )
    type = models.ForeignKey(
        "organisations.OrganisationType", on_delete=models.PROTECT, related_name="organisations"
    )
    name = models.CharField(_("name"), max_length=200)
    municipality = models.CharField(_("municipality"), max_length=100, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "name"], name="organisation_name_unique_per_jurisdiction"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Facility(BaseModel):
    """A prison or detention unit run by a prison administration."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="facilities"
    )
    name = models.CharField(_("name"), max_length=200)
    code = models.SlugField(max_length=40)
    municipality = models.CharField(_("municipality"), max_length=100, blank=True)
    capacity = models.PositiveIntegerField(null=True, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "facilities"
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code"], name="facility_code_unique")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def jurisdiction_id(self) -> str | None:
        return self.organisation.jurisdiction_id
