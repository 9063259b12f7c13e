"""Wagtail's page server, opened to anonymous visitors: public pages hold no personal data."""

from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from wagtail import views as wagtail_views

from reintegra.accounts.middleware import mfa_exempt


@login_not_required
@mfa_exempt
def public_serve(request: HttpRequest, path: str = "") -> Any:
    response: HttpResponse = wagtail_views.serve(request, path)
    return response
