"""Re-encrypts every encrypted field value written under an older key with the current key.

Lives in the audit app, not in core, because it writes processing-log entries and the core layer
may not import the audit layer.
"""

import uuid
from argparse import ArgumentParser
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import models, transaction
from django.db.models import ExpressionWrapper, F, Value

from reintegra.audit.actor import SystemActor
from reintegra.audit.models import Category
from reintegra.audit.services import record
from reintegra.core import crypto
from reintegra.core.fields import EncryptedTextField

# The token as the column holds it: typed as plain text, so that no decryption happens on read.
_RAW_COLUMN = "stored_ciphertext"


@dataclass
class _FieldOutcome:
    label: str
    rotated: int = 0
    failures: list[str] = field(default_factory=list)


class Command(BaseCommand):
    help = (
        "Re-encrypt, under the current (first) key of FIELD_ENCRYPTION_KEYS, every encrypted "
        "value still written under an older key. Safe to run again: it only touches old-key "
        "values. Values are never printed."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--batch-size",
            type=int,
            default=500,
            help="Rows re-encrypted per transaction (default 500).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Count and test-decrypt the old-key values without changing anything.",
        )

    def handle(self, *args: Any, batch_size: int, dry_run: bool, **options: Any) -> None:
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        try:
            key_id = crypto.current_key_id()
        except crypto.KeyConfigurationError as error:
            raise CommandError(str(error)) from None
        run = SystemActor(
            username="rotate_encryption_keys", correlation_id=f"rotate-{uuid.uuid4().hex[:12]}"
        )
        rotated_total, models_touched, failures = 0, 0, []
        for model, fields in encrypted_fields_by_model():
            rotated_by_field: dict[str, int] = {}
            for encrypted_field in fields:
                outcome = self._field_rotate(model, encrypted_field, key_id, batch_size, dry_run)
                if outcome.rotated:
                    rotated_by_field[encrypted_field.name] = outcome.rotated
                failures.extend(outcome.failures)
            rotated_in_model = sum(rotated_by_field.values())
            if rotated_in_model:
                models_touched += 1
                rotated_total += rotated_in_model
            if rotated_in_model and not dry_run:
                # After the model's batches, not inside each one: the log gets one entry per
                # model, and a run cut short is completed (and logged) by the next run.
                record(
                    actor=run,
                    category=Category.ALTERATION,
                    action="encryption.rotate",
                    object_type=model._meta.label_lower,
                    # Values, not rows: a row with two old-key fields counts twice.
                    details={
                        "values": rotated_in_model,
                        "fields": ",".join(f"{name}:{n}" for name, n in rotated_by_field.items()),
                        "key": key_id,
                    },
                )
        if dry_run:
            self.stdout.write(
                f"Dry run: {rotated_total:,} values in {models_touched} models would be "
                f"re-encrypted under key '{key_id}'. Nothing was changed."
            )
        else:
            self.stdout.write(
                f"Re-encrypted {rotated_total:,} values in {models_touched} models "
                f"under key '{key_id}'."
            )
        if failures:
            for failure in failures:
                self.stderr.write(failure)
            raise CommandError(
                f"{len(failures):,} values could not be decrypted (listed above) and keep their "
                "old key. Keep every old key in FIELD_ENCRYPTION_KEYS until they are resolved."
            )

    def _field_rotate(
        self,
        model: type[models.Model],
        encrypted_field: EncryptedTextField,
        key_id: str,
        batch_size: int,
        dry_run: bool,
    ) -> _FieldOutcome:
        outcome = _FieldOutcome(label=f"{model._meta.label}.{encrypted_field.name}")
        stale = _stale_tokens(model, encrypted_field, key_id)
        todo = stale.count()
        context = encrypted_field.encryption_context
        last_pk = None
        while True:
            with transaction.atomic():
                page = stale if last_pk is None else stale.filter(pk__gt=last_pk)
                if not dry_run:
                    # Locked until the batch commits, so no edit made meanwhile is overwritten.
                    page = page.select_for_update(of=("self",))
                batch = list(page.values_list("pk", _RAW_COLUMN)[:batch_size])
                if not batch:
                    break
                for pk, token in batch:
                    last_pk = pk
                    try:
                        new_token = crypto.reencrypt(token, context=context)
                    except crypto.DecryptionError as error:
                        outcome.failures.append(f"{outcome.label}, row {pk}: {error}")
                        continue
                    if not dry_run:
                        model._base_manager.filter(pk=pk).update(
                            **{
                                encrypted_field.attname: Value(
                                    new_token, output_field=models.TextField()
                                )
                            }
                        )
                    outcome.rotated += 1
            if not dry_run:
                self.stdout.write(f"{outcome.label}: {outcome.rotated:,} of {todo:,} re-encrypted")
        if dry_run:
            self.stdout.write(
                f"{outcome.label}: {outcome.rotated:,} of {todo:,} would be re-encrypted"
            )
        elif todo == 0:
            self.stdout.write(f"{outcome.label}: 0 of 0 re-encrypted")
        return outcome


def encrypted_fields_by_model() -> list[tuple[type[models.Model], list[EncryptedTextField]]]:
    """Each concrete model with encrypted columns of its own (inherited tables count once)."""
    found = []
    for model in apps.get_models():
        if model._meta.proxy:
            continue
        fields = [f for f in model._meta.local_fields if isinstance(f, EncryptedTextField)]
        if fields:
            found.append((model, fields))
    return found


def _stale_tokens(
    model: type[models.Model], encrypted_field: EncryptedTextField, key_id: str
) -> models.QuerySet[Any]:
    """Rows whose value is not under the current key; the token is read as stored."""
    token = ExpressionWrapper(F(encrypted_field.attname), output_field=models.TextField())
    return (
        model._base_manager.annotate(**{_RAW_COLUMN: token})
        .filter(**{f"{_RAW_COLUMN}__isnull": False})
        .exclude(**{_RAW_COLUMN: ""})
        .exclude(**{f"{_RAW_COLUMN}__startswith": f"{crypto.VERSION}:{key_id}:"})
        .order_by("pk")
    )
