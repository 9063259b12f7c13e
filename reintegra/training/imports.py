"""Importing completions exported from an online learning platform.

The CSV has the columns `email` and/or `username`, `course` (the course's code or exact title),
`completion_date` (YYYY-MM-DD) and `grade` (0 to 100, may be empty); `name` is optional and names
a participant created from an e-mail address nobody has. `check` reads the file into rows with
row-level problems and writes nothing; `apply` writes every row or, if any row has a problem,
none. A completion already recorded (same person, course and day) is left as it is, so importing
the same file twice changes nothing the second time.
"""

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from reintegra.accounts.models import Membership, User
from reintegra.audit.models import Category
from reintegra.audit.services import record
from reintegra.training.models import Completion, CompletionSource, Course, Participant

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
REQUIRED = {"course", "completion_date"}
KNOWN = {"email", "username", "course", "completion_date", "grade", "name"}


@dataclass
class ImportRow:
    number: int
    email: str
    username: str
    name: str
    course_text: str
    day_text: str
    grade_text: str
    course: Course | None = None
    completed_on: dt.date | None = None
    grade: Decimal | None = None
    user: User | None = None
    participant: Participant | None = None
    already_recorded: bool = False
    problems: list[str] = field(default_factory=list)

    @property
    def who(self) -> str:
        return self.username or self.email


@dataclass
class ImportCheck:
    problems: list[str]  # about the file as a whole
    rows: list[ImportRow]

    @property
    def row_problems(self) -> list[ImportRow]:
        return [row for row in self.rows if row.problems]

    @property
    def is_clean(self) -> bool:
        return not self.problems and not self.row_problems and bool(self.rows)

    @property
    def new_rows(self) -> list[ImportRow]:
        return [row for row in self.rows if not row.already_recorded]


