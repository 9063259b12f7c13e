"""The main journeys, driven through Debian's chromium against a real demo server.

Every demo persona signs in with the same password; a journey that changes a persona's state
(lockout, MFA enrolment) has that persona to itself.
"""

import base64
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from django.utils import translation
from django_otp.oath import totp
from playwright.sync_api import Page, expect

from reintegra.demo.personas import DEMO_PASSWORD

Screenshot = Callable[[str], Path]


def _submit_sign_in(page: Page, username: str, password: str) -> int:
    """Fills the sign-in form on the current page and answers the status the browser got."""
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Sign in", exact=True).click()
    assert navigation.value is not None
    return navigation.value.status


def _sign_in(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/en/account/login/")
    assert _submit_sign_in(page, username, DEMO_PASSWORD) == 200


def _expect_my_work(page: Page, base_url: str) -> None:
    expect(page).to_have_url(f"{base_url}/en/work/")
    expect(page.get_by_role("heading", level=1, name="My work")).to_be_visible()


def _sign_out(page: Page, base_url: str) -> None:
    page.get_by_role("banner").get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(rf"^{re.escape(base_url)}/en/account/login/"))


def _current_totp(secret: str, *, windows_ahead: int = 0) -> str:
    key = base64.b32decode(secret.replace(" ", ""))
    return f"{totp(key, drift=windows_ahead):06d}"


@pytest.mark.browser
def test_specialist_signs_in_lands_on_my_work_under_the_demo_banner_and_signs_out(
    page: Page, server_url: str, screenshot: Screenshot
) -> None:
    _sign_in(page, server_url, "al.specialist")

    _expect_my_work(page, server_url)
    expect(page.get_by_role("note").filter(has_text="DEMO")).to_be_visible()
    screenshot("my-work")

    _sign_out(page, server_url)
    screenshot("signed-out")
    # The session must really be gone, not just the page changed.
    page.goto(f"{server_url}/en/work/")
    expect(page).to_have_url(re.compile(rf"^{re.escape(server_url)}/en/account/login/\?next="))


@pytest.mark.browser
def test_language_switcher_reopens_the_same_page_in_each_chosen_language(
    page: Page, server_url: str, screenshot: Screenshot
) -> None:
    page.goto(f"{server_url}/en/account/login/")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    for button_name, language_code in [("Shqip", "sq"), ("Српски", "sr"), ("Crnogorski", "cnr")]:
        with page.expect_navigation() as navigation:
            page.get_by_role("button", name=button_name).click()

        assert navigation.value is not None
        assert navigation.value.status == 200, language_code
        expect(page).to_have_url(f"{server_url}/{language_code}/account/login/")
        expect(page.locator("html")).to_have_attribute("lang", language_code)
        current = page.locator("form.language-switcher button[aria-current='true']")
        expect(current).to_have_attribute("value", language_code)
        # Read from the same compiled catalogue the server uses, so the check holds while the
        # translators are still at work and fails only if the page ignores the catalogue.
        with translation.override(language_code):
            heading = translation.gettext("Sign in to Reintegra")
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        screenshot(language_code)


@pytest.mark.browser
def test_sixth_sign_in_after_five_wrong_passwords_is_refused_even_with_the_right_password(
    page: Page, server_url: str, screenshot: Screenshot
) -> None:
    login_url = f"{server_url}/en/account/login/"
    page.goto(login_url)
    for _attempt in range(4):
        assert _submit_sign_in(page, "ba.auditor", "not-the-password") == 200
        expect(page).to_have_url(login_url)
        expect(page.get_by_role("alert")).to_be_visible()
    screenshot("wrong-password")
    # The attempt that reaches the limit is itself answered with the lockout page.
    assert _submit_sign_in(page, "ba.auditor", "not-the-password") == 429

    page.goto(login_url)
    status = _submit_sign_in(page, "ba.auditor", DEMO_PASSWORD)

    assert status == 429
    expect(
        page.get_by_role("heading", level=1, name="Too many failed sign-in attempts")
    ).to_be_visible()
    screenshot("locked-out")
    page.goto(f"{server_url}/en/work/")
    expect(page).to_have_url(re.compile(r"/en/account/login/\?next="))


@pytest.mark.browser
def test_specialist_turns_on_two_step_sign_in_and_needs_a_code_at_every_sign_in(
    page: Page, mfa_server_url: str, screenshot: Screenshot
) -> None:
    _sign_in(page, mfa_server_url, "xk.specialist")
    expect(page).to_have_url(re.compile(r"/en/account/mfa/setup/\?next="))
    expect(page.locator(".qr svg")).to_be_visible()
    secret = page.locator("main code").inner_text()
    assert re.fullmatch(r"[A-Z2-7]{4}( [A-Z2-7]{1,4})+", secret), secret
    screenshot("setup")

    page.get_by_role("textbox", name="Code").fill(_current_totp(secret))
    page.get_by_role("button", name="Turn on two-step sign-in").click()

    expect(page).to_have_url(re.compile(r"/en/account/mfa/recovery-codes/"))
    recovery_codes = page.locator("ul.codes li")
    expect(recovery_codes).to_have_count(10)
    recovery_code = recovery_codes.first.inner_text()
    screenshot("recovery-codes")
    page.get_by_role("link", name="continue").click()
    _expect_my_work(page, mfa_server_url)
    _sign_out(page, mfa_server_url)

    _sign_in(page, mfa_server_url, "xk.specialist")
    expect(page).to_have_url(re.compile(r"/en/account/mfa/\?next="))
    # The code just used is spent; the next window's code is what the phone shows a moment
    # later and is inside the device's tolerance, so the journey needs no 30-second wait.
    page.get_by_role("textbox", name="Code").fill(_current_totp(secret, windows_ahead=1))
    screenshot("verify")
    page.get_by_role("button", name="Continue").click()
    _expect_my_work(page, mfa_server_url)
    _sign_out(page, mfa_server_url)

    _sign_in(page, mfa_server_url, "xk.specialist")
    expect(page).to_have_url(re.compile(r"/en/account/mfa/\?next="))
    page.get_by_role("textbox", name="Code").fill(recovery_code)
    page.get_by_role("button", name="Continue").click()
    _expect_my_work(page, mfa_server_url)


@pytest.mark.browser
def test_first_tab_on_my_work_focuses_the_skip_link_which_moves_focus_to_the_main_content(
    page: Page, server_url: str, screenshot: Screenshot
) -> None:
    _sign_in(page, server_url, "al.specialist")
    _expect_my_work(page, server_url)
    skip_link = page.get_by_role("link", name="Skip to main content")
    # Out of sight until focused: sighted mouse users never see it, keyboard users always do.
    expect(skip_link).not_to_be_in_viewport()

    page.keyboard.press("Tab")

    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    screenshot("skip-link-focused")
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
