"""The certificate as a real PDF, with its verification code and a QR code pointing at the public
verification page."""

import segno
from django.template.loader import render_to_string
from weasyprint import HTML

from reintegra.training.models import Certificate


def certificate_pdf(certificate: Certificate, *, verify_url: str) -> bytes:
    qr = segno.make(verify_url, error="m")
    html = render_to_string(
        "training/certificate_pdf.html",
        {
            "certificate": certificate,
            "completion": certificate.completion,
            "verify_url": verify_url,
            "qr_data_uri": qr.svg_data_uri(scale=4),
        },
    )
    # No base URL: the certificate fetches nothing, the QR code is embedded.
    return HTML(string=html).write_pdf()
