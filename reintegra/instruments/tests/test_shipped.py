"""The two instruments Reintegra ships: illustrative, fully translated, behaviour-only."""

import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command

from reintegra.instruments.definition import InstrumentDefinition
from reintegra.instruments.models import InstrumentVersion
from reintegra.instruments.services import (
    SHIPPED_INSTRUMENTS,
    canonical_definition,
    instrument_file_check,
)
from reintegra.instruments.validation import LANGUAGES

SCREENING, SPJ = SHIPPED_INSTRUMENTS
ILLUSTRATIVE_NOTICE = "Illustrative — requires validation before operational use."
# Words that would make faith itself a sign of risk if they appeared in what an item asks about.
RELIGIOUS_TERMS = re.compile(
    r"relig|faith|pray|prayer|mosque|church|imam|priest|beard|hijab|veil|fasting|convert|"
    r"islam|muslim|christian|orthodox|catholic|jihad|salaf|wahhab|quran|bible|piety|pious",
    re.IGNORECASE,
)


def _definition(path) -> InstrumentDefinition:
    checked = instrument_file_check(path)
    assert checked.errors == []
    return InstrumentDefinition.from_json(canonical_definition(checked.document))


def _texts(node: Any, path: str = "") -> Iterator[tuple[str, dict[str, str]]]:
    """Every per-language text object, found by shape rather than by the validator's own list."""
    if isinstance(node, dict):
        if "en" in node and all(isinstance(value, str) for value in node.values()):
            yield path, node
            return
        for key, value in node.items():
            yield from _texts(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _texts(value, f"{path}[{index}]")


def test_shipped_instruments_validate(capsys) -> None:
    call_command("validate_instrument", str(SCREENING), str(SPJ))
    assert capsys.readouterr().out.splitlines() == [
        "valid: reintegra-screening-illustrative 1.0.0, 3 domains, 10 items",
        "valid: reintegra-spj-illustrative 1.0.0, 6 domains, 30 items",
    ]


@pytest.mark.django_db
def test_shipped_instruments_load_and_load_again_without_change(capsys) -> None:
    call_command("load_instrument", str(SCREENING), str(SPJ))
    call_command("load_instrument", str(SCREENING), str(SPJ))
    assert capsys.readouterr().out.splitlines() == [
        "loaded: reintegra-screening-illustrative 1.0.0, 3 domains, 10 items",
        "loaded: reintegra-spj-illustrative 1.0.0, 6 domains, 30 items",
        "already loaded, nothing changed: reintegra-screening-illustrative 1.0.0",
        "already loaded, nothing changed: reintegra-spj-illustrative 1.0.0",
    ]
    assert InstrumentVersion.objects.count() == 2
    assert {version.status for version in InstrumentVersion.objects.all()} == {"illustrative"}


def test_the_screening_instrument_has_ten_items_on_one_axis_and_the_three_outcomes() -> None:
    screening = _definition(SCREENING)
    assert screening.kind == "screening"
    assert len(screening.items) == 10
    assert list(screening.axes) == ["observed"]
    assert screening.axes["observed"].values == ("no", "some_signs", "clear_signs")
    assert screening.axes["observed"].allows_no_information
    assert [o.value for o in screening.screening_outcomes] == ["no_concern", "monitor", "refer"]


def test_the_spj_instrument_has_24_risk_and_6_protective_items_and_8_needs() -> None:
    spj = _definition(SPJ)
    assert spj.kind == "spj"
    assert len(spj.risk_items) == 24
    assert len(spj.protective_items) == 6
    assert len(spj.domains) == 6
    assert len(spj.needs) == 8
    assert list(spj.axes) == ["presence", "relevance"]
    assert all(axis.allows_no_information for axis in spj.axes.values())
    assert all(item.axes == ("presence", "relevance") for item in spj.items)
    assert [level.value for level in spj.judgement_levels] == ["low", "moderate", "high"]
    assert spj.requires_rationale
    used_needs = {need for item in spj.items for need in item.needs}
    assert used_needs == {need.code for need in spj.needs}


@pytest.mark.parametrize("path", SHIPPED_INSTRUMENTS, ids=lambda path: path.stem)
def test_shipped_instruments_are_labelled_illustrative(path) -> None:
    definition = _definition(path)
    assert definition.status == "illustrative"
    assert definition.notice["en"] == ILLUSTRATIVE_NOTICE


@pytest.mark.parametrize("path", SHIPPED_INSTRUMENTS, ids=lambda path: path.stem)
def test_every_text_of_a_shipped_instrument_is_in_all_eight_languages(path) -> None:
    document = instrument_file_check(path).document
    assert document["languages"] == list(LANGUAGES)
    texts = list(_texts(document))
    assert len(texts) > 20
    for where, text in texts:
        assert set(text) == set(LANGUAGES), where
        assert len(set(text.values())) > 1, f"{where} is not translated"


@pytest.mark.parametrize("path", SHIPPED_INSTRUMENTS, ids=lambda path: path.stem)
def test_each_language_is_written_in_its_own_script(path) -> None:
    latin, cyrillic = re.compile("[A-Za-z]"), re.compile("[\u0400-\u04ff]")
    for where, text in _texts(instrument_file_check(path).document):
        for language in ("sr", "mk"):
            assert not latin.search(text[language]), (where, language)
            assert cyrillic.search(text[language]), (where, language)
        for language in ("en", "sq", "bs", "hr", "sr-latn", "cnr"):
            assert not cyrillic.search(text[language]), (where, language)


@pytest.mark.parametrize("path", SHIPPED_INSTRUMENTS, ids=lambda path: path.stem)
def test_no_shipped_item_or_domain_names_religion_or_religious_practice(path) -> None:
    definition = _definition(path)
    for item in definition.items:
        assert not RELIGIOUS_TERMS.search(item.name["en"]), item.code
    for domain in definition.all_domains:
        assert not RELIGIOUS_TERMS.search(domain.name["en"]), domain.code


# Where a rater might be tempted to read faith as a sign, the guidance rules it out.
SAFEGUARDS = {
    SCREENING: ["conduct", "violent_material", "violent_contacts", "unexplained_change"],
    SPJ: ["beliefs_attitudes", "violent_material", "escalation", "persistence", "open_to_dialogue"],
}


@pytest.mark.parametrize("path", SHIPPED_INSTRUMENTS, ids=lambda path: path.stem)
def test_shipped_guidance_says_religion_is_never_a_sign_where_it_matters(path) -> None:
    definition = _definition(path)
    description = definition.description["en"]
    assert "religious practice" in description and "never" in description
    domains = {domain.code: domain for domain in definition.all_domains}
    for code in SAFEGUARDS[path]:
        element = domains[code] if code in domains else definition.item(code)
        guidance = element.guidance["en"]
        assert RELIGIOUS_TERMS.search(guidance), code
        assert re.search(r"\b(not|never)\b", guidance), code
