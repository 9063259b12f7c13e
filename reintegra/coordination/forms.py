from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from reintegra.coordination.models import Consent, DataCategory, ReferralState
from reintegra.coordination.selectors import legal_bases_for, partner_organisations
from reintegra.core.forms import StrictTextFormMixin

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXTAREA = forms.Textarea(attrs={"rows": 5})


class LegalBasisChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} — {obj.citation}"


class ReferralForm(StrictTextFormMixin, forms.Form):
    to_organisation: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Partner organisation"),
        queryset=None,
        empty_label=_("Choose…"),
        error_messages={
            "required": _("Choose the partner organisation to refer to."),
            "invalid_choice": _("Choose an organisation from the jurisdiction's partner list."),
        },
    )
    reason = forms.CharField(
        label=_("Why you are referring the person"),
        max_length=3000,
        widget=TEXTAREA,
        error_messages={"required": _("Say why you are referring the person.")},
    )
    desired_outcome = forms.CharField(
        label=_("What the referral should achieve"),
        max_length=500,
        error_messages={"required": _("Say what the referral should achieve.")},
    )
    summary = forms.CharField(
        label=_("Summary for the partner"),
        help_text=_(
            "The partner reads only this, and nothing else about the person. Write only what "
            "they need for this referral."
        ),
        max_length=3000,
        widget=TEXTAREA,
        error_messages={"required": _("Write the summary the partner will read.")},
    )
    data_categories = forms.MultipleChoiceField(
        label=_("Categories of data in the summary"),
        choices=DataCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose the categories of data disclosed.")},
    )
    legal_basis = LegalBasisChoiceField(
        label=_("Legal basis for the disclosure"),
        queryset=None,
        empty_label=_("Choose…"),
        error_messages={
            "required": _("Choose the legal basis that allows this disclosure."),
            "invalid_choice": _("Choose a legal basis from the list of the person's jurisdiction."),
        },
    )
    consent = forms.ChoiceField(
        label=_("Consent of the person"),
        choices=Consent.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether the person consented.")},
    )
    consent_note = forms.CharField(
        label=_("Lawful reason or justification"),
        help_text=_("Required when consent was not sought or a refusal is overridden."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    expires_on = forms.DateField(
        label=_("The partner may keep the data until"), required=False, widget=DATE
    )

    def __init__(self, *args: Any, jurisdiction_id: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_organisation"].queryset = partner_organisations(jurisdiction_id)  # type: ignore[attr-defined]
        self.fields["legal_basis"].queryset = legal_bases_for(jurisdiction_id)  # type: ignore[attr-defined]


class TransitionForm(StrictTextFormMixin, forms.Form):
    to_state = forms.ChoiceField(
        choices=ReferralState.choices,
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Choose a step from the list."),
            "invalid_choice": _("Choose a step from the list."),
        },
    )
    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=3000, widget=forms.Textarea(attrs={"rows": 3})
    )


class MessageForm(StrictTextFormMixin, forms.Form):
    body = forms.CharField(
        label=_("Message"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write the message.")},
    )
