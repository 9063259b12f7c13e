from functools import cached_property
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reintegra.core.models import BaseModel
from reintegra.instruments.definition import InstrumentDefinition, text


class InstrumentKind(models.TextChoices):
    SCREENING = "screening", _("Screening")
    SPJ = "spj", _("Structured professional judgement")


class InstrumentStatus(models.TextChoices):
    ILLUSTRATIVE = "illustrative", _("Illustrative — requires validation before operational use")
    VALIDATED = "validated", _("Validated")
    LICENSED = "licensed", _("Licensed")


class InstrumentVersionImmutableError(RuntimeError):
    """Raised when code tries to edit a loaded version: assessments pin it and must stay true."""


class Instrument(BaseModel):
    """One instrument across all its versions; the versions hold the content."""

    code = models.SlugField(max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=InstrumentKind.choices)
    # The name in each language, as the highest loaded version gives it.
    name = models.JSONField(default=dict)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return text(self.name) or self.code


# Everything else on a loaded version is fixed; retiring one is the only change there is.
_MUTABLE_FIELDS = frozenset({"is_active", "updated_at"})


class InstrumentVersion(BaseModel):
    """One loaded version of an instrument file. Never edited: a change is a new version."""

    instrument = models.ForeignKey(
        "instruments.Instrument", on_delete=models.PROTECT, related_name="versions"
    )
    version = models.CharField(_("version"), max_length=24)
    # The parts of `version` as numbers, so that 1.10.0 sorts after 1.9.0 in the database.
    version_major = models.PositiveIntegerField(editable=False)
    version_minor = models.PositiveIntegerField(editable=False)
    version_patch = models.PositiveIntegerField(editable=False)
    status = models.CharField(_("status"), max_length=20, choices=InstrumentStatus.choices)
    definition = models.JSONField(help_text="The validated file as loaded, defaults filled in.")
    source_sha256 = models.CharField(
        max_length=64, help_text="SHA-256 of the canonical JSON of `definition`."
    )
    loaded_at = models.DateTimeField(default=timezone.now, editable=False)
    is_active = models.BooleanField(
        _("offered for new assessments"),
        default=True,
        help_text="A retired version stays readable for the assessments that pinned it.",
    )

    class Meta:
        ordering = ["instrument__code", "-version_major", "-version_minor", "-version_patch"]
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "version"], name="instrument_version_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.instrument.code} {self.version}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            update_fields = kwargs.get("update_fields")
            if update_fields is None or not set(update_fields) <= _MUTABLE_FIELDS:
                raise InstrumentVersionImmutableError(
                    f"{self} is loaded and never edited; change the file and bump the version."
                )
        super().save(*args, **kwargs)

    @cached_property
    def parsed(self) -> InstrumentDefinition:
        return InstrumentDefinition.from_json(self.definition)

    @property
    def is_illustrative(self) -> bool:
        return self.status == InstrumentStatus.ILLUSTRATIVE
