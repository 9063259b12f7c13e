from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation

from reintegra.core.roles import PRISON_STAFF_ROLES


def site(request: HttpRequest) -> dict[str, Any]:
    languages = [
        {
            "code": code,
            "name_local": translation.get_language_info(code)["name_local"],
            "current": code == translation.get_language(),
        }
        for code, _name in settings.LANGUAGES
    ]
    return {
        "DEMO_MODE": settings.DEMO_MODE,
        "site_languages": languages,
        "actor": getattr(request, "actor", None),
        "PRISON_STAFF_ROLES": PRISON_STAFF_ROLES,
    }
