"""Issue 7's capacity building, tried as a new user would, through Debian's chromium on the demo.

A training manager sets a requirement in the training framework matrix, runs a training event
(session, registration, attendance, completion), issues a certificate, and sees the gap report
change; a visitor verifies the certificate by its link; and an assessor whose certification has
expired (the demo's supervisor in Bosnia and Herzegovina) is told which course to take instead of
being allowed to countersign.
"""

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import SCREENSHOTS_DIR
from tests.browser.test_pathway_journey import (
    _check_and_submit,
    _expect_notice,
    _judge,
    _sign_in,
    _sign_out,
    _spj_ratings,
)

Screenshot = Callable[[str], Path]

MANAGER = "al.training-manager"
HELP_COURSE = "HELP course on Radicalisation Prevention"
TRAINEE = "Arben Journey"
BA_FACILITY = "Demo Prison Zenica"


@pytest.fixture
def shot(page: Page) -> Screenshot:
    SCREENSHOTS_DIR.mkdir(parents=True, exist_ok=True)

    def take(step: str) -> Path:
        path = SCREENSHOTS_DIR / f"training-{step}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


def _open_training(page: Page) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Training").click()
    expect(page.get_by_role("heading", level=1, name="Training")).to_be_visible()


def _set_requirement(page: Page, shot: Screenshot) -> None:
    page.get_by_role("link", name="Training framework matrix").click()
    page.get_by_role("link", name="Set a requirement").click()
    page.get_by_label("Staff role").select_option(label="Prison officer")
    page.get_by_label("Competence").select_option(label="Supporting disengagement from violence")
    page.get_by_label("Required level").select_option(label="Awareness")
    page.get_by_label(HELP_COURSE).check()
    page.get_by_role("button", name="Save the requirement").click()
    _expect_notice(page, "The matrix has been updated")
    grid = page.get_by_role("table", name=re.compile("Required level per staff role"))
    row = grid.get_by_role("row").filter(has_text="Prison officer")
    expect(row).to_contain_text("Awareness")
    shot("01-matrix")


def _plan_event(page: Page) -> None:
    today = dt.date.today()
    _open_training(page)
    page.get_by_role("link", name="Plan a training event").click()
    page.get_by_label("Course").select_option(label=HELP_COURSE)
    page.get_by_label("Title").fill("HELP course, second cohort, Shkodër (journey)")
    page.get_by_label("First day").fill((today - dt.timedelta(days=1)).isoformat())
    page.get_by_label("Last day").fill(today.isoformat())
    page.get_by_label("Venue").fill("Demo Prison North, training room")
    page.get_by_role("button", name="Create the event").click()
    _expect_notice(page, "The event has been created.")
    page.get_by_label("Day").fill(today.isoformat())
    page.get_by_label("Topic").fill("Module one: understanding radicalisation")
    page.get_by_role("button", name="Add the session").click()
    _expect_notice(page, "The session has been added.")
    page.get_by_role("link", name="Invite or register a participant").click()
    page.get_by_label("Full name").fill(TRAINEE)
    page.get_by_label("E-mail").fill("arben.journey@demo.invalid")
    page.get_by_label("Organisation").select_option(label="General Directorate of Prisons (demo)")
    page.get_by_label("Staff role").select_option(label="Prison officer")
    page.get_by_label("State").select_option(label="Registered")
    page.get_by_role("button", name="Save").click()
    _expect_notice(page, "The registration has been saved.")


def _missing_prison_officers(page: Page, base_url: str) -> str:
    page.goto(f"{base_url}/en/training/gaps/")
    page.get_by_label("Staff role").select_option(label="Prison officer")
    page.get_by_label("Status", exact=True).select_option(label="Missing")
    page.get_by_role("button", name="Show").click()
    return page.locator("main").inner_text()


