from typing import Any

from django import forms
from django.core.validators import MaxLengthValidator

from reintegra.core.validators import reject_control_characters, reject_line_breaks


class StrictTextFormMixin:
    """Applies the product's text rules to every character field of a form.

    Single-line inputs refuse line breaks, every text refuses control characters, and a field
    without its own limit is capped so that a pasted book cannot reach the database.
    """

    default_max_length = 10_000

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # type: ignore[attr-defined]
            if not isinstance(field, forms.CharField) or isinstance(field, forms.UUIDField):
                continue
            field.validators.append(reject_control_characters)
            if not isinstance(field.widget, forms.Textarea):
                field.validators.append(reject_line_breaks)
            if field.max_length is None:
                field.max_length = self.default_max_length
                field.validators.append(MaxLengthValidator(self.default_max_length))
                field.widget.attrs.setdefault("maxlength", str(self.default_max_length))
