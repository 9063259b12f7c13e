import rules
from django.db.models import QuerySet
from django.utils import timezone

from reintegra.assessments.models import Assessment, AssessmentStatus, Screening
from reintegra.core.policy import Policy
from reintegra.core.roles import Role
from reintegra.people.selectors import people_visible_to
from reintegra.training.certification import certification_status

ASSESSMENT_READERS = frozenset({Role.SPECIALIST, Role.SUPERVISOR, Role.PRISON_MANAGER})
ASSESSORS = frozenset({Role.SPECIALIST, Role.SUPERVISOR})
COUNTERSIGNERS = frozenset({Role.SUPERVISOR})


@rules.predicate
def reads_assessments(actor) -> bool:
    return actor.role in ASSESSMENT_READERS


@rules.predicate
def assesses(actor) -> bool:
    return actor.role in ASSESSORS


@rules.predicate
def countersigns(actor) -> bool:
    # Whether they may is then a matter of certification (see `certification_refusal`).
    return actor.role in COUNTERSIGNERS


@rules.predicate
def is_not_the_assessor(actor, assessment: Assessment) -> bool:
    return assessment.assessor_id != actor.user_id


@rules.predicate
def is_editable(actor, assessment: Assessment) -> bool:
    return assessment.is_editable


@rules.predicate
def is_submitted(actor, assessment: Assessment) -> bool:
    return assessment.status == AssessmentStatus.SUBMITTED


@rules.predicate
def is_locked(actor, assessment: Assessment) -> bool:
    return assessment.status == AssessmentStatus.LOCKED


class AssessmentPolicy(Policy[Assessment]):
    """Specialists, supervisors and managers who can see the person read the assessment; only
    assessors write it, and only a supervisor other than the assessor can lock it (four eyes).
    Submitting and countersigning also need a current certification for the instrument, which
    `certification_refusal` checks, so that the refusal can say which course to take."""

    model = Assessment
    rules = rules.RuleSet(
        {
            "view": reads_assessments,
            "start": assesses,
            "edit": assesses & is_editable,
            "submit": assesses & is_editable,
            "countersign": countersigns & is_submitted & is_not_the_assessor,
            "add_addendum": assesses & is_locked,
            "report": reads_assessments,
        }
    )

    def visible_to(self, actor) -> QuerySet[Assessment]:
        if not self.allows(actor, "view"):
            return Assessment.objects.none()
        return Assessment.objects.filter(person__in=people_visible_to(actor))


class ScreeningPolicy(Policy[Screening]):
    model = Screening
    rules = rules.RuleSet({"view": reads_assessments, "screen": assesses})

    def visible_to(self, actor) -> QuerySet[Screening]:
        if not self.allows(actor, "view"):
            return Screening.objects.none()
        return Screening.objects.filter(person__in=people_visible_to(actor))


def certification_refusal(actor, assessment: Assessment, action: str) -> str:
    """Why the actor may not finalise or countersign this assessment yet, or "" if they may: they
    need a current certification for its instrument (a completed, unexpired, unrevoked course)."""
    status = certification_status(
        user_id=actor.user_id,
        instrument_id=assessment.instrument_version.instrument_id,
        today=timezone.localdate(),
    )
    return "" if status.is_current else status.refusal(action)


assessment_policy = AssessmentPolicy()
screening_policy = ScreeningPolicy()
