"""How to make one object of each scoped model, with the personas who may and may not see it.

Every view marked with `scoped_object("app.Model")` is probed with the case registered here for
its model. A new route on a known model is covered at once; a new model needs one case below,
and the probe fails, naming the model, until it has one.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reintegra.accounts.actor import actor_for_user
from reintegra.accounts.models import User
from reintegra.audit.models import Category
from reintegra.audit.services import record


@dataclass(frozen=True)
class ScopeCase:
    obj: Any
    marker: str  # text the insider's page shows and no outsider's page may
    insider: User
    other_jurisdiction: User
    unrelated_organisation: User


SCOPE_CASES: dict[str, Callable[[Any], ScopeCase]] = {}


def scope_case(
    model_label: str,
) -> Callable[[Callable[[Any], ScopeCase]], Callable[[Any], ScopeCase]]:
    def register(build: Callable[[Any], ScopeCase]) -> Callable[[Any], ScopeCase]:
        SCOPE_CASES[model_label] = build
        return build

    return register


@scope_case("accounts.User")
def colleague(personas: Any) -> ScopeCase:
    return ScopeCase(
        obj=personas.specialist,
        marker=personas.specialist.email,
        insider=personas.officer,
        other_jurisdiction=personas.outsider,
        unrelated_organisation=personas.unrelated,
    )


@scope_case("audit.ProcessingLogEntry")
def log_entry(personas: Any) -> ScopeCase:
    entry = record(
        actor=actor_for_user(personas.specialist),
        category=Category.CONSULTATION,
        action="probe.view",
        subjects=["00000000-0000-0000-0000-00000000000a"],
    )
    return ScopeCase(
        obj=entry,
        marker=entry.hash,
        insider=personas.auditor,
        other_jurisdiction=personas.outsider_auditor,
        unrelated_organisation=personas.unrelated,
    )


@scope_case("people.Person")
def person(personas: Any) -> ScopeCase:
    from reintegra.people.tests.factories import PersonFactory, admitted

    held = admitted(PersonFactory(family_name="Scopetestperson"), personas.facility_a)
    return ScopeCase(
        obj=held,
        marker="Scopetestperson",
        insider=personas.supervisor,
        other_jurisdiction=personas.outsider,
        unrelated_organisation=personas.unrelated,
    )
