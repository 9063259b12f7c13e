from reintegra.assessments.models import Assessment, Screening
from reintegra.assessments.permissions import assessment_policy, screening_policy
from reintegra.people.sections import PersonSection


def assessment_section(actor, person) -> PersonSection | None:
    if not assessment_policy.allows(actor, "view"):
        return None
    assessments = list(
        Assessment.objects.filter(person=person)
        .select_related("instrument_version__instrument", "assessor")
        .order_by("-created_at")[:10]
    )
    screenings = list(
        Screening.objects.filter(person=person)
        .select_related("instrument_version__instrument", "screened_by")
        .order_by("-created_at")[:5]
    )
    return PersonSection(
        order=10,
        template="assessments/person_section.html",
        context={
            "person": person,
            "assessments": assessments,
            "screenings": screenings,
            "in_progress": next((a for a in assessments if a.status != "locked"), None),
            "can_start": assessment_policy.allows(actor, "start"),
            "can_screen": screening_policy.allows(actor, "screen"),
        },
    )
