"""Every route of the URL configuration, as the scope and header probes see them."""

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter, UUIDConverter
from django.utils import translation

OBJECT_CONVERTERS = (IntConverter, UUIDConverter)


@dataclass(frozen=True)
class Route:
    name: str
    pattern: str
    callback: Any
    converters: dict[str, Any] = field(default_factory=dict)
    regex_groups: tuple[str, ...] = ()

    @property
    def is_wagtail(self) -> bool:
        return getattr(self.callback, "__module__", "").startswith("wagtail")

    @property
    def object_kwargs(self) -> list[str]:
        return [
            name for name, conv in self.converters.items() if isinstance(conv, OBJECT_CONVERTERS)
        ]

    @property
    def scoped_model(self) -> str | None:
        return getattr(self.callback, "scoped_model", None)

    @property
    def scoped_kwarg(self) -> str:
        return getattr(self.callback, "scoped_kwarg", "pk")

    def url(self, **kwargs: Any) -> str:
        """Reverses the route in English, filling any missing argument with a harmless dummy."""
        if not self.name:
            # An unnamed route without arguments is its own literal path.
            return "/" + self.pattern.lstrip("^").rstrip("$").replace("\\", "")
        with translation.override("en"):
            names = list(self.converters) + list(self.regex_groups)
            for dummy in ("1", "x", str(uuid.uuid4())):
                values = {
                    name: kwargs.get(name, _dummy(self.converters.get(name), dummy))
                    for name in names
                }
                try:
                    return reverse(self.name, kwargs=values or None)
                except NoReverseMatch:
                    continue
        raise NoReverseMatch(self.name)


def _dummy(converter: Any, fallback: str) -> Any:
    if isinstance(converter, UUIDConverter):
        return uuid.uuid4()
    if isinstance(converter, IntConverter):
        return 1
    return fallback


def all_routes() -> list[Route]:
    return list(_walk(get_resolver().url_patterns, "", None, {}))


def _walk(
    patterns: list[Any], prefix: str, namespace: str | None, converters: dict[str, Any]
) -> Iterator[Route]:
    for entry in patterns:
        pattern_converters = {**converters, **getattr(entry.pattern, "converters", {})}
        if isinstance(entry, URLResolver):
            inner_namespace = ":".join(filter(None, [namespace, entry.namespace])) or None
            yield from _walk(
                entry.url_patterns, prefix + str(entry.pattern), inner_namespace, pattern_converters
            )
        elif isinstance(entry, URLPattern):
            regex = getattr(entry.pattern, "regex", None)
            groups = tuple(regex.groupindex) if regex is not None and not pattern_converters else ()
            name = f"{namespace}:{entry.name}" if namespace and entry.name else (entry.name or "")
            yield Route(
                name=name,
                pattern=prefix + str(entry.pattern),
                callback=entry.callback,
                converters=pattern_converters,
                regex_groups=groups,
            )
