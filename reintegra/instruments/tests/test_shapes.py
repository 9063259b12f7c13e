"""The format expresses the published shapes of the instruments in use (structure only)."""

import pytest

from reintegra.instruments.definition import Domain, InstrumentDefinition
from reintegra.instruments.services import canonical_definition, instrument_file_check
from reintegra.instruments.tests.documents import SHAPES_DIR


def _depth(domains: tuple[Domain, ...]) -> int:
    return max((1 + _depth(domain.domains) for domain in domains), default=0)


@pytest.mark.parametrize(
    ("file", "domains", "top_level", "items", "protective", "depth", "per_leaf"),
    [
        ("vera2r.yaml", 5, 5, 34, 6, 1, [7, 7, 6, 8, 6]),
        ("erg22.yaml", 3, 3, 22, 0, 1, [13, 6, 3]),
        ("ergr.yaml", 4, 4, 36, 8, 1, [12, 10, 6, 8]),
        ("trap18.yaml", 2, 2, 18, 0, 1, [8, 10]),
        ("mlg2.yaml", 4, 1, 16, 0, 4, [4, 4, 4, 4]),
    ],
)
def test_a_published_shape_fits_the_format(
    file, domains, top_level, items, protective, depth, per_leaf
) -> None:
    checked = instrument_file_check(SHAPES_DIR / file)
    assert checked.errors == []
    definition = InstrumentDefinition.from_json(canonical_definition(checked.document))
    assert len(definition.all_domains) == domains
    assert len(definition.domains) == top_level
    assert len(definition.items) == items
    assert len(definition.protective_items) == protective
    assert _depth(definition.domains) == depth
    assert [len(domain.items) for domain in definition.all_domains] == per_leaf


def test_vera2r_protective_indicators_are_its_fifth_domain() -> None:
    checked = instrument_file_check(SHAPES_DIR / "vera2r.yaml")
    definition = InstrumentDefinition.from_json(canonical_definition(checked.document))
    assert {item.domain for item in definition.protective_items} == {"protective_risk_mitigating"}


def test_mlg2_factors_keep_their_level_path() -> None:
    checked = instrument_file_check(SHAPES_DIR / "mlg2.yaml")
    definition = InstrumentDefinition.from_json(canonical_definition(checked.document))
    assert definition.items[-1].domain_path == (
        "individual",
        "individual_group",
        "group",
        "group_societal",
    )
    assert list(definition.axes) == ["presence", "relevance"]


def test_shape_fixtures_hold_only_placeholder_texts() -> None:
    for path in SHAPES_DIR.glob("*.yaml"):
        definition = InstrumentDefinition.from_json(
            canonical_definition(instrument_file_check(path).document)
        )
        for item in definition.items:
            assert item.guidance == {}, path.name
            assert item.name["en"].split()[0] in {
                "Indicator",
                "Factor",
                "Behaviour",
                "Characteristic",
            }