def decode(data: bytes) -> str | None:
    for encoding in ("utf-8-sig", "cp1250"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def check(text: str, *, today: dt.date) -> ImportCheck:
    reader = csv.DictReader(io.StringIO(text))
    header = [name.strip().lower() for name in (reader.fieldnames or [])]
    missing = REQUIRED - set(header)
    unknown = [name for name in header if name not in KNOWN]
    problems = []
    if missing or unknown or not ({"email", "username"} & set(header)):
        problems.append(
            _(
                "The columns must be: email and/or username, course, completion_date, grade "
                "(name is optional). This file has: %(found)s."
            )
            % {"found": ", ".join(header) or _("no header")}
        )
        return ImportCheck(problems=problems, rows=[])
    reader.fieldnames = header
    rows: list[ImportRow] = []
    for number, raw in enumerate(reader, start=2):
        if len(rows) >= MAX_ROWS:
            return ImportCheck(
                problems=[_("A file may hold at most %(max)s rows.") % {"max": MAX_ROWS}],
                rows=[],
            )
        if None in raw:
            rows.append(_bad_row(number, _("This row has more cells than the header.")))
            continue
        rows.append(
            ImportRow(
                number=number,
                email=(raw.get("email") or "").strip().lower(),
                username=(raw.get("username") or "").strip(),
                name=(raw.get("name") or "").strip()[:200],
                course_text=(raw.get("course") or "").strip(),
                day_text=(raw.get("completion_date") or "").strip(),
                grade_text=(raw.get("grade") or "").strip(),
            )
        )
    if not rows:
        return ImportCheck(problems=[_("The file has no rows to import.")], rows=[])
    _resolve(rows, today)
    return ImportCheck(problems=[], rows=rows)


def _bad_row(number: int, problem: str) -> ImportRow:
    return ImportRow(number, "", "", "", "", "", "", problems=[problem])


def _resolve(rows: list[ImportRow], today: dt.date) -> None:
    """Matches courses, users and participants in a few queries for the whole file."""
    courses = list(Course.objects.all())
    by_code = {c.code: c for c in courses}
    by_title = {c.title.casefold(): c for c in courses}
    usernames = {row.username for row in rows if row.username}
    emails = {row.email for row in rows if row.email}
    users_by_name = {u.username: u for u in User.objects.filter(username__in=usernames)}
    users_by_email = {u.email.lower(): u for u in User.objects.filter(email__in=emails)}
    user_ids = {u.pk for u in [*users_by_name.values(), *users_by_email.values()]}
    participants_by_user = {p.user_id: p for p in Participant.objects.filter(user_id__in=user_ids)}
    participants_by_email = {
        p.email.lower(): p for p in Participant.objects.filter(email__in=emails)
    }
    seen: dict[tuple, int] = {}
    for row in rows:
        if row.problems:
            continue
        row.course = by_code.get(row.course_text) or by_title.get(row.course_text.casefold())
        if row.course is None:
            row.problems.append(
                _("No course has the code or title “%(course)s”.") % {"course": row.course_text}
            )
        try:
            row.completed_on = dt.date.fromisoformat(row.day_text)
        except ValueError:
            row.problems.append(_("The completion date must be written as YYYY-MM-DD."))
        else:
            if row.completed_on > today:
                row.problems.append(_("The completion date is in the future."))
        if row.grade_text:
            try:
                row.grade = Decimal(row.grade_text.replace(",", "."))
            except InvalidOperation:
                row.problems.append(_("The grade must be a number from 0 to 100."))
            else:
                if not row.grade.is_finite() or not Decimal(0) <= row.grade <= Decimal(100):
                    row.problems.append(_("The grade must be a number from 0 to 100."))
        if row.username:
            row.user = users_by_name.get(row.username)
            if row.user is None:
                row.problems.append(_("No user has the username “%(u)s”.") % {"u": row.username})
        elif row.email:
            row.user = users_by_email.get(row.email)
            if row.user is None:
                row.participant = participants_by_email.get(row.email)
        else:
            row.problems.append(_("Give the person's e-mail address or username."))
        if row.user is not None:
            row.participant = participants_by_user.get(row.user.pk)
        if row.problems:
            continue
        key = (row.user.pk if row.user else row.email, row.course.pk, row.completed_on)  # type: ignore[union-attr]
        if key in seen:
            row.problems.append(
                _("This row repeats row %(row)s (same person, course and date).")
                % {"row": seen[key]}
            )
        else:
            seen[key] = row.number
    known = [row for row in rows if row.participant is not None and not row.problems]
    existing = set(
        Completion.objects.filter(
            participant__in={row.participant for row in known},
            course__in={row.course for row in known},
        ).values_list("participant_id", "course_id", "completed_on")
    )
    for row in known:
        key = (row.participant.pk, row.course.pk, row.completed_on)  # type: ignore[union-attr]
        row.already_recorded = key in existing


@transaction.atomic
def apply(*, actor, result: ImportCheck) -> int:
    """Writes every new completion, creating participants as needed; refuses a file with any
    problem. Returns the number of completions written."""
    if not result.is_clean:
        raise ValueError("Only a file without problems is imported.")
    organisation = actor.membership.organisation
    memberships = {
        m.user_id: m
        for m in Membership.objects.current()
        .filter(user__in={row.user for row in result.rows if row.user})
        .select_related("organisation")
        .order_by("-created_at")
    }
    created: dict[object, Participant] = {}
    for row in result.new_rows:
        if row.participant is not None:
            continue
        key = row.user.pk if row.user else row.email
        if key in created:
            row.participant = created[key]
            continue
        if row.user is not None:
            membership = memberships.get(row.user.pk)
            participant = Participant(
                full_name=row.user.get_full_name() or row.user.username,
                email=row.user.email,
                organisation=membership.organisation if membership else organisation,
                role=membership.role if membership else "",
                user=row.user,
            )
        else:
            participant = Participant(
                full_name=row.name or row.email, email=row.email, organisation=organisation
            )
        created[key] = row.participant = participant
    Participant.objects.bulk_create(created.values())
    completions = [
        Completion(  # type: ignore[misc]
            participant=row.participant,
            course=row.course,
            completed_on=row.completed_on,
            valid_until=row.course.valid_until(row.completed_on),  # type: ignore[union-attr, arg-type]
            score=row.grade,
            source=CompletionSource.IMPORT,
            recorded_by=actor.user,
        )
        for row in result.new_rows
    ]
    Completion.objects.bulk_create(completions, batch_size=1000)
    record(
        actor=actor,
        category=Category.COLLECTION,
        action="training.completions_import",
        subjects=sorted({str(c.participant_id) for c in completions}),
        details={"rows": len(result.rows), "written": len(completions)},
    )
    return len(completions)
