import datetime as dt
from collections.abc import Callable
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reintegra.accounts.models import User
from reintegra.core.forms import StrictTextFormMixin
from reintegra.organisations.models import Facility
from reintegra.people.models import Person
from reintegra.programmes.models import (
    AttendanceStatus,
    Enrolment,
    EnrolmentStatus,
    GroupStatus,
    Module,
    Outcome,
    ProgrammeKind,
    SessionTemplate,
)
from reintegra.programmes.services import GroupInput, ProgrammeInput
from reintegra.programmes.sessions import AttendanceEntry, SessionInput

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
TEXTAREA = forms.Textarea(attrs={"rows": 4})


def _choices_from(field: Any, queryset: Any, label: Callable[[Any], str] | None = None) -> None:
    """Points a model choice field at the rows this actor may choose from."""
    field.queryset = queryset
    if label is not None:
        field.label_from_instance = label


class CatalogueFilterForm(StrictTextFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *ProgrammeKind.choices]
    )
    retired = forms.BooleanField(label=_("Include programmes no longer offered"), required=False)


class ProgrammeForm(StrictTextFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    code = forms.SlugField(
        label=_("Code"),
        max_length=40,
        help_text=_("A short identifier: letters, digits and hyphens, unique in the catalogue."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=ProgrammeKind.choices)
    duration_weeks = forms.IntegerField(label=_("Duration in weeks"), min_value=1, max_value=260)
    description = forms.CharField(
        label=_("Description"), required=False, max_length=5000, widget=TEXTAREA
    )
    facilitator_requirements = forms.CharField(
        label=_("Facilitator requirements"),
        required=False,
        max_length=5000,
        widget=TEXTAREA,
        help_text=_("The training or certification someone needs to run this programme."),
    )
    is_active = forms.BooleanField(label=_("Offered"), required=False, initial=True)

    def values(self) -> ProgrammeInput:
        return ProgrammeInput(**{name: self.cleaned_data[name] for name in self.fields})


class ModuleForm(StrictTextFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, max_length=5000, widget=TEXTAREA
    )


class SessionTemplateForm(StrictTextFormMixin, forms.Form):
    module = forms.ModelChoiceField(
        label=_("Module"), queryset=Module.objects.none(), empty_label=None
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    duration_minutes = forms.IntegerField(
        label=_("Duration in minutes"), min_value=10, max_value=480, initial=90
    )
    aims = forms.CharField(label=_("Aims"), required=False, max_length=5000, widget=TEXTAREA)

    def __init__(self, *args: Any, modules: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices_from(self.fields["module"], modules)


class GroupForm(StrictTextFormMixin, forms.Form):
    name = forms.CharField(label=_("Name of the group"), max_length=200)
    facility = forms.ModelChoiceField(
        label=_("Facility"), queryset=Facility.objects.none(), empty_label=None
    )
    start_date = forms.DateField(label=_("Start date"), widget=DATE)
    end_date = forms.DateField(
        label=_("End date"),
        required=False,
        widget=DATE,
        help_text=_("Leave empty to end after the programme's duration."),
    )
    capacity = forms.IntegerField(label=_("Places"), min_value=1, max_value=100, initial=10)
    facilitators = forms.ModelMultipleChoiceField(
        label=_("Facilitators"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("They record attendance and see the group's sessions in My work."),
    )

    def __init__(
        self, *args: Any, facilities: Any, candidates: Any, duration_weeks: int, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.duration_weeks = duration_weeks
        _choices_from(self.fields["facility"], facilities)
        _choices_from(self.fields["facilitators"], candidates, lambda user: user.display_name)

    def values(self) -> GroupInput:
        data = self.cleaned_data
        start = data["start_date"]
        end = data["end_date"] or start + dt.timedelta(weeks=self.duration_weeks, days=-1)
        return GroupInput(
            name=data["name"],
            facility=data["facility"],
            start_date=start,
            end_date=end,
            capacity=data["capacity"],
            facilitators=tuple(data["facilitators"]),
        )


class GroupStatusForm(StrictTextFormMixin, forms.Form):
    status = forms.ChoiceField(
        choices=[
            (GroupStatus.RUNNING, _("Start")),
            (GroupStatus.COMPLETED, _("Close")),
            (GroupStatus.CANCELLED, _("Cancel")),
        ]
    )
    reason = forms.CharField(label=_("Why is the group cancelled?"), required=False, max_length=500)


class EnrolForm(StrictTextFormMixin, forms.Form):
    person = forms.ModelChoiceField(label=_("Person"), queryset=Person.objects.none())
    enrolled_on = forms.DateField(label=_("Enrolled on"), widget=DATE)

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices_from(
            self.fields["person"],
            people,
            lambda person: f"{person.reference} · {person.display_name}",
        )


class EnrolmentEndForm(StrictTextFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("How did the enrolment end?"),
        choices=[
            (EnrolmentStatus.COMPLETED, _("Completed the programme's sessions")),
            (EnrolmentStatus.WITHDRAWN, _("Withdrawn (left, transferred or released)")),
            (EnrolmentStatus.EXCLUDED, _("Excluded by the facilitators")),
        ],
        widget=forms.RadioSelect,
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=Outcome.choices, widget=forms.RadioSelect
    )
    completion_date = forms.DateField(label=_("Date it ended"), widget=DATE)
    note = forms.CharField(
        label=_("Note on the outcome"),
        required=False,
        max_length=5000,
        widget=TEXTAREA,
        help_text=_("What the person achieved, and anything the next programme should know."),
    )


class SessionForm(StrictTextFormMixin, forms.Form):
    template = forms.ModelChoiceField(
        label=_("Session of the programme"),
        queryset=SessionTemplate.objects.none(),
        required=False,
        empty_label=_("Another session (give its title below)"),
    )
    title = forms.CharField(
        label=_("Title"),
        required=False,
        max_length=200,
        help_text=_("Leave empty to use the title of the programme's session."),
    )
    date = forms.DateField(label=_("Date"), widget=DATE)
    time = forms.TimeField(label=_("Start time"), widget=TIME)
    duration_minutes = forms.IntegerField(
        label=_("Duration in minutes"),
        required=False,
        min_value=10,
        max_value=480,
        help_text=_("Leave empty to use the planned duration."),
    )
    location = forms.CharField(label=_("Location"), required=False, max_length=200)

    def __init__(self, *args: Any, templates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices_from(
            self.fields["template"],
            templates,
            lambda t: f"{t.module.order}.{t.order} {t.module.title} · {t.title}",
        )

    def values(self) -> SessionInput:
        data = self.cleaned_data
        when = timezone.make_aware(dt.datetime.combine(data["date"], data["time"]))
        return SessionInput(
            scheduled_for=when,
            template=data["template"],
            title=data["title"],
            duration_minutes=data["duration_minutes"],
            location=data["location"],
        )


class SessionCancelForm(StrictTextFormMixin, forms.Form):
    reason = forms.CharField(label=_("Why is the session cancelled?"), max_length=500)


class _RegisterFields(forms.Form):
    """One status and one note per person on the register. Added before StrictTextFormMixin
    applies its text rules (it runs after this __init__), so the notes get them too."""

    def __init__(self, *args: Any, roster: list[Enrolment], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.roster = roster
        for enrolment in roster:
            who = {"reference": enrolment.person.reference}
            self.fields[f"status-{enrolment.pk}"] = forms.ChoiceField(
                label=_("Attendance of %(reference)s") % who,
                choices=[("", _("Choose")), *AttendanceStatus.choices],
                error_messages={
                    "required": _("Choose the attendance of %(reference)s.") % who,
                },
            )
            # One line per person keeps a register of fifteen on one screen; what needs more
            # than a line belongs in the person's plan or case notes.
            self.fields[f"note-{enrolment.pk}"] = forms.CharField(
                label=_("Facilitator's note on %(reference)s") % who,
                required=False,
                max_length=1000,
            )


class AttendanceForm(StrictTextFormMixin, _RegisterFields):
    def rows(self) -> list[tuple[Enrolment, forms.BoundField, forms.BoundField]]:
        return [
            (enrolment, self[f"status-{enrolment.pk}"], self[f"note-{enrolment.pk}"])
            for enrolment in self.roster
        ]

    def entries(self) -> list[AttendanceEntry]:
        data = self.cleaned_data
        return [
            AttendanceEntry(
                enrolment=enrolment,
                status=data[f"status-{enrolment.pk}"],
                note=data[f"note-{enrolment.pk}"],
            )
            for enrolment in self.roster
        ]

    @staticmethod
    def initial_from(recorded: dict[object, Any]) -> dict[str, str]:
        initial: dict[str, str] = {}
        for enrolment_id, row in recorded.items():
            initial[f"status-{enrolment_id}"] = row.status
            initial[f"note-{enrolment_id}"] = row.note
        return initial


class AttendanceCorrectionForm(AttendanceForm):
    reason = forms.CharField(
        label=_("Why is the attendance corrected?"),
        max_length=500,
        help_text=_("Kept in the processing log with the change."),
    )
