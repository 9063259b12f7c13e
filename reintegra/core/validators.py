import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_ALLOWED_CONTROLS = {"\n", "\r", "\t"}


def reject_control_characters(value: str) -> None:
    """Refuse invisible control characters: they forge log lines and corrupt exports."""
    if not isinstance(value, str):
        return
    for char in value:
        if char in _ALLOWED_CONTROLS:
            continue
        if unicodedata.category(char) in {"Cc", "Cf", "Cs", "Co"} and char not in "\u200c\u200d":
            raise ValidationError(
                _("Remove the invisible control characters from this text."),
                code="control_characters",
            )


def reject_line_breaks(value: str) -> None:
    if not isinstance(value, str):
        return
    if "\n" in value or "\r" in value:
        raise ValidationError(_("This field must fit on one line."), code="line_break")
