"""Issue 3's pathway, tried as a new user would, through Debian's chromium on the demo server.

An assessor screens a demo person, completes and submits a structured professional judgement
assessment, a supervisor countersigns it, its PDF report opens, a prison officer's observation
later asks for a reassessment, the reassessment is countersigned too, and the person's
trajectory shows both assessments.

The person is one nobody has assessed yet, picked from the case list of the personas' facility,
so the journey neither depends on nor disturbs the demo people other journeys look at.
"""

import datetime as dt
import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect
from pypdf import PdfReader

from reintegra.demo.personas import DEMO_PASSWORD
from tests.browser.conftest import journey_screenshots

Screenshot = Callable[[str], Path]

FACILITY = "Demo Prison North"  # FACILITIES["AL"][0]: where the Albanian personas work
ASSESSOR = "al.specialist"
SUPERVISOR = "al.supervisor"
PRISON_OFFICER = "al.prison-officer"
# Every item of the shipped instruments: a changed instrument fails here, not in a timeout.
SCREENING_ITEMS = 10
SPJ_ITEMS = 30
# What the check page lists besides the items: formulation, judgement and its rationale.
SPJ_OTHER_REQUIREMENTS = 3


@pytest.fixture
def shot(page: Page) -> Screenshot:
    """Full-page screenshots named pathway-<step>.png, in the order the journey takes them."""
    return journey_screenshots(page, "pathway")


# --- Signing in and out --------------------------------------------------------------------------


def _sign_in(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/en/account/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page).to_have_url(f"{base_url}/en/work/")
    expect(page.get_by_role("heading", level=1, name="My work")).to_be_visible()


def _sign_out(page: Page, base_url: str) -> None:
    page.get_by_role("banner").get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(rf"^{re.escape(base_url)}/en/account/login/"))


def _expect_notice(page: Page, text: str) -> None:
    expect(page.get_by_role("status").filter(has_text=text)).to_be_visible()


# --- The steps -----------------------------------------------------------------------------------


def _list_the_unassessed(page: Page) -> Locator:
    """The case list of the facility's people nobody has assessed yet; answers its rows."""
    page.get_by_role("navigation", name="Main").get_by_role("link", name="People").click()
    expect(page.get_by_role("heading", level=1, name="People")).to_be_visible()
    filters = page.get_by_role("search", name="Filter the case list")
    # Staff of one facility see only its people: the list offers no other facility.
    expect(filters.get_by_label("Facility")).to_have_count(0)
    filters.get_by_label("Current judgement").select_option(label="Not yet assessed")
    filters.get_by_role("button", name="Apply filters").click()
    return page.get_by_role("table", name="Case list").locator("tbody tr")


