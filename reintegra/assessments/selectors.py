from django.db.models import Prefetch, QuerySet

from reintegra.assessments.models import Assessment, AssessmentStatus, ItemRating, Screening
from reintegra.assessments.permissions import assessment_policy, screening_policy
from reintegra.people.models import Person


def assessments_visible_to(actor) -> QuerySet[Assessment]:
    return assessment_policy.visible_to(actor).select_related(
        "person", "instrument_version__instrument", "assessor", "countersigned_by"
    )


def screenings_visible_to(actor) -> QuerySet[Screening]:
    return screening_policy.visible_to(actor).select_related(
        "person", "instrument_version__instrument", "screened_by"
    )


def assessment_in_progress(person: Person) -> Assessment | None:
    return (
        Assessment.objects.filter(person=person)
        .exclude(status=AssessmentStatus.LOCKED)
        .order_by("-created_at")
        .first()
    )


def latest_locked_assessment(person: Person) -> Assessment | None:
    return (
        Assessment.objects.filter(person=person, status=AssessmentStatus.LOCKED)
        .select_related("instrument_version__instrument")
        .order_by("-countersigned_at")
        .first()
    )


def locked_assessments_with_ratings(person: Person) -> list[Assessment]:
    """Every locked assessment of a person, oldest first, with its ratings: the trajectory."""
    return list(
        Assessment.objects.filter(person=person, status=AssessmentStatus.LOCKED)
        .select_related("instrument_version__instrument", "assessor", "countersigned_by")
        .prefetch_related(Prefetch("ratings", queryset=ItemRating.objects.order_by("item_code")))
        .order_by("countersigned_at")
    )
