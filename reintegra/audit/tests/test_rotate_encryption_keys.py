import base64
import io
import secrets
import uuid

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from reintegra.audit.management.commands import rotate_encryption_keys
from reintegra.audit.models import Category, ProcessingLogEntry
from reintegra.core.tests.encrypted_models import (
    CaseNote,
    db_id,
    encrypted_tables,
    test_apps,
)


def new_key() -> str:
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()


OLD_KEY, NEW_KEY = new_key(), new_key()
OLD_ONLY = f"old:{OLD_KEY}"
ROTATED = f"new:{NEW_KEY},old:{OLD_KEY}"
NARRATIVES = ["Первая запись о беседе", "Second note: family visit", "Third: 🕊 mentoring session"]  # noqa: RUF001


@pytest.fixture(scope="module", autouse=True)
def _case_note_table(django_db_setup: None, django_db_blocker) -> None:
    with django_db_blocker.unblock(), encrypted_tables():
        yield


@pytest.fixture(autouse=True)
def _command_walks_the_test_models(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rotate_encryption_keys, "apps", test_apps)


@pytest.fixture
def old_notes(db: None, settings) -> list[CaseNote]:
    """Three notes with text under the old key, one empty and one with no assessment at all."""
    settings.FIELD_ENCRYPTION_KEYS = OLD_ONLY
    notes = [CaseNote.objects.create(narrative=text, assessment="") for text in NARRATIVES]
    notes[0].assessment = "Personal assessment: low risk"
    notes[0].save()
    notes.append(CaseNote.objects.create(narrative="", assessment=None))
    settings.FIELD_ENCRYPTION_KEYS = ROTATED
    return notes


