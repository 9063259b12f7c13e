import base64
import secrets

import pytest
from django.test import override_settings
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from reintegra.core import crypto
from reintegra.core.checks import check_field_encryption_keys

CONTEXT = "observations.observation.narrative"
SECRET_TEXT = "Прича о радикализацији 🕌 — talks about his brother's network"  # noqa: RUF001


def new_key() -> str:
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()


OLD_KEY, NEW_KEY = new_key(), new_key()


@pytest.fixture(autouse=True)
def _old_key_current(settings) -> None:
    settings.FIELD_ENCRYPTION_KEYS = f"old:{OLD_KEY}"


def _rotate_to_new_key(settings) -> None:
    settings.FIELD_ENCRYPTION_KEYS = f"new:{NEW_KEY},old:{OLD_KEY}"


def _with_char_replaced(token: str, position: int) -> str:
    original = token[position]
    replacement = "A" if original != "A" else "B"
    return token[:position] + replacement + token[position + 1 :]


@pytest.mark.parametrize(
    "plaintext",
    [
        "A short note.",
        "Осуђени је изразио жаљење; Kaloi kohë me familjen; Ја сум добро.",  # noqa: RUF001
        "Emoji and joiners: 👩🏽‍⚕️ 🇦🇱 ✊🏿 \u200d",
        "Line one\nLine two\tand a tab",
        "",
        "ж" * 25_000,  # 50 KB of UTF-8
    ],
    ids=["ascii", "cyrillic-and-albanian", "emoji", "controls", "empty", "50-kb"],
)
def test_encrypted_text_decrypts_to_exactly_the_original(plaintext: str) -> None:
    token = crypto.encrypt(plaintext, context=CONTEXT)
    assert crypto.decrypt(token, context=CONTEXT) == plaintext


@hypothesis_settings(max_examples=200, deadline=None)
@given(plaintext=st.text())
def test_any_text_survives_a_round_trip(plaintext: str) -> None:
    with override_settings(FIELD_ENCRYPTION_KEYS=f"old:{OLD_KEY}"):
        assert crypto.decrypt(crypto.encrypt(plaintext, context=CONTEXT), context=CONTEXT) == (
            plaintext
        )


def test_token_is_ascii_names_version_and_key_and_hides_the_text() -> None:
    token = crypto.encrypt(SECRET_TEXT, context=CONTEXT)
    assert token.isascii()
    assert token.startswith("v1:old:")
    assert "radikaliz" not in token
    assert "brother" not in token
    nonce_and_sealed = base64.urlsafe_b64decode(token.removeprefix("v1:old:"))
    assert len(nonce_and_sealed) == 12 + len(SECRET_TEXT.encode()) + 16


def test_the_same_text_encrypts_differently_each_time() -> None:
    first = crypto.encrypt(SECRET_TEXT, context=CONTEXT)
    second = crypto.encrypt(SECRET_TEXT, context=CONTEXT)
    assert first != second
    assert first[7:23] != second[7:23]  # fresh random nonce


def test_changing_any_single_character_of_a_token_is_detected() -> None:
    token = crypto.encrypt("Risk of violence: low", context=CONTEXT)
    for position in range(len(token)):
        tampered = _with_char_replaced(token, position)
        with pytest.raises(crypto.DecryptionError):
            crypto.decrypt(tampered, context=CONTEXT)


def test_a_change_that_lenient_base64_would_ignore_is_still_detected() -> None:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    # 12 + 1 + 16 = 29 bytes: the last base64 character before '=' carries 2 unused bits.
    token = crypto.encrypt("x", context=CONTEXT)
    same_bytes = alphabet[alphabet.index(token[-2]) ^ 1]
    assert base64.urlsafe_b64decode(token[7:-2] + same_bytes + "=") == base64.urlsafe_b64decode(
        token[7:]
    )
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(token[:-2] + same_bytes + token[-1], context=CONTEXT)
    # '+' and '/' decode like '-' and '_' in lenient decoders.
    while not any(char in token[7:] for char in "-_"):
        token = crypto.encrypt("x", context=CONTEXT)
    standard = token[:7] + token[7:].replace("-", "+").replace("_", "/")
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(standard, context=CONTEXT)
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(token + "\n", context=CONTEXT)


