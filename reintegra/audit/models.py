from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    """What Art. 25 of the Law Enforcement Directive requires a log of, plus security events."""

    COLLECTION = "collection", _("Collection")
    ALTERATION = "alteration", _("Alteration")
    CONSULTATION = "consultation", _("Consultation")
    DISCLOSURE = "disclosure", _("Disclosure")
    COMBINATION = "combination", _("Combination")
    ERASURE = "erasure", _("Erasure")
    AUTHENTICATION = "authentication", _("Authentication")
    DENIED = "denied", _("Access denied")


class ProcessingLogEntry(models.Model):
    """One append-only, hash-chained entry of the processing log.

    Rows are never updated or deleted (database triggers refuse it); `seq` is contiguous and each
    `hash` is HMAC-SHA256 over the previous hash and this row's canonical content, so any edit,
    deletion or insertion after the fact breaks the chain at that row.
    """

    seq = models.BigIntegerField(primary_key=True)
    occurred_at = models.DateTimeField(db_index=True)
    category = models.CharField(max_length=20, choices=Category.choices)
    action = models.CharField(max_length=64)
    actor_user_id = models.UUIDField(null=True, blank=True, db_index=True)
    actor_username = models.CharField(max_length=150, blank=True)
    actor_organisation_id = models.UUIDField(null=True, blank=True)
    actor_role = models.CharField(max_length=40, blank=True)
    jurisdiction_code = models.CharField(max_length=2, blank=True)
    # Comma-delimited with leading and trailing commas (",id1,id2,") so that a person filter is a
    # plain substring match on every database.
    subject_ids = models.TextField(blank=True)
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    justification = models.TextField(blank=True)
    legal_basis = models.CharField(max_length=300, blank=True)
    recipient = models.CharField(max_length=300, blank=True)
    correlation_id = models.CharField(max_length=64, blank=True)
    client_ip = models.CharField(max_length=45, blank=True)
    details = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["-seq"]
        verbose_name = "processing log entry"
        verbose_name_plural = "processing log entries"
        indexes = [
            models.Index(fields=["jurisdiction_code", "-seq"], name="log_jurisdiction_seq"),
            models.Index(fields=["category", "-seq"], name="log_category_seq"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(category="disclosure") | ~Q(recipient=""),
                name="log_disclosure_names_recipient",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.seq} {self.category} {self.action}"

    @property
    def subjects(self) -> list[str]:
        return [part for part in self.subject_ids.split(",") if part]
