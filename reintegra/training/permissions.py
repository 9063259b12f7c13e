"""Who manages and reads training records.

Training managers run their jurisdiction's catalogue use, events, completions, certificates and
matrix; trainers read their jurisdiction's events and take attendance; the regional programme team
reads every jurisdiction. Participants are staff of an organisation, so their records belong to
that organisation's jurisdiction.
"""

import rules
from django.db.models import Q, QuerySet

from reintegra.core.policy import Policy
from reintegra.core.roles import Role
from reintegra.training.models import (
    Certificate,
    Completion,
    Course,
    MatrixVersion,
    Participant,
    TrainingEvent,
)

MANAGERS = frozenset({Role.TRAINING_MANAGER})
READERS = frozenset({Role.TRAINING_MANAGER, Role.TRAINER, Role.REGIONAL_PROGRAMME})
ATTENDANCE_TAKERS = frozenset({Role.TRAINING_MANAGER, Role.TRAINER})
REGIONAL = frozenset({Role.REGIONAL_PROGRAMME})


@rules.predicate
def reads_training(actor) -> bool:
    return actor.role in READERS


@rules.predicate
def manages_training(actor) -> bool:
    return actor.role in MANAGERS


@rules.predicate
def takes_attendance(actor) -> bool:
    return actor.role in ATTENDANCE_TAKERS


@rules.predicate
def is_not_revoked(actor, certificate: Certificate) -> bool:
    return not certificate.is_revoked


def _in_jurisdiction(actor, organisation_path: str) -> Q:
    """The rows whose organisation is in the actor's jurisdiction; everything for the region."""
    if actor.role in REGIONAL:
        return Q()
    if not actor.jurisdiction_code:
        return Q(pk__in=[])
    return Q(**{f"{organisation_path}__jurisdiction_id": actor.jurisdiction_code})


class CoursePolicy(Policy[Course]):
    """The catalogue holds no personal data: training staff read it, managers keep it."""

    model = Course
    rules = rules.RuleSet({"view": reads_training, "manage": manages_training})

    def visible_to(self, actor) -> QuerySet[Course]:
        if not self.allows(actor, "view"):
            return Course.objects.none()
        return Course.objects.all()


class TrainingEventPolicy(Policy[TrainingEvent]):
    model = TrainingEvent
    rules = rules.RuleSet(
        {
            "view": reads_training,
            "manage": manages_training,
            "attendance": takes_attendance,
        }
    )

    def visible_to(self, actor) -> QuerySet[TrainingEvent]:
        if not self.allows(actor, "view"):
            return TrainingEvent.objects.none()
        return TrainingEvent.objects.filter(_in_jurisdiction(actor, "organisation"))


class ParticipantPolicy(Policy[Participant]):
    model = Participant
    rules = rules.RuleSet({"view": reads_training, "manage": manages_training})

    def visible_to(self, actor) -> QuerySet[Participant]:
        if not self.allows(actor, "view"):
            return Participant.objects.none()
        return Participant.objects.filter(_in_jurisdiction(actor, "organisation"))


class CompletionPolicy(Policy[Completion]):
    model = Completion
    rules = rules.RuleSet({"view": reads_training, "manage": manages_training})

    def visible_to(self, actor) -> QuerySet[Completion]:
        if not self.allows(actor, "view"):
            return Completion.objects.none()
        return Completion.objects.filter(_in_jurisdiction(actor, "participant__organisation"))


class CertificatePolicy(Policy[Certificate]):
    model = Certificate
    rules = rules.RuleSet(
        {
            "view": reads_training,
            "issue": manages_training,
            "revoke": manages_training & is_not_revoked,
        }
    )

    def visible_to(self, actor) -> QuerySet[Certificate]:
        if not self.allows(actor, "view"):
            return Certificate.objects.none()
        return Certificate.objects.filter(
            _in_jurisdiction(actor, "completion__participant__organisation")
        )


class MatrixPolicy(Policy[MatrixVersion]):
    """A jurisdiction's matrix is kept by its training managers; the regional team reads all."""

    model = MatrixVersion
    rules = rules.RuleSet({"view": reads_training, "edit": manages_training})

    def visible_to(self, actor) -> QuerySet[MatrixVersion]:
        if not self.allows(actor, "view"):
            return MatrixVersion.objects.none()
        if actor.role in REGIONAL:
            return MatrixVersion.objects.all()
        return MatrixVersion.objects.filter(jurisdiction_id=actor.jurisdiction_code)


course_policy = CoursePolicy()
event_policy = TrainingEventPolicy()
participant_policy = ParticipantPolicy()
completion_policy = CompletionPolicy()
certificate_policy = CertificatePolicy()
matrix_policy = MatrixPolicy()
