"""Forms built from an instrument's definition: one group of fields per item."""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from reintegra.assessments.models import Assessment, ItemSource, ScreeningOccasion, ScreeningOutcome
from reintegra.assessments.services import EDITABLE_FIELDS, RatingInput
from reintegra.core.forms import StrictTextFormMixin
from reintegra.instruments.definition import InstrumentDefinition, Item, text
from reintegra.instruments.validation import NO_INFORMATION

TEXTAREA = forms.Textarea(attrs={"rows": 4})
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _axis_field(definition: InstrumentDefinition, axis_code: str, required: bool) -> forms.Field:
    axis = definition.axes[axis_code]
    choices = [("", _("Not rated yet"))] + [(opt.value, text(opt.label)) for opt in axis.scale]
    if axis.allows_no_information:
        choices.append((NO_INFORMATION, _("No information")))
    return forms.ChoiceField(
        label=text(axis.name), choices=choices, required=required, widget=forms.RadioSelect
    )


@dataclass(frozen=True)
class ItemFields:
    item: Item
    axes: list[forms.BoundField]
    evidence: forms.BoundField | None
    source: forms.BoundField | None


class ItemRatingsMixin:
    """Adds, for each item of the definition, a field per rating axis (and evidence and source)."""

    with_evidence = True

    def add_item_fields(self, definition: InstrumentDefinition, required: bool = False) -> None:
        self.definition = definition
        fields = self.fields  # type: ignore[attr-defined]
        for item in definition.items:
            for axis in item.axes:
                fields[f"{item.code}__{axis}"] = _axis_field(definition, axis, required)
            if self.with_evidence:
                fields[f"{item.code}__evidence"] = forms.CharField(
                    label=_("Evidence"), required=False, max_length=5000, widget=TEXTAREA
                )
                fields[f"{item.code}__source"] = forms.ChoiceField(
                    label=_("Source"),
                    required=False,
                    choices=[("", "—"), *ItemSource.choices],
                )

    def item_rows(self) -> list[tuple[Any, list[ItemFields]]]:
        """The items grouped by their domain, in the order of the instrument."""
        form: Any = self
        groups: dict[str, list[ItemFields]] = {}
        for item in self.definition.items:
            groups.setdefault(item.domain, []).append(
                ItemFields(
                    item=item,
                    axes=[form[f"{item.code}__{axis}"] for axis in item.axes],
                    evidence=form[f"{item.code}__evidence"] if self.with_evidence else None,
                    source=form[f"{item.code}__source"] if self.with_evidence else None,
                )
            )
        return [(self.definition.domain(code), rows) for code, rows in groups.items()]

    def ratings(self) -> dict[str, RatingInput]:
        data = self.cleaned_data  # type: ignore[attr-defined]
        return {
            item.code: RatingInput(
                ratings={axis: data.get(f"{item.code}__{axis}", "") for axis in item.axes},
                evidence=data.get(f"{item.code}__evidence", "") if self.with_evidence else "",
                source=data.get(f"{item.code}__source", "") if self.with_evidence else "",
            )
            for item in self.definition.items
        }


class AssessmentForm(ItemRatingsMixin, StrictTextFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    needs = forms.MultipleChoiceField(
        label=_("Needs the plan should address"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    needs_notes = forms.CharField(label=_("Notes on needs"), required=False, widget=TEXTAREA)
    protective_summary = forms.CharField(
        label=_("Protective factors"), required=False, widget=TEXTAREA
    )
    formulation = forms.CharField(
        label=_("Formulation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("How the factors fit together for this person: your explanation, in words."),
    )
    risk_scenarios = forms.CharField(
        label=_("Risk scenarios"),
        required=False,
        widget=TEXTAREA,
        help_text=_("What could happen, in what circumstances, and what would prevent it."),
    )
    judgement_level = forms.ChoiceField(label=_("Final professional judgement"), required=False)
    judgement_rationale = forms.CharField(
        label=_("Rationale for the judgement"), required=False, widget=TEXTAREA
    )
    next_review_date = forms.DateField(
        label=_("Next review"),
        required=False,
        widget=DATE,
        help_text=_("Leave empty for the jurisdiction's usual interval."),
    )

    def __init__(self, *args: Any, assessment: Assessment, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        definition = assessment.instrument_version.parsed
        self.add_item_fields(definition)
        needs_field: Any = self.fields["needs"]
        needs_field.choices = [(need.code, text(need.name)) for need in definition.needs]
        level_field: Any = self.fields["judgement_level"]
        level_field.choices = [("", _("Not decided yet"))] + [
            (option.value, text(option.label)) for option in definition.judgement_levels
        ]

    @classmethod
    def initial_for(cls, assessment: Assessment) -> dict[str, Any]:
        initial: dict[str, Any] = {name: getattr(assessment, name) for name in EDITABLE_FIELDS}
        initial["version"] = assessment.version
        for rating in assessment.ratings.all():
            for axis, value in rating.ratings.items():
                initial[f"{rating.item_code}__{axis}"] = value
            initial[f"{rating.item_code}__evidence"] = rating.evidence
            initial[f"{rating.item_code}__source"] = rating.source
        return initial

    def field_values(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in EDITABLE_FIELDS}


class ScreeningForm(ItemRatingsMixin, StrictTextFormMixin, forms.Form):
    with_evidence = False

    occasion = forms.ChoiceField(label=_("Occasion"), choices=ScreeningOccasion.choices)
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=ScreeningOutcome.choices, widget=forms.RadioSelect
    )
    reasons = forms.CharField(label=_("Reasons for the outcome"), widget=TEXTAREA, max_length=5000)

    def __init__(self, *args: Any, definition: InstrumentDefinition, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_item_fields(definition, required=True)

    def answers(self) -> dict[str, dict[str, str]]:
        return {code: given.ratings for code, given in self.ratings().items()}


class ReturnForm(StrictTextFormMixin, forms.Form):
    decision = forms.ChoiceField(
        choices=[("countersign", _("Countersign")), ("return", _("Return for changes"))],
        widget=forms.RadioSelect,
        label=_("Your decision"),
    )
    comments = forms.CharField(
        label=_("Comments for the assessor"),
        required=False,
        widget=TEXTAREA,
        help_text=_("Required when you return the assessment."),
    )


class AddendumForm(StrictTextFormMixin, forms.Form):
    text = forms.CharField(label=_("Addendum"), widget=TEXTAREA, max_length=10000)


class DisclosureForm(StrictTextFormMixin, forms.Form):
    recipient = forms.CharField(
        label=_("Recipient organisation and person"),
        max_length=300,
        help_text=_("Who receives the report, by name and organisation."),
    )
    legal_basis = forms.CharField(label=_("Legal basis"), max_length=300)
    purpose = forms.CharField(label=_("Purpose"), widget=TEXTAREA, max_length=2000)
