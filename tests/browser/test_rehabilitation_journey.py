"""Issue 4's pathway, tried as a new user would, through Debian's chromium on the demo server.

A supervisor enrols a person nobody has assessed yet in the demo's running programme group; the
person is screened and assessed; the assessor builds a rehabilitation plan from the needs the
countersigned assessment found and the supervisor countersigns it; the programme runs two more
sessions whose attendance the facilitator records from "My work"; a release plan is opened, the
person is handed over to probation and released; the probation officer plans the first contact
from "My work" and records contacts. At each hand-off the next person's "My work" is checked.

The person is the first one the enrolment form offers who is still unassessed, so the journey
neither depends on nor disturbs the people the other journeys and the demo's own story use.
"""

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import journey_screenshots
from tests.browser.test_pathway_journey import (
    ASSESSOR,
    SUPERVISOR,
    _check_and_submit,
    _countersign,
    _expect_notice,
    _judge,
    _list_the_unassessed,
    _screen,
    _sign_in,
    _sign_out,
    _spj_ratings,
)

Screenshot = Callable[[str], Path]

PROBATION_OFFICER = "al.probation-officer"
GROUP = "Disengagement group A"  # reintegra.programmes.demo.GROUP_NAME, at FACILITY
# Two programme sessions the demo group has not held yet, as the scheduling form lists them.
NEW_SESSIONS = [
    "2.1 Identity, belonging and thinking · Who I am and where I belong",
    "2.2 Identity, belonging and thinking · Thinking traps and other views",
]
NEED = "Education and employment"  # the need the assessment records, as the plan lists it


@pytest.fixture
def shot(page: Page) -> Screenshot:
    """Full-page screenshots named rehabilitation-<step>.png, in the journey's order."""
    return journey_screenshots(page, "rehabilitation")


def _task(page: Page, name: str) -> Locator:
    return page.get_by_role("table", name="Your tasks, most urgent first").get_by_role(
        "link", name=name, exact=True
    )


def _unassessed_references(page: Page) -> set[str]:
    links = _list_the_unassessed(page).locator("td:first-child a")
    expect(links.first).to_be_visible()
    return {text.strip() for text in links.all_inner_texts()}


def _open_group(page: Page, base_url: str) -> str:
    page.goto(f"{base_url}/en/programmes/groups/")
    page.get_by_role("link", name=GROUP, exact=True).click()
    expect(page.get_by_role("heading", level=1, name=GROUP)).to_be_visible()
    return page.url


def _enrol_an_unassessed_person(page: Page, base_url: str) -> str:
    """The supervisor enrols the first person offered who is not assessed yet; answers the
    person's reference."""
    unassessed = _unassessed_references(page)
    _open_group(page, base_url)
    page.get_by_role("link", name="Enrol a person").click()
    expect(page.get_by_role("heading", level=1, name="Enrol a person")).to_be_visible()
    offered = page.get_by_label("Person").locator("option").all_inner_texts()
    label = next(text for text in offered if text.split(" · ")[0] in unassessed)
    page.get_by_label("Person").select_option(label=label)
    # A week ago, so that the sessions the journey schedules in the last few days include them.
    page.get_by_label("Enrolled on").fill(f"{dt.date.today() - dt.timedelta(days=7):%Y-%m-%d}")
    page.get_by_role("button", name="Enrol").click()
    people = page.get_by_role("table").filter(has_text="Sessions attended").first
    expect(people.get_by_role("link", name=label, exact=True)).to_be_visible()
    return label.split(" · ")[0]


