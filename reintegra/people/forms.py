import uuid
from typing import Any, cast

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reintegra.core.forms import StrictTextFormMixin
from reintegra.organisations.models import Facility
from reintegra.people.models import (
    Citizenship,
    DataSubjectCategory,
    LegalStatus,
    OffenceCategory,
    Sex,
)
from reintegra.people.selectors import CaseFilters
from reintegra.people.services import Admission, Identity

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CaseFilterForm(StrictTextFormMixin, forms.Form):
    q = forms.CharField(label=_("Name or reference"), required=False, max_length=100)
    facility = forms.ChoiceField(label=_("Facility"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("in_custody", _("In custody")), ("released", _("Released")), ("all", _("All"))],
    )
    judgement_level = forms.ChoiceField(
        label=_("Current judgement"),
        required=False,
        choices=[
            ("", _("Any")),
            ("low", _("Low")),
            ("moderate", _("Moderate")),
            ("high", _("High")),
            ("none", _("Not yet assessed")),
        ],
    )
    review = forms.ChoiceField(
        label=_("Review"),
        required=False,
        choices=[("", _("Any")), ("due", _("Due within 30 days")), ("overdue", _("Overdue"))],
    )

    def __init__(self, *args: Any, facilities: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        facilities = list(facilities)
        if not facilities:
            # Staff bound to one facility see only its people: nothing to narrow to.
            del self.fields["facility"]
            return
        field = cast(forms.ChoiceField, self.fields["facility"])
        field.choices = [("", _("All facilities"))] + [
            (str(facility.pk), facility.name) for facility in facilities
        ]

    def filters(self) -> CaseFilters:
        if not self.is_bound or not self.is_valid():
            return CaseFilters()
        data = self.cleaned_data
        return CaseFilters(
            query=data["q"],
            facility=uuid.UUID(data["facility"]) if data.get("facility") else None,
            status=data["status"] or "in_custody",
            judgement_level=data["judgement_level"],
            review=data["review"],
        )


class PersonRegistrationForm(StrictTextFormMixin, forms.Form):
    given_name = forms.CharField(label=_("Given name (as written)"), max_length=100)
    family_name = forms.CharField(label=_("Family name (as written)"), max_length=100)
    given_name_latin = forms.CharField(
        label=_("Given name in Latin letters"),
        max_length=100,
        required=False,
        help_text=_("Leave empty to transliterate from Cyrillic."),
    )
    family_name_latin = forms.CharField(
        label=_("Family name in Latin letters"), max_length=100, required=False
    )
    date_of_birth = forms.DateField(label=_("Date of birth"), widget=DATE)
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices)
    citizenship = forms.ChoiceField(label=_("Citizenship"), choices=Citizenship.choices)
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        required=False,
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
    )
    data_subject_category = forms.ChoiceField(
        label=_("Category of data subject"), choices=DataSubjectCategory.choices
    )
    facility = forms.ModelChoiceField(label=_("Facility"), queryset=Facility.objects.none())
    unit = forms.CharField(label=_("Unit"), max_length=100, required=False)
    legal_status = forms.ChoiceField(label=_("Legal status"), choices=LegalStatus.choices)
    offence_category = forms.ChoiceField(
        label=_("Offence category"), choices=OffenceCategory.choices
    )
    sentence_months = forms.IntegerField(
        label=_("Sentence (months)"), required=False, min_value=1, max_value=600
    )
    admission_date = forms.DateField(label=_("Admission date"), widget=DATE)
    expected_release_date = forms.DateField(
        label=_("Expected release"), required=False, widget=DATE
    )

    def __init__(self, *args: Any, facilities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["facility"].queryset = facilities  # type: ignore[attr-defined]

    def clean_date_of_birth(self) -> Any:
        born = self.cleaned_data["date_of_birth"]
        today = timezone.localdate()
        if born >= today:
            raise forms.ValidationError(_("The date of birth must be in the past."))
        if born.year < today.year - 110:
            raise forms.ValidationError(_("Check the year of birth."))
        return born

    def identity(self) -> Identity:
        data = self.cleaned_data
        return Identity(
            given_name=data["given_name"],
            family_name=data["family_name"],
            given_name_latin=data["given_name_latin"],
            family_name_latin=data["family_name_latin"],
            date_of_birth=data["date_of_birth"],
            sex=data["sex"],
            citizenship=data["citizenship"],
            languages=tuple(data["languages"]),
            data_subject_category=data["data_subject_category"],
        )

    def admission(self) -> Admission:
        data = self.cleaned_data
        return Admission(
            facility=data["facility"],
            unit=data["unit"],
            legal_status=data["legal_status"],
            offence_category=data["offence_category"],
            sentence_months=data["sentence_months"],
            admission_date=data["admission_date"],
            expected_release_date=data["expected_release_date"],
        )


class TransferForm(StrictTextFormMixin, forms.Form):
    facility = forms.ModelChoiceField(label=_("To facility"), queryset=Facility.objects.none())
    unit = forms.CharField(label=_("Unit"), max_length=100, required=False)
    date = forms.DateField(label=_("Date of transfer"), widget=DATE)
    note = forms.CharField(
        label=_("Reason"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, facilities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["facility"].queryset = facilities  # type: ignore[attr-defined]
