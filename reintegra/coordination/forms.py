from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from reintegra.coordination.models import (
    ActionStatus,
    ConferenceAttendee,
    Consent,
    DataCategory,
    ReferralState,
)
from reintegra.coordination.selectors import (
    conference_attendees,
    conference_owner_organisations,
    legal_bases_for,
    partner_organisations,
)
from reintegra.core.forms import StrictTextFormMixin
from reintegra.organisations.models import Organisation

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXTAREA = forms.Textarea(attrs={"rows": 5})


class LegalBasisChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} — {obj.citation}"


class DisclosureFieldsForm(forms.Form):
    """What every share of personal data states for the disclosure register: the categories of
    data, the legal basis from the list of the person's jurisdiction, and the person's consent."""

    data_categories_label = _("Categories of data disclosed")
    data_categories = forms.MultipleChoiceField(
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

    def disclosure_fields_set(self, jurisdiction_id: str) -> None:
        self.fields["data_categories"].label = self.data_categories_label
        self.fields["legal_basis"].queryset = legal_bases_for(jurisdiction_id)  # type: ignore[attr-defined]


class ReferralForm(StrictTextFormMixin, DisclosureFieldsForm):
    data_categories_label = _("Categories of data in the summary")
    field_order = [
        "to_organisation",
        "reason",
        "desired_outcome",
        "summary",
        "data_categories",
        "legal_basis",
        "consent",
        "consent_note",
        "expires_on",
    ]
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
    expires_on = forms.DateField(
        label=_("The partner may keep the data until"), required=False, widget=DATE
    )

    def __init__(self, *args: Any, jurisdiction_id: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_organisation"].queryset = partner_organisations(jurisdiction_id)  # type: ignore[attr-defined]
        self.disclosure_fields_set(jurisdiction_id)


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


# --- Case conferences ----------------------------------------------------------------------------


class OwnIdsMixin:
    """The conference page holds several forms: each names its fields' ids after itself so that
    labels and error links stay unique."""

    id_prefix = "conference"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)


class ConferenceForm(StrictTextFormMixin, forms.Form):
    purpose = forms.CharField(
        label=_("Purpose of the conference"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say what the conference is for.")},
    )
    held_on = forms.DateField(
        label=_("Date"),
        widget=DATE,
        error_messages={
            "required": _("Give the date of the conference."),
            "invalid": _("Enter the date as year-month-day."),
        },
    )
    place = forms.CharField(
        label=_("Place"),
        max_length=200,
        error_messages={"required": _("Say where the conference takes place.")},
    )
    confidentiality_statement = forms.CharField(
        label=_("Confidentiality statement"),
        help_text=_("Each attendee agrees it before anything they bring is recorded."),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write the confidentiality statement the attendees agree.")},
    )
    review_on = forms.DateField(
        label=_("Review date"),
        required=False,
        widget=DATE,
        error_messages={"invalid": _("Enter the date as year-month-day.")},
    )


class AttendeeForm(OwnIdsMixin, StrictTextFormMixin, forms.Form):
    id_prefix = "attendee"
    organisation: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Agency"),
        queryset=None,
        empty_label=_("Choose…"),
        error_messages={
            "required": _("Choose the agency that attends."),
            "invalid_choice": _("Choose an organisation of the person's jurisdiction."),
        },
    )
    representative_name = forms.CharField(
        label=_("Representative"),
        max_length=200,
        error_messages={"required": _("Name the agency's representative.")},
    )
    agreed = forms.BooleanField(
        label=_("The representative has agreed the confidentiality statement"), required=False
    )

    def __init__(self, *args: Any, jurisdiction_id: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            jurisdiction_id=jurisdiction_id, is_active=True
        ).order_by("name")


class AttendeeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.organisation.name} — {obj.representative_name}"


