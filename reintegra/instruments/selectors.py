"""Reads of the instrument registry. Instruments hold no personal data, so every member of staff
reads the same registry; what an assessment may do with a version is the assessment app's policy."""

from django.db.models import QuerySet

from reintegra.instruments.models import InstrumentVersion

_NEWEST_FIRST = ("-version_major", "-version_minor", "-version_patch")


def instrument_versions_available(kind: str | None = None) -> QuerySet[InstrumentVersion]:
    """Versions offered for new work: active ones, by instrument code, newest version first."""
    versions = InstrumentVersion.objects.filter(is_active=True).select_related("instrument")
    if kind is not None:
        versions = versions.filter(instrument__kind=kind)
    return versions.order_by("instrument__code", *_NEWEST_FIRST)


def instrument_version_latest(code: str) -> InstrumentVersion | None:
    """The newest active version of one instrument, or None if it has none."""
    return instrument_versions_available().filter(instrument__code=code).first()


def instrument_version_get(code: str, version: str) -> InstrumentVersion:
    """One version, active or retired: an assessment that pinned it must always be able to read it.
    Raises InstrumentVersion.DoesNotExist."""
    return InstrumentVersion.objects.select_related("instrument").get(
        instrument__code=code, version=version
    )
