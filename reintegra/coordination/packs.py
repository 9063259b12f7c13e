"""An agency's agenda pack as a real PDF, watermarked on every page with the recipient's name."""

import datetime as dt

from django.template.loader import render_to_string
from weasyprint import HTML

from reintegra.coordination.conferences import pack_actions
from reintegra.coordination.models import ConferencePack


def pack_pdf(pack: ConferencePack) -> bytes:
    conference = pack.conference
    html = render_to_string(
        "coordination/conference_pack_pdf.html",
        {
            "pack": pack,
            "conference": conference,
            "recipient": pack.recipient_organisation.name,
            "actions": [
                {"description": a["description"], "deadline": dt.date.fromisoformat(a["deadline"])}
                for a in pack_actions(pack)
            ],
        },
    )
    # No base URL: the pack fetches nothing.
    return HTML(string=html).write_pdf()
