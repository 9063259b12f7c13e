"""docs/instruments.md stays true: its example is valid and its shapes table is real."""

import re
from pathlib import Path

from reintegra.instruments.definition import InstrumentDefinition
from reintegra.instruments.services import canonical_definition, instrument_file_check
from reintegra.instruments.tests.documents import SHAPES_DIR

DOC = Path(__file__).resolve().parents[3] / "docs" / "instruments.md"


def test_the_documented_example_is_a_valid_instrument(tmp_path) -> None:
    example = re.search(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)
    assert example is not None
    path = tmp_path / "example.yaml"
    path.write_text(example.group(1), encoding="utf-8")
    checked = instrument_file_check(path)
    assert checked.errors == []
    definition = InstrumentDefinition.from_json(canonical_definition(checked.document))
    assert [item.code for item in definition.items] == [
        "approves_violence",
        "violent_contacts",
        "supportive_family",
    ]
    assert definition.item("violent_contacts").domain_path == ("conduct", "contacts")
    assert [item.code for item in definition.protective_items] == ["supportive_family"]


def test_every_fixture_named_in_the_shapes_table_exists() -> None:
    named = set(re.findall(r"`(\w+\.yaml)` \|", DOC.read_text(encoding="utf-8")))
    assert named == {path.name for path in SHAPES_DIR.glob("*.yaml")}