@hypothesis_settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_flipping_any_bit_of_the_ciphertext_bytes_raises(data: st.DataObject) -> None:
    with override_settings(FIELD_ENCRYPTION_KEYS=f"old:{OLD_KEY}"):
        token = crypto.encrypt(data.draw(st.text(min_size=1)), context=CONTEXT)
        raw = bytearray(base64.urlsafe_b64decode(token.removeprefix("v1:old:")))
        position = data.draw(st.integers(0, len(raw) - 1))
        raw[position] ^= 1 << data.draw(st.integers(0, 7))
        tampered = "v1:old:" + base64.urlsafe_b64encode(bytes(raw)).decode()
        with pytest.raises(crypto.DecryptionError, match="fails authentication"):
            crypto.decrypt(tampered, context=CONTEXT)


def test_a_token_read_in_another_context_does_not_decrypt() -> None:
    token = crypto.encrypt(SECRET_TEXT, context=CONTEXT)
    with pytest.raises(crypto.DecryptionError, match="copied from another field"):
        crypto.decrypt(token, context="assessments.assessment.summary")


def test_relabelling_a_token_with_another_configured_key_id_does_not_decrypt(settings) -> None:
    token = crypto.encrypt(SECRET_TEXT, context=CONTEXT)
    _rotate_to_new_key(settings)
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(token.replace("v1:old:", "v1:new:"), context=CONTEXT)


def test_text_written_under_the_old_key_still_decrypts_after_rotation(settings) -> None:
    token = crypto.encrypt(SECRET_TEXT, context=CONTEXT)
    _rotate_to_new_key(settings)
    assert crypto.decrypt(token, context=CONTEXT) == SECRET_TEXT
    assert crypto.encrypt(SECRET_TEXT, context=CONTEXT).startswith("v1:new:")


def test_only_tokens_under_an_old_key_need_rotation(settings) -> None:
    old_token = crypto.encrypt(SECRET_TEXT, context=CONTEXT)
    _rotate_to_new_key(settings)
    new_token = crypto.encrypt(SECRET_TEXT, context=CONTEXT)
    assert crypto.needs_rotation(old_token)
    assert not crypto.needs_rotation(new_token)
    assert not crypto.needs_rotation("")
    reencrypted = crypto.reencrypt(old_token, context=CONTEXT)
    assert reencrypted.startswith("v1:new:")
    assert crypto.decrypt(reencrypted, context=CONTEXT) == SECRET_TEXT


def test_a_key_removed_from_the_settings_is_named_when_its_data_is_read(settings) -> None:
    token = crypto.encrypt(SECRET_TEXT, context=CONTEXT)
    settings.FIELD_ENCRYPTION_KEYS = f"new:{NEW_KEY}"
    with pytest.raises(crypto.DecryptionError, match="key id 'old'"):
        crypto.decrypt(token, context=CONTEXT)


def test_plaintext_in_the_column_is_refused_without_being_echoed() -> None:
    for stored in ["Subject is planning travel", "v1:Subject is planning travel", "v2:old:AAAA"]:
        with pytest.raises(crypto.DecryptionError) as caught:
            crypto.decrypt(stored, context=CONTEXT)
        assert "planning" not in str(caught.value)


def test_decryption_errors_never_contain_plaintext_or_key_material(settings) -> None:
    token = crypto.encrypt(SECRET_TEXT, context=CONTEXT)
    errors = []
    for tampered in [_with_char_replaced(token, 20), token[:-4], token.replace("old", "gone")]:
        with pytest.raises(crypto.DecryptionError) as caught:
            crypto.decrypt(tampered, context=CONTEXT)
        errors.append(str(caught.value))
    for message in errors:
        assert "brother" not in message
        assert OLD_KEY not in message
        assert token[7:] not in message
    assert issubclass(crypto.DecryptionError, ValueError)


