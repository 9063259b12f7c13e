import base64
import secrets

import pytest
from django.apps import apps
from django.core.exceptions import FieldError
from django.db import connection
from django.db.models.functions import Lower

from reintegra.core import crypto
from reintegra.core.fields import EncryptedTextField
from reintegra.core.tests.encrypted_models import (
    CaseNote,
    RenamedCaseNote,
    db_id,
    encrypted_tables,
)

NARRATIVE = "Говори о брату у Сирији; refuses the mentoring programme 😶"  # noqa: RUF001
ASSESSMENT = "Personal assessment: engagement improving since March."


def new_key() -> str:
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()


OLD_KEY, NEW_KEY = new_key(), new_key()


@pytest.fixture(scope="module", autouse=True)
def _case_note_table(django_db_setup: None, django_db_blocker) -> None:
    with django_db_blocker.unblock(), encrypted_tables():
        yield


@pytest.fixture(autouse=True)
def _old_key_current(settings) -> None:
    settings.FIELD_ENCRYPTION_KEYS = f"old:{OLD_KEY}"


def raw_columns(note: CaseNote) -> tuple[str, str | None]:
    """What the database holds, read past the ORM."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT narrative, assessment FROM core_test_case_note WHERE id = %s", [db_id(note)]
        )
        return cursor.fetchone()


def test_text_saved_in_an_encrypted_field_reads_back_unchanged(db: None) -> None:
    note = CaseNote.objects.create(narrative=NARRATIVE, assessment=ASSESSMENT)
    reloaded = CaseNote.objects.get(pk=note.pk)
    assert reloaded.narrative == NARRATIVE
    assert reloaded.assessment == ASSESSMENT


def test_fifty_kilobytes_of_cyrillic_round_trip(db: None) -> None:
    long_text = "Затвореник је учествовао у радионици. " * 750  # noqa: RUF001
    assert len(long_text.encode()) > 50_000
    note = CaseNote.objects.create(narrative=long_text)
    assert CaseNote.objects.get(pk=note.pk).narrative == long_text


def test_the_raw_column_holds_a_token_under_the_current_key_and_no_plaintext(db: None) -> None:
    note = CaseNote.objects.create(narrative=NARRATIVE, assessment=ASSESSMENT)
    narrative, assessment = raw_columns(note)
    assert narrative.startswith("v1:old:")
    assert assessment.startswith("v1:old:")
    for word in ["брату", "Сирији", "mentoring", "😶"]:
        assert word not in narrative
    for word in ["assessment", "engagement", "March"]:
        assert word not in assessment


def test_emptiness_is_visible_but_content_is_not(db: None) -> None:
    note = CaseNote.objects.create(narrative="", assessment=None)
    assert raw_columns(note) == ("", None)
    reloaded = CaseNote.objects.get(pk=note.pk)
    assert reloaded.narrative == ""
    assert reloaded.assessment is None


def test_queryset_update_bulk_create_and_bulk_update_all_store_ciphertext(db: None) -> None:
    first, second = CaseNote.objects.bulk_create(
        [CaseNote(narrative="bulk one"), CaseNote(narrative="bulk two")]
    )
    CaseNote.objects.filter(pk=first.pk).update(assessment="updated in place")
    second.assessment = "updated in bulk"
    CaseNote.objects.bulk_update([second], ["assessment"])
    for note in (first, second):
        narrative, assessment = raw_columns(note)
        assert narrative.startswith("v1:old:")
        assert assessment.startswith("v1:old:")
        assert "bulk" not in narrative
        assert "updated" not in assessment
    assert CaseNote.objects.get(pk=first.pk).assessment == "updated in place"
    assert CaseNote.objects.get(pk=second.pk).assessment == "updated in bulk"


def test_values_written_under_the_old_key_still_read_after_rotation(db: None, settings) -> None:
    note = CaseNote.objects.create(narrative=NARRATIVE)
    settings.FIELD_ENCRYPTION_KEYS = f"new:{NEW_KEY},old:{OLD_KEY}"
    reloaded = CaseNote.objects.get(pk=note.pk)
    assert reloaded.narrative == NARRATIVE
    reloaded.save()
    assert raw_columns(note)[0].startswith("v1:new:")


def test_a_one_character_change_in_the_column_makes_reading_fail(db: None) -> None:
    note = CaseNote.objects.create(narrative=NARRATIVE)
    token = raw_columns(note)[0]
    middle = len(token) // 2
    tampered = token[:middle] + ("A" if token[middle] != "A" else "B") + token[middle + 1 :]
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE core_test_case_note SET narrative = %s WHERE id = %s", [tampered, db_id(note)]
        )
    with pytest.raises(crypto.DecryptionError, match=r"core\.casenote\.narrative"):
        CaseNote.objects.get(pk=note.pk)


def test_a_token_copied_into_another_column_does_not_decrypt(db: None) -> None:
    note = CaseNote.objects.create(narrative=NARRATIVE, assessment=ASSESSMENT)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE core_test_case_note SET assessment = narrative WHERE id = %s", [db_id(note)]
        )
    with pytest.raises(crypto.DecryptionError, match="copied from another field"):
        CaseNote.objects.get(pk=note.pk)


def test_a_token_under_an_unknown_key_names_the_key(db: None, settings) -> None:
    note = CaseNote.objects.create(narrative=NARRATIVE)
    settings.FIELD_ENCRYPTION_KEYS = f"new:{NEW_KEY}"
    with pytest.raises(crypto.DecryptionError, match="key id 'old'"):
        CaseNote.objects.get(pk=note.pk)


def test_a_renamed_model_pinned_to_its_old_context_reads_the_stored_values(db: None) -> None:
    note = CaseNote.objects.create(narrative=NARRATIVE, assessment=ASSESSMENT)
    renamed = RenamedCaseNote.objects.get(pk=note.pk)
    assert (renamed.narrative, renamed.assessment) == (NARRATIVE, ASSESSMENT)


@pytest.mark.parametrize(
    "lookup",
    [
        {"narrative__icontains": "brat"},
        {"narrative__startswith": "v1:"},
        {"narrative": NARRATIVE},
        {"narrative__in": [NARRATIVE]},
        {"narrative__gt": ""},
        {"narrative__regex": ".*"},
        {"narrative__lower__contains": "a"},
        {"assessment__search": "assessment"},
    ],
    ids=str,
)
def test_searching_an_encrypted_field_is_refused_clearly(db: None, lookup: dict) -> None:
    with pytest.raises(FieldError, match="Encrypted fields cannot be searched"):
        list(CaseNote.objects.filter(**lookup))


def test_searching_through_a_function_is_refused_too(db: None) -> None:
    with pytest.raises(FieldError, match="Encrypted fields cannot be searched"):
        list(CaseNote.objects.annotate(lowered=Lower("narrative")).filter(lowered="a"))


def test_presence_of_a_value_can_still_be_queried(db: None) -> None:
    CaseNote.objects.create(narrative=NARRATIVE, assessment=None)
    CaseNote.objects.create(narrative="", assessment=ASSESSMENT)
    assert CaseNote.objects.filter(narrative="").count() == 1
    assert CaseNote.objects.exclude(narrative="").count() == 1
    assert CaseNote.objects.filter(assessment__isnull=True).count() == 1
    assert CaseNote.objects.filter(assessment=None).count() == 1


def test_the_field_deconstructs_without_any_key_material() -> None:
    field = CaseNote._meta.get_field("narrative")
    _name, path, args, kwargs = field.deconstruct()
    assert path == "reintegra.core.fields.EncryptedTextField"
    assert (args, kwargs) == ([], {"blank": True})
    pinned = RenamedCaseNote._meta.get_field("narrative").deconstruct()[3]
    assert pinned == {"blank": True, "context": "core.casenote.narrative"}
    rebuilt = EncryptedTextField(**pinned)
    assert rebuilt.deconstruct()[3] == pinned


def test_each_field_is_bound_to_its_model_and_name() -> None:
    assert CaseNote._meta.get_field("narrative").encryption_context == "core.casenote.narrative"
    assert CaseNote._meta.get_field("assessment").encryption_context == "core.casenote.assessment"


def test_the_test_models_stay_out_of_the_project_registry_and_migrations() -> None:
    assert CaseNote not in apps.get_models()
    assert RenamedCaseNote not in apps.get_models()
