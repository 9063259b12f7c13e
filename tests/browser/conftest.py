"""Real servers for the browser journeys, and Debian's chromium to drive them.

The journeys run against `manage.py runserver` processes on a freshly migrated and seeded demo
database, not pytest-django's live_server: the processing log refuses DELETE and TRUNCATE, so the
flush live_server does between tests would fail, and a separate process is closer to how the demo
really runs.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from playwright.sync_api import Page, Request
from psycopg import sql

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS_DIR = REPO_ROOT / "test-artifacts"
SCREENSHOTS_DIR = ARTIFACTS_DIR / "screenshots"
BROWSER_DATABASE_NAME = "reintegra_browser"
SERVER_START_TIMEOUT_SECONDS = 30
# Short enough that a broken page fails the journey in seconds, not after Playwright's 30 s.
ACTION_TIMEOUT_MS = 10_000

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    # Playwright's own browser download is unreachable here; Debian's package is the browser.
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture
def page(page: Page) -> Page:
    page.set_default_timeout(ACTION_TIMEOUT_MS)
    page.set_default_navigation_timeout(ACTION_TIMEOUT_MS)
    return page


def journey_screenshots(page: Page, journey: str) -> Callable[[str], Path]:
    """Full-page screenshots named <journey>-<step>.png, in the order the journey takes them."""
    SCREENSHOTS_DIR.mkdir(parents=True, exist_ok=True)

    def take(step: str) -> Path:
        path = SCREENSHOTS_DIR / f"{journey}-{step}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def screenshot(page: Page, request: pytest.FixtureRequest) -> Callable[[str], Path]:
    """Saves a full-page screenshot named after the test and the step of the journey."""
    SCREENSHOTS_DIR.mkdir(parents=True, exist_ok=True)

    # pytest-playwright parametrises every test by browser; one browser needs no name suffix.
    callspec = getattr(request.node, "callspec", None)
    params = [part for part in (callspec.id if callspec else "").split("-") if part != "chromium"]
    test_name = "-".join([request.node.originalname, *params])

    def take(step: str) -> Path:
        path = SCREENSHOTS_DIR / f"{test_name}-{step}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture(autouse=True)
def assets_all_load(page: Page) -> Iterator[None]:
    """Fails a journey whose pages asked for a stylesheet, image or script the server won't give.

    A page that renders without its CSS still passes every text assertion, so only this notices
    a static-files misconfiguration. Each asset is fetched again after the journey rather than
    judged from the page's own requests: chromium aborts a 404 stylesheet without reporting a
    response (nosniff), and a navigation can abort a request that would have succeeded.
    """
    assets: set[str] = set()

    def note(request: Request) -> None:
        if request.resource_type != "document" and request.url.startswith("http"):
            assets.add(request.url)

    page.on("request", note)
    yield
    failures = [
        f"{response.status} {url}"
        for url in sorted(assets)
        if (response := page.request.get(url)).status >= 400
    ]
    assert assets, "the pages asked for no stylesheet, image or script at all"
    assert failures == [], f"assets that did not load: {failures}"


# --- The demo database and the servers -----------------------------------------------------------


@dataclass
class DemoDatabase:
    env: dict[str, str]  # what a server process needs to reach this database


def _postgres_url_for_browser(admin_url: str) -> str:
    return urlunsplit(urlsplit(admin_url)._replace(path=f"/{BROWSER_DATABASE_NAME}"))


def _postgres_database_recreate(admin_url: str, *, create: bool) -> None:
    # Dropped WITH (FORCE) because a server from an interrupted run may still hold connections.
    name = sql.Identifier(BROWSER_DATABASE_NAME)
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        if create:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(name))


def _manage(env: dict[str, str], *args: str) -> str:
    """Runs a management command against the demo database and returns what it printed."""
    completed = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if completed.returncode != 0:
        pytest.fail(
            f"manage.py {' '.join(args)} failed ({completed.returncode}):\n"
            f"{completed.stdout}\n{completed.stderr}"
        )
    return completed.stdout


@pytest.fixture(scope="session")
def demo_database() -> Iterator[DemoDatabase]:
    """One migrated and seeded demo database, shared by every server of the session.

    Each journey uses its own persona where state matters (lockout, MFA enrolment), so sharing
    one database costs nothing in isolation and saves a second migrate.
    """
    var_dir = Path(tempfile.mkdtemp(prefix="reintegra-browser-"))
    # Every setting is spelled out: pytest-django's test settings have already written their own
    # DEMO_MODE and MFA_REQUIRED into this process's environment, which the servers inherit.
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "REINTEGRA_VAR_DIR": str(var_dir),
        "DEMO_MODE": "true",
        "DEBUG": "false",
        "SECRET_KEY": "browser-tests-secret-key-not-used-anywhere-else-0123456789",
        "LOGIN_FAILURE_LIMIT": "5",
        "LOGIN_LOCKOUT_MINUTES": "15",
        "SESSION_IDLE_MINUTES": "480",
        "PYTHONUNBUFFERED": "1",
    }
    # Without a PostgreSQL URL the demo's SQLite file goes in the temporary var dir.
    env.pop("DATABASE_URL", None)
    admin_url = os.environ.get("DATABASE_URL", "")
    on_postgres = admin_url.startswith(("postgres://", "postgresql://"))
    if on_postgres:
        _postgres_database_recreate(admin_url, create=True)
        env["DATABASE_URL"] = _postgres_url_for_browser(admin_url)
    try:
        _manage(env, "migrate", "--noinput")
        _manage(env, "seed_demo")
        yield DemoDatabase(env=env)
    finally:
        if on_postgres:
            _postgres_database_recreate(admin_url, create=False)
        shutil.rmtree(var_dir, ignore_errors=True)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_healthy(url: str, process: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server exited ({process.returncode}):\n{log_path.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    pytest.fail(f"the server did not answer /healthz in time:\n{log_path.read_text()}")


def _serve(database: DemoDatabase, *, name: str, mfa_required: bool) -> Iterator[str]:
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**database.env, "MFA_REQUIRED": "true" if mfa_required else "false"}
    # Kept under test-artifacts/ so a failing CI run shows what the server said.
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    log_path = ARTIFACTS_DIR / f"browser-server-{name}.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=REPO_ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_until_healthy(url, process, log_path)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture(scope="session")
def server_url(demo_database: DemoDatabase) -> Iterator[str]:
    """The demo as `make run` serves it: MFA optional."""
    yield from _serve(demo_database, name="demo", mfa_required=False)


@pytest.fixture(scope="session")
def mfa_server_url(demo_database: DemoDatabase) -> Iterator[str]:
    """The same data served as production would: every sign-in needs a second factor."""
    yield from _serve(demo_database, name="mfa-required", mfa_required=True)
