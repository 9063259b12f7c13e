import json
from pathlib import Path
from typing import Any

import jsonschema
import yaml
from django.db import transaction

from reintegra.organisations.models import Jurisdiction, OrganisationType

REFERENCE_FILE = Path(__file__).parent / "data" / "reference.yaml"
REFERENCE_SCHEMA = Path(__file__).parent / "data" / "reference.schema.json"


class ReferenceDataError(ValueError):
    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = errors


def reference_data_validate(document: Any) -> list[str]:
    """Every schema fault, each prefixed with its path in the document."""
    schema = json.loads(REFERENCE_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    return [
        f"{'/'.join(str(part) for part in error.absolute_path) or '(top)'}: {error.message}"
        for error in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    ]


@transaction.atomic
def reference_data_load(path: Path = REFERENCE_FILE) -> dict[str, int]:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    errors = reference_data_validate(document)
    if errors:
        raise ReferenceDataError(errors)
    for item in document["jurisdictions"]:
        Jurisdiction.objects.update_or_create(
            code=item["code"],
            defaults={
                "name": item["name"],
                "names": item["names"],
                "official_languages": item["official_languages"],
                "scripts": item["scripts"],
                "footnote": item.get("footnote", ""),
            },
        )
    for item in document["organisation_types"]:
        OrganisationType.objects.update_or_create(
            code=item["code"],
            defaults={
                "name": item["name"],
                "names": item["names"],
                "is_partner": item.get("is_partner", False),
            },
        )
    return {
        "jurisdictions": len(document["jurisdictions"]),
        "organisation_types": len(document["organisation_types"]),
    }
