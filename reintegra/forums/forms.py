from django import forms
from django.utils.translation import gettext_lazy as _

from reintegra.accounts.models import Membership, User
from reintegra.core.forms import StrictTextFormMixin
from reintegra.forums.models import ActionStatus, AreaKind, AttendanceStatus
from reintegra.organisations.models import Organisation

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXTAREA = forms.Textarea(attrs={"rows": 4})


class OwnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.user.display_name} ({obj.organisation.name})"


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name} ({obj.type})"


class ForumForm(StrictTextFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    area_kind = forms.ChoiceField(
        label=_("The forum covers a"), choices=AreaKind.choices, widget=forms.RadioSelect
    )
    area = forms.CharField(label=_("Municipality or region"), max_length=100)
    terms_of_reference = forms.CharField(
        label=_("Terms of reference"), required=False, max_length=20_000, widget=TEXTAREA
    )


class ForumEditForm(ForumForm):
    is_active = forms.BooleanField(
        label=_("The forum is active"),
        required=False,
        help_text=_("An inactive forum keeps its meetings and minutes but plans no new meetings."),
    )


class MemberForm(StrictTextFormMixin, forms.Form):
    organisation = OrganisationChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )
    joined_on = forms.DateField(label=_("Member since"), widget=DATE)

    def __init__(self, *args, organisations, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]


class MemberLeaveForm(forms.Form):
    left_on = forms.DateField(label=_("Left the forum on"), widget=DATE)


class RepresentativeForm(StrictTextFormMixin, forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    role = forms.CharField(label=_("Role in the organisation"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Telephone"), max_length=40, required=False)
    user = forms.ModelChoiceField(
        label=_("Staff user"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("If the representative signs in to Reintegra."),
    )

    def __init__(self, *args, users, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users  # type: ignore[attr-defined]
        self.fields["user"].label_from_instance = lambda user: user.display_name  # type: ignore[attr-defined]


class MeetingForm(StrictTextFormMixin, forms.Form):
    """A meeting about the forum's work: it names no one, so it offers no person field."""

    date = forms.DateField(label=_("Date"), widget=DATE)
    place = forms.CharField(label=_("Place"), max_length=200)
    agenda = forms.CharField(label=_("Agenda"), required=False, max_length=10_000, widget=TEXTAREA)


class IndividualMeetingForm(MeetingForm):
    """A meeting that discusses one person, named by their reference."""

    person_reference = forms.CharField(
        label=_("Reference of the person discussed"),
        max_length=20,
        help_text=_("Only a person whose record you may see can be named."),
    )


class AttendanceForm(forms.Form):
    """One radio group per representative on the register."""

    def __init__(self, *args, register, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for row in register:
            self.fields[f"rep-{row.representative.pk}"] = forms.ChoiceField(
                label=f"{row.representative.full_name} "
                f"({row.representative.member.organisation.name})",
                choices=AttendanceStatus.choices,
                widget=forms.RadioSelect,
                required=False,
                initial=row.status or None,
            )

    def statuses(self) -> dict[str, str]:
        return {
            name.removeprefix("rep-"): value for name, value in self.cleaned_data.items() if value
        }


class MinutesForm(StrictTextFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Minutes"), max_length=100_000, widget=forms.Textarea(attrs={"rows": 14})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class DecisionForm(StrictTextFormMixin, forms.Form):
    text = forms.CharField(label=_("Decision"), max_length=5000, widget=TEXTAREA)


class ActionPointForm(StrictTextFormMixin, forms.Form):
    text = forms.CharField(label=_("Action"), max_length=300)
    # Not required here: the service refuses a missing owner with its own message.
    owner = OwnerChoiceField(label=_("Owner"), queryset=Membership.objects.none(), required=False)
    due_on = forms.DateField(label=_("Due on"), widget=DATE)

    def __init__(self, *args, owners, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners  # type: ignore[attr-defined]
        self.fields["owner"].empty_label = _("Choose the owner")  # type: ignore[attr-defined]


class ActionCloseForm(forms.Form):
    status = forms.ChoiceField(
        choices=[(ActionStatus.DONE, _("Done")), (ActionStatus.CANCELLED, _("Cancelled"))],
        initial=ActionStatus.DONE,
    )


class DocumentForm(StrictTextFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    file = forms.FileField(
        label=_("Document"),
        help_text=_("PDF, ODT or DOCX, at most 10 MB."),
    )
