from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reintegra.core.forms import StrictTextFormMixin
from reintegra.observations.categories import behaviour_catalogue
from reintegra.observations.models import Reliability, Source

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class ObservationForm(StrictTextFormMixin, forms.Form):
    observed_at = forms.DateTimeField(label=_("When it happened"), widget=DATETIME)
    place = forms.CharField(
        label=_("Place"),
        max_length=100,
        help_text=_("The unit or location, for example: wing B, exercise yard, workshop."),
    )
    category_code = forms.ChoiceField(label=_("Behaviour"))
    # No default: who reported it and how far it can be trusted are choices staff make each time.
    source = forms.ChoiceField(
        label=_("Source"), choices=[("", _("Choose a source")), *Source.choices]
    )
    reliability = forms.ChoiceField(
        label=_("Reliability"),
        choices=[("", _("Choose how reliable it is")), *Reliability.choices],
        help_text=_(
            "Judge the information itself: confirmed when staff saw it or it is corroborated."
        ),
    )
    narrative = forms.CharField(
        label=_("What happened"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Behaviour only: what the person did or said, to whom, and what staff did. Never "
            "record religious practice, belief, dress or appearance: they are not risk indicators."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ChoiceField, self.fields["category_code"])
        field.choices = [("", _("Choose a behaviour"))] + [
            (category.code, category.name) for category in behaviour_catalogue().offered
        ]

    def clean_observed_at(self) -> Any:
        observed_at = self.cleaned_data["observed_at"]
        if observed_at > timezone.now():
            raise forms.ValidationError(
                _("An observation is recorded after it happens; the time cannot be in the future.")
            )
        return observed_at


class EnteredInErrorForm(StrictTextFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why was this observation entered in error?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The observation stays on the record, struck out, with this reason."),
    )
