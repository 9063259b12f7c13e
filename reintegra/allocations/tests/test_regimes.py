import pytest
import yaml
from django.core.management import CommandError, call_command
from django.utils import translation

from reintegra.allocations.models import Regime
from reintegra.allocations.regimes import REGIMES_FILE, RegimeDataError, regimes_load


def _write(tmp_path, document) -> object:
    path = tmp_path / "regimes.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    return path


def _document() -> dict:
    return yaml.safe_load(REGIMES_FILE.read_text(encoding="utf-8"))


def test_every_jurisdiction_gets_its_regimes_named_in_its_languages(personas) -> None:
    counts = regimes_load()
    assert counts["regimes"] == Regime.objects.count() > 0
    assert set(Regime.objects.values_list("jurisdiction_id", flat=True)) == {
        "AL", "BA", "XK", "ME", "MK", "RS"
    }  # fmt: skip
    standard = Regime.objects.get(jurisdiction_id="RS", code="standard")
    with translation.override("sr"):
        assert standard.display_name == "Стандардни режим"
    with translation.override("sq"):
        assert standard.display_name == "Regjim standard"


def test_loading_twice_changes_nothing(personas) -> None:
    regimes_load()
    before = list(Regime.objects.order_by("id").values_list("id", "code", "position", "is_active"))
    regimes_load()
    after = list(Regime.objects.order_by("id").values_list("id", "code", "position", "is_active"))
    assert before == after


def test_a_regime_no_longer_listed_is_deactivated_not_deleted(personas, tmp_path) -> None:
    regimes_load()
    document = _document()
    albania = next(item for item in document["jurisdictions"] if item["code"] == "AL")
    albania["regimes"] = [r for r in albania["regimes"] if r["code"] != "open"]
    counts = regimes_load(_write(tmp_path, document))
    assert counts["deactivated"] == 1
    assert not Regime.objects.get(jurisdiction_id="AL", code="open").is_active
    assert Regime.objects.get(jurisdiction_id="RS", code="open").is_active
    regimes_load()
    assert Regime.objects.get(jurisdiction_id="AL", code="open").is_active


def test_a_faulty_file_is_refused_with_every_fault_named(personas, tmp_path) -> None:
    document = _document()
    document["jurisdictions"][0]["regimes"][0] = {"code": "Bad Code", "names": {"en": "x"}}
    document["jurisdictions"].append(
        {"code": "ZZ", "regimes": document["jurisdictions"][1]["regimes"]}
    )
    with pytest.raises(RegimeDataError) as error:
        regimes_load(_write(tmp_path, document))
    text = " ".join(error.value.errors)
    assert "'Bad Code' does not match" in text
    assert "'sq' is a required property" in text
    assert "ZZ is not a known jurisdiction" in text
    assert not Regime.objects.exists()


def test_the_command_loads_and_reports(personas, tmp_path, capsys) -> None:
    call_command("load_regimes")
    assert "regimes loaded" in capsys.readouterr().out
    with pytest.raises(CommandError):
        call_command("load_regimes", str(_write(tmp_path, {"version": 1})))
