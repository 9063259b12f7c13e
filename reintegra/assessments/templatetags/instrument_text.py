from typing import Any

from django import template
from django.utils.translation import gettext as _

from reintegra.instruments.definition import text
from reintegra.instruments.validation import NO_INFORMATION

register = template.Library()


@register.filter
def i18n_text(value: Any) -> str:
    """An instrument's per-language text in the reader's language, falling back to English."""
    return text(value)


def rating_label(axis: Any, value: str) -> str:
    """The words for a rating on an axis, including "no information" and "not rated"."""
    if not value:
        return _("Not rated")
    if value == NO_INFORMATION:
        return _("No information")
    try:
        return text(axis.option(value).label)
    except KeyError:
        return value
