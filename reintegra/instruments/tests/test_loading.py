import pytest
from django.core.management import CommandError, call_command

from reintegra.audit.actor import SystemActor
from reintegra.audit.models import Category, ProcessingLogEntry
from reintegra.instruments.models import (
    Instrument,
    InstrumentVersion,
    InstrumentVersionImmutableError,
)
from reintegra.instruments.selectors import (
    instrument_version_latest,
    instrument_versions_available,
)
from reintegra.instruments.services import (
    InstrumentFileError,
    InstrumentVersionConflictError,
    definition_sha256,
    instrument_load,
    instrument_version_retire,
)
from reintegra.instruments.tests.documents import minimal_document, write_yaml

pytestmark = pytest.mark.django_db

ACTOR = SystemActor(username="test")


def _load_log() -> list[ProcessingLogEntry]:
    return list(ProcessingLogEntry.objects.filter(action="instrument.load").order_by("seq"))


def _load(path, capsys) -> str:
    call_command("load_instrument", str(path))
    return capsys.readouterr().out


def test_loading_creates_the_instrument_and_version_and_logs_one_collection(
    tmp_path, capsys
) -> None:
    path = write_yaml(tmp_path / "test.yaml", minimal_document())
    assert _load(path, capsys) == "loaded: test-spj 1.0.0, 3 domains, 4 items\n"
    version = InstrumentVersion.objects.get()
    assert version.instrument.code == "test-spj"
    assert version.instrument.kind == "spj"
    assert (version.version_major, version.version_minor, version.version_patch) == (1, 0, 0)
    assert version.is_active
    (entry,) = _load_log()
    assert entry.category == Category.COLLECTION
    assert entry.actor_username == "load_instrument"
    assert entry.object_type == "instruments.instrumentversion"
    assert entry.object_id == str(version.pk)
    assert entry.details["sha256"] == version.source_sha256


def test_the_stored_definition_has_every_default_written_out(tmp_path) -> None:
    path = write_yaml(tmp_path / "test.yaml", minimal_document())
    version = instrument_load(actor=ACTOR, path=path).version
    item = version.definition["domains"][1]["items"][0]
    assert item["required"] is True
    assert version.definition["domains"][0]["items"][1]["needs"] == []
    assert version.definition["domains"][0]["items"][0]["protective"] is False
    assert version.source_sha256 == definition_sha256(version.definition)


def test_loading_the_same_file_twice_changes_nothing(tmp_path, capsys) -> None:
    path = write_yaml(tmp_path / "test.yaml", minimal_document())
    _load(path, capsys)
    assert _load(path, capsys) == "already loaded, nothing changed: test-spj 1.0.0\n"
    assert InstrumentVersion.objects.count() == 1
    assert Instrument.objects.count() == 1
    assert len(_load_log()) == 1


def test_layout_comments_and_written_out_defaults_are_not_changes(tmp_path) -> None:
    first = write_yaml(tmp_path / "first.yaml", minimal_document())
    instrument_load(actor=ACTOR, path=first)
    document = minimal_document()
    document["domains"][0]["items"][0]["protective"] = False
    document["domains"][0]["items"][0]["required"] = True
    document = dict(reversed(list(document.items())))
    second = write_yaml(tmp_path / "second.yaml", document)
    second.write_text("# a comment\n\n" + second.read_text().replace(": ", ":   "))
    assert instrument_load(actor=ACTOR, path=second).created is False
    assert len(_load_log()) == 1


def test_changed_content_under_a_loaded_version_is_refused_and_nothing_is_written(
    tmp_path, capsys
) -> None:
    path = write_yaml(tmp_path / "test.yaml", minimal_document())
    _load(path, capsys)
    before = InstrumentVersion.objects.get()
    changed = minimal_document()
    changed["domains"][0]["items"][0]["name"]["en"] = "A, reworded"
    write_yaml(path, changed)
    with pytest.raises(CommandError) as raised:
        call_command("load_instrument", str(path))
    assert raised.value.returncode == 1
    assert str(raised.value) == (
        f"{path}: version 1.0.0 of test-spj is already loaded with different content; "
        "bump the version"
    )
    after = InstrumentVersion.objects.get()
    assert after.definition == before.definition
    assert after.updated_at == before.updated_at
    assert len(_load_log()) == 1


def test_a_bumped_version_is_added_beside_the_first(tmp_path, capsys) -> None:
    path = write_yaml(tmp_path / "test.yaml", minimal_document())
    _load(path, capsys)
    bumped = minimal_document()
    bumped["version"] = "1.1.0"
    bumped["name"]["en"] = "Test guide, revised"
    write_yaml(path, bumped)
    assert _load(path, capsys) == "loaded: test-spj 1.1.0, 3 domains, 4 items\n"
    versions = list(InstrumentVersion.objects.values_list("version", "is_active"))
    assert versions == [("1.1.0", True), ("1.0.0", True)]
    assert Instrument.objects.get().name["en"] == "Test guide, revised"
    assert len(_load_log()) == 2


def test_loading_an_older_version_later_keeps_the_newest_name(tmp_path) -> None:
    newer = minimal_document()
    newer["version"] = "2.0.0"
    newer["name"] = {"en": "Newest name"}
    instrument_load(actor=ACTOR, path=write_yaml(tmp_path / "new.yaml", newer))
    instrument_load(actor=ACTOR, path=write_yaml(tmp_path / "old.yaml", minimal_document()))
    assert Instrument.objects.get().name == {"en": "Newest name"}


