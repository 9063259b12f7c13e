from typing import Any

from django import forms
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from reintegra.core.forms import StrictTextFormMixin

# Long passphrases are welcome; a megabyte "password" is an attack on the hasher.
PASSWORD_MAX_LENGTH = 1024


class LoginForm(AuthenticationForm):
    error_messages = {
        # The same words whether the name exists or not, so the form reveals no accounts.
        "invalid_login": _("The user name or password is not correct."),
        "inactive": _("The user name or password is not correct."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update(
            {"maxlength": "150", "autocomplete": "username"}
        )
        self.fields["password"].widget.attrs["maxlength"] = str(PASSWORD_MAX_LENGTH)

    def clean(self) -> dict[str, Any]:
        username = self.data.get("username", "")
        password = self.data.get("password", "")
        if len(username) > 150 or len(password) > PASSWORD_MAX_LENGTH:
            raise self.get_invalid_login_error()
        return super().clean()


class TokenForm(StrictTextFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_("The 6-digit code from your authenticator app, or one of your recovery codes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )

    def clean_code(self) -> str:
        return "".join(self.cleaned_data["code"].split()).lower()


class MembershipChoiceForm(forms.Form):
    membership = forms.UUIDField(widget=forms.HiddenInput)


class StrictPasswordResetForm(StrictTextFormMixin, PasswordResetForm):
    pass


def _cap_password_fields(form: forms.Form) -> None:
    for field in form.fields.values():
        if isinstance(field.widget, forms.PasswordInput):
            field.validators.append(MaxLengthValidator(PASSWORD_MAX_LENGTH))
            field.widget.attrs["maxlength"] = str(PASSWORD_MAX_LENGTH)


class StrictSetPasswordForm(SetPasswordForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _cap_password_fields(self)


class StrictPasswordChangeForm(PasswordChangeForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _cap_password_fields(self)
