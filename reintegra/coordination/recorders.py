"""The disclosure recorder that apps below coordination reach through `core.disclosures`: it
names the legal basis by its code in the person's jurisdiction and writes the register entry with
`services.disclosure_record`, in the caller's transaction."""

from collections.abc import Iterable

from django.utils.translation import gettext as _

from reintegra.coordination.models import Disclosure, LegalBasis
from reintegra.coordination.services import CoordinationError, disclosure_record
from reintegra.core.disclosures import DisclosureRefusedError
from reintegra.organisations.models import Organisation
from reintegra.people.models import Person


def lower_layer_disclosure_record(
    *,
    actor,
    person: Person,
    recipient_organisation: Organisation,
    legal_basis_code: str,
    purpose: str,
    data_categories: Iterable[str],
    content: str,
    consent: str,
    consent_note: str = "",
    recipient_user=None,
    source: object | None = None,
) -> Disclosure:
    legal_basis = LegalBasis.objects.filter(
        jurisdiction_id=person.jurisdiction_id, code=legal_basis_code, is_active=True
    ).first()
    if legal_basis is None:
        raise DisclosureRefusedError(
            _(
                "The legal basis “%(code)s” is not on the list of the person's jurisdiction, so "
                "the disclosure cannot be registered. The data protection officer adds it."
            )
            % {"code": legal_basis_code}
        )
    try:
        return disclosure_record(
            actor=actor,
            person=person,
            legal_basis=legal_basis,
            purpose=purpose,
            recipient_organisation=recipient_organisation,
            recipient_user=recipient_user,
            data_categories=data_categories,
            content=content,
            consent=consent,
            consent_note=consent_note,
            source=source,
        )
    except CoordinationError as error:
        raise DisclosureRefusedError(str(error)) from None
