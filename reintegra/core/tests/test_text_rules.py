import pytest
from django import forms

from reintegra.core.forms import StrictTextFormMixin


class NoteForm(StrictTextFormMixin, forms.Form):
    title = forms.CharField()
    body = forms.CharField(widget=forms.Textarea)


@pytest.mark.parametrize("bad", ["a\x1bb", "a\u202eb", "a\x7fb", "a\x08b"])
def test_control_characters_are_refused_with_a_clear_message(bad: str) -> None:
    form = NoteForm({"title": bad, "body": "ok"})
    assert not form.is_valid()
    assert "invisible control characters" in form.errors["title"][0]


def test_line_breaks_are_allowed_in_long_text_but_not_in_a_single_line() -> None:
    form = NoteForm({"title": "one\ntwo", "body": "one\ntwo\tthree"})
    assert not form.is_valid()
    assert list(form.errors) == ["title"]


def test_text_without_its_own_limit_is_capped() -> None:
    form = NoteForm({"title": "x", "body": "y" * 10_001})
    assert not form.is_valid()
    assert "body" in form.errors


def test_ordinary_text_in_every_script_passes() -> None:
    form = NoteForm({"title": "Đorđević Ђорђевић Hoxhaj Ѓорѓиевски", "body": "Zero\u200dwidth ok"})
    assert form.is_valid(), form.errors


def test_a_null_character_is_refused() -> None:
    form = NoteForm({"title": "a\x00b", "body": "ok"})
    assert not form.is_valid()
    assert "title" in form.errors
