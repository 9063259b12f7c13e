"""Reading an instrument file and finding every fault in it, each with its path in the file.

Three layers, reported together so that one run of `validate_instrument` lists everything to fix:
YAML syntax (line and column), the published JSON Schema, and the cross-references the schema
cannot express (unique codes, known axes and needs, complete translations).
"""

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml
from django.core.exceptions import ValidationError

from reintegra.core.validators import reject_control_characters

SCHEMA_FILE = Path(__file__).parent / "schema" / "instrument.schema.json"
LANGUAGES = ("en", "sq", "bs", "hr", "sr", "sr-latn", "mk", "cnr")
# The rater's "not enough information to rate" is its own state, never an option on a scale.
NO_INFORMATION = "no_information"

PathPart = str | int


@dataclass(frozen=True)
class Problem:
    path: tuple[PathPart, ...]
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f" (line {self.line})" if self.line else ""
        return f"{format_path(self.path)}: {self.message}{where}"


def format_path(path: tuple[PathPart, ...]) -> str:
    """`domains[2].items[0].axes[1]`, the way a reader finds the place in the YAML."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"


# --- YAML -----------------------------------------------------------------------------------------


class _InstrumentLoader(yaml.SafeLoader):
    """YAML 1.2 scalars and no silent overwrites.

    PyYAML follows YAML 1.1, where `no`, `yes`, `on` and `off` are booleans: a scale value written
    `no` would silently become False. Here only true/false are booleans, dates stay text, and a
    key given twice in one mapping is an error instead of the last one quietly winning. Aliases
    (`*name`) are refused: a recursive or exponentially nested alias would hang the checks, and an
    instrument reads better with every text written where it applies.
    """

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            raise yaml.composer.ComposerError(
                None,
                None,
                "aliases (*name) are not allowed in instrument files; write the value out",
                self.peek_event().start_mark,
            )
        return super().compose_node(parent, index)


_InstrumentLoader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_InstrumentLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


def _construct_mapping(
    loader: _InstrumentLoader, node: yaml.MappingNode, deep: bool = False
) -> dict[Any, Any]:
    seen: dict[Any, yaml.Mark] = {}
    for key_node, _value_node in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if isinstance(key, str) and key in seen:
            raise yaml.constructor.ConstructorError(
                "while reading a mapping",
                node.start_mark,
                f"the key '{key}' appears twice (first on line {seen[key].line + 1})",
                key_node.start_mark,
            )
        if isinstance(key, str):
            seen[key] = key_node.start_mark
    return loader.construct_mapping(node, deep=deep)


_InstrumentLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping
)


@dataclass
class ParsedFile:
    document: Any = None
    problems: list[Problem] = field(default_factory=list)
    # Path in the document -> line in the file, so schema and reference faults can say where.
    lines: dict[tuple[PathPart, ...], int] = field(default_factory=dict)


def parse_yaml(text: str) -> ParsedFile:
    loader = _InstrumentLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return ParsedFile(problems=[Problem((), "the file is empty")])
        document = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "YAML"
        problem = exc.problem or exc.context or "invalid YAML"
        return ParsedFile(problems=[Problem((), f"{where}: {problem}")])
    except yaml.YAMLError as exc:
        return ParsedFile(problems=[Problem((), f"invalid YAML: {exc}")])
    finally:
        loader.dispose()
    lines: dict[tuple[PathPart, ...], int] = {}
    _index_lines(node, (), lines)
    return ParsedFile(document=document, lines=lines)


def _index_lines(
    node: yaml.Node, path: tuple[PathPart, ...], lines: dict[tuple[PathPart, ...], int]
) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                _index_lines(value_node, (*path, key_node.value), lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, child in enumerate(node.value):
            _index_lines(child, (*path, index), lines)


def read_file(path: Path) -> ParsedFile:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ParsedFile(problems=[Problem((), f"no such file: {path}")])
    except (OSError, UnicodeDecodeError) as exc:
        return ParsedFile(problems=[Problem((), f"cannot read {path}: {exc}")])
    return parse_yaml(text)


# --- Schema and cross-references ------------------------------------------------------------------


@cache
def _validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def find_problems(document: Any) -> list[Problem]:
    """Schema faults first; the cross-reference checks run only on a document the schema accepts,
    since on a malformed one they would mostly repeat the same faults in other words."""
    problems = [
        Problem(tuple(error.absolute_path), _schema_message(error))
        for error in _validator().iter_errors(document)
    ]
    if not problems:
        problems = list(_reference_problems(document))
    return _deduplicated(problems)


def _schema_message(error: jsonschema.ValidationError) -> str:
    if error.validator == "type":
        expected = error.validator_value
        names = [str(name) for name in (expected if isinstance(expected, list) else [expected])]
        wanted = " or ".join(_TYPE_NAMES.get(name, name) for name in names)
        return f"must be {wanted}, not {_kind(error.instance)}"
    if error.validator == "enum" and isinstance(error.instance, str | int | float | bool):
        allowed = ", ".join(repr(value) for value in error.validator_value)
        return f"{error.instance!r} is not one of {allowed}"
    if error.validator == "pattern" and isinstance(error.instance, str):
        return f"{error.instance!r} is not a valid {_pattern_name(error)}"
    message = error.message
    return message if len(message) <= 300 else message[:297] + "..."


def _pattern_name(error: jsonschema.ValidationError) -> str:
    if error.absolute_path and error.absolute_path[-1] == "version":
        return "version (expected MAJOR.MINOR.PATCH, e.g. 1.0.0)"
    return "code (lower-case letters, digits, '-' and '_', starting with a letter)"


_TYPE_NAMES = {
    "object": "a mapping",
    "array": "a list",
    "string": "text",
    "boolean": "true or false",
    "integer": "a whole number",
    "number": "a number",
}


def _kind(value: Any) -> str:
    return {
        dict: "a mapping",
        list: "a list",
        str: "text",
        bool: "true/false",
        int: "a number",
        float: "a number",
        type(None): "empty",
    }.get(type(value), type(value).__name__)


def _deduplicated(problems: list[Problem]) -> list[Problem]:
    seen: set[tuple[tuple[PathPart, ...], str]] = set()
    unique = []
    for problem in problems:
        key = (problem.path, problem.message)
        if key not in seen:
            seen.add(key)
            unique.append(problem)
    return unique


def walk_domains(
    domains: list[dict[str, Any]], path: tuple[PathPart, ...] = ("domains",)
) -> Iterator[tuple[tuple[PathPart, ...], dict[str, Any]]]:
    """Every domain at every depth, in document order, with its path."""
    for index, domain in enumerate(domains):
        domain_path = (*path, index)
        yield domain_path, domain
        yield from walk_domains(domain.get("domains", []), (*domain_path, "domains"))


def walk_items(
    document: dict[str, Any],
) -> Iterator[tuple[tuple[PathPart, ...], dict[str, Any]]]:
    for domain_path, domain in walk_domains(document["domains"]):
        for index, item in enumerate(domain.get("items", [])):
            yield (*domain_path, "items", index), item


def _reference_problems(document: dict[str, Any]) -> Iterator[Problem]:
    axes = document["rating_axes"]
    need_codes = {need["code"] for need in document.get("needs", [])}

    yield from _duplicates(
        ((("needs", i, "code"), need["code"]) for i, need in enumerate(document.get("needs", []))),
        "need code",
    )
    for axis_code, axis in axes.items():
        yield from _duplicates(
            (
                (("rating_axes", axis_code, "scale", i, "value"), option["value"])
                for i, option in enumerate(axis["scale"])
            ),
            "scale value",
        )
        for i, option in enumerate(axis["scale"]):
            if option["value"] == NO_INFORMATION:
                yield Problem(
                    ("rating_axes", axis_code, "scale", i, "value"),
                    f"'{NO_INFORMATION}' is reserved; set allows_no_information: true instead",
                )
    levels = document["judgement"].get("levels", [])
    yield from _duplicates(
        ((("judgement", "levels", i, "value"), level["value"]) for i, level in enumerate(levels)),
        "judgement level",
    )
    yield from _duplicates(
        (((*path, "code"), domain["code"]) for path, domain in walk_domains(document["domains"])),
        "domain code",
    )
    # The schema already ensures at least one item: every domain needs items or sub-domains.
    items = list(walk_items(document))
    yield from _duplicates((((*path, "code"), item["code"]) for path, item in items), "item code")

    used_axes: set[str] = set()
    for path, item in items:
        for i, axis_code in enumerate(item["axes"]):
            used_axes.add(axis_code)
            if axis_code not in axes:
                yield Problem((*path, "axes", i), f"unknown rating axis '{axis_code}'")
        for i, need_code in enumerate(item.get("needs", [])):
            if need_code not in need_codes:
                yield Problem((*path, "needs", i), f"unknown need '{need_code}'")
    for axis_code in axes:
        if axis_code not in used_axes:
            yield Problem(("rating_axes", axis_code), "no item is rated on this axis")

    languages = document["languages"]
    if "en" not in languages:
        yield Problem(("languages",), "must include 'en'")
    for path, text in _texts(document):
        for language in languages:
            if language not in text:
                yield Problem(path, f"missing the '{language}' text")
        for language, value in text.items():
            try:
                reject_control_characters(value)
            except ValidationError:
                yield Problem((*path, language), "contains invisible control characters")


def _duplicates(
    entries: Iterator[tuple[tuple[PathPart, ...], str]], what: str
) -> Iterator[Problem]:
    first_seen: dict[str, tuple[PathPart, ...]] = {}
    for path, code in entries:
        if code in first_seen:
            first = format_path(first_seen[code])
            yield Problem(path, f"duplicate {what} '{code}' (first used at {first})")
        else:
            first_seen[code] = path


def _texts(document: dict[str, Any]) -> Iterator[tuple[tuple[PathPart, ...], dict[str, str]]]:
    """Every per-language text object in the document, with its path."""

    def own(
        obj: dict[str, Any], path: tuple[PathPart, ...], keys: tuple[str, ...]
    ) -> Iterator[tuple[tuple[PathPart, ...], dict[str, str]]]:
        for key in keys:
            if key in obj:
                yield (*path, key), obj[key]

    text_keys = ("name", "label", "description", "guidance", "notice")
    yield from own(document, (), text_keys)
    for axis_code, axis in document["rating_axes"].items():
        yield from own(axis, ("rating_axes", axis_code), text_keys)
        for i, option in enumerate(axis["scale"]):
            yield from own(option, ("rating_axes", axis_code, "scale", i), text_keys)
    for i, need in enumerate(document.get("needs", [])):
        yield from own(need, ("needs", i), text_keys)
    for key in ("levels", "outcomes"):
        for i, option in enumerate(document["judgement"].get(key, [])):
            yield from own(option, ("judgement", key, i), text_keys)
    for path, domain in walk_domains(document["domains"]):
        yield from own(domain, path, text_keys)
        for i, item in enumerate(domain.get("items", [])):
            yield from own(item, (*path, "items", i), text_keys)
