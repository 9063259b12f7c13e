"""Gap analysis: who lacks which competence the matrix requires of their role, and whose
refresher is due or has expired.

Staff are the current memberships in scope (a user acting in a role, organisation and facility)
and the participants without an account, in the staff role recorded for them. A requirement is
met by a completion, not revoked, of one of the cell's courses or of any course that gives the
competence at the required level or above. The whole report takes a fixed number of queries
and one pass over small tuples, which also counts the summary: GapRow objects are made only for
the rows a page shows (or an export asks for).
"""

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import overload

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from reintegra.accounts.models import Membership
from reintegra.core.charts import Segment, stacked_segments
from reintegra.core.roles import Role
from reintegra.training.models import (
    Competence,
    Completion,
    CourseCompetence,
    MatrixCell,
    MatrixVersion,
    Participant,
)

REFRESHER_WARNING_DAYS = 90


class GapStatus:
    MET = "met"
    DUE = "due"
    EXPIRED = "expired"
    MISSING = "missing"

    LABELS = {
        MET: _("Met"),
        DUE: _("Refresher due soon"),
        EXPIRED: _("Expired"),
        MISSING: _("Missing"),
    }
    ORDER = (MISSING, EXPIRED, DUE, MET)
    # The chart's colours, distinguishable in greyscale too (dark to light).
    FILL = {MISSING: "#7a1f1f", EXPIRED: "#c0562b", DUE: "#e3b341", MET: "#cfe3d4"}


@dataclass(frozen=True)
class Requirement:
    competence: Competence
    level: int
    course_ids: frozenset
    course_titles: tuple[str, ...]


@dataclass(slots=True)
class GapRow:
    name: str
    organisation: str
    role: str
    participant_id: uuid.UUID | None
    competence: Competence
    level: int
    status: str
    valid_until: dt.date | None
    courses: tuple[str, ...]

    @property
    def status_label(self) -> str:
        return str(GapStatus.LABELS[self.status])


@dataclass
class CompetenceSummary:
    competence: Competence
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(GapStatus.ORDER, 0))

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def bars(self, width: int = 400) -> list[Segment]:
        """(status, x, width, count, fill) of each segment of the chart's stacked bar."""
        return stacked_segments(
            ((status, self.counts[status], GapStatus.FILL[status]) for status in GapStatus.ORDER),
            width,
        )


class GapReport(Sequence[GapRow]):
    """The report's rows in their stable order (staff by name, then competence code), built
    lazily: slicing it, as the paginator does, makes GapRow objects for that slice only."""

    def __init__(
        self,
        *,
        summaries: list[CompetenceSummary],
        people: list[tuple[str, str, str, uuid.UUID | None]],
        entries: list[tuple[int, Requirement, str, dt.date | None]],
    ) -> None:
        self.summaries = summaries
        self._people = people
        self._entries = entries

    def __len__(self) -> int:
        return len(self._entries)

    @overload
    def __getitem__(self, index: int) -> GapRow: ...

    @overload
    def __getitem__(self, index: slice) -> list[GapRow]: ...

    def __getitem__(self, index: int | slice) -> GapRow | list[GapRow]:
        if isinstance(index, slice):
            return [self._row(entry) for entry in self._entries[index]]
        return self._row(self._entries[index])

    def rows(self) -> list[GapRow]:
        return self[:]

    def _row(self, entry: tuple[int, Requirement, str, dt.date | None]) -> GapRow:
        index, requirement, status, until = entry
        name, organisation, role, person_id = self._people[index]
        return GapRow(
            name=name,
            organisation=organisation,
            role=role,
            participant_id=person_id,
            competence=requirement.competence,
            level=requirement.level,
            status=status,
            valid_until=until,
            courses=requirement.course_titles,
        )


@dataclass(frozen=True)
class GapFilter:
    jurisdiction_id: str | None = None  # None: every jurisdiction (regional team only)
    organisation_id: uuid.UUID | None = None
    facility_id: uuid.UUID | None = None
    role: str = ""
    participant_id: uuid.UUID | None = None
    status: str = ""


def _requirements(jurisdiction_ids: set[str]) -> dict[tuple[str, str], list[Requirement]]:
    """(jurisdiction, role) → what the matrix in force requires. Three queries."""
    latest: dict[str, MatrixVersion] = {}
    for version in MatrixVersion.objects.filter(jurisdiction_id__in=jurisdiction_ids).order_by(
        "jurisdiction_id", "-number"
    ):
        latest.setdefault(version.jurisdiction_id or "", version)
    granting: dict[tuple, set] = defaultdict(set)
    for grant in CourseCompetence.objects.values("course_id", "competence_id", "level"):
        for level in range(1, grant["level"] + 1):
            granting[(grant["competence_id"], level)].add(grant["course_id"])
    by_version = {version.pk: code for code, version in latest.items()}
    result: dict[tuple[str, str], list[Requirement]] = defaultdict(list)
    cells = (
        MatrixCell.objects.filter(version__in=list(latest.values()))
        .select_related("competence")
        .prefetch_related("courses")
        .order_by("competence__code")
    )
    for cell in cells:
        listed = list(cell.courses.all())
        ids = {c.pk for c in listed} | granting[(cell.competence_id, cell.required_level)]
        result[(by_version[cell.version_id], cell.role)].append(
            Requirement(
                competence=cell.competence,
                level=cell.required_level,
                course_ids=frozenset(ids),
                course_titles=tuple(c.title for c in listed),
            )
        )
    return result


