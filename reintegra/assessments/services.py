"""The assessment workflow: draft → submitted → countersigned and locked, or returned.

Every write names the version of the assessment it started from (optimistic locking), runs in one
transaction and writes its processing-log entry there. Nothing here computes a judgement.
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from reintegra.assessments.models import (
    Addendum,
    Assessment,
    AssessmentStatus,
    ItemRating,
    Screening,
    ScreeningOutcome,
)
from reintegra.assessments.permissions import certification_refusal
from reintegra.audit.models import Category
from reintegra.audit.services import record
from reintegra.instruments.models import InstrumentVersion
from reintegra.instruments.validation import NO_INFORMATION
from reintegra.people.models import CustodyEpisode, Person
from reintegra.people.services import person_url
from reintegra.work.services import task_create, tasks_close_for, tasks_close_for_person

ASSESSMENT_TEAM_ROLES = ("specialist", "supervisor")
COUNTERSIGNING_ROLES = ("supervisor",)


class AssessmentError(ValueError):
    """A refused step; `problems` are shown to the user as they are."""

    def __init__(self, problems: list[str] | str) -> None:
        self.problems = [problems] if isinstance(problems, str) else problems
        super().__init__("; ".join(self.problems))


class ConflictError(AssessmentError):
    """Someone else saved the assessment after this user opened it."""


@dataclass(frozen=True)
class RatingInput:
    ratings: dict[str, str] = field(default_factory=dict)
    evidence: str = ""
    source: str = ""


# --- Screening -----------------------------------------------------------------------------------


@transaction.atomic
def screening_record(
    *,
    actor,
    person: Person,
    version: InstrumentVersion,
    occasion: str,
    answers: dict[str, dict[str, str]],
    outcome: str,
    reasons: str,
) -> Screening:
    definition = version.parsed
    if definition.kind != "screening":
        raise AssessmentError(_("Choose a screening instrument."))
    missing = _unanswered(definition, answers)
    if missing:
        raise AssessmentError([_("Answer: %(item)s") % {"item": name} for name in missing])
    if outcome not in ScreeningOutcome.values:
        raise AssessmentError(_("Choose an outcome."))
    if not reasons.strip():
        raise AssessmentError(_("Give the reasons for the outcome."))
    screening = Screening.objects.create(
        person=person,
        instrument_version=version,
        occasion=occasion,
        answers=answers,
        outcome=outcome,
        reasons=reasons,
        screened_by=actor.user,
        organisation_id=actor.organisation_id,
        facility_id=actor.facility_id,
    )
    record(
        actor=actor,
        category=Category.COLLECTION,
        action="screening.record",
        subjects=[person.pk],
        obj=screening,
    )
    if outcome == ScreeningOutcome.REFER:
        facility = person.current_facility
        task_create(
            actor=actor,
            kind="screening_referral",
            title=gettext_noop("Full assessment after screening"),
            reason=gettext_noop("Screening referred the person for a full assessment."),
            person=person,
            jurisdiction_id=person.jurisdiction_id,
            organisation_id=facility.organisation_id if facility else actor.organisation_id,
            facility_id=facility.pk if facility else None,
            roles=ASSESSMENT_TEAM_ROLES,
            due=timezone.localdate() + dt.timedelta(days=30),
            url=person_url(person),
            source=screening,
        )
    return screening


def _unanswered(definition: Any, answers: dict[str, dict[str, str]]) -> list[str]:
    missing = []
    for item in definition.items:
        given = answers.get(item.code, {})
        if item.required and not all(
            definition.axes[axis].accepts(given.get(axis, "")) for axis in item.axes
        ):
            missing.append(item.name.get("en", item.code))
    return missing


# --- Structured professional judgement -----------------------------------------------------------


@transaction.atomic
def assessment_start(*, actor, person: Person, version: InstrumentVersion) -> Assessment:
    """A new draft; a reassessment starts from the last locked one (ratings, evidence, needs)."""
    if version.parsed.kind != "spj":
        raise AssessmentError(_("Choose a structured professional judgement instrument."))
    if not version.is_active:
        raise AssessmentError(_("This instrument version is retired; choose a current one."))
    in_progress = (
        Assessment.objects.select_for_update()
        .filter(person=person)
        .exclude(status=AssessmentStatus.LOCKED)
        .first()
    )
    if in_progress is not None:
        raise AssessmentError(_("An assessment of this person is already in progress."))
    previous = (
        Assessment.objects.filter(person=person, status=AssessmentStatus.LOCKED)
        .order_by("-countersigned_at")
        .first()
    )
    assessment = Assessment.objects.create(
        person=person,
        instrument_version=version,
        assessor=actor.user,
        organisation_id=actor.organisation_id,
        facility_id=actor.facility_id,
        previous=previous,
    )
    if previous is not None:
        _carry_forward(previous, assessment)
    record(
        actor=actor,
        category=Category.COLLECTION,
        action="assessment.start",
        subjects=[person.pk],
        obj=assessment,
        details={"previous": str(previous.pk) if previous else ""},
    )
    return assessment


def _carry_forward(previous: Assessment, assessment: Assessment) -> None:
    definition = assessment.instrument_version.parsed
    same_instrument = (
        previous.instrument_version.instrument_id == assessment.instrument_version.instrument_id
    )
    if not same_instrument:
        return
    known_items = {item.code for item in definition.items}
    ItemRating.objects.bulk_create(
        [
            ItemRating(
                assessment=assessment,
                item_code=rating.item_code,
                ratings=rating.ratings,
                evidence=rating.evidence,
                source=rating.source,
            )
            for rating in previous.ratings.all()
            if rating.item_code in known_items
        ]
    )
    assessment.needs = [
        code for code in previous.needs if code in {n.code for n in definition.needs}
    ]
    assessment.needs_notes = previous.needs_notes
    assessment.protective_summary = previous.protective_summary
    assessment.formulation = previous.formulation
    assessment.risk_scenarios = previous.risk_scenarios
    assessment.save(
        update_fields=[
            "needs",
            "needs_notes",
            "protective_summary",
            "formulation",
            "risk_scenarios",
        ]
    )


EDITABLE_FIELDS = (
    "needs",
    "needs_notes",
    "protective_summary",
    "formulation",
    "risk_scenarios",
    "judgement_level",
    "judgement_rationale",
    "next_review_date",
)


@transaction.atomic
def assessment_save(
    *,
    actor,
    assessment: Assessment,
    expected_version: int,
    ratings: dict[str, RatingInput],
    fields: dict[str, Any],
) -> Assessment:
    definition = assessment.instrument_version.parsed
    problems = _invalid_ratings(definition, ratings)
    level = fields.get("judgement_level", "")
    if level and level not in {option.value for option in definition.judgement_levels}:
        problems.append(_("Choose a judgement level the instrument offers."))
    if problems:
        raise AssessmentError(problems)
    _claim_version(assessment, expected_version)
    for name in EDITABLE_FIELDS:
        if name in fields:
            setattr(assessment, name, fields[name])
    assessment.save(update_fields=[*[n for n in EDITABLE_FIELDS if n in fields], "updated_at"])
    existing = {rating.item_code: rating for rating in assessment.ratings.all()}
    for code, given in ratings.items():
        rating = existing.get(code) or ItemRating(assessment=assessment, item_code=code)
        rating.ratings = {axis: value for axis, value in given.ratings.items() if value}
        rating.evidence = given.evidence
        rating.source = given.source
        rating.save()
    record(
        actor=actor,
        category=Category.ALTERATION,
        action="assessment.save",
        subjects=[assessment.person_id],
        obj=assessment,
    )
    return assessment


def _claim_version(assessment: Assessment, expected_version: int) -> None:
    """Moves the version on only if nobody else did first; otherwise nothing is written."""
    claimed = Assessment.objects.filter(
        pk=assessment.pk,
        version=expected_version,
        status__in=[AssessmentStatus.DRAFT, AssessmentStatus.RETURNED],
    ).update(version=F("version") + 1)
    if claimed:
        assessment.version = expected_version + 1
        return
    current = Assessment.objects.get(pk=assessment.pk)
    if not current.is_editable:
        raise AssessmentError(_("This assessment is no longer a draft and cannot be changed."))
    raise ConflictError(
        _(
            "Someone else saved this assessment after you opened it. Your changes have not been "
            "saved: they are still in the form below. Reload the assessment to see the other "
            "changes, then enter yours again."
        )
    )


def _invalid_ratings(definition: Any, ratings: dict[str, RatingInput]) -> list[str]:
    problems = []
    for code, given in ratings.items():
        try:
            item = definition.item(code)
        except KeyError:
            problems.append(_("Unknown item %(code)s.") % {"code": code})
            continue
        for axis, value in given.ratings.items():
            if axis not in item.axes or (value and not definition.axes[axis].accepts(value)):
                problems.append(
                    _("Choose a rating the scale offers for %(code)s.") % {"code": code}
                )
    return problems


def assessment_problems(assessment: Assessment) -> list[tuple[str, str]]:
    """What stops submission, as (anchor, message) pairs; an empty list means ready."""
    definition = assessment.instrument_version.parsed
    rated = {rating.item_code: rating for rating in assessment.ratings.all()}
    problems: list[tuple[str, str]] = []
    for item in definition.items:
        if not item.required:
            continue
        rating = rated.get(item.code)
        given = rating.ratings if rating else {}
        if not all(definition.axes[axis].accepts(given.get(axis, "")) for axis in item.axes):
            problems.append(
                (
                    f"item-{item.code}",
                    _("Rate %(code)s %(name)s, or mark it as no information.")
                    % {"code": item.code, "name": item.name.get("en", "")},
                )
            )
        elif (
            rating is not None
            and not rating.evidence.strip()
            and any(value != NO_INFORMATION for value in given.values())
        ):
            problems.append(
                (
                    f"item-{item.code}",
                    _("Give the evidence for %(code)s.") % {"code": item.code},
                )
            )
    if not assessment.formulation.strip():
        problems.append(("id_formulation", _("Write the formulation.")))
    if not assessment.judgement_level:
        problems.append(("id_judgement_level", _("Give your final professional judgement.")))
    if definition.requires_rationale and not assessment.judgement_rationale.strip():
        problems.append(("id_judgement_rationale", _("Explain the reasons for your judgement.")))
    return problems


@transaction.atomic
def assessment_submit(*, actor, assessment: Assessment, expected_version: int) -> Assessment:
    problems = assessment_problems(assessment)
    if problems:
        raise AssessmentError([message for _anchor, message in problems])
    refusal = certification_refusal(actor, assessment, _("submit this assessment"))
    if refusal:
        raise AssessmentError(refusal)
    _claim_version(assessment, expected_version)
    assessment.status = AssessmentStatus.SUBMITTED
    assessment.submitted_at = timezone.now()
    assessment.save(update_fields=["status", "submitted_at", "updated_at"])
    tasks_close_for(actor=actor, kind="returned_assessment", source=assessment)
    task_create(
        actor=actor,
        kind="countersignature",
        title=gettext_noop("Countersign an assessment"),
        person=assessment.person,
        jurisdiction_id=assessment.person.jurisdiction_id,
        organisation_id=assessment.organisation_id,
        facility_id=assessment.facility_id,
        roles=COUNTERSIGNING_ROLES,
        due=timezone.localdate() + dt.timedelta(days=14),
        url=_assessment_url(assessment),
        source=assessment,
    )
    record(
        actor=actor,
        category=Category.ALTERATION,
        action="assessment.submit",
        subjects=[assessment.person_id],
        obj=assessment,
    )
    return assessment


def _assessment_url(assessment: Assessment) -> str:
    with translation.override("en"):
        return reverse("assessments:assessment-detail", args=[assessment.pk])


def _refuse_unless_countersigner(actor, assessment: Assessment) -> None:
    if assessment.status != AssessmentStatus.SUBMITTED:
        raise AssessmentError(_("Only a submitted assessment can be countersigned or returned."))
    if assessment.assessor_id == actor.user_id:
        raise AssessmentError(_("You cannot countersign your own assessment."))
    refusal = certification_refusal(actor, assessment, _("countersign or return it"))
    if refusal:
        raise AssessmentError(refusal)


@transaction.atomic
def assessment_countersign(*, actor, assessment: Assessment, today: dt.date) -> Assessment:
    assessment = (
        Assessment.objects.select_for_update().select_related("person").get(pk=assessment.pk)
    )
    _refuse_unless_countersigner(actor, assessment)
    person = assessment.person
    review = assessment.next_review_date or _months_after(
        today, person.jurisdiction.review_interval_months
    )
    review = _review_before_release(person, review, today)
    assessment.status = AssessmentStatus.LOCKED
    assessment.countersigned_by = actor.user
    assessment.countersigned_at = timezone.now()
    assessment.next_review_date = review
    assessment.version += 1
    assessment.save(
        update_fields=[
            "status",
            "countersigned_by",
            "countersigned_at",
            "next_review_date",
            "version",
            "updated_at",
        ]
    )
    person.judgement_level = assessment.judgement_level
    person.next_review_due = review
    person.save(update_fields=["judgement_level", "next_review_due", "updated_at"])
    tasks_close_for(actor=actor, kind="countersignature", source=assessment)
    tasks_close_for_person(actor=actor, person=person, kinds=("reassessment", "screening_referral"))
    record(
        actor=actor,
        category=Category.ALTERATION,
        action="assessment.countersign",
        subjects=[person.pk],
        obj=assessment,
    )
    return assessment


def _months_after(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    last_day = [31, 29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28, 31, 30, 31,
                30, 31, 31, 30, 31, 30, 31][month - 1]  # fmt: skip
    return dt.date(year, month, min(day.day, last_day))


def _review_before_release(person: Person, review: dt.date, today: dt.date) -> dt.date:
    """A review due after release comes forward, so the person is reassessed before leaving."""
    episode = CustodyEpisode.objects.filter(person=person, actual_release_date__isnull=True).first()
    if episode is None or episode.expected_release_date is None:
        return review
    before_release = _months_after(
        episode.expected_release_date, -settings.REASSESSMENT_BEFORE_RELEASE_MONTHS
    )
    if review > before_release:
        return max(today, before_release)
    return review


@transaction.atomic
def assessment_return(*, actor, assessment: Assessment, comments: str) -> Assessment:
    assessment = (
        Assessment.objects.select_for_update().select_related("person").get(pk=assessment.pk)
    )
    _refuse_unless_countersigner(actor, assessment)
    if not comments.strip():
        raise AssessmentError(_("Say what must change before you return the assessment."))
    assessment.status = AssessmentStatus.RETURNED
    assessment.return_comments = comments
    assessment.version += 1
    assessment.save(update_fields=["status", "return_comments", "version", "updated_at"])
    tasks_close_for(actor=actor, kind="countersignature", source=assessment)
    task_create(
        actor=actor,
        kind="returned_assessment",
        title=gettext_noop("Revise a returned assessment"),
        person=assessment.person,
        jurisdiction_id=assessment.person.jurisdiction_id,
        organisation_id=assessment.organisation_id,
        assignee=assessment.assessor,
        due=timezone.localdate() + dt.timedelta(days=14),
        url=_assessment_url(assessment),
        source=assessment,
    )
    record(
        actor=actor,
        category=Category.ALTERATION,
        action="assessment.return",
        subjects=[assessment.person_id],
        obj=assessment,
    )
    return assessment


@transaction.atomic
def addendum_add(*, actor, assessment: Assessment, text: str) -> Addendum:
    if assessment.status != AssessmentStatus.LOCKED:
        raise AssessmentError(_("Addenda are for locked assessments; edit the draft instead."))
    if not text.strip():
        raise AssessmentError(_("Write the addendum."))
    addendum = Addendum.objects.create(assessment=assessment, author=actor.user, text=text)
    record(
        actor=actor,
        category=Category.COLLECTION,
        action="assessment.addendum",
        subjects=[assessment.person_id],
        obj=addendum,
    )
    return addendum
