from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from reintegra.accounts.models import User
from reintegra.core.forms import StrictTextFormMixin
from reintegra.organisations.models import Organisation
from reintegra.people.models import Person
from reintegra.plans.models import (
    Agreement,
    InterventionKind,
    InterventionStatus,
    Objective,
    ObjectiveStatus,
    Plan,
)
from reintegra.plans.selectors import need_choices, need_name, owner_organisations, staff_owners
from reintegra.plans.services import InterventionInput

TEXTAREA = forms.Textarea(attrs={"rows": 4})
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
RELIGIOUS_COUNSELLING_HINT = _(
    "Religious counselling is offered on request and never as a risk measure. Tick this only "
    "when the person asked for the intervention themselves."
)


class PlanVersionMixin(forms.Form):
    # The plan version the user opened; a save from an older one is refused (optimistic locking).
    version = forms.IntegerField(widget=forms.HiddenInput)


class PlanForm(StrictTextFormMixin, PlanVersionMixin):
    person_view = forms.CharField(
        label=_("The person's own view of the plan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("In their own words where you can: what they want from the plan and why."),
    )
    agreement = forms.ChoiceField(
        label=_("Does the person agree with the plan?"),
        required=False,
        choices=Agreement.choices,
        widget=forms.RadioSelect,
    )
    next_review_date = forms.DateField(
        label=_("First plan review"),
        required=False,
        widget=DATE,
        help_text=_("Leave empty for a review three months after the plan is countersigned."),
    )

    @classmethod
    def initial_for(cls, plan: Plan) -> dict[str, Any]:
        return {
            "version": plan.version,
            "person_view": plan.person_view,
            "agreement": plan.agreement,
            "next_review_date": plan.next_review_date,
        }


class ObjectiveForm(StrictTextFormMixin, PlanVersionMixin):
    need_code = forms.ChoiceField(
        label=_("Need this objective addresses"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the need this objective addresses."),
            "invalid_choice": _("Choose one of the needs the assessment found."),
        },
    )
    description = forms.CharField(
        label=_("Objective"),
        widget=TEXTAREA,
        max_length=5000,
        help_text=_("What should change, in terms the person can understand."),
        error_messages={"required": _("Describe the objective.")},
    )
    target_date = forms.DateField(
        label=_("Target date"),
        widget=DATE,
        error_messages={"required": _("Give a target date for the objective.")},
    )
    status = forms.ChoiceField(label=_("Status"), choices=ObjectiveStatus.choices)

    def __init__(self, *args: Any, plan: Plan, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        need_field: Any = self.fields["need_code"]
        need_field.choices = need_choices(plan)
        if not editing:
            del self.fields["status"]

    @classmethod
    def initial_for(cls, objective: Objective) -> dict[str, Any]:
        return {
            "version": objective.plan.version,
            "need_code": objective.need_code,
            "description": objective.description,
            "target_date": objective.target_date,
            "status": objective.status,
        }


class OwnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


class InterventionForm(StrictTextFormMixin, PlanVersionMixin):
    kind = forms.ChoiceField(
        label=_("Kind of intervention"),
        choices=[("", "—"), *InterventionKind.choices],
        error_messages={"required": _("Choose the kind of intervention.")},
    )
    on_request = forms.BooleanField(
        label=_("The person asked for this intervention"),
        required=False,
        help_text=RELIGIOUS_COUNSELLING_HINT,
    )
    description = forms.CharField(
        label=_("What will be done"),
        widget=TEXTAREA,
        max_length=5000,
        error_messages={"required": _("Describe what will be done.")},
    )
    owner_user = OwnerChoiceField(
        label=_("Owner: a member of staff"),
        queryset=User.objects.none(),
        required=False,
        empty_label="—",
        help_text=_("Choose a member of staff or an organisation, not both."),
    )
    owner_organisation = forms.ModelChoiceField(
        label=_("Owner: an organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label="—",
        help_text=_("A partner agency such as an NGO, employment service or health service."),
    )
    start_date = forms.DateField(
        label=_("Start"),
        widget=DATE,
        error_messages={"required": _("Give the date the intervention starts.")},
    )
    target_date = forms.DateField(label=_("Target date"), required=False, widget=DATE)
    status = forms.ChoiceField(
        label=_("Status"), choices=InterventionStatus.choices, initial=InterventionStatus.PLANNED
    )

    def __init__(self, *args: Any, person: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner_user: Any = self.fields["owner_user"]
        owner_user.queryset = staff_owners(person)
        owner_organisation: Any = self.fields["owner_organisation"]
        owner_organisation.queryset = owner_organisations(person)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("owner_user") is None and data.get("owner_organisation") is None:
            self.add_error(
                "owner_user",
                _("Choose who owns the intervention: a member of staff or an organisation."),
            )
        elif data.get("owner_user") is not None and data.get("owner_organisation") is not None:
            self.add_error(
                "owner_user",
                _("Choose one owner only: a member of staff or an organisation, not both."),
            )
        if data.get("kind") == InterventionKind.RELIGIOUS_COUNSELLING and not data.get(
            "on_request"
        ):
            self.add_error(
                "on_request",
                _(
                    "Religious counselling is offered only when the person asks for it, never "
                    "as a risk measure. Confirm that the person asked for it, or choose "
                    "another kind."
                ),
            )
        start, target = data.get("start_date"), data.get("target_date")
        if start and target and target < start:
            self.add_error("target_date", _("The target date must be on or after the start date."))
        return data

    def intervention(self) -> InterventionInput:
        data = self.cleaned_data
        return InterventionInput(
            kind=data["kind"],
            description=data["description"],
            owner_user=data.get("owner_user"),
            owner_organisation=data.get("owner_organisation"),
            start_date=data["start_date"],
            target_date=data.get("target_date"),
            status=data["status"],
            on_request=data.get("on_request", False),
        )

    @classmethod
    def initial_for(cls, intervention: Any) -> dict[str, Any]:
        return {
            "version": intervention.objective.plan.version,
            "kind": intervention.kind,
            "on_request": intervention.on_request,
            "description": intervention.description,
            "owner_user": intervention.owner_user_id,
            "owner_organisation": intervention.owner_organisation_id,
            "start_date": intervention.start_date,
            "target_date": intervention.target_date,
            "status": intervention.status,
        }


class ReturnForm(StrictTextFormMixin, forms.Form):
    decision = forms.ChoiceField(
        choices=[
            ("approve", _("Countersign: the plan comes into force")),
            ("return", _("Return for changes")),
        ],
        widget=forms.RadioSelect,
        label=_("Your decision"),
        error_messages={"required": _("Choose whether to countersign or return the plan.")},
    )
    comments = forms.CharField(
        label=_("Comments for the author"),
        required=False,
        widget=TEXTAREA,
        help_text=_("Required when you return the plan."),
    )


class ReviewForm(StrictTextFormMixin, forms.Form):
    review_date = forms.DateField(
        label=_("Date of the review"),
        widget=DATE,
        error_messages={"required": _("Give the date of the review.")},
    )
    summary = forms.CharField(
        label=_("Summary of progress"),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Summarise the progress made.")},
    )
    person_view = forms.CharField(
        label=_("The person's own view"),
        required=False,
        widget=TEXTAREA,
        help_text=_("How the person sees their progress, in their words where you can."),
    )
    next_review_date = forms.DateField(
        label=_("Next review"),
        widget=DATE,
        error_messages={"required": _("Give the date of the next review.")},
    )

    def __init__(self, *args: Any, plan: Plan, objectives: list[Objective], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.objectives = objectives
        for objective in objectives:
            self.fields[f"objective_{objective.pk}"] = forms.ChoiceField(
                label=need_name(plan, objective.need_code),
                required=False,
                choices=[("", _("Not reviewed")), *ObjectiveStatus.choices],
                initial=objective.status,
                help_text=objective.description,
            )

    def objective_fields(self) -> list[forms.BoundField]:
        return [self[f"objective_{objective.pk}"] for objective in self.objectives]

    def progress(self) -> dict[str, str]:
        return {
            str(objective.pk): value
            for objective in self.objectives
            if (value := self.cleaned_data.get(f"objective_{objective.pk}"))
        }