def gap_analysis(*, jurisdictions: set[str], filters: GapFilter, today: dt.date) -> "GapReport":
    """The status of every requirement of everyone selected, and the summary per competence.
    Statuses are kept as small tuples: only the rows a page shows become GapRow objects."""
    if filters.jurisdiction_id:
        jurisdictions = jurisdictions & {filters.jurisdiction_id}
    requirements = _requirements(jurisdictions)
    roles = {role for (_j, role) in requirements}
    # Translated once: a lazy label per row would cost a translation lookup per row.
    role_labels = {value: str(label) for value, label in Role.choices}
    if filters.role:
        roles &= {filters.role}
    # The staff: memberships with accounts, then participants without one.
    memberships = Membership.objects.current().filter(
        organisation__jurisdiction_id__in=jurisdictions, role__in=roles
    )
    guests = Participant.objects.filter(
        user__isnull=True, organisation__jurisdiction_id__in=jurisdictions, role__in=roles
    )
    if filters.organisation_id:
        memberships = memberships.filter(organisation_id=filters.organisation_id)
        guests = guests.filter(organisation_id=filters.organisation_id)
    if filters.facility_id:
        memberships = memberships.filter(facility_id=filters.facility_id)
        guests = guests.none()
    if filters.participant_id:
        memberships = memberships.filter(user__training_participant__pk=filters.participant_id)
        guests = guests.filter(pk=filters.participant_id)
    staff: list[tuple[str, str, str, str, uuid.UUID | None, object]] = []
    member_rows = memberships.values_list(
        "user_id",
        "user__first_name",
        "user__last_name",
        "user__username",
        "organisation__name",
        "organisation__jurisdiction_id",
        "role",
        "user__training_participant__id",
    ).order_by("user__last_name", "user__first_name")
    for user_id, first, last, username, org, code, role, pid in member_rows:
        name = f"{first} {last}".strip() or username
        staff.append((name, org, code, role, pid, ("u", user_id)))
    for guest_id, name, org, code, role in guests.values_list(
        "id", "full_name", "organisation__name", "organisation__jurisdiction_id", "role"
    ).order_by("full_name"):
        staff.append((name, org, code, role, guest_id, ("p", guest_id)))
    # Their completions, keyed by participant. Course ids become small numbers first: comparing
    # them per person and requirement is the report's inner loop, and UUIDs hash slowly.
    course_numbers: dict[uuid.UUID, int] = {}
    relevant = {c for listed in requirements.values() for r in listed for c in r.course_ids}
    # The same selection as a subquery, rather than thousands of ids sent back as parameters.
    holders = Participant.objects.filter(
        Q(pk__in=guests.values("pk")) | Q(user__in=memberships.values("user_id"))
    ).values("pk")
    completions: dict[uuid.UUID, list[tuple]] = defaultdict(list)
    for holder, course_id, valid_until in (
        Completion.objects.filter(participant_id__in=holders, course_id__in=relevant)
        .filter(Q(certificate__isnull=True) | Q(certificate__revoked_at__isnull=True))
        .values_list("participant_id", "course_id", "valid_until")
    ):
        number = course_numbers.setdefault(course_id, len(course_numbers))
        completions[holder].append((number, valid_until))
    wanted = {
        key: [
            (
                requirement,
                frozenset(course_numbers[c] for c in requirement.course_ids if c in course_numbers),
            )
            for requirement in listed
        ]
        for key, listed in requirements.items()
    }
    warning = today + dt.timedelta(days=REFRESHER_WARNING_DAYS)
    people: list[tuple[str, str, str, uuid.UUID | None]] = []
    entries: list[tuple[int, Requirement, str, dt.date | None]] = []
    tally: dict[str, dict[str, int]] = {}
    competences: dict[str, Competence] = {}
    for name, org, code, role, person_id, _key in staff:
        held = completions.get(person_id, []) if person_id else []
        index = len(people)
        people.append((name, org, role_labels.get(role, role), person_id))
        for requirement, numbers in wanted.get((code, role), []):
            matching = [until for number, until in held if number in numbers]
            if not matching:
                status, until = GapStatus.MISSING, None
            elif None in matching:
                status, until = GapStatus.MET, None
            else:
                until = max(matching)
                if until < today:
                    status = GapStatus.EXPIRED
                elif until <= warning:
                    status = GapStatus.DUE
                else:
                    status = GapStatus.MET
            if filters.status and status != filters.status:
                continue
            entries.append((index, requirement, status, until))
            competence_code = requirement.competence.code
            counts = tally.get(competence_code)
            if counts is None:
                counts = tally[competence_code] = dict.fromkeys(GapStatus.ORDER, 0)
                competences[competence_code] = requirement.competence
            counts[status] += 1
    summaries = [
        CompetenceSummary(competences[code], counts) for code, counts in sorted(tally.items())
    ]
    return GapReport(summaries=summaries, people=people, entries=entries)


def gap_report(*, jurisdictions: set[str], filters: GapFilter, today: dt.date) -> list[GapRow]:
    """Every row of the report, for an export that needs them all."""
    return gap_analysis(jurisdictions=jurisdictions, filters=filters, today=today).rows()


def summarise(rows: Sequence[GapRow]) -> list[CompetenceSummary]:
    """The summary computed from rows already built; GapReport.summaries holds the same."""
    summaries: dict[str, CompetenceSummary] = {}
    for row in rows:
        summary = summaries.get(row.competence.code)
        if summary is None:
            summary = summaries[row.competence.code] = CompetenceSummary(row.competence)
        summary.counts[row.status] += 1
    return sorted(summaries.values(), key=lambda s: s.competence.code)
