import pytest
from django.core.management import CommandError, call_command

from reintegra.instruments.services import instrument_file_check, instrument_validate
from reintegra.instruments.tests.documents import minimal_document, write_yaml
from reintegra.instruments.validation import parse_yaml


def test_the_minimal_document_is_valid() -> None:
    assert instrument_validate(minimal_document()) == []


def test_a_yaml_syntax_error_is_reported_with_its_line_and_column(tmp_path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: 1\ncode: x\nname:\n  en: [unclosed\nversion: 1.0.0\n")
    errors = instrument_file_check(bad).errors
    assert len(errors) == 1
    assert errors[0].startswith("(top level): line 5, column ")


def test_a_key_given_twice_is_an_error_not_a_silent_overwrite() -> None:
    parsed = parse_yaml("code: first\nversion: 1.0.0\ncode: second\n")
    assert parsed.document is None
    assert "line 3, column 1: the key 'code' appears twice (first on line 1)" in str(
        parsed.problems[0]
    )


def test_yes_and_no_stay_text_and_only_true_and_false_are_booleans() -> None:
    parsed = parse_yaml("a: no\nb: yes\nc: off\nd: true\ne: False\nf: 2024-01-02\n")
    assert parsed.document == {
        "a": "no",
        "b": "yes",
        "c": "off",
        "d": True,
        "e": False,
        "f": "2024-01-02",
    }


def test_aliases_are_refused_so_a_recursive_one_cannot_hang_the_checks() -> None:
    parsed = parse_yaml("a: &loop\n  - *loop\n")
    assert parsed.document is None
    assert str(parsed.problems[0]) == (
        "(top level): line 2, column 5: aliases (*name) are not allowed in instrument files; "
        "write the value out"
    )


def test_an_empty_file_says_so(tmp_path) -> None:
    empty = tmp_path / "empty.yaml"
    empty.write_text("# nothing here\n")
    assert instrument_file_check(empty).errors == ["(top level): the file is empty"]


def test_a_missing_file_says_so(tmp_path) -> None:
    errors = instrument_file_check(tmp_path / "absent.yaml").errors
    assert errors == [f"(top level): no such file: {tmp_path / 'absent.yaml'}"]


def test_every_schema_fault_is_reported_at_once_with_its_path() -> None:
    document = minimal_document()
    document["version"] = "1.0"
    document["name"]["de"] = "Deutsch"
    document["rating_axes"]["presence"]["scale"][1]["value"] = "Present Now"
    del document["domains"][0]["items"][1]["axes"]
    document["domains"][1]["items"][0]["protective"] = "yes"
    document["domains"][1]["items"][0]["protecive"] = True
    errors = instrument_validate(document)
    expected_prefixes = [
        "version: '1.0' is not a valid version",
        "name: 'de' is not one of",
        "rating_axes.presence.scale[1].value: 'Present Now' is not a valid code",
        "domains[0].items[1]: 'axes' is a required property",
        "domains[1].items[0].protective: must be true or false, not text",
        "domains[1].items[0]: Additional properties are not allowed ('protecive' was unexpected)",
    ]
    for prefix in expected_prefixes:
        assert any(error.startswith(prefix) for error in errors), (prefix, errors)
    assert len(errors) == len(expected_prefixes)


def test_a_screening_instrument_must_offer_exactly_the_three_outcomes_in_order() -> None:
    document = minimal_document()
    document["kind"] = "screening"
    document["judgement"] = {
        "outcomes": [
            {"value": "no_concern", "label": {"en": "No concern"}},
            {"value": "refer", "label": {"en": "Refer"}},
        ],
        "requires_rationale": True,
    }
    errors = instrument_validate(document)
    assert "judgement.outcomes[1].value: 'monitor' was expected" in errors
    assert any(error.startswith("judgement.outcomes: ") for error in errors)


def test_an_spj_judgement_always_requires_a_rationale() -> None:
    document = minimal_document()
    document["judgement"]["requires_rationale"] = False
    assert instrument_validate(document) == ["judgement.requires_rationale: True was expected"]


def test_an_spj_instrument_cannot_use_screening_outcomes() -> None:
    document = minimal_document()
    document["judgement"] = {"outcomes": [], "requires_rationale": True}
    errors = instrument_validate(document)
    assert "judgement: 'levels' is a required property" in errors
    assert any("'outcomes' was unexpected" in error for error in errors)


def test_a_domain_without_items_or_sub_domains_is_refused() -> None:
    document = minimal_document()
    del document["domains"][1]["items"]
    assert instrument_validate(document) == ["domains[1]: 'items' is a required property"]


def test_reference_faults_are_all_reported_with_their_paths() -> None:
    document = minimal_document()
    outer = document["domains"][0]
    outer["items"][0]["axes"] = ["relevance", "relevanse"]
    outer["domains"][0]["items"][0]["code"] = "a"
    document["domains"][1]["items"][0]["needs"] = ["work", "wrok"]
    document["domains"][1]["code"] = "inner"
    document["needs"][1]["code"] = "housing"
    document["rating_axes"]["relevance"]["scale"][1]["value"] = "low"
    errors = instrument_validate(document)
    assert sorted(errors) == sorted(
        [
            "domains[0].items[0].axes[1]: unknown rating axis 'relevanse'",
            "domains[0].domains[0].items[0].code: duplicate item code 'a' "
            "(first used at domains[0].items[0].code)",
            "domains[1].items[0].needs[0]: unknown need 'work'",
            "domains[1].items[0].needs[1]: unknown need 'wrok'",
            "domains[1].code: duplicate domain code 'inner' "
            "(first used at domains[0].domains[0].code)",
            "needs[1].code: duplicate need code 'housing' (first used at needs[0].code)",
            "rating_axes.relevance.scale[1].value: duplicate scale value 'low' "
            "(first used at rating_axes.relevance.scale[0].value)",
        ]
    )


def test_no_information_cannot_be_a_scale_option() -> None:
    document = minimal_document()
    document["rating_axes"]["presence"]["scale"][0]["value"] = "no_information"
    assert instrument_validate(document) == [
        "rating_axes.presence.scale[0].value: 'no_information' is reserved; "
        "set allows_no_information: true instead"
    ]


def test_an_axis_no_item_uses_is_reported() -> None:
    document = minimal_document()
    document["rating_axes"]["spare"] = document["rating_axes"]["presence"]
    assert instrument_validate(document) == ["rating_axes.spare: no item is rated on this axis"]


def test_every_declared_language_must_be_in_every_text() -> None:
    document = minimal_document()
    document["languages"] = ["en", "sq"]
    errors = instrument_validate(document)
    assert "name: missing the 'sq' text" not in errors
    assert "domains[0].items[0].name: missing the 'sq' text" in errors
    assert "judgement.levels[1].label: missing the 'sq' text" in errors
    assert "rating_axes.presence.scale[0].label: missing the 'sq' text" in errors


def test_declared_languages_must_include_english() -> None:
    document = minimal_document()
    document["languages"] = ["sq"]
    errors = instrument_validate(document)
    assert "languages: must include 'en'" in errors


def test_invisible_control_characters_in_a_text_are_refused() -> None:
    document = minimal_document()
    document["domains"][0]["items"][0]["name"]["en"] = "A\u202ereversed"
    assert instrument_validate(document) == [
        "domains[0].items[0].name.en: contains invisible control characters"
    ]


def test_an_instrument_without_items_is_refused() -> None:
    document = minimal_document()
    document["domains"] = [{"code": "empty", "name": {"en": "Empty"}, "items": []}]
    errors = instrument_validate(document)
    assert errors == ["domains[0].items: [] should be non-empty"]


def test_faults_in_a_file_also_give_their_line(tmp_path) -> None:
    document = minimal_document()
    document["domains"][1]["items"][0]["axes"] = ["presense"]
    path = write_yaml(tmp_path / "typo.yaml", document)
    (error,) = instrument_file_check(path).errors
    line = next(
        number
        for number, text in enumerate(path.read_text().splitlines(), start=1)
        if "presense" in text
    )
    assert error == f"domains[1].items[0].axes[0]: unknown rating axis 'presense' (line {line})"


def test_validate_instrument_reports_a_valid_file(tmp_path, capsys) -> None:
    path = write_yaml(tmp_path / "ok.yaml", minimal_document())
    call_command("validate_instrument", str(path))
    assert capsys.readouterr().out == "valid: test-spj 1.0.0, 3 domains, 4 items\n"


def test_validate_instrument_exits_1_listing_every_error(tmp_path) -> None:
    document = minimal_document()
    document["domains"][0]["items"][0]["axes"] = ["relevanse"]
    document["domains"][1]["items"][0]["needs"] = ["wrok"]
    path = write_yaml(tmp_path / "bad.yaml", document)
    with pytest.raises(CommandError) as raised:
        call_command("validate_instrument", str(path))
    assert raised.value.returncode == 1
    lines = str(raised.value).splitlines()
    assert lines[0] == f"{path}: 2 errors"
    assert lines[1].startswith("  domains[0].items[0].axes[0]: unknown rating axis 'relevanse'")
    assert lines[2].startswith("  domains[1].items[0].needs[0]: unknown need 'wrok'")
