from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reintegra.core.forms import StrictTextFormMixin
from reintegra.probation.models import (
    ClosureOutcome,
    ComplianceKind,
    ContactKind,
    ContactStatus,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXTAREA = forms.Textarea(attrs={"rows": 4})


class TodayByDefaultMixin:
    """Date fields listed in `today_fields` start at today's date."""

    today_fields: tuple[str, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        initial = kwargs.setdefault("initial", {})
        for name in self.today_fields:
            initial.setdefault(name, timezone.localdate())
        super().__init__(*args, **kwargs)


class NonCustodialCaseForm(TodayByDefaultMixin, StrictTextFormMixin, forms.Form):
    today_fields = ("start_date",)
    start_date = forms.DateField(label=_("Supervision starts"), widget=DATE)
    expected_end_date = forms.DateField(
        label=_("Expected end"), required=False, widget=DATE, help_text=_("If the order says.")
    )


class ContactForm(TodayByDefaultMixin, StrictTextFormMixin, forms.Form):
    today_fields = ("scheduled_for",)
    scheduled_for = forms.DateField(label=_("Date"), widget=DATE)
    kind = forms.ChoiceField(label=_("Kind of contact"), choices=ContactKind.choices)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=ContactStatus.choices,
        widget=forms.RadioSelect,
        help_text=_("Planned for a contact still to come; attended or missed for one that is due."),
    )
    notes = forms.CharField(label=_("Notes"), required=False, max_length=5000, widget=TEXTAREA)


class ContactOutcomeForm(StrictTextFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Did the person attend?"),
        choices=[(ContactStatus.ATTENDED, _("Attended")), (ContactStatus.MISSED, _("Missed"))],
        widget=forms.RadioSelect,
    )
    notes = forms.CharField(label=_("Notes"), required=False, max_length=5000, widget=TEXTAREA)


class ConditionForm(TodayByDefaultMixin, StrictTextFormMixin, forms.Form):
    today_fields = ("start_date",)
    text = forms.CharField(
        label=_("Condition"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    start_date = forms.DateField(label=_("From"), widget=DATE)
    end_date = forms.DateField(label=_("Until"), required=False, widget=DATE)


class ScheduleForm(TodayByDefaultMixin, StrictTextFormMixin, forms.Form):
    today_fields = ("starts_on",)
    frequency_days = forms.IntegerField(
        label=_("A contact every (days)"),
        min_value=1,
        max_value=365,
        help_text=_("For example 7 for weekly reporting, 14 for fortnightly."),
    )
    starts_on = forms.DateField(label=_("From"), widget=DATE)


class ComplianceStepForm(TodayByDefaultMixin, StrictTextFormMixin, forms.Form):
    today_fields = ("date",)
    date = forms.DateField(label=_("Date"), widget=DATE)
    kind = forms.ChoiceField(
        label=_("Step taken"), choices=ComplianceKind.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(label=_("What was done and why"), max_length=5000, widget=TEXTAREA)


class RiskReviewForm(TodayByDefaultMixin, StrictTextFormMixin, forms.Form):
    today_fields = ("date",)
    date = forms.DateField(label=_("Date of the review"), widget=DATE)
    summary = forms.CharField(
        label=_("Summary"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 6})
    )
    concern_raised = forms.BooleanField(label=_("The review raises a concern"), required=False)
    opens_reassessment = forms.BooleanField(
        label=_("Ask for a reassessment"),
        required=False,
        help_text=_(
            "Brings the person's next review forward and creates a reassessment task. It never "
            "changes the current judgement by itself."
        ),
    )


class CloseCaseForm(TodayByDefaultMixin, StrictTextFormMixin, forms.Form):
    today_fields = ("closed_on",)
    closed_on = forms.DateField(label=_("Date of closure"), widget=DATE)
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=ClosureOutcome.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Closing note"),
        required=False,
        max_length=5000,
        widget=TEXTAREA,
        help_text=_("Required when the outcome is “Other”."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("outcome") == ClosureOutcome.OTHER and not data.get("note", "").strip():
            self.add_error("note", _("Say how the supervision ended."))
        return data
