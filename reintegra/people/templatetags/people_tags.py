from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

# The levels every shipped instrument offers; a licensed instrument's own levels show as stored.
_LEVELS = {"low": _("Low"), "moderate": _("Moderate"), "high": _("High")}


@register.filter
def judgement_label(level: str) -> str:
    return str(_LEVELS.get(level, level.capitalize() if level else ""))
