"""Who sees and keeps regional events.

Regional events span jurisdictions and belong to the regional programme: its team (the regional
programme role) plans them, records participants, minutes, outcomes and documents, and publishes
them. The training managers of a jurisdiction taking part read the event (its participants
included), because they follow up its recommendations at home; they see no event their
jurisdiction does not take part in. Nobody else sees regional events except as published pages.
"""

import rules
from django.db.models import QuerySet

from reintegra.core.policy import Policy
from reintegra.core.roles import Role
from reintegra.regional.models import EventDocument, Outcome, RegionalEvent

KEEPERS = frozenset({Role.REGIONAL_PROGRAMME})
PARTICIPATING_READERS = frozenset({Role.TRAINING_MANAGER})


@rules.predicate
def reads_regional(actor) -> bool:
    return actor.role in KEEPERS or actor.role in PARTICIPATING_READERS


@rules.predicate
def keeps_regional(actor) -> bool:
    return actor.role in KEEPERS


def events_in_scope(actor) -> QuerySet[RegionalEvent]:
    if actor is None:
        return RegionalEvent.objects.none()
    if actor.role in KEEPERS:
        return RegionalEvent.objects.all()
    if actor.role in PARTICIPATING_READERS and actor.jurisdiction_code:
        return RegionalEvent.objects.filter(jurisdictions__code=actor.jurisdiction_code)
    return RegionalEvent.objects.none()


class RegionalEventPolicy(Policy[RegionalEvent]):
    model = RegionalEvent
    rules = rules.RuleSet({"view": reads_regional, "manage": keeps_regional})

    def visible_to(self, actor) -> QuerySet[RegionalEvent]:
        if not self.allows(actor, "view"):
            return RegionalEvent.objects.none()
        return events_in_scope(actor)


class OutcomePolicy(Policy[Outcome]):
    model = Outcome
    rules = rules.RuleSet({"view": reads_regional, "manage": keeps_regional})

    def visible_to(self, actor) -> QuerySet[Outcome]:
        if not self.allows(actor, "view"):
            return Outcome.objects.none()
        return Outcome.objects.filter(event__in=events_in_scope(actor))


class EventDocumentPolicy(Policy[EventDocument]):
    model = EventDocument
    rules = rules.RuleSet({"view": reads_regional, "manage": keeps_regional})

    def visible_to(self, actor) -> QuerySet[EventDocument]:
        if not self.allows(actor, "view"):
            return EventDocument.objects.none()
        return EventDocument.objects.filter(event__in=events_in_scope(actor))


event_policy = RegionalEventPolicy()
outcome_policy = OutcomePolicy()
document_policy = EventDocumentPolicy()
