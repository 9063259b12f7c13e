from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reintegra.accounts.models import Membership
from reintegra.core.forms import StrictTextFormMixin
from reintegra.organisations.models import Organisation
from reintegra.people.models import AccessScope
from reintegra.release.models import (
    AgencyType,
    Participation,
    PathwayStatus,
    ReadinessItem,
    ReadinessState,
)
from reintegra.release.services import AttendeeInput, PathwayInput

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXTAREA = forms.Textarea(attrs={"rows": 4})


class MembershipChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.user.display_name} — {obj.organisation.name}"


class PathwayEntryForm(StrictTextFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(
        label=_("Status"), choices=PathwayStatus.choices, widget=forms.RadioSelect
    )
    needs = forms.CharField(
        label=_("Needs"),
        required=False,
        max_length=5000,
        widget=TEXTAREA,
        help_text=_("What the person needs on this pathway to resettle, in their words too."),
    )
    actions = forms.CharField(
        label=_("Actions"),
        required=False,
        max_length=5000,
        widget=TEXTAREA,
        help_text=_("What will be done, by whom and by when."),
    )
    responsible_organisation = forms.ModelChoiceField(
        label=_("Responsible organisation"),
        required=False,
        queryset=Organisation.objects.none(),
        empty_label=_("Not decided yet"),
    )
    responsible_membership = MembershipChoiceField(
        label=_("Responsible person"),
        required=False,
        queryset=Membership.objects.none(),
        empty_label=_("Not decided yet"),
    )
    notes = forms.CharField(label=_("Notes"), required=False, max_length=5000, widget=TEXTAREA)

    def __init__(self, *args: Any, organisations: Any, memberships: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(
            forms.ModelChoiceField, self.fields["responsible_organisation"]
        ).queryset = organisations
        cast(forms.ModelChoiceField, self.fields["responsible_membership"]).queryset = memberships

    def changes(self) -> PathwayInput:
        data = self.cleaned_data
        membership = data.get("responsible_membership")
        return PathwayInput(
            status=data["status"],
            needs=data["needs"],
            actions=data["actions"],
            notes=data["notes"],
            responsible_organisation=data.get("responsible_organisation"),
            responsible_user=membership.user if membership else None,
        )


class ChecklistForm(StrictTextFormMixin, forms.Form):
    """One state and one note per readiness item of the plan."""

    def __init__(self, *args: Any, items: list[ReadinessItem], **kwargs: Any) -> None:
        initial = {}
        for item in items:
            initial[f"state_{item.pk}"] = item.state
            initial[f"note_{item.pk}"] = item.note
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            self.fields[f"state_{item.pk}"] = forms.ChoiceField(
                label=item.label, choices=ReadinessState.choices, widget=forms.RadioSelect
            )
            self.fields[f"note_{item.pk}"] = forms.CharField(
                label=_("Note"), required=False, max_length=500
            )

    def rows(self) -> list[tuple[ReadinessItem, forms.BoundField, forms.BoundField]]:
        return [(item, self[f"state_{item.pk}"], self[f"note_{item.pk}"]) for item in self.items]

    def answers(self) -> dict[str, tuple[str, str]]:
        data = self.cleaned_data
        return {
            str(item.pk): (data[f"state_{item.pk}"], data.get(f"note_{item.pk}", ""))
            for item in self.items
        }


class CaseConferenceForm(StrictTextFormMixin, forms.Form):
    held_on = forms.DateField(label=_("Date of the conference"), widget=DATE)
    person_participation = forms.ChoiceField(
        label=_("The person's participation"),
        choices=Participation.choices,
        widget=forms.RadioSelect,
    )
    participation_note = forms.CharField(
        label=_("About the person's participation"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the person was not invited: say why."),
    )
    decisions = forms.CharField(
        label=_("Decisions"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 6})
    )
    next_steps = forms.CharField(
        label=_("Next steps"), required=False, max_length=5000, widget=TEXTAREA
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("held_on", timezone.localdate())
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        held_on = data.get("held_on")
        if held_on and held_on > timezone.localdate():
            self.add_error(
                "held_on",
                _(
                    "A case conference is recorded after it is held; the date cannot be in the "
                    "future."
                ),
            )
        if (
            data.get("person_participation") == Participation.NOT_INVITED
            and not data.get("participation_note", "").strip()
        ):
            self.add_error("participation_note", _("Say why the person was not invited."))
        return data


class AttendeeForm(StrictTextFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), required=False, max_length=200)
    organisation = forms.CharField(label=_("Organisation"), required=False, max_length=200)
    role = forms.CharField(label=_("Role"), required=False, max_length=200)
    agency_type = forms.ChoiceField(
        label=_("Agency"), required=False, choices=[("", "—"), *AgencyType.choices]
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        filled = any(data.get(name) for name in ("organisation", "role", "agency_type"))
        if filled and not data.get("name", "").strip():
            self.add_error("name", _("Give the name of the person who took part."))
        if data.get("name", "").strip() and not data.get("agency_type"):
            self.add_error("agency_type", _("Choose the agency the person came from."))
        return data

    def attendee(self) -> AttendeeInput | None:
        data = self.cleaned_data
        if not data.get("name", "").strip():
            return None
        return AttendeeInput(
            name=data["name"],
            organisation=data.get("organisation", ""),
            role=data.get("role", ""),
            agency_type=data["agency_type"],
        )


ATTENDEE_ROWS = 6
AttendeeFormSet = forms.formset_factory(AttendeeForm, extra=ATTENDEE_ROWS, max_num=60)


class HandoverForm(StrictTextFormMixin, forms.Form):
    membership = MembershipChoiceField(
        label=_("Probation officer"),
        queryset=Membership.objects.none(),
        empty_label=_("Choose a probation officer"),
    )
    scopes = forms.MultipleChoiceField(
        label=_("What the handover opens to probation"),
        choices=AccessScope.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "The officer will see exactly these parts of the person, and nothing else. "
            "Probation supervision is always included."
        ),
    )
    handed_over_on = forms.DateField(label=_("Date of the handover"), widget=DATE)
    notes = forms.CharField(
        label=_("Notes for probation"), required=False, max_length=5000, widget=TEXTAREA
    )

    def __init__(self, *args: Any, memberships: Any, **kwargs: Any) -> None:
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("handed_over_on", timezone.localdate())
        initial.setdefault(
            "scopes", [AccessScope.IDENTITY, AccessScope.RELEASE, AccessScope.SUPERVISION]
        )
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["membership"]).queryset = memberships

    def clean_scopes(self) -> list[str]:
        scopes = self.cleaned_data["scopes"]
        if AccessScope.SUPERVISION not in scopes:
            raise forms.ValidationError(
                _(
                    "A handover always includes probation supervision: the officer holds the "
                    "case after release."
                )
            )
        return scopes


class ReleaseForm(StrictTextFormMixin, forms.Form):
    date = forms.DateField(label=_("Date of release"), widget=DATE)
    confirm = forms.BooleanField(
        label=_("I confirm that the person has left custody on this date."),
        error_messages={"required": _("Confirm that the person has left custody.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("date", timezone.localdate())
        super().__init__(*args, **kwargs)
