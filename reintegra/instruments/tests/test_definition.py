import pytest
from django.utils import translation

from reintegra.audit.actor import SystemActor
from reintegra.instruments.definition import InstrumentDefinition, text
from reintegra.instruments.models import InstrumentVersion
from reintegra.instruments.services import canonical_definition, instrument_load
from reintegra.instruments.tests.documents import minimal_document, write_yaml


@pytest.fixture
def definition() -> InstrumentDefinition:
    return InstrumentDefinition.from_json(canonical_definition(minimal_document()))


def test_items_follow_the_domain_tree_own_items_before_sub_domains(definition) -> None:
    assert [item.code for item in definition.items] == ["a", "b", "c", "d"]
    assert definition.item("c").domain_path == ("outer", "inner")
    assert definition.item("c").domain == "inner"
    assert definition.item("a").domain_path == ("outer",)


def test_domains_nest_and_flatten_parents_first(definition) -> None:
    assert [domain.code for domain in definition.domains] == ["outer", "strengths"]
    assert [domain.code for domain in definition.all_domains] == ["outer", "inner", "strengths"]
    assert definition.domain("inner").depth == 2
    assert [item.code for item in definition.domain("outer").all_items] == ["a", "b", "c"]


def test_protective_items_are_told_apart(definition) -> None:
    assert [item.code for item in definition.protective_items] == ["d"]
    assert [item.code for item in definition.risk_items] == ["a", "b", "c"]


def test_item_fields_carry_their_defaults(definition) -> None:
    b = definition.item("b")
    assert (b.required, b.protective, b.needs, b.axes) == (False, False, (), ("presence",))
    assert definition.item("a").needs == ("housing",)


def test_axes_are_ordered_by_first_use_not_by_mapping_keys(definition) -> None:
    assert list(definition.axes) == ["relevance", "presence"]
    presence = definition.axes["presence"]
    assert presence.values == ("absent", "present")
    assert presence.accepts("no_information")
    assert not definition.axes["relevance"].accepts("no_information")
    assert not presence.accepts("maybe")
    assert text(presence.option("present").label) == "Present"


def test_needs_and_judgement_levels_are_exposed(definition) -> None:
    assert [need.code for need in definition.needs] == ["housing", "work"]
    assert text(definition.need("work").name) == "Work"
    assert [level.value for level in definition.judgement_levels] == ["low", "high"]
    assert definition.screening_outcomes == ()
    assert definition.requires_rationale is True


def test_an_unknown_item_is_a_clear_key_error(definition) -> None:
    with pytest.raises(KeyError, match=r"test-spj 1\.0\.0 has no item 'zz'"):
        definition.item("zz")


def test_text_picks_the_language_and_falls_back_to_english() -> None:
    name = {"en": "Guide", "sq": "Udhëzues", "sr-latn": "Vodič"}
    assert text(name, "sq") == "Udhëzues"
    assert text(name, "sr-latn") == "Vodič"
    assert text(name, "sr_Latn") == "Vodič"
    assert text(name, "mk") == "Guide"
    assert text(None, "sq") == ""
    with translation.override("sq"):
        assert text(name) == "Udhëzues"


def test_the_definition_is_frozen(definition) -> None:
    with pytest.raises(AttributeError):
        definition.code = "other"  # type: ignore[misc]
    with pytest.raises(TypeError):
        definition.axes["new"] = definition.axes["presence"]  # type: ignore[index]


@pytest.mark.django_db
def test_a_stored_version_parses_the_same_whatever_the_database_does_to_key_order(tmp_path) -> None:
    path = write_yaml(tmp_path / "a.yaml", minimal_document())
    loaded = instrument_load(actor=SystemActor(username="test"), path=path).version
    # Read back: PostgreSQL's jsonb re-sorts mapping keys, so order must come from lists only.
    version = InstrumentVersion.objects.get(pk=loaded.pk)
    assert version.parsed is version.parsed
    assert [item.code for item in version.parsed.items] == ["a", "b", "c", "d"]
    assert list(version.parsed.axes) == ["relevance", "presence"]
