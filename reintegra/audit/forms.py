from django import forms
from django.utils.translation import gettext_lazy as _

from reintegra.audit.models import Category
from reintegra.audit.selectors import LogFilters
from reintegra.core.forms import StrictTextFormMixin


class LogFilterForm(StrictTextFormMixin, forms.Form):
    person = forms.UUIDField(label=_("Person reference (id)"), required=False)
    username = forms.CharField(label=_("User name"), required=False, max_length=150)
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    category = forms.ChoiceField(
        label=_("Category"),
        required=False,
        choices=[("", _("Any category")), *Category.choices],
    )

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date must not be before the start date."))
        return cleaned

    def filters(self) -> LogFilters:
        data = self.cleaned_data
        return LogFilters(
            person=data.get("person"),
            username=data.get("username", ""),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            category=data.get("category", ""),
        )
