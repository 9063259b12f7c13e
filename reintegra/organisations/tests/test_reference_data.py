import pytest
import yaml
from django.core.management import CommandError, call_command

from reintegra.organisations.models import Jurisdiction, OrganisationType
from reintegra.organisations.services import REFERENCE_FILE, reference_data_validate


@pytest.mark.django_db
def test_reference_data_loads_six_jurisdictions_and_thirteen_organisation_types() -> None:
    call_command("load_reference_data")
    call_command("load_reference_data")
    assert set(Jurisdiction.objects.values_list("code", flat=True)) == {
        "AL",
        "BA",
        "XK",
        "ME",
        "MK",
        "RS",
    }
    assert OrganisationType.objects.count() == 13
    kosovo = Jurisdiction.objects.get(code="XK")
    assert kosovo.name == "Kosovo*"
    assert "UNSCR 1244" in kosovo.footnote
    assert Jurisdiction.objects.get(code="ME").official_languages[0] == "cnr"


def test_shipped_reference_file_is_valid() -> None:
    assert reference_data_validate(yaml.safe_load(REFERENCE_FILE.read_text())) == []


def test_each_fault_is_reported_with_its_path() -> None:
    document = yaml.safe_load(REFERENCE_FILE.read_text())
    document["jurisdictions"][2]["code"] = "kosovo"
    del document["organisation_types"][0]["names"]["cnr"]
    errors = reference_data_validate(document)
    assert any(error.startswith("jurisdictions/2/code:") for error in errors)
    assert any(error.startswith("organisation_types/0/names:") for error in errors)


@pytest.mark.django_db
def test_a_malformed_file_loads_nothing(tmp_path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\njurisdictions: []\norganisation_types: []\n")
    with pytest.raises(CommandError, match="jurisdictions"):
        call_command("load_reference_data", str(bad))
    assert Jurisdiction.objects.count() == 0
