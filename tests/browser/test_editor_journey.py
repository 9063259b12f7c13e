"""The editorial journey through Debian's chromium on the demo: draft, review, publish, read.

The demo editor drafts a news item in the Wagtail admin and submits it for review; the admin
does not let the editor publish. The demo reviewer approves it, the page goes live, and an
anonymous visitor reads it; axe-core finds no serious or critical violation on the page.
"""

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import REPO_ROOT, SCREENSHOTS_DIR, DemoDatabase
from tests.browser.test_pathway_journey import _sign_in

Screenshot = Callable[[Page, str], Path]
TITLE = "Local forum in Bijelo Polje agrees on a shared release plan"
SUMMARY = (
    "Municipal services, probation and civil society agreed who supports a person after release."
)


@pytest.fixture
def shot() -> Screenshot:
    SCREENSHOTS_DIR.mkdir(parents=True, exist_ok=True)

    def take(page: Page, step: str) -> Path:
        path = SCREENSHOTS_DIR / f"editor-{step}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


def _english_news_index_id(database: DemoDatabase) -> int:
    code = (
        "from reintegra.site.models import NewsIndexPage; "
        "print(NewsIndexPage.objects.get(locale__language_code='en').pk)"
    )
    completed = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=REPO_ROOT,
        env=database.env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return int(completed.stdout.strip().splitlines()[-1])


def _press(page: Page, selector: str) -> None:
    """Presses a button of the admin's footer menu, which may sit in a closed dropdown."""
    page.locator(selector).first.evaluate("button => button.click()")


def _serious_violations(page: Page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.browser
def test_an_editor_drafts_a_reviewer_publishes_and_a_visitor_reads(
    page: Page, browser: Browser, server_url: str, demo_database: DemoDatabase, shot: Screenshot
) -> None:
    index_id = _english_news_index_id(demo_database)

    editor = page
    _sign_in(editor, server_url, "al.editor")
    editor.goto(f"{server_url}/cms/pages/add/public_site/newspage/{index_id}/")
    editor.locator("#id_title").fill(TITLE)
    editor.locator("#id_date").fill("2026-12-01")
    editor.locator("#id_place").fill("Bijelo Polje, Montenegro")
    editor.locator("#id_summary").fill(SUMMARY)
    shot(editor, "1-draft")
    # The editor has no publish action at all: only saving and submitting for review.
    expect(editor.locator('button[name="action-publish"]')).to_have_count(0)
    _press(editor, 'button[name="action-submit"]')
    expect(editor.get_by_text("submitted for moderation", exact=False).first).to_be_visible()
    shot(editor, "2-submitted")
    edit_url = editor.url if "/edit/" in editor.url else None
    page_id = int(re.search(r"/pages/(\d+)/", editor.url).group(1)) if edit_url else None

    visitor = browser.new_context().new_page()
    assert visitor.goto(f"{server_url}/en/news/").ok
    expect(visitor.get_by_text(TITLE)).to_have_count(0)

    reviewer = browser.new_context().new_page()
    _sign_in(reviewer, server_url, "al.reviewer")
    if page_id is None:
        reviewer.goto(f"{server_url}/cms/")
        link = reviewer.get_by_role("link", name=TITLE).first
        page_id = int(re.search(r"/pages/(\d+)/", link.get_attribute("href")).group(1))
    reviewer.goto(f"{server_url}/cms/pages/{page_id}/edit/")
    expect(reviewer.locator("#id_title")).to_have_value(TITLE)
    shot(reviewer, "3-review")
    _press(reviewer, '[data-workflow-action-name="approve"]:not([data-workflow-action-modal-url])')
    reviewer.wait_for_url(re.compile(r"/cms/"))
    reviewer.wait_for_load_state()
    shot(reviewer, "4-approved")

    visitor.goto(f"{server_url}/en/news/")
    visitor.get_by_role("link", name=re.compile(re.escape(TITLE))).first.click()
    expect(visitor.get_by_role("heading", level=1, name=TITLE)).to_be_visible()
    expect(visitor.get_by_text(SUMMARY).first).to_be_visible()
    shot(visitor, "5-published")
    assert _serious_violations(visitor) == []