def _open_an_unassessed_person(page: Page, base_url: str) -> tuple[str, str]:
    """Opens the last not-yet-assessed person of the facility; answers (reference, page URL)."""
    rows = _list_the_unassessed(page)
    expect(rows.first).to_be_visible()
    person = rows.last
    expect(person.get_by_role("cell", name=FACILITY)).to_be_visible()
    expect(person.get_by_text("Not yet assessed")).to_be_visible()
    link = person.get_by_role("link")
    reference = link.inner_text().strip()
    link.click()

    expect(page).to_have_url(re.compile(rf"^{re.escape(base_url)}/en/people/[0-9a-f-]{{36}}/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(reference)
    return reference, page.url


def _item_fieldsets(page: Page, expected: int) -> list[Locator]:
    items = page.locator("form fieldset.item")
    expect(items).to_have_count(expected)
    return [items.nth(index) for index in range(expected)]


def _choose(item: Locator, axis: str, option: str) -> None:
    """Checks the option of an item's rating scale as a screen-reader user would find it."""
    item.get_by_role("group", name=axis, exact=True).get_by_role(
        "radio", name=option, exact=True
    ).check()


def _screen(page: Page, reference: str, shot: Screenshot) -> None:
    page.get_by_role("link", name="Screen", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Screening · {reference}")
    page.get_by_label("Occasion").select_option(label="At admission")
    for index, item in enumerate(_item_fieldsets(page, SCREENING_ITEMS)):
        _choose(item, "Observed", "Some signs" if index in (2, 5) else "No")
    outcome = page.get_by_role("group", name="Outcome", exact=True)
    outcome.get_by_role("radio", name="Refer for full assessment").check()
    page.get_by_label("Reasons for the outcome").fill(
        "Some signs of grievance and of pressure on others: a full assessment should look closer."
    )
    shot("01-screening-form")
    page.get_by_role("button", name="Record the screening").click()


def _spj_ratings(page: Page, *, evidence_prefix: str) -> dict[str, str]:
    """Rates every item (every fifth one as no information); answers item code → presence."""
    presence: dict[str, str] = {}
    for index, item in enumerate(_item_fieldsets(page, SPJ_ITEMS)):
        code = (item.get_attribute("id") or "").removeprefix("item-")
        if index % 5 == 4:
            _choose(item, "Presence", "No information")
            _choose(item, "Relevance", "No information")
            presence[code] = "No information"
            continue
        presence[code] = "Present" if index % 2 else "Absent"
        _choose(item, "Presence", presence[code])
        _choose(item, "Relevance", "Moderate" if index % 3 else "Low")
        item.get_by_label("Evidence").fill(f"{evidence_prefix}: what was seen and said ({code}).")
        item.get_by_label("Source").select_option(label="Interview with the person")
    return presence


def _judge(page: Page, level: str, rationale: str) -> None:
    page.get_by_label("Final professional judgement").select_option(label=level)
    page.get_by_label("Rationale for the judgement").fill(rationale)


def _check_and_submit(page: Page, reference: str, level: str) -> str:
    """From the draft to the check page and on to submission; answers the assessment's URL."""
    page.get_by_role("button", name="Save and check before submitting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Check before submitting · {reference}"
    )
    expect(page.get_by_role("alert")).to_have_count(0)
    summary = page.locator("dl.summary-list")
    expect(summary).to_contain_text(level)
    page.get_by_role("button", name="Submit for countersignature").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Assessment · {reference}")
    _expect_notice(page, "Submitted for countersignature.")
    expect(page.locator("dl.summary-list")).to_contain_text("Submitted for countersignature")
    return page.url


def _countersign(page: Page, base_url: str, reference: str, assessment_url: str) -> None:
    """The supervisor finds the task in My work, reads the assessment and countersigns it."""
    _sign_in(page, base_url, SUPERVISOR)
    task = page.get_by_role("link", name=f"{reference} · Countersign an assessment", exact=True)
    expect(task).to_have_count(1)
    task.click()
    expect(page).to_have_url(assessment_url)
    page.get_by_role("link", name="Countersign or return").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Countersign or return · {reference}"
    )
    page.get_by_role("group", name="Your decision").get_by_role(
        "radio", name="Countersign", exact=True
    ).check()
    page.get_by_role("button", name="Confirm").click()
    expect(page).to_have_url(assessment_url)
    _expect_notice(page, "Countersigned. The assessment is now locked.")
    expect(page.locator("dl.summary-list")).to_contain_text("Countersigned and locked")
    # Locked: nobody edits it any more, or decides on it again.
    expect(page.get_by_role("link", name="Edit the draft")).to_have_count(0)
    expect(page.get_by_role("link", name="Countersign or return")).to_have_count(0)


def _download_report(page: Page) -> bytes:
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Report (PDF)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf"), download.suggested_filename
    return Path(download.path()).read_bytes()


def _record_high_concern_observation(page: Page, person_url: str, reference: str) -> None:
    page.goto(person_url)
    observations = page.get_by_role("region", name="Dynamic-security observations")
    observations.get_by_role("link", name="Record an observation").click()
    expect(page.get_by_role("heading", level=1, name="Record an observation")).to_be_visible()
    expect(page.locator("main .lede")).to_contain_text(reference)
    # Yesterday morning: safely in the past whatever the server's time zone.
    yesterday = dt.datetime.now() - dt.timedelta(days=1)
    page.get_by_label("When it happened").fill(f"{yesterday:%Y-%m-%d}T09:30")
    page.get_by_label("Place").fill("Wing B, exercise yard")
    page.get_by_label("Behaviour").select_option(
        label="Threats or intimidation of staff or prisoners"
    )
    page.get_by_label("Source").select_option(label="Direct observation by staff")
    page.get_by_label("Reliability").select_option(label="Confirmed: seen by staff or corroborated")
    page.get_by_label("What happened").fill(
        "Told another prisoner in the yard that he would be hurt if he spoke to staff again. "
        "Staff separated them and spoke to both."
    )


# --- The journey ---------------------------------------------------------------------------------


@pytest.mark.browser
def test_screen_assess_countersign_report_observe_reassess_and_follow_the_trajectory(
    page: Page, server_url: str, shot: Screenshot
) -> None:
    # 1. The assessor finds a person nobody has assessed yet and screens them.
    _sign_in(page, server_url, ASSESSOR)
    reference, person_url = _open_an_unassessed_person(page, server_url)
    _screen(page, reference, shot)
    expect(page).to_have_url(person_url)
    _expect_notice(page, "The screening has been recorded.")
    screenings = page.get_by_role("table", name="Screenings")
    expect(
        screenings.get_by_role("row").filter(has_text="Refer for full assessment")
    ).to_have_count(1)
    shot("02-screened")

    # 2. An assessment: checking the empty draft names everything missing, then it is completed.
    section = page.get_by_role("region", name="Screening and assessment")
    section.get_by_role("link", name="Start an assessment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Start an assessment · {reference}")
    instrument = page.get_by_role("group", name="Instrument").get_by_role("radio")
    expect(instrument).to_have_count(1)
    expect(instrument).to_be_checked()
    page.get_by_role("button", name="Start", exact=True).click()
    expect(page).to_have_url(re.compile(r"/en/assessments/[0-9a-f-]{36}/edit/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Assessment · {reference}")

    page.get_by_role("button", name="Save and check before submitting").click()
    expect(page).to_have_url(re.compile(r"/en/assessments/[0-9a-f-]{36}/submit/$"))
    problems = page.get_by_role("alert")
    expect(problems.get_by_role("heading")).to_have_text("The assessment cannot be submitted yet")
    expect(problems.get_by_role("listitem")).to_have_count(SPJ_ITEMS + SPJ_OTHER_REQUIREMENTS)
    expect(
        problems.get_by_role("link", name=re.compile(r"^Rate violence_endorsed "))
    ).to_have_attribute("href", re.compile(r"/edit/#item-violence_endorsed$"))
    for missing in [
        "Write the formulation.",
        "Give your final professional judgement.",
        "Explain the reasons for your judgement.",
    ]:
        expect(problems.get_by_role("link", name=missing, exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Submit for countersignature")).to_have_count(0)
    shot("03-missing-items")

    page.get_by_role("link", name="Return to the draft").click()
    first_presence = _spj_ratings(page, evidence_prefix="Interview, March")
    page.get_by_label("Education and employment").check()
    page.get_by_label("Formulation").fill(
        "Grievance about his conviction has hardened into blaming a whole group; the people he "
        "now spends time with feed it. Work in the print shop and his sister's visits pull the "
        "other way."
    )
    page.get_by_label("Risk scenarios").fill(
        "Pressure on younger prisoners on the wing if the grievance is not addressed."
    )
    _judge(page, "Moderate", "Present grievance without stated intent; protective ties hold.")
    page.get_by_role("button", name="Save draft").click()
    _expect_notice(page, "Draft saved.")
    shot("04-assessment-draft")
    first_url = _check_and_submit(page, reference, "Moderate")
    shot("05-submitted")
    _sign_out(page, server_url)

    # 3. The supervisor countersigns it from My work.
    _countersign(page, server_url, reference, first_url)
    shot("06-countersigned")

    # 4. The report opens as a real PDF, marked RESTRICTED on every page.
    pdf = _download_report(page)
    assert pdf.startswith(b"%PDF"), pdf[:20]
    pages = [pdf_page.extract_text() for pdf_page in PdfReader(io.BytesIO(pdf)).pages]
    assert pages
    assert all("RESTRICTED" in text for text in pages), [text[:200] for text in pages]
    assert reference in pages[0]
    _sign_out(page, server_url)

    # 5. Later, a prison officer records a high-concern observation.
    _sign_in(page, server_url, PRISON_OFFICER)
    _record_high_concern_observation(page, person_url, reference)
    shot("07-observation-form")
    page.get_by_role("button", name="Record the observation").click()
    expect(page).to_have_url(person_url)
    _expect_notice(page, "It asks for a reassessment")
    shot("08-observation-recorded")
    _sign_out(page, server_url)

    # 6. The assessor has a reassessment task; the new draft starts from the last assessment.
    _sign_in(page, server_url, ASSESSOR)
    task = page.get_by_role("link", name=f"{reference} · Reassessment: high-concern observation")
    expect(task).to_have_count(1)
    # The screening's referral was answered by the first assessment's countersignature.
    expect(
        page.get_by_role("link", name=re.compile(rf"^{re.escape(reference)} · Full assessment"))
    ).to_have_count(0)
    shot("09-reassessment-task")
    task.click()
    expect(page).to_have_url(person_url)
    section = page.get_by_role("region", name="Screening and assessment")
    section.get_by_role("link", name="Start a reassessment").click()
    page.get_by_role("button", name="Start", exact=True).click()
    expect(page).to_have_url(re.compile(r"/en/assessments/[0-9a-f-]{36}/edit/$"))
    assert page.url.removesuffix("edit/") != first_url

    changed = next(code for code, given in first_presence.items() if given == "Absent")
    item = page.locator(f"#item-{changed}")
    before = item.get_by_role("group", name="Presence", exact=True)
    expect(before.get_by_role("radio", name="Absent", exact=True)).to_be_checked()
    expect(item.get_by_label("Evidence")).to_have_value(
        f"Interview, March: what was seen and said ({changed})."
    )
    expect(page.get_by_label("Formulation")).not_to_be_empty()
    _choose(item, "Presence", "Present")
    item.get_by_label("Evidence").fill(
        "Observation of threats in the exercise yard, confirmed by staff who saw it."
    )
    item.get_by_label("Source").select_option(label="Staff observations")
    _judge(page, "High", "Threats to another prisoner, confirmed: the grievance is now acted on.")
    shot("10-reassessment-draft")
    second_url = _check_and_submit(page, reference, "High")
    assert second_url != first_url
    _sign_out(page, server_url)
    _countersign(page, server_url, reference, second_url)
    shot("11-reassessment-countersigned")

    # 7. The trajectory shows both assessments and what changed between them.
    page.get_by_role("link", name="Trajectory").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Trajectory · {reference}")
    expect(page.get_by_text("2 countersigned assessments, oldest on the left.")).to_be_visible()
    side_by_side = page.locator("main table")
    # Item, one column per assessment, change.
    expect(side_by_side.locator("thead th")).to_have_count(4)
    expect(side_by_side.locator("thead th a")).to_have_count(2)
    expect(side_by_side.locator("tbody tr")).to_have_count(SPJ_ITEMS)
    changes = page.locator("h2:text-is('Changes since the last assessment') + ul > li")
    expect(changes).to_have_count(1)
    expect(changes).to_contain_text(changed)
    expect(changes).to_contain_text("Absent → Present")
    chart = page.get_by_role("img", name="Ratings of each item across assessments")
    expect(chart).to_be_visible()
    expect(page.locator("svg[role='img'] rect")).to_have_count(SPJ_ITEMS * 2)
    shot("12-trajectory")

    # Nothing the journey asked for is left waiting: both countersignatures and the reassessment.
    # Only these tasks: a person whose release is near rightly shows an assessment review due soon.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My work").click()
    expect(page.get_by_role("heading", level=1, name="My work")).to_be_visible()
    expect(
        page.get_by_role("link", name=f"{reference} · Countersign an assessment", exact=True)
    ).to_have_count(0)
    _sign_out(page, server_url)
    _sign_in(page, server_url, ASSESSOR)
    for asked in ("Reassessment", "Full assessment"):
        expect(
            page.get_by_role("link", name=re.compile(rf"^{re.escape(reference)} · {asked}"))
        ).to_have_count(0)
