from django.db.models import QuerySet

from reintegra.allocations.models import AllocationDecision, AllocationStatus, Regime
from reintegra.allocations.permissions import allocation_policy
from reintegra.people.models import Person


def allocations_visible_to(actor) -> QuerySet[AllocationDecision]:
    return allocation_policy.visible_to(actor).select_related(
        "person", "regime", "facility", "decided_by", "approver", "supersedes__regime"
    )


def allocation_history(person: Person) -> QuerySet[AllocationDecision]:
    """Every decision about a person, newest first; the caller has checked the person's scope."""
    return (
        AllocationDecision.objects.filter(person=person)
        .select_related("regime", "facility", "decided_by", "approver")
        .order_by("-decided_at", "-created_at")
    )


def allocation_in_force(person: Person) -> AllocationDecision | None:
    return (
        AllocationDecision.objects.filter(person=person, status=AllocationStatus.APPROVED)
        .order_by("-approver_decided_at")
        .first()
    )


def regimes_offered(jurisdiction_id: str) -> QuerySet[Regime]:
    return Regime.objects.filter(jurisdiction_id=jurisdiction_id, is_active=True).order_by(
        "position", "code"
    )
