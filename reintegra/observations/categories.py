"""The behaviour categories observations are recorded under: a versioned, schema-checked data file.

The list is reference data, not code: data/behaviour_categories.yaml, validated against
data/behaviour_categories.schema.json, which refuses any category that names religion, religious
practice, belief or appearance. It is read once per process.
"""

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

CATEGORIES_FILE = Path(__file__).parent / "data" / "behaviour_categories.yaml"
CATEGORIES_SCHEMA = Path(__file__).parent / "data" / "behaviour_categories.schema.json"


class Concern(models.TextChoices):
    ROUTINE = "routine", _("Routine")
    NOTABLE = "notable", _("Notable")
    HIGH = "high", _("High")


class CategoryDataError(ValueError):
    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class BehaviourCategory:
    code: str
    concern: str
    names: dict[str, str]
    retired: bool = False

    @property
    def name(self) -> str:
        language = translation.get_language() or "en"
        return (
            self.names.get(language) or self.names.get(language.split("-")[0]) or self.names["en"]
        )


@dataclass(frozen=True)
class BehaviourCatalogue:
    version: int
    categories: dict[str, BehaviourCategory]

    def get(self, code: str) -> BehaviourCategory | None:
        return self.categories.get(code)

    @property
    def offered(self) -> list[BehaviourCategory]:
        return [category for category in self.categories.values() if not category.retired]


def categories_validate(document: Any) -> list[str]:
    """Every fault in a categories document, each prefixed with its path."""
    schema = json.loads(CATEGORIES_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    errors = []
    for error in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path)):
        where = "/".join(str(part) for part in error.absolute_path) or "(top)"
        if _is_behaviour_only_fault(error):
            errors.append(
                f"{where}: {error.instance!r} mentions religion, belief or appearance; "
                "categories record behaviour only."
            )
        else:
            errors.append(f"{where}: {error.message}")
    if not errors:
        codes = [category["code"] for category in document["categories"]]
        errors += [f"categories: {code!r} appears twice." for code in _duplicates(codes)]
    return errors


def _is_behaviour_only_fault(error: jsonschema.ValidationError) -> bool:
    if error.validator == "not":
        return True
    return any(_is_behaviour_only_fault(cause) for cause in error.context or ())


def _duplicates(codes: list[str]) -> list[str]:
    seen: set[str] = set()
    return [code for code in codes if code in seen or seen.add(code)]  # type: ignore[func-returns-value]


def categories_parse(path: Path = CATEGORIES_FILE) -> BehaviourCatalogue:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    errors = categories_validate(document)
    if errors:
        raise CategoryDataError(errors)
    return BehaviourCatalogue(
        version=document["version"],
        categories={
            item["code"]: BehaviourCategory(
                code=item["code"],
                concern=item["concern"],
                names=item["names"],
                retired=item.get("retired", False),
            )
            for item in document["categories"]
        },
    )


@lru_cache(maxsize=1)
def behaviour_catalogue() -> BehaviourCatalogue:
    return categories_parse()
