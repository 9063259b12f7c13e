import pytest
from django.test import Client

PUBLIC_PAGES = ["/en/account/login/", "/healthz", "/readyz"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_every_response_carries_the_security_headers(path: str) -> None:
    response = Client().get(path)
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Request-ID"]


def test_signed_in_pages_are_never_cached(personas, client_for) -> None:
    response = client_for(personas.specialist).get("/en/work/")
    assert response["Cache-Control"] == "no-store"


def test_liveness_says_ok_and_nothing_more(db) -> None:
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readiness_checks_database_and_migrations(db) -> None:
    response = Client().get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ready",
        "checks": {"database": True, "migrations": True},
    }


@pytest.mark.django_db
def test_unknown_language_prefix_is_a_clear_404() -> None:
    # The public site's catch-all first prefixes the default language; the path then finds nothing.
    response = Client().get("/xx/account/login/", follow=True)
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.django_db
def test_root_sends_anonymous_visitors_to_the_public_home_in_their_language() -> None:
    response = Client().get("/", follow=True)
    assert response.redirect_chain[-1][0] == "/en/"
    assert response.status_code == 200


@pytest.mark.django_db
def test_a_client_supplied_request_id_is_echoed_only_when_well_formed() -> None:
    assert Client().get("/healthz", HTTP_X_REQUEST_ID="abcdef12-3456")["X-Request-ID"] == (
        "abcdef12-3456"
    )
    forged = Client().get("/healthz", HTTP_X_REQUEST_ID="bad\r\nSet-Cookie: x=1")["X-Request-ID"]
    assert "Set-Cookie" not in forged


def test_landing_sends_staff_to_my_work(personas, client_for) -> None:
    response = client_for(personas.specialist).get("/en/")
    assert response["Location"] == "/en/work/"
