from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reintegra.allocations.models import Regime
from reintegra.allocations.services import (
    LONGEST_REVIEW_MONTHS,
    default_review_date,
    months_after,
)
from reintegra.core.forms import StrictTextFormMixin
from reintegra.organisations.models import Facility

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RegimeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.display_name


class AllocationForm(StrictTextFormMixin, forms.Form):
    regime = RegimeChoiceField(
        label=_("Regime or placement"),
        queryset=Regime.objects.none(),
        empty_label=_("Choose a regime"),
    )
    facility = forms.ModelChoiceField(label=_("Facility"), queryset=Facility.objects.none())
    unit = forms.CharField(label=_("Unit"), max_length=100, required=False)
    rationale = forms.CharField(
        label=_("Rationale"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Why this regime and placement: the risks and needs it answers, the least restrictive "
            "option that does, and what would let it change at the review."
        ),
    )
    review_date = forms.DateField(
        label=_("Review date"),
        widget=DATE,
        help_text=_("Usually six months from today; never more than two years."),
    )

    def __init__(self, *args: Any, regimes: Any, facilities: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault(
            "review_date", default_review_date(timezone.localdate())
        )
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["regime"]).queryset = regimes
        cast(forms.ModelChoiceField, self.fields["facility"]).queryset = facilities

    def clean_review_date(self) -> Any:
        review_date = self.cleaned_data["review_date"]
        today = timezone.localdate()
        if review_date <= today:
            raise forms.ValidationError(
                _("The review date must be after the date of the decision.")
            )
        if review_date > months_after(today, LONGEST_REVIEW_MONTHS):
            raise forms.ValidationError(
                _("The review date must be within two years of the decision.")
            )
        return review_date


class DecideForm(StrictTextFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Your decision"),
        choices=[("approve", _("Approve")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when you reject the decision: say why."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "reject" and not data.get("comment", "").strip():
            self.add_error("comment", _("Say why you reject the decision."))
        return data
