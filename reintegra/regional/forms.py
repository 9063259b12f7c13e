from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from reintegra.organisations.models import Jurisdiction, Organisation
from reintegra.regional.models import (
    AttendanceMode,
    FollowUp,
    OutcomeKind,
    RegionalEvent,
    RegionalEventKind,
)
from reintegra.regional.services import EventInput

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class EventForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=RegionalEventKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 3}))
    starts_at = forms.DateTimeField(label=_("Starts"), widget=DATETIME_WIDGET)
    ends_at = forms.DateTimeField(label=_("Ends"), widget=DATETIME_WIDGET)
    venue = forms.CharField(label=_("Venue"), max_length=200, required=False)
    attendance_mode = forms.ChoiceField(label=_("Attendance"), choices=AttendanceMode.choices)
    jurisdictions = forms.ModelMultipleChoiceField(
        label=_("Participating jurisdictions"),
        queryset=Jurisdiction.objects.order_by("code"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one participating jurisdiction.")},
    )
    agenda = forms.CharField(
        label=_("Agenda"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One item a line. The agenda is shown on the public page when published."),
    )
    minutes = forms.CharField(
        label=_("Minutes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("For staff only: minutes are never published."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends < starts:
            self.add_error("ends_at", _("The event cannot end before it starts."))
        return data

    @staticmethod
    def initial_for(event: RegionalEvent) -> dict:
        return {
            "kind": event.kind,
            "title": event.title,
            "summary": event.summary,
            "starts_at": event.starts_at,
            "ends_at": event.ends_at,
            "venue": event.venue,
            "attendance_mode": event.attendance_mode,
            "jurisdictions": list(event.jurisdictions.all()),
            "agenda": event.agenda,
            "minutes": event.minutes,
        }

    def values(self) -> EventInput:
        data = self.cleaned_data
        return EventInput(
            kind=data["kind"],
            title=data["title"].strip(),
            summary=data["summary"].strip(),
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            venue=data["venue"].strip(),
            attendance_mode=data["attendance_mode"],
            agenda=data["agenda"],
            minutes=data["minutes"],
            jurisdictions=list(data["jurisdictions"]),
        )


class ParticipantForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        error_messages={"invalid_choice": _("Choose an organisation from the list.")},
    )
    function = forms.CharField(label=_("Function"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    listed_publicly = forms.BooleanField(
        label=_("The participant agrees to be named on the public event page"), required=False
    )

    def __init__(self, *args, organisations, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]


class ConsentForm(forms.Form):
    participant = forms.UUIDField()
    listed_publicly = forms.BooleanField(required=False)


class OutcomeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=OutcomeKind.choices)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 3}))
    responsible = forms.CharField(label=_("Who follows it up"), max_length=200, required=False)
    due_on = forms.DateField(
        label=_("Due by"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class FollowUpForm(forms.Form):
    follow_up = forms.ChoiceField(
        label=_("Follow-up"),
        choices=FollowUp.choices,
        error_messages={"invalid_choice": _("Choose a follow-up status from the list.")},
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    file = forms.FileField(
        label=_("Document"),
        help_text=_("PDF, ODT or DOCX, at most 10 MB."),
        error_messages={"required": _("Choose a file to attach.")},
    )
