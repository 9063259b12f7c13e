from reintegra.people.models import AccessScope
from reintegra.people.permissions import person_policy
from reintegra.people.sections import PersonSection
from reintegra.programmes.models import AttendanceStatus, Enrolment
from reintegra.programmes.permissions import programme_policy
from reintegra.programmes.selectors import attendance_counts


def programme_section(actor, person) -> PersonSection | None:
    """The person's programmes with attendance counted per status. Prison staff see it with links
    to the groups of their facility; a grant with the "programmes" scope shows the same summary,
    never the facilitators' notes."""
    is_staff = programme_policy.allows(actor, "view")
    if not is_staff and AccessScope.PROGRAMMES not in person_policy.scopes_for(actor, person):
        return None
    enrolments = list(
        Enrolment.objects.filter(person=person)
        .select_related("group__programme", "group__facility")
        .order_by("-enrolled_on", "-created_at")
    )
    counts = attendance_counts([enrolment.pk for enrolment in enrolments]) if enrolments else {}
    empty = dict.fromkeys(AttendanceStatus.values, 0)
    rows = [
        {
            "enrolment": enrolment,
            "counts": [counts.get(enrolment.pk, empty)[code] for code in AttendanceStatus.values],
            "can_open_group": is_staff
            and (actor.facility_id is None or actor.facility_id == enrolment.group.facility_id),
        }
        for enrolment in enrolments
    ]
    return PersonSection(
        order=50,
        template="programmes/person_section.html",
        context={
            "person": person,
            "rows": rows,
            "statuses": AttendanceStatus.choices,
            "is_staff": is_staff,
        },
    )