def test_only_text_can_be_encrypted() -> None:
    with pytest.raises(TypeError):
        crypto.encrypt(b"bytes", context=CONTEXT)  # type: ignore[arg-type]


def test_keys_are_parsed_once_and_reparsed_when_the_setting_changes(settings) -> None:
    first = crypto.keyring()
    assert crypto.keyring() is first
    _rotate_to_new_key(settings)
    assert crypto.keyring() is not first
    assert crypto.current_key_id() == "new"


def test_key_configuration_accepts_padded_and_unpadded_keys_and_spaces() -> None:
    keys = crypto.keyring_parse(f" new : {NEW_KEY.rstrip('=')} , old:{OLD_KEY}")
    assert keys.current_key_id == "new"
    assert list(keys.ciphers) == ["new", "old"]
    assert not keys.includes_development_key


def test_the_development_key_is_recognised_as_public() -> None:
    assert crypto.keyring_parse(crypto.DEVELOPMENT_KEYS).includes_development_key
    assert crypto.keyring_parse(f"new:{NEW_KEY},{crypto.DEVELOPMENT_KEYS}").includes_development_key


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "is empty"),
        ("   ", "is empty"),
        (NEW_KEY, "entry 1 must be keyid:key"),
        (f"Upper:{NEW_KEY}", "entry 1 must be keyid:key"),
        (f"a-very-long-key-id-indeed:{NEW_KEY}", "entry 1 must be keyid:key"),
        (f"new:{NEW_KEY},new:{OLD_KEY}", "entry 2 (key id 'new') repeats a key id"),
        ("new:not*base64!", "key id 'new'): the key is not valid base64url"),
        (f"new:{base64.urlsafe_b64encode(b'16 bytes of key!').decode()}", "decodes to 16 bytes"),
        (f"new:{NEW_KEY},old:{NEW_KEY}", "same key as key id 'new'"),
        (f"new:{NEW_KEY},,old:{OLD_KEY}", "entry 2 is empty"),
        (f"new:{NEW_KEY},", "entry 2 is empty"),
    ],
    ids=[
        "empty",
        "blank",
        "missing-key-id",
        "upper-case-key-id",
        "long-key-id",
        "duplicate-key-id",
        "bad-base64",
        "wrong-length",
        "same-key-twice",
        "stray-comma",
        "trailing-comma",
    ],
)
def test_malformed_key_settings_are_reported_clearly_without_the_key(
    value: str, message: str
) -> None:
    with pytest.raises(crypto.KeyConfigurationError) as caught:
        crypto.keyring_parse(value)
    assert message in str(caught.value)
    assert NEW_KEY not in str(caught.value)
    assert NEW_KEY.rstrip("=") not in str(caught.value)


def test_the_system_check_reports_every_malformed_key_entry(settings) -> None:
    settings.FIELD_ENCRYPTION_KEYS = f"new:short,old:{OLD_KEY},old:{NEW_KEY},new:{NEW_KEY}"
    errors = check_field_encryption_keys(app_configs=None, databases=None)
    assert [error.id for error in errors] == ["core.E001"] * 3
    assert "entry 1 (key id 'new')" in errors[0].msg
    assert "entry 3 (key id 'old') repeats a key id" in errors[1].msg
    assert "entry 4 (key id 'new') repeats a key id" in errors[2].msg
    assert "docs/encryption.md" in (errors[0].hint or "")


def test_the_system_check_accepts_well_formed_keys(settings) -> None:
    _rotate_to_new_key(settings)
    assert check_field_encryption_keys(app_configs=None, databases=None) == []


def test_the_system_check_runs_with_the_other_security_checks(settings) -> None:
    from django.core import checks

    settings.FIELD_ENCRYPTION_KEYS = ""
    errors = checks.run_checks(tags=[checks.Tags.security])
    assert any(error.id == "core.E001" for error in errors)