def raw_rows() -> dict[uuid.UUID, tuple]:
    """Each row's columns as stored: (narrative, assessment, updated_at)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, narrative, assessment, updated_at FROM core_test_case_note")
        return {uuid.UUID(str(row[0])): row[1:] for row in cursor.fetchall()}


def rotate(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("rotate_encryption_keys", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def rotation_entries() -> list[ProcessingLogEntry]:
    return list(ProcessingLogEntry.objects.filter(action="encryption.rotate").order_by("seq"))


def test_values_under_the_old_key_are_re_encrypted_under_the_new_one(old_notes) -> None:
    before = raw_rows()
    out, err = rotate()
    after = raw_rows()
    changed = [pk for pk in after if after[pk][:2] != before[pk][:2]]
    assert len(changed) == 3
    narratives = [row[0] for row in after.values() if row[0]]
    assert len(narratives) == 3
    assert all(token.startswith("v1:new:") for token in narratives)
    assessments = [row[1] for row in after.values() if row[1]]
    assert len(assessments) == 1
    assert assessments[0].startswith("v1:new:")
    assert "core.CaseNote.narrative: 3 of 3 re-encrypted" in out
    assert "core.CaseNote.assessment: 1 of 1 re-encrypted" in out
    assert "Re-encrypted 4 values in 1 models under key 'new'." in out
    assert err == ""


def test_re_encrypted_values_read_back_unchanged_and_empty_values_stay_empty(
    old_notes, settings
) -> None:
    rotate()
    settings.FIELD_ENCRYPTION_KEYS = f"new:{NEW_KEY}"  # the old key can now be removed
    reloaded = {note.pk: note for note in CaseNote.objects.all()}
    assert [reloaded[note.pk].narrative for note in old_notes] == [*NARRATIVES, ""]
    assert reloaded[old_notes[0].pk].assessment == "Personal assessment: low risk"
    assert reloaded[old_notes[1].pk].assessment == ""
    assert reloaded[old_notes[3].pk].assessment is None


def test_rotation_does_not_touch_modification_times(old_notes) -> None:
    before = {pk: row[2] for pk, row in raw_rows().items()}
    rotate()
    assert {pk: row[2] for pk, row in raw_rows().items()} == before


def test_a_second_run_re_encrypts_nothing_and_logs_nothing(old_notes) -> None:
    rotate()
    tokens_after_first_run = raw_rows()
    out, _err = rotate()
    assert raw_rows() == tokens_after_first_run
    assert "core.CaseNote.narrative: 0 of 0 re-encrypted" in out
    assert "Re-encrypted 0 values in 0 models" in out
    assert len(rotation_entries()) == 1


def test_rotation_writes_one_alteration_entry_per_model(old_notes) -> None:
    rotate()
    (entry,) = rotation_entries()
    assert entry.category == Category.ALTERATION
    assert entry.actor_username == "rotate_encryption_keys"
    assert entry.actor_user_id is None
    assert entry.object_type == "core.casenote"
    assert entry.details == {"values": "4", "fields": "narrative:3,assessment:1", "key": "new"}
    assert entry.correlation_id.startswith("rotate-")


def test_a_dry_run_counts_and_test_decrypts_but_changes_nothing(old_notes) -> None:
    before = raw_rows()
    out, err = rotate("--dry-run")
    assert raw_rows() == before
    assert rotation_entries() == []
    assert "core.CaseNote.narrative: 3 of 3 would be re-encrypted" in out
    assert "Dry run: 4 values in 1 models would be re-encrypted under key 'new'." in out
    assert "Nothing was changed." in out
    assert err == ""


def test_progress_is_reported_after_every_batch(old_notes) -> None:
    out, _err = rotate("--batch-size", "1")
    for done in (1, 2, 3):
        assert f"core.CaseNote.narrative: {done} of 3 re-encrypted" in out
    assert all(row[0].startswith("v1:new:") for row in raw_rows().values() if row[0])


def test_the_output_holds_no_plaintext_and_no_tokens(old_notes) -> None:
    before = raw_rows()
    out, err = rotate()
    after = raw_rows()
    for text in [*NARRATIVES, "low risk"]:
        assert text not in out + err
    for row in [*before.values(), *after.values()]:
        for token in row[:2]:
            if token:
                assert token[7:] not in out + err


def test_a_damaged_value_is_named_by_row_and_left_alone_while_the_rest_rotate(old_notes) -> None:
    damaged = old_notes[1]
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE core_test_case_note SET narrative = %s WHERE id = %s",
            ["v1:old:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", db_id(damaged)],
        )
    with pytest.raises(CommandError, match="1 values could not be decrypted"):
        rotate()
    rows = raw_rows()
    assert rows[damaged.pk][0] == "v1:old:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
    rotated = [row[0] for pk, row in rows.items() if row[0] and pk != damaged.pk]
    assert rotated
    assert all(token.startswith("v1:new:") for token in rotated)
    assert len(rotation_entries()) == 1


def test_the_damaged_row_is_reported_on_stderr_without_its_content(old_notes) -> None:
    damaged = old_notes[2]
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE core_test_case_note SET narrative = %s WHERE id = %s",
            ["Plaintext that was never encrypted", db_id(damaged)],
        )
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("rotate_encryption_keys", stdout=io.StringIO(), stderr=err)
    assert f"core.CaseNote.narrative, row {damaged.pk}" in err.getvalue()
    assert "never encrypted" not in err.getvalue()


def test_a_batch_size_below_one_is_refused(old_notes) -> None:
    with pytest.raises(CommandError, match="at least 1"):
        rotate("--batch-size", "0")


def test_malformed_keys_stop_the_command_before_anything_changes(old_notes, settings) -> None:
    before = raw_rows()
    settings.FIELD_ENCRYPTION_KEYS = "new:tooshort"
    with pytest.raises(CommandError, match="key id 'new'"):
        rotate()
    assert raw_rows() == before


def test_the_project_models_are_walked_when_not_redirected_to_test_models(
    db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.apps import apps

    monkeypatch.setattr(rotate_encryption_keys, "apps", apps)
    walked = rotate_encryption_keys.encrypted_fields_by_model()
    assert all(model._meta.app_config is not None for model, _fields in walked)
    assert CaseNote not in [model for model, _fields in walked]
    out, _err = rotate()
    assert "models under key" in out
