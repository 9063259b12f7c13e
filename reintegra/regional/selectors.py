"""Scoped reads of regional events: every queryset starts from the actor's policy."""

from django.db.models import Count, Q, QuerySet

from reintegra.organisations.models import Organisation
from reintegra.regional.models import EventDocument, EventParticipant, Outcome, RegionalEvent
from reintegra.regional.permissions import document_policy, event_policy, outcome_policy


def events_visible_to(actor) -> QuerySet[RegionalEvent]:
    return (
        event_policy.visible_to(actor)
        .prefetch_related("jurisdictions")
        .annotate(
            participant_count=Count("participants", distinct=True),
            open_follow_ups=Count(
                "outcomes",
                filter=Q(outcomes__follow_up__in=["open", "in_progress"]),
                distinct=True,
            ),
        )
    )


def outcomes_visible_to(actor) -> QuerySet[Outcome]:
    return outcome_policy.visible_to(actor).select_related("event")


def documents_visible_to(actor) -> QuerySet[EventDocument]:
    return document_policy.visible_to(actor).select_related("event")


def event_participants(event: RegionalEvent) -> list[EventParticipant]:
    return list(
        event.participants.select_related("organisation__jurisdiction").order_by("full_name")
    )


def public_participants(event: RegionalEvent) -> list[EventParticipant]:
    """The only participants any public output may name: those who consented."""
    return list(
        event.participants.filter(listed_publicly=True)
        .select_related("organisation")
        .order_by("full_name")
    )


def participant_organisations(event: RegionalEvent) -> QuerySet[Organisation]:
    """Organisations of the participating jurisdictions, and regional bodies."""
    return (
        Organisation.objects.filter(is_active=True)
        .filter(Q(jurisdiction__in=event.jurisdictions.all()) | Q(jurisdiction__isnull=True))
        .order_by("name")
    )
