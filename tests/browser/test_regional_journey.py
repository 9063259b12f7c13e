"""Regional events, trainer register and figures, tried as the regional programme team would.

The team opens the demo's regional working group, adds a participant who agreed to be named,
records a recommendation and updates the public page; a visitor then sees the consenting
participants on the public events page and not the one who did not consent. The trainer register
and the trained-staff figures, with their headline, are on the way.
"""

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import SCREENSHOTS_DIR
from tests.browser.test_pathway_journey import _expect_notice, _sign_in, _sign_out

Screenshot = Callable[[str], Path]

TEAM = "regional.team"
EVENT = "Regional working group on the training framework matrix"
NEW_PARTICIPANT = "Dritan Journey"


@pytest.fixture
def shot(page: Page) -> Screenshot:
    SCREENSHOTS_DIR.mkdir(parents=True, exist_ok=True)

    def take(step: str) -> Path:
        path = SCREENSHOTS_DIR / f"regional-{step}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


def test_regional_event_published_with_consenting_participants_only(
    page: Page, server_url: str, shot: Screenshot
) -> None:
    _sign_in(page, server_url, TEAM)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Training").click()

    page.get_by_role("link", name="Trained staff over time").click()
    expect(page.locator("#headline")).to_contain_text(re.compile(r"\d+ professionals? from"))
    expect(page.locator("svg.figures-chart")).to_be_visible()
    shot("01-figures")
    page.get_by_role("link", name="Back to training").click()
    page.get_by_role("link", name="Trainer register").click()
    expect(page.get_by_role("heading", level=1, name="Trainer register")).to_be_visible()
    expect(page.get_by_role("link", name="Download as CSV")).to_be_visible()
    shot("02-trainer-register")
    page.get_by_role("link", name="Back to training").click()

    page.get_by_role("link", name="Regional events").click()
    page.get_by_role("link", name=EVENT).click()
    expect(page.get_by_role("heading", level=1, name=EVENT)).to_be_visible()
    page.get_by_role("link", name="Add a participant").click()
    page.get_by_label("Full name").fill(NEW_PARTICIPANT)
    page.get_by_label("Organisation").select_option(index=1)
    page.get_by_label("Function").fill("Trainer")
    page.get_by_label("The participant agrees to be named on the public event page").check()
    page.get_by_role("button", name="Add the participant").click()
    _expect_notice(page, "The participant has been added")

    page.get_by_role("link", name="Record an outcome or recommendation").click()
    page.get_by_label("Kind").select_option(label="Recommendation")
    page.get_by_label("Text").fill("Share the refresher calendar across the region.")
    page.get_by_role("button", name="Record it").click()
    _expect_notice(page, "The outcome has been recorded")
    shot("03-event")

    page.get_by_role("link", name="Update the public page").click()
    named = page.locator("dl.summary-list")
    expect(named).to_contain_text(NEW_PARTICIPANT)
    expect(named).not_to_contain_text("Nikola Vuković")
    shot("04-publish-check")
    page.get_by_role("button", name="Update the public page").click()
    _expect_notice(page, "The public event page is up to date")
    _sign_out(page, server_url)

    page.goto(f"{server_url}/en/events/")
    page.get_by_role("link", name=EVENT).first.click()
    expect(page.get_by_role("heading", level=1, name=EVENT)).to_be_visible()
    body = page.locator("main")
    expect(body).to_contain_text(NEW_PARTICIPANT)
    expect(body).to_contain_text("Elira Demiri")
    expect(body).not_to_contain_text("Nikola Vuković")
    expect(body).not_to_contain_text("refresher calendar")
    shot("05-public-page")
