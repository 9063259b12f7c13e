"""Every interface language has a complete catalogue, and each catalogue really serves the pages.

The tests read the .po sources and need the compiled .mo files beside them; `make test` compiles
them first (scripts/compile_messages.py). These tests never compile anything themselves, so that a
catalogue which does not compile in the install step cannot pass here.
"""

import re
from functools import cache
from pathlib import Path

import django
import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.html import escape

LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
# The project catalogue, then any app's own (reintegra/<app>/locale), which Django also reads.
CATALOGUE_DIRS = [LOCALE_DIR, *sorted(Path(settings.BASE_DIR, "reintegra").glob("*/locale"))]
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
ALL_LANGUAGES = [code for code, _name in settings.LANGUAGES]
THREE_FORM_LANGUAGES = {"bs", "hr", "sr", "sr-latn", "cnr"}
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")
DJANGO_STRINGS_MODULE = "reintegra/core/django_strings.py"
DJANGO_DIR = Path(django.__file__).parent
DJANGO_ENGLISH_CATALOGUES = [
    DJANGO_DIR / "conf/locale/en/LC_MESSAGES/django.po",
    DJANGO_DIR / "contrib/auth/locale/en/LC_MESSAGES/django.po",
]


def _po_path(code: str, directory: Path = LOCALE_DIR) -> Path:
    return directory / translation.to_locale(code) / "LC_MESSAGES" / "django.po"


@pytest.fixture(scope="module", autouse=True)
def compiled_catalogues() -> None:
    stale = [
        str(_po_path(code, directory).with_suffix(".mo").relative_to(settings.BASE_DIR))
        for directory in CATALOGUE_DIRS
        for code in TRANSLATED
        if not _po_path(code, directory).with_suffix(".mo").exists()
        or _po_path(code, directory).with_suffix(".mo").stat().st_mtime
        < _po_path(code, directory).stat().st_mtime
    ]
    if stale:
        pytest.fail(
            "Compiled translations are missing or older than their .po files: "
            f"{', '.join(stale)}. Run `make messages` (python scripts/compile_messages.py) "
            "before the tests; `make test` does it for you.",
            pytrace=False,
        )


@cache
def _catalogue(code: str, directory: Path = LOCALE_DIR) -> Catalog:
    with _po_path(code, directory).open("rb") as po_file:
        return read_po(po_file, locale=None)


def _translation(code: str, msgid: str) -> str:
    if code == settings.LANGUAGE_CODE:
        return msgid
    message = _catalogue(code).get(msgid)
    assert message is not None, f"{msgid!r} is not in the {code} catalogue"
    return message.string


def _entries(code: str, directory: Path = LOCALE_DIR) -> list:
    return [message for message in _catalogue(code, directory) if message.id]


def _forms(message) -> tuple[str, ...]:
    return message.string if message.pluralizable else (message.string,)


# --- The catalogues ------------------------------------------------------------------------------


EACH_CATALOGUE = pytest.mark.parametrize(
    ("directory", "code"),
    [(directory, code) for directory in CATALOGUE_DIRS for code in TRANSLATED],
    ids=lambda value: (
        str(value.relative_to(settings.BASE_DIR)) if isinstance(value, Path) else value
    ),
)
EACH_DIRECTORY = pytest.mark.parametrize(
    "directory", CATALOGUE_DIRS, ids=lambda value: str(value.relative_to(settings.BASE_DIR))
)


@EACH_CATALOGUE
def test_every_catalogue_translates_every_message(directory: Path, code: str) -> None:
    entries = _entries(code, directory)
    untranslated = [message.id for message in entries if not all(_forms(message))]
    fuzzy = [message.id for message in entries if message.fuzzy]
    assert untranslated == [], f"{code}: untranslated entries"
    assert fuzzy == [], f"{code}: fuzzy entries are not compiled; translate and unmark them"


