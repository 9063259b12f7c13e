"""A model with encrypted fields for tests only, kept out of the app registry and migrations.

It lives in its own registry (`test_apps`), so `makemigrations` and `apps.get_models()` never see
it; `encrypted_tables` creates its tables outside any test transaction, once per test module.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.apps.registry import Apps
from django.db import connection, models

from reintegra.core.fields import EncryptedTextField
from reintegra.core.models import BaseModel

test_apps = Apps(["reintegra.core"])
# A second registry, so that a command walking `test_apps` sees each table once.
renamed_apps = Apps(["reintegra.core"])


class CaseNote(BaseModel):
    narrative = EncryptedTextField(blank=True)
    assessment = EncryptedTextField(null=True, blank=True)
    plain_title = models.CharField(max_length=100, blank=True)

    class Meta:
        apps = test_apps
        app_label = "core"
        db_table = "core_test_case_note"


class RenamedCaseNote(BaseModel):
    """The same table as CaseNote after a rename, pinned to the old binding."""

    narrative = EncryptedTextField(blank=True, context="core.casenote.narrative")
    assessment = EncryptedTextField(null=True, blank=True, context="core.casenote.assessment")
    plain_title = models.CharField(max_length=100, blank=True)

    class Meta:
        apps = renamed_apps
        app_label = "core"
        db_table = "core_test_case_note"
        managed = False


def db_id(note: BaseModel) -> object:
    """The primary key as a raw SQL parameter (a hex string on SQLite, a UUID on PostgreSQL)."""
    return note._meta.pk.get_db_prep_value(note.pk, connection)


@contextmanager
def encrypted_tables() -> Iterator[None]:
    with connection.schema_editor() as editor:
        editor.create_model(CaseNote)
    try:
        yield
    finally:
        with connection.schema_editor() as editor:
            editor.delete_model(CaseNote)
