import datetime as dt
import uuid
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from reintegra.organisations.models import Facility
from reintegra.people.models import Person, Placement
from reintegra.people.names import name_key
from reintegra.people.permissions import person_policy


@dataclass(frozen=True)
class CaseFilters:
    query: str = ""
    facility: uuid.UUID | None = None
    status: str = "in_custody"
    judgement_level: str = ""
    review: str = ""


def people_visible_to(actor) -> QuerySet[Person]:
    return person_policy.visible_to(actor)


def case_list(actor, filters: CaseFilters) -> QuerySet[Person]:
    people = people_visible_to(actor).select_related("current_facility")
    if filters.query:
        key = name_key(filters.query)
        reference = filters.query.strip().upper()
        people = people.filter(name_key__contains=key) | people.filter(reference=reference)
    if filters.facility:
        people = people.filter(current_facility_id=filters.facility)
    if filters.status == "in_custody":
        people = people.filter(in_custody=True)
    elif filters.status == "released":
        people = people.filter(in_custody=False)
    if filters.judgement_level == "none":
        people = people.filter(judgement_level="")
    elif filters.judgement_level:
        people = people.filter(judgement_level=filters.judgement_level)
    today = timezone.localdate()
    if filters.review == "overdue":
        people = people.filter(next_review_due__lt=today)
    elif filters.review == "due":
        people = people.filter(
            next_review_due__gte=today, next_review_due__lte=today + dt.timedelta(days=30)
        )
    return people.order_by("family_name_latin", "given_name_latin", "id")


def facilities_for(actor) -> QuerySet[Facility]:
    """The facilities an actor may file or move people to: their own jurisdiction's."""
    return Facility.objects.filter(
        organisation__jurisdiction_id=actor.jurisdiction_code, is_active=True
    ).order_by("name")


def filter_facilities_for(actor) -> QuerySet[Facility]:
    """The facilities the case list can narrow to.

    None for staff bound to one facility: their list holds only its people, so offering the
    jurisdiction's other facilities would only lead to empty pages.
    """
    if actor.facility_id:
        return Facility.objects.none()
    return facilities_for(actor)


def placement_history(person: Person) -> QuerySet[Placement]:
    return (
        Placement.objects.filter(episode__person=person)
        .select_related("facility", "episode")
        .order_by("-start_date", "-created_at")
    )
