"""Loading each jurisdiction's regimes and placements from data/regimes.yaml (idempotent)."""

import json
from pathlib import Path
from typing import Any

import jsonschema
import yaml
from django.db import transaction

from reintegra.allocations.models import Regime
from reintegra.organisations.models import Jurisdiction

REGIMES_FILE = Path(__file__).parent / "data" / "regimes.yaml"
REGIMES_SCHEMA = Path(__file__).parent / "data" / "regimes.schema.json"


class RegimeDataError(ValueError):
    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = errors


def regimes_validate(document: Any) -> list[str]:
    """Every fault in a regimes document, each prefixed with its path."""
    schema = json.loads(REGIMES_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    errors = [
        f"{'/'.join(str(part) for part in error.absolute_path) or '(top)'}: {error.message}"
        for error in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    ]
    if errors:
        return errors
    seen: set[str] = set()
    for position, item in enumerate(document["jurisdictions"]):
        if item["code"] in seen:
            errors.append(f"jurisdictions/{position}: {item['code']} is listed twice.")
        seen.add(item["code"])
        codes = [regime["code"] for regime in item["regimes"]]
        errors += [
            f"jurisdictions/{position}: regime {code!r} is listed twice."
            for code in sorted({code for code in codes if codes.count(code) > 1})
        ]
    return errors


@transaction.atomic
def regimes_load(path: Path = REGIMES_FILE) -> dict[str, int]:
    """Creates or updates every listed regime; a regime no longer listed is deactivated."""
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    errors = regimes_validate(document)
    known = set(Jurisdiction.objects.values_list("code", flat=True))
    errors += [
        f"jurisdictions: {item['code']} is not a known jurisdiction "
        "(load the reference data first)."
        for item in (document or {}).get("jurisdictions", [])
        if isinstance(item, dict) and item.get("code") not in known
    ]
    if errors:
        raise RegimeDataError(errors)
    loaded = deactivated = 0
    for item in document["jurisdictions"]:
        codes = []
        for position, regime in enumerate(item["regimes"]):
            Regime.objects.update_or_create(
                jurisdiction_id=item["code"],
                code=regime["code"],
                defaults={
                    "name": regime["names"]["en"],
                    "names": regime["names"],
                    "position": position,
                    "is_active": True,
                },
            )
            codes.append(regime["code"])
            loaded += 1
        deactivated += (
            Regime.objects.filter(jurisdiction_id=item["code"], is_active=True)
            .exclude(code__in=codes)
            .update(is_active=False)
        )
    return {"regimes": loaded, "deactivated": deactivated}