def test_a_malformed_file_loads_nothing(tmp_path) -> None:
    document = minimal_document()
    document["domains"][0]["items"][0]["axes"] = ["relevanse"]
    document["version"] = "one"
    path = write_yaml(tmp_path / "bad.yaml", document)
    with pytest.raises(CommandError) as raised:
        call_command("load_instrument", str(path))
    assert raised.value.returncode == 1
    assert "version: 'one' is not a valid version" in str(raised.value)
    assert Instrument.objects.count() == 0
    assert InstrumentVersion.objects.count() == 0
    assert _load_log() == []


def test_a_file_with_only_reference_faults_loads_nothing(tmp_path) -> None:
    document = minimal_document()
    document["domains"][1]["items"][0]["needs"] = ["wrok"]
    path = write_yaml(tmp_path / "bad.yaml", document)
    with pytest.raises(InstrumentFileError) as raised:
        instrument_load(actor=ACTOR, path=path)
    assert raised.value.errors[0].startswith("domains[1].items[0].needs[0]: unknown need 'wrok'")
    assert Instrument.objects.count() == 0
    assert _load_log() == []


def test_a_new_version_cannot_change_the_instrument_kind(tmp_path) -> None:
    instrument_load(actor=ACTOR, path=write_yaml(tmp_path / "a.yaml", minimal_document()))
    screening = minimal_document()
    screening["version"] = "2.0.0"
    screening["kind"] = "screening"
    screening["judgement"] = {
        "outcomes": [
            {"value": value, "label": {"en": value}} for value in ("no_concern", "monitor", "refer")
        ],
        "requires_rationale": True,
    }
    with pytest.raises(InstrumentFileError, match="cannot change its kind"):
        instrument_load(actor=ACTOR, path=write_yaml(tmp_path / "b.yaml", screening))
    assert InstrumentVersion.objects.count() == 1


def test_the_service_refuses_a_conflict_with_its_own_error(tmp_path) -> None:
    path = write_yaml(tmp_path / "a.yaml", minimal_document())
    instrument_load(actor=ACTOR, path=path)
    changed = minimal_document()
    changed["status"] = "licensed"
    with pytest.raises(InstrumentVersionConflictError):
        instrument_load(actor=ACTOR, path=write_yaml(path, changed))


def test_a_loaded_version_cannot_be_edited_through_the_model(tmp_path) -> None:
    version = instrument_load(
        actor=ACTOR, path=write_yaml(tmp_path / "a.yaml", minimal_document())
    ).version
    version.definition["code"] = "edited"
    with pytest.raises(InstrumentVersionImmutableError):
        version.save()
    with pytest.raises(InstrumentVersionImmutableError):
        version.save(update_fields=["definition"])
    assert InstrumentVersion.objects.get().definition["code"] == "test-spj"


def test_retiring_a_version_hides_it_from_new_work_and_is_logged(tmp_path, capsys) -> None:
    instrument_load(actor=ACTOR, path=write_yaml(tmp_path / "a.yaml", minimal_document()))
    call_command("retire_instrument", "test-spj", "1.0.0")
    assert capsys.readouterr().out == "retired: test-spj 1.0.0\n"
    assert list(instrument_versions_available()) == []
    assert InstrumentVersion.objects.get().is_active is False
    entry = ProcessingLogEntry.objects.get(action="instrument.retire")
    assert entry.category == Category.ALTERATION
    assert instrument_version_retire(actor=ACTOR, version=InstrumentVersion.objects.get()) is False
    assert ProcessingLogEntry.objects.filter(action="instrument.retire").count() == 1


def test_retiring_an_unknown_version_exits_1(tmp_path) -> None:
    with pytest.raises(CommandError, match=r"no version 9\.9\.9 of test-spj is loaded"):
        call_command("retire_instrument", "test-spj", "9.9.9")


def test_available_versions_are_active_by_code_and_newest_version_first(tmp_path) -> None:
    for version in ("1.9.0", "1.10.0", "1.2.3"):
        document = minimal_document()
        document["version"] = version
        instrument_load(actor=ACTOR, path=write_yaml(tmp_path / f"{version}.yaml", document))
    other = minimal_document()
    other["code"] = "another-spj"
    instrument_load(actor=ACTOR, path=write_yaml(tmp_path / "other.yaml", other))
    listed = [(v.instrument.code, v.version) for v in instrument_versions_available(kind="spj")]
    assert listed == [
        ("another-spj", "1.0.0"),
        ("test-spj", "1.10.0"),
        ("test-spj", "1.9.0"),
        ("test-spj", "1.2.3"),
    ]
    assert list(instrument_versions_available(kind="screening")) == []
    latest = instrument_version_latest("test-spj")
    assert latest is not None and latest.version == "1.10.0"
    instrument_version_retire(actor=ACTOR, version=latest)
    latest = instrument_version_latest("test-spj")
    assert latest is not None and latest.version == "1.9.0"


def test_load_instrument_reports_each_file_and_fails_if_any_fails(tmp_path, capsys) -> None:
    good = write_yaml(tmp_path / "good.yaml", minimal_document())
    bad = tmp_path / "bad.yaml"
    bad.write_text("code: [\n")
    with pytest.raises(CommandError) as raised:
        call_command("load_instrument", str(good), str(bad))
    assert capsys.readouterr().out == "loaded: test-spj 1.0.0, 3 domains, 4 items\n"
    assert str(raised.value).startswith(f"{bad}: 1 error\n  (top level): line 2, column 1")
    assert InstrumentVersion.objects.count() == 1