@pytest.mark.browser
def test_matrix_event_certificate_verification_and_an_expired_assessor(
    page: Page, server_url: str, shot: Screenshot
) -> None:
    # 1. The training manager sets a requirement and plans an event with a new participant.
    _sign_in(page, server_url, MANAGER)
    _open_training(page)
    _set_requirement(page, shot)
    _plan_event(page)
    event_url = page.url

    # 2. The gap report lists the new prison officer as missing the competence.
    assert TRAINEE in _missing_prison_officers(page, server_url)
    shot("02-gaps-before")

    # 3. Attendance, completion and certificate.
    page.goto(event_url)
    page.get_by_label(f"{TRAINEE} present").check()
    page.get_by_role("button", name="Record attendance").click()
    _expect_notice(page, "Attendance has been recorded.")
    expect(page.get_by_label(f"{TRAINEE} present")).to_be_checked()
    page.get_by_role("link", name="Record a completion").click()
    page.get_by_label("Participant").select_option(label=TRAINEE)
    page.get_by_label("Completed on").fill(dt.date.today().isoformat())
    page.get_by_label("Score (0 to 100)").fill("90")
    page.get_by_label("Feedback").fill("The case studies were close to our daily work.")
    page.get_by_role("button", name="Record the completion").click()
    _expect_notice(page, "The completion has been recorded.")
    shot("03-event")
    page.get_by_role("row").filter(has_text=TRAINEE).get_by_role(
        "button", name="Issue the certificate"
    ).click()
    _expect_notice(page, "The certificate has been issued.")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Certificate · {TRAINEE}")
    verify_url = page.get_by_role("link", name=re.compile(r"training.verify")).get_attribute("href")
    assert verify_url and re.search(r"/en/training/verify/[A-Za-z0-9_-]{32}/$", verify_url)
    shot("04-certificate")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Certificate (PDF)").click()
    assert Path(download_info.value.path()).read_bytes().startswith(b"%PDF")

    # 4. The gap report no longer lists them.
    assert TRAINEE not in _missing_prison_officers(page, server_url)
    shot("05-gaps-after")
    _sign_out(page, server_url)

    # 5. A visitor, signed in nowhere, verifies the certificate by its link.
    page.goto(verify_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Certificate check")
    expect(page.get_by_role("status")).to_contain_text("genuine and valid")
    summary = page.locator("dl.summary-list")
    expect(summary).to_contain_text(TRAINEE)
    expect(summary).to_contain_text(HELP_COURSE)
    expect(page.locator("main")).not_to_contain_text("arben.journey@demo.invalid")
    expect(page.locator("main")).not_to_contain_text("90")
    shot("06-verified")
    page.goto(verify_url.rstrip("/")[:-3] + "zzz/")
    expect(page.get_by_role("alert")).to_contain_text("No certificate has this code")

    # 6. In Bosnia and Herzegovina, an assessor submits an assessment; the supervisor, whose
    #    certification has expired, is told to take the refresher and cannot countersign.
    _sign_in(page, server_url, "ba.specialist")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="People").click()
    filters = page.get_by_role("search", name="Filter the case list")
    # Staff of one facility see only its people: the list offers no other facility.
    expect(filters.get_by_label("Facility")).to_have_count(0)
    filters.get_by_label("Current judgement").select_option(label="Not yet assessed")
    filters.get_by_role("button", name="Apply filters").click()
    row = page.get_by_role("table", name="Case list").locator("tbody tr").last
    expect(row.get_by_role("cell", name=BA_FACILITY)).to_be_visible()
    link = row.get_by_role("link")
    reference = link.inner_text().strip()
    link.click()
    section = page.get_by_role("region", name="Screening and assessment")
    section.get_by_role("link", name="Start an assessment").click()
    page.get_by_role("button", name="Start", exact=True).click()
    _spj_ratings(page, evidence_prefix="Interview, June")
    page.get_by_label("Formulation").fill("Grievance without stated intent; family ties hold.")
    page.get_by_label("Risk scenarios").fill("Renewed contact with the network after release.")
    _judge(page, "Moderate", "Present grievance without stated intent; protective ties hold.")
    page.get_by_role("button", name="Save draft").click()
    assessment_url = _check_and_submit(page, reference, "Moderate")
    _sign_out(page, server_url)

    _sign_in(page, server_url, "ba.supervisor")
    page.goto(assessment_url)
    page.get_by_role("link", name="Countersign or return").click()
    refusal = page.get_by_role("alert")
    expect(refusal).to_contain_text("Your certification is not current")
    expect(refusal).to_contain_text("expired on")
    expect(refusal).to_contain_text("Risk and needs guide: assessor refresher")
    expect(page.get_by_role("button", name="Confirm")).to_have_count(0)
    shot("07-expired-cannot-countersign")
    page.goto(assessment_url)
    expect(page.locator("dl.summary-list")).to_contain_text("Submitted for countersignature")
