"""Small instrument documents for tests, built fresh each time so a test may change its copy."""

from pathlib import Path
from typing import Any

import yaml

SHAPES_DIR = Path(__file__).parent / "shapes"


def en(text: str) -> dict[str, str]:
    return {"en": text}


def minimal_document() -> dict[str, Any]:
    """An SPJ instrument with a nested domain, two axes, needs and one protective item."""
    return {
        "schema_version": 1,
        "code": "test-spj",
        "version": "1.0.0",
        "kind": "spj",
        "status": "validated",
        "name": {"en": "Test guide", "sq": "Udhëzues prove"},
        "languages": ["en"],
        "rating_axes": {
            "presence": {
                "name": en("Presence"),
                "scale": [
                    {"value": "absent", "label": en("Absent")},
                    {"value": "present", "label": en("Present")},
                ],
                "allows_no_information": True,
            },
            "relevance": {
                "name": en("Relevance"),
                "scale": [
                    {"value": "low", "label": en("Low")},
                    {"value": "high", "label": en("High")},
                ],
                "allows_no_information": False,
            },
        },
        "needs": [
            {"code": "housing", "name": en("Housing")},
            {"code": "work", "name": en("Work")},
        ],
        "judgement": {
            "levels": [
                {"value": "low", "label": en("Low")},
                {"value": "high", "label": en("High")},
            ],
            "requires_rationale": True,
        },
        "domains": [
            {
                "code": "outer",
                "name": en("Outer"),
                "domains": [
                    {
                        "code": "inner",
                        "name": en("Inner"),
                        "items": [
                            {"code": "c", "name": en("C"), "axes": ["presence"]},
                        ],
                    }
                ],
                "items": [
                    {
                        "code": "a",
                        "name": en("A"),
                        "axes": ["relevance", "presence"],
                        "needs": ["housing"],
                    },
                    {"code": "b", "name": en("B"), "axes": ["presence"], "required": False},
                ],
            },
            {
                "code": "strengths",
                "name": en("Strengths"),
                "items": [
                    {
                        "code": "d",
                        "name": en("D"),
                        "axes": ["presence", "relevance"],
                        "protective": True,
                        "needs": ["work"],
                    }
                ],
            },
        ],
    }


def write_yaml(path: Path, document: Any) -> Path:
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), "utf-8")
    return path
