"""Model fields whose values the database only ever holds encrypted."""

from typing import Any

from django.core.exceptions import FieldError
from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.expressions import Expression
from django.db.models.lookups import Exact, IsNull, Lookup, Transform

from reintegra.core import crypto

_NOT_SEARCHABLE = (
    "Encrypted fields cannot be searched: {field} holds ciphertext, so '{lookup}' could never "
    "match. Only isnull, and an exact match on the empty string, are supported."
)


class _EmptyOrNullExact(Exact):
    """`field=""` (and `field=None`) still work: emptiness is not encrypted."""

    def get_prep_lookup(self) -> Any:
        if self.rhs not in ("", None):
            raise FieldError(_NOT_SEARCHABLE.format(field=_field_label(self.lhs), lookup="exact"))
        return super().get_prep_lookup()


class EncryptedTextField(models.TextField):
    """Free text encrypted at rest with AES-GCM (reintegra.core.crypto).

    The Python value is plain text; the column holds a `v1:<key id>:...` token bound to this model
    and field, so it cannot be moved to another column. An empty string is stored as an empty
    string and NULL as NULL: whether a value is present is visible in the database, its content
    is not. The column cannot be searched, sorted or indexed meaningfully.

    Renaming the model, its app or the field changes the binding; pass `context` with the old
    `app_label.model.field` to keep reading the values already stored.
    """

    description = "Text encrypted at rest (AES-GCM)"

    def __init__(self, *args: Any, context: str | None = None, **kwargs: Any) -> None:
        self._pinned_context = context
        super().__init__(*args, **kwargs)

    @property
    def encryption_context(self) -> str:
        if self._pinned_context:
            return self._pinned_context
        return f"{self.model._meta.label_lower}.{self.name}"

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        if self._pinned_context:
            kwargs["context"] = self._pinned_context
        return name, path, args, kwargs

    def from_db_value(
        self, value: str | None, expression: Expression, connection: BaseDatabaseWrapper
    ) -> str | None:
        if value is None or value == "":
            return value
        return crypto.decrypt(value, context=self.encryption_context)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return crypto.encrypt(value, context=self.encryption_context)

    def get_lookup(self, lookup_name: str) -> type[Lookup] | None:
        if lookup_name == "isnull":
            return IsNull
        if lookup_name == "exact":
            return _EmptyOrNullExact
        raise FieldError(_NOT_SEARCHABLE.format(field=_field_label(self), lookup=lookup_name))

    def get_transform(self, lookup_name: str) -> type[Transform] | None:
        raise FieldError(_NOT_SEARCHABLE.format(field=_field_label(self), lookup=lookup_name))


def _field_label(field_or_expression: Any) -> str:
    field = getattr(field_or_expression, "output_field", field_or_expression)
    model = getattr(field, "model", None)
    if model is None:
        return str(getattr(field, "name", "this field"))
    return f"{model._meta.label}.{field.name}"
