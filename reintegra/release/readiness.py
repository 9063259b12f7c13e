"""The standard readiness checklist, read from data/readiness.yaml and checked by its schema."""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from reintegra.release.models import Pathway

READINESS_FILE = Path(__file__).parent / "data" / "readiness.yaml"
READINESS_SCHEMA = Path(__file__).parent / "data" / "readiness.schema.json"


class ReadinessDataError(ValueError):
    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class StandardItem:
    pathway: str
    code: str
    labels: dict[str, str]


def readiness_validate(document: Any) -> list[str]:
    """Every fault in a checklist document, each prefixed with its path."""
    schema = json.loads(READINESS_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    errors = [
        f"{'/'.join(str(part) for part in error.absolute_path) or '(top)'}: {error.message}"
        for error in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    ]
    if errors:
        return errors
    codes = [item["code"] for items in document["pathways"].values() for item in items]
    return [
        f"pathways: item {code!r} is listed twice."
        for code in sorted({code for code in codes if codes.count(code) > 1})
    ]


def readiness_parse(path: Path) -> list[StandardItem]:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    errors = readiness_validate(document)
    if errors:
        raise ReadinessDataError(errors)
    # The plan shows the pathways in their own order, whatever order the file lists them in.
    return [
        StandardItem(pathway=pathway, code=item["code"], labels=dict(item["labels"]))
        for pathway in Pathway.values
        for item in document["pathways"][pathway]
    ]


@cache
def standard_checklist() -> tuple[StandardItem, ...]:
    return tuple(readiness_parse(READINESS_FILE))
