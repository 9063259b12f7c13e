"""Where an app below coordination records a share of personal data in the disclosure register.

The register lives in coordination, above the apps that share (release hands a person over to
probation). Coordination registers its recorder in its AppConfig.ready(); the sharing app calls
`disclosure_register()(...)` inside the transaction of the share, so the layers keep pointing
one way and no share stands without its entry.
"""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured

# Called with keyword arguments: actor, person, recipient_organisation, recipient_user,
# legal_basis_code, purpose, data_categories, content, consent, consent_note, source.
# Returns the register entry; raises DisclosureRefusedError when the share may not happen.
DisclosureRecorder = Callable[..., Any]
_recorder: DisclosureRecorder | None = None


class DisclosureRefusedError(ValueError):
    """The register refused the entry; the message is shown as it is and the share is undone."""


def register_disclosure_recorder(recorder: DisclosureRecorder) -> DisclosureRecorder:
    global _recorder
    _recorder = recorder
    return recorder


def disclosure_register() -> DisclosureRecorder:
    # Sharing without a register would be silent: refuse to run rather than share unrecorded.
    if _recorder is None:
        raise ImproperlyConfigured(
            "No disclosure recorder is registered: add reintegra.coordination to INSTALLED_APPS."
        )
    return _recorder
