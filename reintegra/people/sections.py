"""Where later steps of the pathway add their part to a person's page.

An app registers a section builder in its AppConfig.ready(); the builder returns the template and
context of its section, or None when the actor's role may not see it. This app imports none of them.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PersonSection:
    order: int
    template: str
    context: dict[str, Any]


SectionBuilder = Callable[[Any, Any], PersonSection | None]
_builders: list[SectionBuilder] = []


def register_person_section(builder: SectionBuilder) -> SectionBuilder:
    if builder not in _builders:
        _builders.append(builder)
    return builder


def person_sections(actor: Any, person: Any) -> list[PersonSection]:
    sections = [section for build in _builders if (section := build(actor, person)) is not None]
    return sorted(sections, key=lambda section: section.order)
