"""Referring a released person to a partner, tried as a new user would on the demo server.

The probation officer opens the released demo person from the caseload and refers them to the
municipal social services with a minimised summary (a first try without a legal basis is
refused); the partner user finds the referral, accepts it and records progress, but the person's
own page answers 404; back on the person's page, the Disclosures section lists the share.
"""

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import journey_screenshots
from tests.browser.test_pathway_journey import _expect_notice, _sign_in, _sign_out

Screenshot = Callable[[str], Path]

PROBATION_OFFICER = "al.probation-officer"
PARTNER_USER = "al.partner-user"
PARTNER = "Social Services of Durrës (demo)"  # reintegra.demo.personas, jurisdiction AL
LEGAL_BASIS = (
    "Law on social care services — Art. 34: referral to social services for persons leaving custody"
)
SUMMARY = "Released last month; sleeps at his brother's; no income; reports weekly to probation."
OUTCOME = "A room in supported housing before winter"


@pytest.fixture
def shot(page: Page) -> Screenshot:
    return journey_screenshots(page, "coordination")


def _open_the_released_person(page: Page) -> str:
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My caseload").click()
    page.get_by_role("main").get_by_role("table").get_by_role("link").first.click()
    page.get_by_role("link", name="Back to the person").click()
    expect(page).to_have_url(re.compile(r"/en/people/[0-9a-f-]{36}/$"))
    return page.url


def _refer(page: Page, shot: Screenshot) -> str:
    section = page.get_by_role("region", name="Disclosures")
    section.get_by_role("link", name="Refer to a partner organisation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Refer to a partner organisation")
    page.get_by_label("Partner organisation").select_option(label=PARTNER)
    page.get_by_label("Why you are referring the person").fill(
        "No stable address since release; at risk of losing contact with supervision."
    )
    page.get_by_label("What the referral should achieve").fill(OUTCOME)
    page.get_by_label("Summary for the partner").fill(SUMMARY)
    page.get_by_label("Identity and contact details").check()
    page.get_by_label("Needs (housing, work, family)").check()
    page.get_by_role("radio", name="Consent given").check()
    # Without a legal basis the share is refused, and nothing is sent.
    page.get_by_role("button", name="Send the referral").click()
    problems = page.get_by_role("alert")
    expect(problems).to_contain_text("Choose the legal basis that allows this disclosure.")
    shot("01-refused-without-legal-basis")
    page.get_by_label("Legal basis for the disclosure").select_option(label=LEGAL_BASIS)
    page.get_by_role("button", name="Send the referral").click()
    _expect_notice(page, f"The referral has been sent to {PARTNER}")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Referral to {PARTNER}")
    shot("02-referral-sent")
    return page.url


def test_probation_officer_refers_and_the_partner_works_the_referral_but_not_the_person(
    page: Page, server_url: str, shot: Screenshot
) -> None:
    # 1. The probation officer refers the released person with a minimised summary.
    _sign_in(page, server_url, PROBATION_OFFICER)
    person_url = _open_the_released_person(page)
    referral_url = _refer(page, shot)
    _sign_out(page, server_url)

    # 2. The partner user finds it waiting, accepts it and records progress.
    _sign_in(page, server_url, PARTNER_USER)
    tasks = page.get_by_role("table", name="Your tasks, most urgent first")
    expect(tasks.get_by_role("link", name=re.compile("accept or decline")).first).to_be_visible()
    shot("03-partner-my-work")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Referrals").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Referrals received")
    page.get_by_role("main").get_by_role("table").get_by_role("link").first.click()
    expect(page).to_have_url(referral_url)
    expect(page.get_by_role("main")).to_contain_text(SUMMARY)
    expect(page.get_by_role("link", name="Open the person")).to_have_count(0)
    page.get_by_role("button", name="Accept").click()
    _expect_notice(page, "The referral is now accepted.")
    page.get_by_role("button", name="Start the work").click()
    _expect_notice(page, "The referral is now in progress.")
    page.get_by_label("Message").fill("First appointment booked for Tuesday at ten.")
    page.get_by_role("button", name="Send the message").click()
    _expect_notice(page, "Your message has been sent.")
    expect(page.get_by_role("main")).to_contain_text("First appointment booked")
    shot("04-partner-in-progress")

    # Nothing else about the person: their page is not found for the partner.
    response = page.goto(person_url)
    assert response is not None and response.status == 404
    shot("05-partner-person-page-not-found")
    page.goto(f"{server_url}/en/work/")
    _sign_out(page, server_url)

    # 3. The person's page lists the share: to whom, why, on what basis, acknowledged.
    _sign_in(page, server_url, PROBATION_OFFICER)
    page.goto(person_url)
    section = page.get_by_role("region", name="Disclosures")
    row = section.get_by_role("row").filter(has_text=f"Referral: {OUTCOME}")
    expect(row).to_have_count(1)
    expect(row).to_contain_text(PARTNER)
    expect(row).to_contain_text("Law on social care services")
    expect(row).not_to_contain_text("Not yet")
    shot("06-person-disclosures")
