import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Max, Min, OuterRef, Q, QuerySet, Subquery

from reintegra.people.models import Person
from reintegra.probation.models import (
    ComplianceStep,
    Condition,
    Contact,
    ContactSchedule,
    ContactStatus,
    RiskReview,
    SupervisionCase,
    SupervisionStatus,
)
from reintegra.probation.permissions import contact_policy, supervision_case_policy


def supervision_people_visible_to(actor) -> QuerySet[Person]:
    return supervision_case_policy.people_visible_to(actor)


def cases_visible_to(actor) -> QuerySet[SupervisionCase]:
    return supervision_case_policy.visible_to(actor).select_related(
        "person", "organisation", "officer", "handover"
    )


def contacts_visible_to(actor) -> QuerySet[Contact]:
    return contact_policy.visible_to(actor).select_related("case__person", "case__organisation")


def _current_frequency() -> Subquery:
    return Subquery(
        ContactSchedule.objects.filter(case=OuterRef("pk"))
        .order_by("-starts_on", "-created_at")
        .values("frequency_days")[:1]
    )


def caseload(actor, today: dt.date) -> QuerySet[SupervisionCase]:
    """The actor's active cases, each with its next planned contact, the contacts whose outcome
    is still to be recorded, the missed ones and the schedule in force: one query."""
    return (
        supervision_case_policy.visible_to(actor)
        .filter(officer_id=actor.user_id, status=SupervisionStatus.ACTIVE)
        .select_related("person")
        .annotate(
            next_contact=Min(
                "contacts__scheduled_for",
                filter=Q(
                    contacts__status=ContactStatus.PLANNED, contacts__scheduled_for__gte=today
                ),
            ),
            awaiting_outcome=Count(
                "contacts",
                filter=Q(contacts__status=ContactStatus.PLANNED, contacts__scheduled_for__lt=today),
            ),
            missed=Count("contacts", filter=Q(contacts__status=ContactStatus.MISSED)),
            last_contact=Max(
                "contacts__scheduled_for",
                filter=Q(contacts__status__in=[ContactStatus.ATTENDED, ContactStatus.MISSED]),
            ),
            frequency_days=_current_frequency(),
        )
        .order_by("person__family_name_latin", "person__given_name_latin", "id")
    )


def contact_due_by(case: SupervisionCase) -> dt.date | None:
    """When the next contact is due: the next one planned, else one schedule interval after the
    last contact (or the start of supervision). None when there is no schedule and none planned."""
    next_contact = getattr(case, "next_contact", None)
    if next_contact is not None:
        return next_contact
    frequency = getattr(case, "frequency_days", None)
    if not frequency:
        return None
    since = getattr(case, "last_contact", None) or case.start_date
    return since + dt.timedelta(days=frequency)


@dataclass(frozen=True)
class CaseContents:
    contacts: list[Contact]
    conditions: list[Condition]
    schedule: ContactSchedule | None
    compliance_steps: list[ComplianceStep]
    risk_reviews: list[RiskReview]


def case_contents(case: SupervisionCase) -> CaseContents:
    """Everything the case page shows, in a fixed number of queries."""
    return CaseContents(
        contacts=list(Contact.objects.filter(case=case).select_related("recorded_by")),
        conditions=list(Condition.objects.filter(case=case)),
        schedule=ContactSchedule.objects.filter(case=case)
        .order_by("-starts_on", "-created_at")
        .select_related("set_by")
        .first(),
        compliance_steps=list(
            ComplianceStep.objects.filter(case=case).select_related("recorded_by")
        ),
        risk_reviews=list(RiskReview.objects.filter(case=case).select_related("reviewed_by")),
    )


def supervision_history(person: Person, organisation_id=None) -> list[SupervisionCase]:
    """The person's cases, newest first; only one service's when `organisation_id` is given."""
    cases = SupervisionCase.objects.filter(person=person)
    if organisation_id is not None:
        cases = cases.filter(organisation_id=organisation_id)
    return list(
        cases.select_related("officer", "organisation").order_by("-start_date", "-created_at")
    )


def contacts_awaiting_outcome(actor, until: dt.date) -> QuerySet[Contact]:
    """Planned contacts on the actor's active cases, up to `until`, oldest first."""
    return (
        Contact.objects.filter(
            case__officer_id=actor.user_id,
            case__organisation_id=actor.organisation_id,
            case__status=SupervisionStatus.ACTIVE,
            status=ContactStatus.PLANNED,
            scheduled_for__lte=until,
        )
        .select_related("case__person")
        .order_by("scheduled_for", "created_at")
    )
