"""The read API other apps use: a loaded instrument definition as a tree of frozen dataclasses.

Built from `InstrumentVersion.definition` (a document the validator accepted and the loader
normalised), so it trusts the document's shape. Order never depends on mapping keys, since
PostgreSQL's jsonb does not keep them in order: items follow the domain tree (a domain's own items
before its sub-domains'), and axes follow the order in which items first name them.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from django.utils import translation

from reintegra.instruments.validation import NO_INFORMATION

Text = Mapping[str, str]
_EMPTY_TEXT: Text = MappingProxyType({})


def text(obj: Text | None, language: str | None = None) -> str:
    """The text in `language` (default: the active language), else English, else empty."""
    if not obj:
        return ""
    language = (language or translation.get_language() or "en").lower().replace("_", "-")
    return obj.get(language) or obj.get("en") or ""


def _text(data: Mapping[str, Any], key: str) -> Text:
    value = data.get(key)
    return MappingProxyType(dict(value)) if value else _EMPTY_TEXT


@dataclass(frozen=True)
class Option:
    """One choice: a scale point of an axis, a judgement level or a screening outcome."""

    value: str
    label: Text
    description: Text = field(default_factory=lambda: _EMPTY_TEXT)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Option":
        return cls(
            value=data["value"], label=_text(data, "label"), description=_text(data, "description")
        )


@dataclass(frozen=True)
class RatingAxis:
    code: str
    name: Text
    description: Text
    scale: tuple[Option, ...]
    allows_no_information: bool

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(option.value for option in self.scale)

    def option(self, value: str) -> Option:
        for option in self.scale:
            if option.value == value:
                return option
        raise KeyError(f"axis '{self.code}' has no scale value '{value}'")

    def accepts(self, value: str) -> bool:
        """Whether `value` is a rating this axis allows, counting the no-information state."""
        return value in self.values or (value == NO_INFORMATION and self.allows_no_information)


@dataclass(frozen=True)
class Need:
    code: str
    name: Text
    description: Text = field(default_factory=lambda: _EMPTY_TEXT)


@dataclass(frozen=True)
class Item:
    code: str
    name: Text
    guidance: Text
    axes: tuple[str, ...]
    required: bool
    protective: bool
    needs: tuple[str, ...]
    # Codes of the enclosing domains, outermost first; the last one is the item's own domain.
    domain_path: tuple[str, ...]

    @property
    def domain(self) -> str:
        return self.domain_path[-1]


@dataclass(frozen=True)
class Domain:
    code: str
    name: Text
    description: Text
    guidance: Text
    items: tuple[Item, ...]
    domains: tuple["Domain", ...]
    # Codes from the outermost domain down to and including this one.
    path: tuple[str, ...]

    @property
    def depth(self) -> int:
        return len(self.path)

    @property
    def all_items(self) -> tuple[Item, ...]:
        return self.items + tuple(item for sub in self.domains for item in sub.all_items)

    @classmethod
    def from_json(cls, data: Mapping[str, Any], parent: tuple[str, ...] = ()) -> "Domain":
        path = (*parent, data["code"])
        return cls(
            code=data["code"],
            name=_text(data, "name"),
            description=_text(data, "description"),
            guidance=_text(data, "guidance"),
            items=tuple(
                Item(
                    code=item["code"],
                    name=_text(item, "name"),
                    guidance=_text(item, "guidance"),
                    axes=tuple(item["axes"]),
                    required=item.get("required", True),
                    protective=item.get("protective", False),
                    needs=tuple(item.get("needs", ())),
                    domain_path=path,
                )
                for item in data.get("items", ())
            ),
            domains=tuple(cls.from_json(sub, path) for sub in data.get("domains", ())),
            path=path,
        )


@dataclass(frozen=True)
class InstrumentDefinition:
    code: str
    version: str
    kind: str
    status: str
    name: Text
    description: Text
    notice: Text
    source: str
    licence: str
    languages: tuple[str, ...]
    axes: Mapping[str, RatingAxis]
    needs: tuple[Need, ...]
    domains: tuple[Domain, ...]
    judgement_levels: tuple[Option, ...]
    screening_outcomes: tuple[Option, ...]
    requires_rationale: bool
    items: tuple[Item, ...] = field(init=False)
    _items_by_code: Mapping[str, Item] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        items = tuple(item for domain in self.domains for item in domain.all_items)
        object.__setattr__(self, "items", items)
        object.__setattr__(self, "_items_by_code", {item.code: item for item in items})

    @property
    def protective_items(self) -> tuple[Item, ...]:
        return tuple(item for item in self.items if item.protective)

    @property
    def risk_items(self) -> tuple[Item, ...]:
        return tuple(item for item in self.items if not item.protective)

    @property
    def all_domains(self) -> tuple[Domain, ...]:
        """Every domain at every depth, parents before their sub-domains."""

        def flatten(domains: tuple[Domain, ...]) -> tuple[Domain, ...]:
            return tuple(d for domain in domains for d in (domain, *flatten(domain.domains)))

        return flatten(self.domains)

    def item(self, code: str) -> Item:
        try:
            return self._items_by_code[code]
        except KeyError:
            raise KeyError(f"{self.code} {self.version} has no item '{code}'") from None

    def domain(self, code: str) -> Domain:
        for domain in self.all_domains:
            if domain.code == code:
                return domain
        raise KeyError(f"{self.code} {self.version} has no domain '{code}'")

    def need(self, code: str) -> Need:
        for need in self.needs:
            if need.code == code:
                return need
        raise KeyError(f"{self.code} {self.version} has no need '{code}'")

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "InstrumentDefinition":
        domains = tuple(Domain.from_json(domain) for domain in data["domains"])
        axis_order: list[str] = []
        for domain in domains:
            for item in domain.all_items:
                axis_order.extend(code for code in item.axes if code not in axis_order)
        axes_data = data["rating_axes"]
        axis_order.extend(sorted(code for code in axes_data if code not in axis_order))
        judgement = data.get("judgement", {})
        return cls(
            code=data["code"],
            version=data["version"],
            kind=data["kind"],
            status=data["status"],
            name=_text(data, "name"),
            description=_text(data, "description"),
            notice=_text(data, "notice"),
            source=data.get("source", ""),
            licence=data.get("licence", ""),
            languages=tuple(data["languages"]),
            axes=MappingProxyType(
                {
                    code: RatingAxis(
                        code=code,
                        name=_text(axes_data[code], "name"),
                        description=_text(axes_data[code], "description"),
                        scale=tuple(Option.from_json(o) for o in axes_data[code]["scale"]),
                        allows_no_information=axes_data[code]["allows_no_information"],
                    )
                    for code in axis_order
                }
            ),
            needs=tuple(
                Need(
                    code=need["code"],
                    name=_text(need, "name"),
                    description=_text(need, "description"),
                )
                for need in data.get("needs", ())
            ),
            domains=domains,
            judgement_levels=tuple(Option.from_json(o) for o in judgement.get("levels", ())),
            screening_outcomes=tuple(Option.from_json(o) for o in judgement.get("outcomes", ())),
            requires_rationale=judgement.get("requires_rationale", True),
        )