def _open_person(page: Page, base_url: str, reference: str) -> str:
    page.get_by_role("navigation", name="Main").get_by_role("link", name="People").click()
    filters = page.get_by_role("search", name="Filter the case list")
    filters.get_by_label("Name or reference").fill(reference)
    filters.get_by_label("Status").select_option(label="All")
    filters.get_by_role("button", name="Apply filters").click()
    page.get_by_role("table", name="Case list").get_by_role(
        "link", name=reference, exact=True
    ).click()
    expect(page).to_have_url(re.compile(rf"^{re.escape(base_url)}/en/people/[0-9a-f-]{{36}}/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(reference)
    return page.url


def _assess(page: Page, reference: str) -> str:
    """Starts, completes and submits an assessment from the person's page; answers its URL."""
    section = page.get_by_role("region", name="Screening and assessment")
    section.get_by_role("link", name="Start an assessment").click()
    page.get_by_role("button", name="Start", exact=True).click()
    _spj_ratings(page, evidence_prefix="Interview, November")
    page.get_by_label(NEED).check()
    page.get_by_label("Formulation").fill(
        "Left school early and has never held a job; the group he joined gave him the standing "
        "work never did. He asks about the print shop."
    )
    _judge(page, "Moderate", "Views without stated intent; a trade and family ties pull away.")
    return _check_and_submit(page, reference, "Moderate")


def _build_the_plan(page: Page, reference: str, shot: Screenshot) -> str:
    """From the person's page: a draft built on the assessment's needs, filled and submitted."""
    plan = page.get_by_role("region", name="Rehabilitation plan")
    plan.get_by_role("link", name="Start a plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Start a plan · {reference}")
    expect(page.locator("main dl")).to_contain_text(NEED)
    page.get_by_role("button", name="Start the draft").click()
    _expect_notice(page, "The draft plan has been started.")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Rehabilitation plan · {reference}")
    plan_url = page.url

    # The draft names the need still without an objective, and a submission lists what is missing.
    unmet = page.get_by_role("main").get_by_role("note")
    expect(unmet).to_contain_text("1 need has no objective yet")
    expect(unmet.get_by_role("listitem")).to_contain_text(NEED)
    page.get_by_role("link", name="Check and submit for countersignature").click()
    problems = page.get_by_role("alert")
    expect(problems.get_by_role("heading")).to_have_text("The plan cannot be submitted yet")
    expect(page.get_by_role("button", name="Submit for countersignature")).to_have_count(0)
    shot("03-plan-incomplete")
    page.get_by_role("link", name="Return to the draft").click()

    page.get_by_role("link", name="Add an objective for this need").click()
    expect(page.get_by_role("radio", name=NEED)).to_be_checked()
    page.get_by_label("Objective").fill(
        "Finish the print-shop vocational course and hold a work placement before release."
    )
    page.get_by_label("Target date").fill(f"{dt.date.today() + dt.timedelta(days=180):%Y-%m-%d}")
    page.get_by_role("button", name="Add the objective").click()
    _expect_notice(page, "Objective added. Now add how it will be met.")
    expect(page.get_by_text("Every need the assessment found has an objective.")).to_be_visible()

    page.get_by_role("region", name=NEED).get_by_role("link", name="Add an intervention").click()
    page.get_by_label("Kind of intervention").select_option(label="Vocational training")
    page.get_by_label("What will be done").fill("Print-shop course, two mornings a week.")
    page.get_by_label("Owner: a member of staff").select_option(index=1)
    page.get_by_role("button", name="Add the intervention").click()
    _expect_notice(page, "Intervention saved.")

    page.get_by_role("link", name="Record the person's view and agreement").click()
    page.get_by_label("The person's own view of the plan").fill(
        "He wants a trade he can live from after release, and to be near his mother."
    )
    page.get_by_role("radio", name="Agrees with the plan").check()
    page.get_by_role("button", name="Save").click()
    _expect_notice(page, "The person's view and agreement have been saved.")
    shot("04-plan-draft")

    page.get_by_role("link", name="Check and submit for countersignature").click()
    expect(page.get_by_role("alert")).to_have_count(0)
    page.get_by_role("button", name="Submit for countersignature").click()
    expect(page).to_have_url(plan_url)
    _expect_notice(page, "Submitted for countersignature.")
    return plan_url


def _countersign_the_plan(page: Page, base_url: str, reference: str, plan_url: str) -> None:
    _sign_in(page, base_url, SUPERVISOR)
    task = _task(page, f"{reference} · Countersign a rehabilitation plan")
    expect(task).to_have_count(1)
    task.click()
    expect(page).to_have_url(plan_url)
    page.get_by_role("link", name="Countersign or return").click()
    page.get_by_role("radio", name="Countersign: the plan comes into force").check()
    page.get_by_role("button", name="Confirm").click()
    expect(page).to_have_url(plan_url)
    _expect_notice(page, "Countersigned. The plan is now in force.")
    expect(page.get_by_role("link", name="Countersign or return")).to_have_count(0)


def _schedule_sessions(page: Page, base_url: str) -> list[dt.date]:
    """The supervisor schedules two sessions in the last few days, so both are due now."""
    days = [dt.date.today() - dt.timedelta(days=3), dt.date.today() - dt.timedelta(days=1)]
    for title, day in zip(NEW_SESSIONS, days, strict=True):
        _open_group(page, base_url)
        page.get_by_role("link", name="Schedule a session").click()
        page.get_by_label("Session of the programme").select_option(label=title)
        page.get_by_label("Date").fill(f"{day:%Y-%m-%d}")
        page.get_by_label("Start time").fill("10:00")
        page.get_by_label("Location").fill("Education block")
        page.get_by_role("button", name="Schedule the session").click()
        _expect_notice(page, "The session has been scheduled.")
    return days


def _record_attendance(page: Page, reference: str, day: dt.date, subject_status: str) -> None:
    """The facilitator opens the attendance task of the day's session and fills the register."""
    label = f"{day.day} {day:%b %Y}"
    task = page.get_by_role("link", name=re.compile(rf"^Record attendance: {GROUP} · .*{label}"))
    expect(task).to_have_count(1)
    task.click()
    expect(page.get_by_role("heading", level=1, name="Session attendance")).to_be_visible()
    register = page.get_by_role("table", name="Register")
    selects = register.get_by_role("combobox")
    for index in range(selects.count()):
        selects.nth(index).select_option(label="Attended")
    register.get_by_label(f"Attendance of {reference}").select_option(label=subject_status)
    page.get_by_role("button", name="Record attendance").click()
    _expect_notice(page, "Attendance has been recorded.")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My work").click()


def _hand_over_and_release(page: Page, person_url: str, reference: str, shot: Screenshot) -> str:
    """The assessor opens a release plan, hands the person over to probation and records the
    release; answers the name of the probation officer chosen."""
    page.goto(person_url)
    release = page.get_by_role("region", name="Preparation for release")
    expect(release).to_contain_text("No release plan has been opened yet.")
    release.get_by_role("button", name="Open a release plan now").click()
    expect(page.get_by_role("heading", level=1, name="Release plan")).to_be_visible()
    expect(page.locator("main")).to_contain_text(reference)

    page.get_by_role("link", name="Hand over to probation").click()
    officer = page.get_by_label("Probation officer")
    officer.select_option(index=1)
    officer_label = officer.locator("option:checked").inner_text()
    officer_name = officer_label.split(" — ")[0].strip()
    page.get_by_label("Rehabilitation plan").check()
    page.get_by_label("Programme attendance").check()
    page.get_by_label("Notes for probation").fill(
        "Print-shop course under way; attends the disengagement group."
    )
    page.get_by_role("button", name="Continue").click()
    expect(
        page.get_by_role("heading", level=1, name="Check the handover before you confirm it")
    ).to_be_visible()
    opened = page.locator("main dl ul li")
    expect(opened).to_have_text(
        [
            "Identity and custody",
            "Rehabilitation plan",
            "Programme attendance",
            "Release plan",
            "Probation supervision",
        ]
    )
    shot("08-handover-check")
    page.get_by_role("button", name="Confirm the handover").click()
    _expect_notice(page, "The handover has been recorded")
    expect(page.locator("main")).to_contain_text(f"To {officer_name}")

    page.get_by_role("link", name="Record the release").click()
    expect(page.locator("main")).to_contain_text(f"A supervision case opens for {officer_name}")
    page.get_by_role("button", name="Record the release").click()
    # Not confirmed yet: nothing is recorded and the form says why.
    expect(page.get_by_role("heading", level=1, name="Record the release")).to_be_visible()
    page.get_by_label("I confirm that the person has left custody on this date.").check()
    page.get_by_role("button", name="Record the release").click()
    _expect_notice(page, "The release has been recorded.")
    return officer_name


def _record_contact(page: Page, day: dt.date, kind: str, status: str, notes: str) -> None:
    page.get_by_role("link", name="Record a contact").click()
    page.get_by_label("Date").fill(f"{day:%Y-%m-%d}")
    page.get_by_label("Kind of contact").select_option(label=kind)
    page.get_by_role("group", name="Status").get_by_role("radio", name=status).check()
    page.get_by_label("Notes").fill(notes)
    page.get_by_role("button", name="Record the contact").click()
    _expect_notice(page, "The contact has been recorded.")


@pytest.mark.browser
def test_plan_from_assessment_programme_attendance_release_handover_and_probation_contacts(
    page: Page, server_url: str, shot: Screenshot
) -> None:
    # 1. The supervisor, who manages programmes, enrols an unassessed person in the running group.
    _sign_in(page, server_url, SUPERVISOR)
    reference = _enrol_an_unassessed_person(page, server_url)
    shot("01-enrolled")
    _sign_out(page, server_url)

    # 2. The assessor screens and assesses the person; the supervisor countersigns.
    _sign_in(page, server_url, ASSESSOR)
    person_url = _open_person(page, server_url, reference)
    _screen(page, reference, shot)
    _expect_notice(page, "The screening has been recorded.")
    assessment_url = _assess(page, reference)
    _sign_out(page, server_url)
    _countersign(page, server_url, reference, assessment_url)
    shot("02-assessment-countersigned")
    _sign_out(page, server_url)

    # 3. The assessor builds the plan on the assessment's needs and submits it.
    _sign_in(page, server_url, ASSESSOR)
    page.goto(person_url)
    plan_url = _build_the_plan(page, reference, shot)
    _sign_out(page, server_url)

    # 4. The supervisor countersigns it from "My work"; the plan is in force.
    _countersign_the_plan(page, server_url, reference, plan_url)
    shot("05-plan-in-force")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My work").click()
    for decided in ("Countersign an assessment", "Countersign a rehabilitation plan"):
        expect(_task(page, f"{reference} · {decided}")).to_have_count(0)

    # 5. The supervisor schedules two more sessions of the group.
    days = _schedule_sessions(page, server_url)
    _sign_out(page, server_url)

    # 6. The facilitator records both registers from "My work"; the person came late once.
    _sign_in(page, server_url, ASSESSOR)
    expect(_task(page, f"{reference} · Review a rehabilitation plan")).to_have_count(1)
    for day in days:
        expect(
            page.get_by_role("link", name=re.compile(rf"^Record attendance: {GROUP} · ")).filter(
                has_text=f"{day.day} {day:%b %Y}"
            )
        ).to_have_count(1)
    shot("06-facilitator-work")
    _record_attendance(page, reference, days[0], "Attended")
    _record_attendance(page, reference, days[1], "Late")
    expect(
        page.get_by_role("link", name=re.compile(rf"^Record attendance: {GROUP} · "))
    ).to_have_count(0)
    page.goto(person_url)
    programmes = page.get_by_role("region", name="Programmes and activities")
    row = programmes.get_by_role("row").filter(has_text=GROUP)
    # Attended, Late, Excused, Unexcused, Refused: the journey's two sessions, nothing else.
    expect(row).to_have_count(1)
    cells = row.get_by_role("cell").all_inner_texts()
    assert cells[-5:] == ["1", "1", "0", "0", "0"], cells
    shot("07-attendance-on-the-person")

    # 7. A release plan is opened, the person handed over to probation and released.
    officer_name = _hand_over_and_release(page, person_url, reference, shot)
    shot("09-released")
    # Released, the person is no longer the prison's to read: the page answers as if absent.
    page.goto(person_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    _sign_out(page, server_url)

    # 8. The probation officer plans the first contact from "My work" and records two contacts.
    _sign_in(page, server_url, PROBATION_OFFICER)
    first_contact = _task(page, f"{reference} · Plan the first contact")
    expect(first_contact).to_have_count(1)
    shot("10-probation-work")
    first_contact.click()
    expect(page.get_by_role("heading", level=1, name="Supervision")).to_be_visible()
    expect(page.locator("main")).to_contain_text(reference)
    _record_contact(
        page,
        dt.date.today(),
        "Office visit",
        "Attended",
        "First meeting at the office; reporting days and the course's timetable agreed.",
    )
    _record_contact(
        page,
        dt.date.today() + dt.timedelta(days=7),
        "Home visit",
        "Planned",
        "Visit at his mother's address.",
    )
    contacts = page.locator("h2:text-is('Contacts') + .table-scroll table tbody tr")
    expect(contacts).to_have_count(2)
    shot("11-contacts")
    page.get_by_role("link", name="Back to the person").click()
    expect(page).to_have_url(person_url)
    supervision = page.get_by_role("region", name="Probation supervision")
    expect(supervision).to_contain_text(officer_name)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My work").click()
    expect(_task(page, f"{reference} · Plan the first contact")).to_have_count(0)
