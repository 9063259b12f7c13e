import datetime as dt
from collections.abc import Iterator

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.assessments.models import AssessmentStatus
from reintegra.assessments.permissions import assessment_policy
from reintegra.people.selectors import people_visible_to
from reintegra.work.registry import WorkItem

# Reviews show in "My work" this many days before they fall due.
REVIEW_NOTICE_DAYS = 14


def review_work_items(actor) -> Iterator[WorkItem]:
    """People whose assessment review is due soon or overdue and not yet begun."""
    if getattr(actor, "membership", None) is None or not assessment_policy.allows(actor, "start"):
        return
    horizon = timezone.localdate() + dt.timedelta(days=REVIEW_NOTICE_DAYS)
    due = (
        people_visible_to(actor)
        .filter(next_review_due__lte=horizon, in_custody=True)
        .exclude(
            assessments__status__in=[
                AssessmentStatus.DRAFT,
                AssessmentStatus.SUBMITTED,
                AssessmentStatus.RETURNED,
            ]
        )
        .only("pk", "reference", "next_review_due")
        .order_by("next_review_due")[:200]
    )
    label = _("Assessment reviews due")
    for person in due:
        yield WorkItem(
            kind="assessment_review",
            kind_label=label,
            title=f"{person.reference} · {_('Assessment review')}",
            url=reverse("people:person-detail", args=[person.pk]),
            due=person.next_review_due,
        )