def _attendee_field(label: Any, required_message: Any) -> AttendeeChoiceField:
    return AttendeeChoiceField(
        label=label,
        queryset=ConferenceAttendee.objects.none(),
        empty_label=_("Choose…"),
        error_messages={
            "required": required_message,
            "invalid_choice": _("Choose an attendee of this conference."),
        },
    )


class AgreementForm(OwnIdsMixin, forms.Form):
    id_prefix = "agreement"
    attendee = _attendee_field(_("Attendee"), _("Choose an attendee of this conference."))

    def __init__(self, *args: Any, conference: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attendee"].queryset = conference_attendees(conference)  # type: ignore[attr-defined]


class InformationForm(OwnIdsMixin, StrictTextFormMixin, forms.Form):
    id_prefix = "information"
    attendee = _attendee_field(
        _("Agency that brought it"), _("Choose the attending agency that brought the information.")
    )
    summary = forms.CharField(
        label=_("Summary of the information"),
        max_length=3000,
        widget=TEXTAREA,
        error_messages={"required": _("Write a summary of the information brought.")},
    )

    def __init__(self, *args: Any, conference: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attendee"].queryset = conference_attendees(conference)  # type: ignore[attr-defined]


class ActionForm(OwnIdsMixin, StrictTextFormMixin, forms.Form):
    id_prefix = "action"
    description = forms.CharField(
        label=_("Action"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Describe the action.")},
    )
    responsible_organisation: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Responsible agency"),
        queryset=None,
        empty_label=_("Choose…"),
        error_messages={
            "required": _("Choose the agency responsible for the action."),
            "invalid_choice": _("Choose an agency that attends this conference."),
        },
    )
    deadline = forms.DateField(
        label=_("Deadline"),
        widget=DATE,
        error_messages={
            "required": _("Give the deadline of the action."),
            "invalid": _("Enter the date as year-month-day."),
        },
    )

    def __init__(self, *args: Any, conference: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["responsible_organisation"].queryset = conference_owner_organisations(  # type: ignore[attr-defined]
            conference
        )


class DecisionForm(OwnIdsMixin, StrictTextFormMixin, forms.Form):
    id_prefix = "decision"
    text = forms.CharField(
        label=_("Decision"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write the decision.")},
    )


class PackForm(OwnIdsMixin, StrictTextFormMixin, DisclosureFieldsForm):
    id_prefix = "pack"
    data_categories_label = _("Categories of data in the pack")
    field_order = ["organisation", "summary"]
    organisation: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Agency the pack is for"),
        queryset=None,
        empty_label=_("Choose…"),
        error_messages={
            "required": _("Choose the agency the pack is for."),
            "invalid_choice": _("Choose an agency that attends this conference."),
        },
    )
    summary = forms.CharField(
        label=_("Summary for the agency"),
        help_text=_(
            "The agency reads only this, the purpose, the date, the confidentiality statement and "
            "the actions assigned to it."
        ),
        max_length=3000,
        widget=TEXTAREA,
        error_messages={"required": _("Write the summary the agency will read.")},
    )

    def __init__(self, *args: Any, conference: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Every organisation of the jurisdiction is offered, so that a pack for an agency that
        # does not attend is refused with its reason rather than silently impossible.
        self.fields["organisation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            jurisdiction_id=conference.jurisdiction_id, is_active=True
        ).order_by("name")
        self.disclosure_fields_set(conference.jurisdiction_id)


class ActionStatusForm(StrictTextFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("What happened to the action"),
        choices=[
            (ActionStatus.DONE, _("Done: the agency has carried it out")),
            (ActionStatus.DROPPED, _("Dropped: it will not be carried out")),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Say whether the action was done or dropped."),
            "invalid_choice": _("Say whether the action was done or dropped."),
        },
    )
    reason = forms.CharField(
        label=_("Reason"),
        help_text=_("Required when the action is dropped: the conference reads it."),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("status") == ActionStatus.DROPPED and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Say why the action is dropped."))
        return cleaned
