from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Count, Prefetch, Q, QuerySet

from reintegra.accounts.models import Membership
from reintegra.core.roles import Role
from reintegra.organisations.models import Organisation
from reintegra.people.models import CustodyEpisode, Person
from reintegra.release.models import (
    CaseConference,
    ConferenceAttendee,
    Handover,
    PathwayEntry,
    ReadinessItem,
    ReadinessState,
    ReleasePlan,
)
from reintegra.release.permissions import pathway_entry_policy, release_plan_policy


def release_people_visible_to(actor) -> QuerySet[Person]:
    return release_plan_policy.people_visible_to(actor)


def release_plans_visible_to(actor) -> QuerySet[ReleasePlan]:
    return release_plan_policy.visible_to(actor).select_related(
        "person__current_facility", "episode", "owner", "opened_by"
    )


def pathway_entries_visible_to(actor) -> QuerySet[PathwayEntry]:
    return pathway_entry_policy.visible_to(actor).select_related(
        "plan__person", "plan__episode", "responsible_organisation", "responsible_user"
    )


def latest_release_plan(person: Person) -> ReleasePlan | None:
    """The plan of the person's current (or last) custody episode, with its handover and
    checklist progress, in one query; the caller has checked the person's scope."""
    return (
        ReleasePlan.objects.filter(person=person)
        .select_related(
            "episode",
            "owner",
            "opened_by",
            "person__current_facility",
            "handover__probation_officer",
            "handover__probation_organisation",
        )
        .annotate(
            items_total=Count("readiness_items"),
            items_resolved=Count(
                "readiness_items", filter=~Q(readiness_items__state=ReadinessState.NOT_DONE)
            ),
        )
        .order_by("-episode__admission_date", "-opened_on")
        .first()
    )


def plan_handover(plan: ReleasePlan | None) -> Handover | None:
    """The plan's handover if it has one, read from what the plan's query already fetched."""
    if plan is None:
        return None
    try:
        return plan.handover
    except ObjectDoesNotExist:
        return None


def open_episode(person: Person) -> CustodyEpisode | None:
    return CustodyEpisode.objects.filter(person=person, actual_release_date__isnull=True).first()


def release_plan_contents(plan: ReleasePlan) -> dict:
    """Everything the plan page shows, in a fixed number of queries."""
    entries = list(
        PathwayEntry.objects.filter(plan=plan).select_related(
            "responsible_organisation", "responsible_user"
        )
    )
    entries.sort(key=lambda entry: entry.position)
    items = list(ReadinessItem.objects.filter(plan=plan).select_related("checked_by"))
    conferences = list(
        CaseConference.objects.filter(plan=plan)
        .select_related("recorded_by")
        .prefetch_related(
            Prefetch("attendees", queryset=ConferenceAttendee.objects.order_by("position"))
        )
    )
    handover = (
        Handover.objects.filter(plan=plan)
        .select_related("probation_officer", "probation_organisation", "handed_over_by")
        .first()
    )
    by_pathway: dict[str, list[ReadinessItem]] = {}
    for item in items:
        by_pathway.setdefault(item.pathway, []).append(item)
    return {
        "entries": [(entry, by_pathway.get(entry.pathway, [])) for entry in entries],
        "items": items,
        "resolved": sum(1 for item in items if item.is_resolved),
        "done": sum(1 for item in items if item.state == "done"),
        "conferences": conferences,
        "handover": handover,
    }


def probation_officers_for(person: Person) -> QuerySet[Membership]:
    """Who a handover can name: current probation officers of the person's jurisdiction."""
    return (
        Membership.objects.current()
        .filter(
            role=Role.PROBATION_OFFICER,
            organisation__jurisdiction_id=person.jurisdiction_id,
            organisation__is_active=True,
            user__is_active=True,
        )
        .select_related("user", "organisation")
        .order_by("organisation__name", "user__last_name", "user__first_name")
    )


def organisations_for(person: Person) -> QuerySet[Organisation]:
    """Who can be responsible for a pathway: active organisations of the person's jurisdiction."""
    return Organisation.objects.filter(
        jurisdiction_id=person.jurisdiction_id, is_active=True
    ).order_by("name")


RESPONSIBLE_ROLES = (
    Role.PRISON_OFFICER,
    Role.SPECIALIST,
    Role.SUPERVISOR,
    Role.PRISON_MANAGER,
    Role.PROBATION_OFFICER,
    Role.PARTNER_USER,
    Role.FORUM_COORDINATOR,
)


def responsible_memberships_for(person: Person) -> QuerySet[Membership]:
    """Who can be named responsible for a pathway: staff and partners of the jurisdiction."""
    return (
        Membership.objects.current()
        .filter(
            role__in=RESPONSIBLE_ROLES,
            organisation__jurisdiction_id=person.jurisdiction_id,
            organisation__is_active=True,
            user__is_active=True,
        )
        .select_related("user", "organisation")
        .order_by("user__last_name", "user__first_name", "organisation__name")
    )