@EACH_DIRECTORY
def test_every_catalogue_holds_the_same_messages(directory: Path) -> None:
    msgids = {code: {message.id for message in _entries(code, directory)} for code in TRANSLATED}
    reference = set().union(*msgids.values())
    for code, found in msgids.items():
        assert found == reference, f"{code} lacks {sorted(map(str, reference - found))}"


@EACH_CATALOGUE
def test_every_catalogue_declares_the_plural_forms_of_its_language(
    directory: Path, code: str
) -> None:
    expected = 3 if code in THREE_FORM_LANGUAGES else 2
    assert _catalogue(code, directory).num_plurals == expected
    for message in _entries(code, directory):
        if message.pluralizable:
            assert len(message.string) == expected, f"{code}: {message.id[0]!r}"


@EACH_CATALOGUE
def test_translations_keep_the_placeholders_of_the_english_text(directory: Path, code: str) -> None:
    for message in _entries(code, directory):
        english = message.id[-1] if message.pluralizable else message.id
        for form in _forms(message):
            assert sorted(PLACEHOLDER.findall(form)) == sorted(PLACEHOLDER.findall(english)), (
                f"{code}: {form!r}"
            )


def test_django_strings_we_translate_still_exist_in_django() -> None:
    django_msgids = set()
    for path in DJANGO_ENGLISH_CATALOGUES:
        with path.open("rb") as po_file:
            django_msgids |= {message.id for message in read_po(po_file) if message.id}
    ours = {
        message.id
        for message in _entries("cnr")
        if any(filename == DJANGO_STRINGS_MODULE for filename, _line in message.locations)
    }
    assert ours, "no entries come from reintegra/core/django_strings.py"
    assert ours <= django_msgids, f"changed in Django: {sorted(map(str, ours - django_msgids))}"


# --- The pages -----------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("code", ALL_LANGUAGES)
def test_login_page_is_served_in_each_language(client, code: str) -> None:
    response = client.get(f"/{code}/account/login/")

    assert response.status_code == 200
    content = response.content.decode()
    assert f'<html lang="{code}">' in content
    assert f"<title>{escape(_translation(code, 'Sign in'))} — Reintegra</title>" in content
    assert f"<h1>{escape(_translation(code, 'Sign in to Reintegra'))}</h1>" in content


@pytest.mark.django_db
def test_montenegrin_login_form_shows_djangos_required_field_error_in_montenegrin(client) -> None:
    response = client.post("/cnr/account/login/", {"username": "", "password": ""})

    content = response.content.decode()
    montenegrin = _translation("cnr", "This field is required.")
    assert montenegrin != "This field is required."
    assert content.count(escape(montenegrin)) >= 2  # one per empty field
    assert "This field is required." not in content


def test_montenegrin_length_error_uses_the_plural_form_for_the_number() -> None:
    class CodeForm(forms.Form):
        code = forms.CharField(max_length=32)

    with translation.override("cnr"):
        errors = list(CodeForm({"code": "x" * 40}).errors["code"])  # rendered while cnr is active

    # 32 takes the second of the three Montenegrin forms ("znaka", not "znak" or "znakova").
    message = _catalogue("cnr").get(
        "Ensure this value has at most %(limit_value)d character (it has %(show_value)d)."
    )
    assert errors == [message.string[1] % {"limit_value": 32, "show_value": 40}]


def test_montenegrin_password_rules_are_translated() -> None:
    with translation.override("cnr"), pytest.raises(ValidationError) as raised:
        password_validation.validate_password("12345678")

    short = _catalogue("cnr").get(
        "This password is too short. It must contain at least %d character."
    )
    assert short.string[2] % 12 in raised.value.messages
    assert _translation("cnr", "This password is entirely numeric.") in raised.value.messages


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["xx", "de"])
def test_unknown_language_prefix_answers_404(client, prefix: str) -> None:
    # The public site's catch-all first prefixes the default language; nothing is found there.
    response = client.get(f"/{prefix}/account/login/", follow=True)

    assert response.redirect_chain[-1][0] == f"/en/{prefix}/account/login/"
    assert response.status_code == 404
