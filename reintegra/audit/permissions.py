import rules
from django.db.models import Q, QuerySet

from reintegra.audit.actor import AuditActor
from reintegra.audit.models import ProcessingLogEntry
from reintegra.core.policy import Policy
from reintegra.core.roles import LOG_READER_ROLES


@rules.predicate
def is_log_reader(actor: AuditActor) -> bool:
    return actor.role in LOG_READER_ROLES


class ProcessingLogPolicy(Policy[ProcessingLogEntry]):
    """Only auditors and data protection officers read the log, and only their jurisdiction's."""

    model = ProcessingLogEntry
    rules = rules.RuleSet({"browse": is_log_reader, "export": is_log_reader})

    def visible_to(self, actor: AuditActor) -> QuerySet[ProcessingLogEntry]:
        if not self.allows(actor, "browse"):
            return ProcessingLogEntry.objects.none()
        # Entries with no jurisdiction (failed sign-ins of unknown names, system jobs) belong to
        # the instance as a whole.
        return ProcessingLogEntry.objects.filter(
            Q(jurisdiction_code=actor.jurisdiction_code) | Q(jurisdiction_code="")
        )


processing_log_policy = ProcessingLogPolicy()
