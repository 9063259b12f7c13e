import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reintegra.core.forms import StrictTextFormMixin
from reintegra.core.roles import Role
from reintegra.instruments.models import Instrument
from reintegra.organisations.models import Facility, Organisation
from reintegra.training.models import (
    Competence,
    Course,
    CourseMode,
    Participant,
    Proficiency,
    RegistrationState,
)
from reintegra.training.services import CourseInput, EventInput

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXTAREA = forms.Textarea(attrs={"rows": 4})
LEVEL_CHOICES = [("", _("Not required")), *[(str(v), label) for v, label in Proficiency.choices]]


class CourseForm(StrictTextFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    code = forms.SlugField(
        label=_("Code"),
        max_length=60,
        help_text=_("A short identifier: letters, digits and hyphens, unique in the catalogue."),
    )
    mode = forms.ChoiceField(label=_("Mode"), choices=CourseMode.choices)
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
    )
    duration_hours = forms.IntegerField(label=_("Duration in hours"), min_value=1, max_value=2000)
    provider = forms.CharField(label=_("Provider"), max_length=200)
    validity_months = forms.IntegerField(
        label=_("Validity in months"),
        required=False,
        min_value=1,
        max_value=240,
        help_text=_("After this many months a refresher is due. Leave empty if it never lapses."),
    )
    trains_trainers = forms.BooleanField(label=_("Training of trainers"), required=False)
    instruments = forms.ModelMultipleChoiceField(
        label=_("Instruments this course certifies assessors for"),
        queryset=Instrument.objects.order_by("code"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    description = forms.CharField(
        label=_("Description"), required=False, max_length=5000, widget=TEXTAREA
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.competences = list(Competence.objects.order_by("code"))
        for competence in self.competences:
            self.fields[f"grant_{competence.code}"] = forms.TypedChoiceField(
                label=competence.name,
                choices=LEVEL_CHOICES,
                required=False,
                coerce=int,
                empty_value=None,
            )

    def grant_fields(self) -> list:
        return [self[f"grant_{c.code}"] for c in self.competences]

    def values(self) -> CourseInput:
        data = self.cleaned_data
        return CourseInput(
            code=data["code"],
            title=data["title"],
            description=data["description"],
            mode=data["mode"],
            languages=list(data["languages"]),
            duration_hours=data["duration_hours"],
            provider=data["provider"],
            validity_months=data["validity_months"],
            trains_trainers=data["trains_trainers"],
            instruments=list(data["instruments"]),
            grants=[
                (c, data[f"grant_{c.code}"])
                for c in self.competences
                if data.get(f"grant_{c.code}") is not None
            ],
        )

    @staticmethod
    def initial_for(course: Course) -> dict[str, Any]:
        initial: dict[str, Any] = {
            name: getattr(course, name)
            for name in (
                "title",
                "code",
                "mode",
                "languages",
                "duration_hours",
                "provider",
                "validity_months",
                "trains_trainers",
                "description",
            )
        }
        initial["instruments"] = list(course.instruments.all())
        for grant in course.grants.select_related("competence"):
            initial[f"grant_{grant.competence.code}"] = str(grant.level)
        return initial


class EventForm(StrictTextFormMixin, forms.Form):
    course = forms.ModelChoiceField(label=_("Course"), queryset=Course.objects.none())
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_on = forms.DateField(label=_("First day"), widget=DATE)
    ends_on = forms.DateField(label=_("Last day"), widget=DATE)
    venue = forms.CharField(label=_("Venue"), max_length=200, required=False)
    online_url = forms.URLField(
        label=_("Online room"),
        required=False,
        assume_scheme="https",
        help_text=_("For an online event or session: the address participants join."),
    )
    trainers = forms.ModelMultipleChoiceField(
        label=_("Trainers or tutors"),
        queryset=Participant.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, courses: Any, trainers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = courses  # type: ignore[attr-defined]
        self.fields["trainers"].queryset = trainers  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The last day cannot come before the first day."))
        if not data.get("venue") and not data.get("online_url") and not self.errors:
            raise forms.ValidationError(_("Give a venue or the address of the online room."))
        return data

    def values(self, organisation: Organisation) -> EventInput:
        data = self.cleaned_data
        return EventInput(
            course=data["course"],
            title=data["title"],
            organisation=organisation,
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            venue=data["venue"],
            online_url=data["online_url"],
            trainers=list(data["trainers"]),
        )


class SessionForm(StrictTextFormMixin, forms.Form):
    day = forms.DateField(label=_("Day"), widget=DATE)
    topic = forms.CharField(label=_("Topic"), max_length=200)


class RegistrationForm(StrictTextFormMixin, forms.Form):
    """Register someone already known, or a new participant by name, e-mail and organisation."""

    participant = forms.ModelChoiceField(
        label=_("Participant"),
        queryset=Participant.objects.none(),
        required=False,
        help_text=_("Or leave empty and enter a new participant below."),
    )
    full_name = forms.CharField(label=_("Full name"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), required=False
    )
    role = forms.ChoiceField(
        label=_("Staff role"), choices=[("", _("Other")), *Role.choices], required=False
    )
    state = forms.ChoiceField(label=_("State"), choices=RegistrationState.choices)

    def __init__(self, *args: Any, participants: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["participant"].queryset = participants  # type: ignore[attr-defined]
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        new_incomplete = not data.get("full_name") or data.get("organisation") is None
        if data.get("participant") is None and not self.errors and new_incomplete:
            raise forms.ValidationError(
                _("Choose a participant, or give a new participant's name and organisation.")
            )
        return data


class CompletionForm(StrictTextFormMixin, forms.Form):
    participant = forms.ModelChoiceField(
        label=_("Participant"), queryset=Participant.objects.none()
    )
    completed_on = forms.DateField(label=_("Completed on"), widget=DATE)
    score = forms.DecimalField(
        label=_("Score (0 to 100)"),
        required=False,
        min_value=Decimal(0),
        max_value=Decimal(100),
        decimal_places=2,
    )
    feedback = forms.CharField(
        label=_("Feedback"), required=False, max_length=5000, widget=TEXTAREA
    )

    def __init__(self, *args: Any, participants: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["participant"].queryset = participants  # type: ignore[attr-defined]

    def clean_completed_on(self) -> dt.date:
        day = self.cleaned_data["completed_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("A completion date cannot be in the future."))
        return day


class RevokeForm(StrictTextFormMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=TEXTAREA)
    confirm = forms.BooleanField(
        label=_("I understand that the certificate will show as revoked to anyone who checks it.")
    )


class MatrixCellForm(StrictTextFormMixin, forms.Form):
    role = forms.ChoiceField(label=_("Staff role"), choices=Role.choices)
    competence = forms.ModelChoiceField(
        label=_("Competence"), queryset=Competence.objects.order_by("code")
    )
    level = forms.TypedChoiceField(
        label=_("Required level"),
        choices=LEVEL_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
    )
    courses = forms.ModelMultipleChoiceField(
        label=_("Courses that satisfy it"),
        queryset=Course.objects.filter(is_active=True).order_by("title"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class GapFilterForm(forms.Form):
    jurisdiction = forms.ChoiceField(label=_("Jurisdiction"), required=False)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), required=False
    )
    facility = forms.ModelChoiceField(
        label=_("Facility"), queryset=Facility.objects.none(), required=False
    )
    role = forms.ChoiceField(
        label=_("Staff role"), choices=[("", _("All roles")), *Role.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("Every status")),
            ("missing", _("Missing")),
            ("expired", _("Expired")),
            ("due", _("Refresher due soon")),
            ("met", _("Met")),
        ],
    )
    participant = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, jurisdictions: list, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["jurisdiction"].choices = [("", _("All in scope")), *jurisdictions]  # type: ignore[attr-defined]
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["facility"].queryset = Facility.objects.filter(  # type: ignore[attr-defined]
            organisation__in=organisations
        ).order_by("name")


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: email and/or username, course (code or title), completion_date "
            "(YYYY-MM-DD), grade; name is optional."
        ),
    )


class FiguresForm(forms.Form):
    by = forms.ChoiceField(label=_("Count by"), required=False)
    period = forms.ChoiceField(
        label=_("Period"),
        required=False,
        choices=[("year", _("Year")), ("quarter", _("Quarter"))],
    )
    course = forms.ModelChoiceField(
        label=_("Course"),
        queryset=Course.objects.none(),
        required=False,
        empty_label=_("All courses"),
    )
    jurisdiction = forms.ChoiceField(label=_("Jurisdiction"), required=False)

    def __init__(self, *args: Any, jurisdictions: list, courses: Any, **kwargs: Any) -> None:
        from reintegra.training.figures import dimension_choices

        super().__init__(*args, **kwargs)
        self.fields["by"].choices = dimension_choices()  # type: ignore[attr-defined]
        self.fields["course"].queryset = courses  # type: ignore[attr-defined]
        self.fields["jurisdiction"].choices = [("", _("All in scope")), *jurisdictions]  # type: ignore[attr-defined]
