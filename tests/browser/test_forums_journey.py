"""A local coordination forum, tried as a new user would, through Debian's chromium on the demo.

The forum coordinator plans a meeting of the Durrës forum, takes attendance, writes the minutes,
records an action point for the social services' partner user; the partner user finds it in
"My work", opens the meeting from there and marks the action done, and it leaves their work.
"""

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import journey_screenshots
from tests.browser.test_pathway_journey import _expect_notice, _sign_in, _sign_out

Screenshot = Callable[[str], Path]

COORDINATOR = "al.forum-coordinator"
PARTNER = "al.partner-user"
FORUM = "Durrës local inter-agency coordination forum (demo)"
PARTNER_ORGANISATION = "Social Services of Durrës (demo)"
ACTION = "Bring the housing offers to the next meeting (journey)"


@pytest.fixture
def shot(page: Page) -> Screenshot:
    return journey_screenshots(page, "forums")


def _plan_meeting(page: Page, shot: Screenshot) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Forums").click()
    expect(page.get_by_role("heading", level=1, name="Local coordination forums")).to_be_visible()
    shot("01-forums")
    page.get_by_role("link", name=FORUM).click()
    expect(page.get_by_role("heading", level=1, name=FORUM)).to_be_visible()
    shot("02-forum")
    page.get_by_role("link", name="Plan a meeting", exact=True).click()
    expect(page.get_by_label("Reference of the person discussed")).to_have_count(0)
    page.get_by_label("Date").fill(dt.date.today().isoformat())
    page.get_by_label("Place").fill("Durrës social services, meeting room (journey)")
    page.get_by_label("Agenda").fill("1. Housing offers\n2. Contact points")
    page.get_by_role("button", name="Plan the meeting").click()
    _expect_notice(page, "The meeting has been planned.")


def _take_attendance_and_minutes(page: Page, shot: Screenshot) -> None:
    register = page.get_by_role("table", name="Attendance register")
    rows = register.get_by_role("row").filter(has_text="Demo Rep.")
    count = rows.count()
    assert count >= 3
    for index in range(count):
        label = "Excused" if index == count - 1 else "Present"
        rows.nth(index).get_by_label(label).check()
    page.get_by_role("button", name="Save the attendance").click()
    _expect_notice(page, "Attendance has been recorded")
    page.get_by_role("link", name="Write the minutes").click()
    page.get_by_label("Minutes").fill(
        "The members agreed to pool their housing offers for people released in Durrës."
    )
    page.get_by_role("button", name="Save the minutes").click()
    _expect_notice(page, "saved as revision 1")
    shot("03-meeting")


def _record_action(page: Page, shot: Screenshot) -> None:
    page.get_by_role("link", name="Add an action point").click()
    page.get_by_label("Action").fill(ACTION)
    page.get_by_label("Due on").fill((dt.date.today() + dt.timedelta(days=14)).isoformat())
    page.get_by_role("button", name="Add the action point").click()
    expect(page.get_by_role("alert")).to_contain_text("every action needs an owner")
    expect(page.get_by_label("Action")).to_have_value(ACTION)
    shot("04-action-without-owner")
    owner = page.get_by_label("Owner")
    value = owner.locator("option", has_text=PARTNER_ORGANISATION).first.get_attribute("value")
    assert value
    owner.select_option(value)
    page.get_by_role("button", name="Add the action point").click()
    _expect_notice(page, "is in its owner's work")
    expect(page.get_by_role("table", name="Action points")).to_contain_text(ACTION)
    shot("05-action")


@pytest.mark.browser
def test_a_meetings_action_point_lands_in_its_owners_work(
    page: Page, server_url: str, shot: Screenshot
) -> None:
    # 1. The coordinator plans a meeting, takes attendance, writes the minutes, records an action.
    _sign_in(page, server_url, COORDINATOR)
    _plan_meeting(page, shot)
    _take_attendance_and_minutes(page, shot)
    _record_action(page, shot)
    _sign_out(page, server_url)

    # 2. The owner finds it in "My work", opens the meeting and marks it done.
    _sign_in(page, server_url, PARTNER)
    work = page.get_by_role("table", name="Your tasks, most urgent first")
    row = work.get_by_role("row").filter(has_text=ACTION)
    expect(row).to_contain_text("Forum action points")
    shot("06-my-work")
    row.get_by_role("link", name=ACTION).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Meeting of "))
    actions = page.get_by_role("table", name="Action points")
    actions.get_by_role("row").filter(has_text=ACTION).get_by_role(
        "button", name=re.compile("Mark done")
    ).click()
    _expect_notice(page, "The action point is closed.")
    expect(
        page.get_by_role("table", name="Action points").get_by_role("row").filter(has_text=ACTION)
    ).to_contain_text("Done")
    shot("07-done")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My work").click()
    expect(page.get_by_text(ACTION)).to_have_count(0)
    shot("08-my-work-after")
