"""Scope cases for regional events: the insider is a training manager of jurisdiction A, which
takes part in the event; jurisdiction B does not, so its staff must not see it."""

import datetime as dt
from typing import Any

from django.utils import timezone

from reintegra.accounts.tests.factories import MembershipFactory, UserFactory
from reintegra.core.roles import Role
from reintegra.organisations.models import Jurisdiction
from reintegra.regional.models import (
    EventDocument,
    Outcome,
    OutcomeKind,
    RegionalEvent,
    RegionalEventKind,
)
from tests.scope_cases import ScopeCase, scope_case


def _event(personas: Any) -> tuple[RegionalEvent, Any]:
    manager = UserFactory(username="scope_regional_manager")
    MembershipFactory(user=manager, organisation=personas.prisons_a, role=Role.TRAINING_MANAGER)
    starts = timezone.make_aware(dt.datetime(2026, 5, 12, 9, 0))
    event = RegionalEvent.objects.create(
        kind=RegionalEventKind.WORKING_GROUP,
        title="Probe working group of jurisdiction A",
        summary="A probe event.",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=6),
        created_by=personas.supervisor,
    )
    event.jurisdictions.set([Jurisdiction.objects.get(code="AL")])
    return event, manager


def _case(obj: Any, marker: str, insider: Any, personas: Any) -> ScopeCase:
    return ScopeCase(
        obj=obj,
        marker=marker,
        insider=insider,
        other_jurisdiction=personas.outsider,
        unrelated_organisation=personas.unrelated,
    )


@scope_case("regional.RegionalEvent")
def regional_event(personas: Any) -> ScopeCase:
    event, manager = _event(personas)
    return _case(event, event.title, manager, personas)


@scope_case("regional.Outcome")
def regional_outcome(personas: Any) -> ScopeCase:
    event, manager = _event(personas)
    outcome = Outcome.objects.create(
        event=event, kind=OutcomeKind.RECOMMENDATION, text="Probe recommendation on referrals"
    )
    return _case(outcome, outcome.text, manager, personas)


@scope_case("regional.EventDocument")
def regional_document(personas: Any) -> ScopeCase:
    from django.core.files.base import ContentFile

    event, manager = _event(personas)
    document = EventDocument(
        event=event,
        title="Probe minutes",
        file_type="pdf",
        size=9,
        uploaded_by=personas.supervisor,
    )
    document.file.save("probe.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    document.save()
    return _case(document, "Probe minutes", manager, personas)
