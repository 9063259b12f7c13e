"""The generic probes: every route is closed to anonymous visitors unless explicitly public, and
every route that names an object keeps it from personas of another jurisdiction and of an
unrelated organisation. New routes are picked up from the URL configuration automatically."""

from collections.abc import Callable

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from reintegra.audit.models import Category, ProcessingLogEntry
from tests.routes import Route, all_routes
from tests.scope_cases import SCOPE_CASES

# Routes anyone may open. Adding a name here is a decision that the page holds nothing private.
PUBLIC_ROUTES = {
    "healthz",
    "readyz",
    "set_language",
    "landing",
    # The public site's page tree (reintegra.site): published pages hold no personal data.
    "wagtail_serve",
    "sitemap-xml",
    "robots-txt",
    "news-rss",
    "news-atom",
    "news-theme-rss",
    "news-theme-atom",
    "events-ical",
    "event-ical",
    "public-search",
    "wagtaildocs_serve",
    "accounts:login",
    "accounts:password-reset",
    "accounts:password-reset-done",
    "accounts:password-reset-confirm",
    "accounts:password-reset-complete",
    "training:verify",
}

ROUTES = all_routes()
OBJECT_ROUTES = [r for r in ROUTES if r.object_kwargs and not r.is_wagtail]


def _request(client: Client, url: str):
    """GET, or POST with nothing for a route that only takes POST."""
    response = client.get(url)
    if response.status_code == 405:
        response = client.post(url, {})
    return response


def _login_path() -> str:
    with translation.override("en"):
        return reverse(settings.LOGIN_URL)


def test_every_route_can_be_probed() -> None:
    unnamed = [
        route.pattern
        for route in ROUTES
        if not route.name and (route.converters or route.regex_groups)
    ]
    assert unnamed == [], "Name these routes so the probes can reach them"


def test_every_public_route_still_exists() -> None:
    names = {route.name for route in ROUTES}
    assert names >= PUBLIC_ROUTES


@pytest.mark.django_db
@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name or r.pattern)
def test_anonymous_visitor_is_sent_to_login_unless_route_is_public(route: Route) -> None:
    if route.name in PUBLIC_ROUTES:
        return
    response = Client().get(route.url(), follow=True)
    assert response.redirect_chain, f"{route.name or route.pattern} answered without redirecting"
    final_url, _status = response.redirect_chain[-1]
    assert final_url.startswith(_login_path()), f"{route.name} sent anonymous users to {final_url}"
    assert response.status_code == 200


@pytest.mark.parametrize("route", OBJECT_ROUTES, ids=lambda r: r.name)
def test_every_object_route_declares_its_scoped_model(route: Route) -> None:
    assert route.scoped_model, (
        f"{route.name} takes an object id but its view is not marked with scoped_object(...)"
    )
    assert route.scoped_kwarg in route.object_kwargs
    assert route.scoped_model in SCOPE_CASES, (
        f"Register a case for {route.scoped_model} in tests/scope_cases.py"
    )


@pytest.mark.parametrize(
    "route", [r for r in OBJECT_ROUTES if r.scoped_model in SCOPE_CASES], ids=lambda r: r.name
)
def test_object_route_shows_insider_and_hides_from_other_jurisdiction_and_unrelated_organisation(
    route: Route, personas, client_for: Callable
) -> None:
    case = SCOPE_CASES[route.scoped_model](personas)
    url = route.url(**{route.scoped_kwarg: case.obj.pk})

    # The insider reaches the object: an action may still be refused for its state or role (403)
    # or answer with a redirect, but never with "not found".
    insider_page = _request(client_for(case.insider), url)
    assert insider_page.status_code not in (404, 500), f"insider got {insider_page.status_code}"
    if insider_page.status_code == 200 and "html" in insider_page["Content-Type"]:
        assert case.marker in insider_page.content.decode()

    for outsider in (case.other_jurisdiction, case.unrelated_organisation):
        denied_before = ProcessingLogEntry.objects.filter(category=Category.DENIED).count()
        response = _request(client_for(outsider), url)
        assert response.status_code in (403, 404), f"{outsider.username} got {response.status_code}"
        assert case.marker not in response.content.decode()
        assert ProcessingLogEntry.objects.filter(category=Category.DENIED).count() == (
            denied_before + 1
        ), f"no denied entry for {outsider.username}"
