"""Leaving custody: the handover to a named probation officer, and the release itself. Every
write is atomic and logged in its transaction."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from reintegra.audit.models import Category
from reintegra.audit.services import record
from reintegra.core.disclosures import DisclosureRefusedError, disclosure_register
from reintegra.people.models import AccessScope, CustodyEpisode, Person, Placement
from reintegra.people.services import CustodyError, access_grant, person_url
from reintegra.release.hooks import release_listeners_notify
from reintegra.release.models import Handover, ReleasePlan, ReleasePlanStatus
from reintegra.release.services.plans import ReleaseError, plan_url, refuse_if_closed
from reintegra.work.services import task_create, tasks_close_for

PLAN_TASK_KINDS = ("release_plan_opened", "handover_due")
HANDOVER_LEGAL_BASIS = "probation-handover"
# What each part of the person opened to probation discloses, as the disclosure register's data
# categories (coordination.models.DataCategory, named by code: this app sits below coordination).
SCOPE_DATA_CATEGORIES: dict[str, tuple[str, ...]] = {
    AccessScope.IDENTITY: ("identity", "offence"),
    AccessScope.ASSESSMENT_SUMMARY: ("risk", "needs"),
    AccessScope.PLAN: ("needs",),
    AccessScope.PROGRAMMES: ("needs",),
    AccessScope.RELEASE: ("release",),
    AccessScope.SUPERVISION: ("supervision",),
}


# --- Handover to probation -----------------------------------------------------------------------


@transaction.atomic
def handover_create(
    *,
    actor,
    plan: ReleasePlan,
    membership,
    scopes: list[str],
    handed_over_on: dt.date,
    notes: str,
    today: dt.date,
) -> Handover:
    """Names the probation officer and opens to them exactly the parts of the person listed."""
    plan = (
        ReleasePlan.objects.select_for_update().select_related("person", "episode").get(pk=plan.pk)
    )
    refuse_if_closed(plan)
    person = plan.person
    if Handover.objects.filter(plan=plan).exists():
        raise ReleaseError(_("This release plan has already been handed over to probation."))
    organisation = membership.organisation
    if (
        membership.role != "probation_officer"
        or organisation.jurisdiction_id != person.jurisdiction_id
        or not membership.user.is_active
    ):
        raise ReleaseError(_("Choose a probation officer of the person's jurisdiction."))
    unknown = set(scopes) - set(AccessScope.values)
    if unknown or AccessScope.SUPERVISION not in scopes:
        raise ReleaseError(
            _(
                "A handover always includes probation supervision: the officer holds the case "
                "after release."
            )
        )
    if handed_over_on > today:
        raise ReleaseError(
            _("A handover is recorded when it is made; the date cannot be in the future.")
        )
    if handed_over_on < plan.episode.admission_date:
        raise ReleaseError(
            _("The handover cannot be before the person's admission (%(date)s).")
            % {"date": plan.episode.admission_date.isoformat()}
        )
    chosen = [scope for scope in AccessScope.values if scope in scopes]
    handover = Handover.objects.create(
        plan=plan,
        probation_officer=membership.user,
        probation_organisation=organisation,
        scopes=f",{','.join(chosen)},",
        handed_over_on=handed_over_on,
        notes=notes.strip(),
        handed_over_by_id=actor.user_id,
    )
    try:
        grant = access_grant(
            actor=actor,
            person=person,
            organisation=organisation,
            scopes=chosen,
            reason=gettext_noop("Handover to probation before release"),
            valid_from=handed_over_on,
            user=membership.user,
            source=handover,
        )
    except CustodyError as error:
        raise ReleaseError(str(error)) from None
    handover.grant = grant
    handover.save(update_fields=["grant", "updated_at"])
    record(
        actor=actor,
        category=Category.COLLECTION,
        action="release_plan.handover",
        subjects=[person.pk],
        obj=handover,
        recipient=f"{organisation.name} / {membership.user.username}",
    )
    _handover_disclosure(actor=actor, handover=handover, person=person, scopes=chosen)
    tasks_close_for(actor=actor, kind="handover_due", source=plan)
    task_create(
        actor=actor,
        kind="handover_received",
        title=gettext_noop("Prepare supervision after release"),
        person=person,
        jurisdiction_id=person.jurisdiction_id,
        organisation_id=organisation.pk,
        assignee=membership.user,
        due=plan.episode.expected_release_date,
        url=plan_url(plan) if AccessScope.RELEASE in chosen else person_url(person),
        source=handover,
    )
    return handover


def _handover_disclosure(*, actor, handover: Handover, person: Person, scopes: list[str]) -> None:
    """The handover's entry in the disclosure register. The content names the date and the parts
    opened, never the notes: the register keeps what was shared, not a second copy of the case."""
    labels = dict(AccessScope.choices)
    categories = [code for scope in scopes for code in SCOPE_DATA_CATEGORIES[scope]]
    content = _("Handover to probation on %(date)s. Parts opened: %(parts)s.") % {
        "date": handover.handed_over_on.isoformat(),
        "parts": "; ".join(str(labels[scope]) for scope in scopes),
    }
    try:
        disclosure_register()(
            actor=actor,
            person=person,
            recipient_organisation=handover.probation_organisation,
            recipient_user=handover.probation_officer,
            legal_basis_code=HANDOVER_LEGAL_BASIS,
            purpose=_("Handover to probation for supervision after release"),
            data_categories=categories,
            content=content,
            consent="not_sought",
            consent_note=_(
                "The law on the execution of sanctions hands the case to the probation service "
                "that supervises the person after release; consent is not the basis."
            ),
            source=handover,
        )
    except DisclosureRefusedError as error:
        raise ReleaseError(
            _("The handover cannot be registered as a disclosure, so it was not made: %(reason)s")
            % {"reason": error}
        ) from None


# --- Release -------------------------------------------------------------------------------------


@transaction.atomic
def release_record(*, actor, person: Person, date: dt.date, today: dt.date) -> CustodyEpisode:
    """The person has left custody: the episode and placement end, the release plan closes, and
    a handed-over person's supervision case opens (through the release listeners)."""
    episode = (
        CustodyEpisode.objects.select_for_update()
        .filter(person=person, actual_release_date__isnull=True)
        .first()
    )
    if episode is None:
        raise ReleaseError(_("This person is not in custody, so no release can be recorded."))
    if date > today:
        raise ReleaseError(
            _("A release is recorded when it happens; the date cannot be in the future.")
        )
    if date < episode.admission_date:
        raise ReleaseError(
            _("The release cannot be before the admission date (%(date)s).")
            % {"date": episode.admission_date.isoformat()}
        )
    placement = Placement.objects.filter(episode=episode, end_date__isnull=True).first()
    if placement is not None and date < placement.start_date:
        raise ReleaseError(
            _("The release cannot be before the current placement began (%(date)s).")
            % {"date": placement.start_date.isoformat()}
        )
    episode.actual_release_date = date
    episode.save(update_fields=["actual_release_date", "updated_at"])
    if placement is not None:
        placement.end_date = date
        placement.save(update_fields=["end_date", "updated_at"])
    person.in_custody = False
    person.current_facility = None
    person.save(update_fields=["in_custody", "current_facility", "updated_at"])
    record(
        actor=actor,
        category=Category.ALTERATION,
        action="person.release",
        subjects=[person.pk],
        obj=episode,
        details={"date": date.isoformat()},
    )
    plan = ReleasePlan.objects.select_for_update().filter(episode=episode).first()
    handover = None
    if plan is not None:
        plan.status = ReleasePlanStatus.CLOSED
        plan.closed_on = date
        plan.save(update_fields=["status", "closed_on", "updated_at"])
        record(
            actor=actor,
            category=Category.ALTERATION,
            action="release_plan.close",
            subjects=[person.pk],
            obj=plan,
        )
        for kind in PLAN_TASK_KINDS:
            tasks_close_for(actor=actor, kind=kind, source=plan)
        handover = (
            Handover.objects.filter(plan=plan)
            .select_related("probation_officer", "probation_organisation")
            .first()
        )
    release_listeners_notify(actor=actor, person=person, plan=plan, handover=handover, date=date)
    return episode
