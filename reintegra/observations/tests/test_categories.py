import copy

import pytest
import yaml

from reintegra.observations.categories import (
    CATEGORIES_FILE,
    CategoryDataError,
    Concern,
    behaviour_catalogue,
    categories_parse,
    categories_validate,
)

LANGUAGES = {"en", "sq", "bs", "hr", "sr", "sr-latn", "mk", "cnr"}

# Words that would make a category about religion, belief or appearance rather than behaviour.
# Checked here independently of the schema's own pattern, in every interface language.
RELIGIOUS_WORDS = [
    "pray", "relig", "faith", "worship", "beard", "mosque", "church", "fasting", "ramadan",
    "hijab", "veil", "quran", "koran", "imam", "priest", "convert", "islam", "muslim", "christian",
    "belief", "ideolog", "lutje", "fetar", "xhami", "kishë", "mjekër", "agjër", "molitv", "vjersk",
    "versk", "religij", "džamij", "crkv", "brada", "ramazan", "namaz", "молитв", "верск", "џамиј",
    "цркв", "брада", "рамазан", "намаз", "ислам", "идеолог",
]  # fmt: skip


def _document() -> dict:
    return yaml.safe_load(CATEGORIES_FILE.read_text(encoding="utf-8"))


def _with_category(**category) -> dict:
    document = _document()
    base = copy.deepcopy(document["categories"][0])
    base.update(category)
    document["categories"].append(base)
    return document


def test_shipped_behaviour_categories_are_valid_and_named_in_every_language() -> None:
    catalogue = categories_parse()
    assert len(catalogue.offered) >= 12
    assert {category.concern for category in catalogue.offered} == set(Concern.values)
    for category in catalogue.categories.values():
        assert set(category.names) == LANGUAGES


def test_no_category_code_or_name_mentions_religion_belief_or_appearance() -> None:
    for category in behaviour_catalogue().categories.values():
        for text in [category.code, *category.names.values()]:
            lowered = text.lower()
            assert not [word for word in RELIGIOUS_WORDS if word in lowered], text


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("code", "daily_prayer"),
        ("code", "grew_beard"),
        ("code", "mosque_attendance"),
        ("names.en", "Frequent prayer"),
        ("names.en", "Fasting during Ramadan"),
        ("names.en", "Wears a veil"),
        ("names.en", "Converted to a new religion"),
        ("names.sq", "Shkon në xhami"),
        ("names.sq", "Ka lënë mjekër"),
        ("names.bs", "Odlazak u džamiju"),
        ("names.hr", "Odlazak u crkvu"),
        ("names.sr", "Редовна молитва"),
        ("names.sr", "Пушта браду"),
        ("names.sr-latn", "Verski obredi"),
        ("names.mk", "Оди во џамија"),
        ("names.cnr", "Postit će tokom ramazana"),
    ],
)
def test_schema_refuses_a_category_about_religious_practice(field: str, value: str) -> None:
    document = _with_category(code="new_category")
    category = document["categories"][-1]
    if field == "code":
        category["code"] = value
    else:
        category["names"] = {**category["names"], field.split(".", 1)[1]: value}
    errors = categories_validate(document)
    assert errors, value
    assert "categories record behaviour only" in errors[0]


def test_words_that_merely_contain_a_forbidden_stem_are_accepted() -> None:
    # "spray", "provera" (check) and "povjerenje" (trust) are about behaviour, not belief.
    document = _with_category(code="hidden_spray")
    document["categories"][-1]["names"] = {
        **document["categories"][-1]["names"],
        "en": "Hid a pepper spray",
        "sr": "Провера ћелије",
        "bs": "Zloupotreba povjerenja",
    }
    assert categories_validate(document) == []


def test_duplicate_codes_and_missing_languages_are_refused(tmp_path) -> None:
    document = _with_category()
    assert any("appears twice" in error for error in categories_validate(document))
    document = _with_category(code="new_category")
    del document["categories"][-1]["names"]["cnr"]
    assert any("'cnr' is a required property" in e for e in categories_validate(document))
    path = tmp_path / "categories.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CategoryDataError):
        categories_parse(path)


def test_a_retired_category_is_readable_but_no_longer_offered(tmp_path) -> None:
    document = _document()
    document["categories"][0]["retired"] = True
    path = tmp_path / "categories.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    catalogue = categories_parse(path)
    retired = document["categories"][0]["code"]
    assert catalogue.get(retired) is not None
    assert retired not in [category.code for category in catalogue.offered]
