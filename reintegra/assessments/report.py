"""The assessment report as a real PDF, marked RESTRICTED on every page."""

from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML

from reintegra.assessments.models import Assessment


def assessment_report_pdf(
    assessment: Assessment, *, rows: list, recipient: str, reader: str
) -> bytes:
    html = render_to_string(
        "assessments/report.html",
        {
            "assessment": assessment,
            "definition": assessment.instrument_version.parsed,
            "rows": rows,
            "recipient": recipient,
            "reader": reader,
            "generated_at": timezone.now(),
            "addenda": list(assessment.addenda.select_related("author")),
        },
    )
    # No base URL: the report may not fetch anything, so it renders the same offline.
    return HTML(string=html).write_pdf()
