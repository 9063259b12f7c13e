from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from reintegra.assessments.forms import (
    AddendumForm,
    AssessmentForm,
    DisclosureForm,
    ReturnForm,
    ScreeningForm,
)
from reintegra.assessments.models import Assessment
from reintegra.assessments.permissions import (
    assessment_policy,
    certification_refusal,
    screening_policy,
)
from reintegra.assessments.report import assessment_report_pdf
from reintegra.assessments.selectors import (
    assessments_visible_to,
    locked_assessments_with_ratings,
    screenings_visible_to,
)
from reintegra.assessments.services import (
    AssessmentError,
    ConflictError,
    addendum_add,
    assessment_countersign,
    assessment_problems,
    assessment_return,
    assessment_save,
    assessment_start,
    assessment_submit,
    screening_record,
)
from reintegra.assessments.templatetags.instrument_text import rating_label
from reintegra.assessments.trajectory import trajectory_build, trajectory_svg
from reintegra.audit.access import get_visible_or_404
from reintegra.audit.models import Category
from reintegra.audit.services import record
from reintegra.core.http import ActorRequest
from reintegra.core.scoping import scoped_object
from reintegra.instruments.definition import text
from reintegra.instruments.selectors import instrument_versions_available
from reintegra.people.selectors import people_visible_to


def _assessment_or_404(request: ActorRequest, pk: str) -> Assessment:
    assessment_policy.require(request.actor, "view")
    return get_visible_or_404(assessments_visible_to(request.actor), actor=request.actor, pk=pk)


def _log_view(request: ActorRequest, assessment: Assessment, action: str) -> None:
    record(
        actor=request.actor,
        category=Category.CONSULTATION,
        action=action,
        subjects=[assessment.person_id],
        obj=assessment,
    )


def _rating_labels(definition, item, given: dict[str, str]) -> list[tuple[str, str]]:
    return [
        (text(definition.axes[axis].name), rating_label(definition.axes[axis], given.get(axis, "")))
        for axis in item.axes
    ]


# --- Screening -----------------------------------------------------------------------------------


@scoped_object("people.Person", kwarg="person_pk")
@require_http_methods(["GET", "POST"])
def screening_new(request: ActorRequest, person_pk: str) -> HttpResponse:
    person = get_visible_or_404(people_visible_to(request.actor), actor=request.actor, pk=person_pk)
    screening_policy.require(request.actor, "screen")
    version = instrument_versions_available(kind="screening").first()
    if version is None:
        return render(request, "assessments/no_instrument.html", {"person": person}, status=409)
    form = ScreeningForm(request.POST or None, definition=version.parsed)
    if request.method == "POST" and form.is_valid():
        try:
            screening_record(
                actor=request.actor,
                person=person,
                version=version,
                occasion=form.cleaned_data["occasion"],
                answers=form.answers(),
                outcome=form.cleaned_data["outcome"],
                reasons=form.cleaned_data["reasons"],
            )
        except AssessmentError as error:
            for problem in error.problems:
                form.add_error(None, problem)
        else:
            messages.success(request, _("The screening has been recorded."))
            return redirect("people:person-detail", pk=person.pk)
    return render(
        request,
        "assessments/screening_form.html",
        {"form": form, "person": person, "version": version, "definition": version.parsed},
        status=400 if form.errors else 200,
    )


@scoped_object("assessments.Screening")
@require_GET
def screening_detail(request: ActorRequest, pk: str) -> HttpResponse:
    screening_policy.require(request.actor, "view")
    screening = get_visible_or_404(screenings_visible_to(request.actor), actor=request.actor, pk=pk)
    record(
        actor=request.actor,
        category=Category.CONSULTATION,
        action="screening.view",
        subjects=[screening.person_id],
        obj=screening,
    )
    definition = screening.instrument_version.parsed
    answers = [
        (item, _rating_labels(definition, item, screening.answers.get(item.code, {})))
        for item in definition.items
    ]
    return render(
        request,
        "assessments/screening_detail.html",
        {"screening": screening, "definition": definition, "answers": answers},
    )


# --- Assessment ----------------------------------------------------------------------------------


@scoped_object("people.Person", kwarg="person_pk")
@require_http_methods(["GET", "POST"])
def assessment_new(request: ActorRequest, person_pk: str) -> HttpResponse:
    person = get_visible_or_404(people_visible_to(request.actor), actor=request.actor, pk=person_pk)
    assessment_policy.require(request.actor, "start")
    versions = list(instrument_versions_available(kind="spj"))
    error = ""
    if request.method == "POST":
        chosen = next((v for v in versions if str(v.pk) == request.POST.get("version")), None)
        if chosen is None:
            error = _("Choose an instrument.")
        else:
            try:
                assessment = assessment_start(actor=request.actor, person=person, version=chosen)
            except AssessmentError as refused:
                error = str(refused)
            else:
                return redirect("assessments:assessment-edit", pk=assessment.pk)
    return render(
        request,
        "assessments/assessment_new.html",
        {"person": person, "versions": versions, "error": error},
        status=400 if error else 200,
    )


@scoped_object("assessments.Assessment")
@require_GET
def assessment_detail(request: ActorRequest, pk: str) -> HttpResponse:
    assessment = _assessment_or_404(request, pk)
    _log_view(request, assessment, "assessment.view")
    definition = assessment.instrument_version.parsed
    ratings = {rating.item_code: rating for rating in assessment.ratings.all()}
    actor = request.actor
    return render(
        request,
        "assessments/assessment_detail.html",
        {
            "assessment": assessment,
            "definition": definition,
            "rows": [
                (
                    item,
                    _rating_labels(
                        definition, item, ratings[item.code].ratings if item.code in ratings else {}
                    ),
                    ratings.get(item.code),
                )
                for item in definition.items
            ],
            "needs": [need for need in definition.needs if need.code in assessment.needs],
            "level": next(
                (o for o in definition.judgement_levels if o.value == assessment.judgement_level),
                None,
            ),
            "addenda": assessment.addenda.select_related("author"),
            "can_edit": assessment_policy.allows(actor, "edit", assessment),
            "can_countersign": assessment_policy.allows(actor, "countersign", assessment),
            "can_add_addendum": assessment_policy.allows(actor, "add_addendum", assessment),
            "addendum_form": AddendumForm(),
        },
    )


@scoped_object("assessments.Assessment")
@require_http_methods(["GET", "POST"])
def assessment_edit(request: ActorRequest, pk: str) -> HttpResponse:
    assessment = _assessment_or_404(request, pk)
    if not assessment_policy.allows(request.actor, "edit", assessment):
        raise PermissionDenied
    status = 200
    if request.method == "POST":
        form = AssessmentForm(request.POST, assessment=assessment)
        if form.is_valid():
            try:
                assessment_save(
                    actor=request.actor,
                    assessment=assessment,
                    expected_version=form.cleaned_data["version"],
                    ratings=form.ratings(),
                    fields=form.field_values(),
                )
            except ConflictError as conflict:
                form.add_error(None, str(conflict))
                status = 409
            except AssessmentError as error:
                for problem in error.problems:
                    form.add_error(None, problem)
                status = 400
            else:
                if request.POST.get("action") == "submit":
                    return redirect("assessments:assessment-submit", pk=assessment.pk)
                messages.success(request, _("Draft saved."))
                return redirect("assessments:assessment-edit", pk=assessment.pk)
        else:
            status = 400
    else:
        _log_view(request, assessment, "assessment.edit_open")
        form = AssessmentForm(initial=AssessmentForm.initial_for(assessment), assessment=assessment)
    return render(
        request,
        "assessments/assessment_form.html",
        {
            "form": form,
            "assessment": assessment,
            "definition": assessment.instrument_version.parsed,
        },
        status=status,
    )


@scoped_object("assessments.Assessment")
@require_http_methods(["GET", "POST"])
def assessment_submit_view(request: ActorRequest, pk: str) -> HttpResponse:
    assessment = _assessment_or_404(request, pk)
    if not assessment_policy.allows(request.actor, "submit", assessment):
        raise PermissionDenied
    problems = assessment_problems(assessment)
    refusal = certification_refusal(request.actor, assessment, _("submit this assessment"))
    if refusal:
        problems.append(("", refusal))
    if request.method == "POST" and not problems:
        try:
            assessment_submit(
                actor=request.actor,
                assessment=assessment,
                expected_version=int(request.POST.get("version", "0") or 0),
            )
        except AssessmentError as error:
            problems = [("", message) for message in error.problems]
        else:
            messages.success(request, _("Submitted for countersignature."))
            return redirect("assessments:assessment-detail", pk=assessment.pk)
    return render(
        request,
        "assessments/assessment_submit.html",
        {"assessment": assessment, "problems": problems},
        status=400 if problems and request.method == "POST" else 200,
    )


@scoped_object("assessments.Assessment")
@require_http_methods(["GET", "POST"])
def assessment_countersign_view(request: ActorRequest, pk: str) -> HttpResponse:
    assessment = _assessment_or_404(request, pk)
    if assessment.assessor_id == request.actor.user_id:
        messages.error(request, _("You cannot countersign your own assessment."))
        return redirect("assessments:assessment-detail", pk=assessment.pk)
    if not assessment_policy.allows(request.actor, "countersign", assessment):
        raise PermissionDenied
    form = ReturnForm(request.POST or None)
    refusal = certification_refusal(request.actor, assessment, _("countersign or return it"))
    if refusal:
        # A supervisor without a current certification is told which course to take.
        _log_view(request, assessment, "assessment.countersign_open")
        return render(
            request,
            "assessments/assessment_countersign.html",
            {"form": form, "assessment": assessment, "refusal": refusal},
            status=403,
        )
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["decision"] == "countersign":
                assessment_countersign(
                    actor=request.actor, assessment=assessment, today=timezone.localdate()
                )
                messages.success(request, _("Countersigned. The assessment is now locked."))
            else:
                assessment_return(
                    actor=request.actor,
                    assessment=assessment,
                    comments=form.cleaned_data["comments"],
                )
                messages.success(request, _("Returned to the assessor with your comments."))
        except AssessmentError as error:
            for problem in error.problems:
                form.add_error(None, problem)
        else:
            return redirect("assessments:assessment-detail", pk=assessment.pk)
    _log_view(request, assessment, "assessment.countersign_open")
    return render(
        request,
        "assessments/assessment_countersign.html",
        {"form": form, "assessment": assessment},
        status=400 if form.errors else 200,
    )


@scoped_object("assessments.Assessment")
@require_POST
def addendum_create(request: ActorRequest, pk: str) -> HttpResponse:
    assessment = _assessment_or_404(request, pk)
    if not assessment_policy.allows(request.actor, "add_addendum", assessment):
        raise PermissionDenied
    form = AddendumForm(request.POST)
    if form.is_valid():
        try:
            addendum_add(actor=request.actor, assessment=assessment, text=form.cleaned_data["text"])
        except AssessmentError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Addendum added."))
    else:
        messages.error(request, _("Write the addendum before adding it."))
    return redirect("assessments:assessment-detail", pk=assessment.pk)


# --- Trajectory and report -----------------------------------------------------------------------


@scoped_object("people.Person", kwarg="person_pk")
@require_GET
def trajectory(request: ActorRequest, person_pk: str) -> HttpResponse:
    person = get_visible_or_404(people_visible_to(request.actor), actor=request.actor, pk=person_pk)
    assessment_policy.require(request.actor, "view")
    built = trajectory_build(locked_assessments_with_ratings(person))
    record(
        actor=request.actor,
        category=Category.CONSULTATION,
        action="assessment.trajectory",
        subjects=[person.pk],
        obj=person,
    )
    return render(
        request,
        "assessments/trajectory.html",
        {"person": person, "trajectory": built, "svg": trajectory_svg(built) if built.rows else ""},
    )


@scoped_object("assessments.Assessment")
@require_http_methods(["GET", "POST"])
def assessment_report(request: ActorRequest, pk: str) -> HttpResponse:
    """GET: a copy for internal use (a consultation). POST: a copy for a named outside recipient,
    which is a disclosure and must say to whom, on what legal basis and why."""
    assessment = _assessment_or_404(request, pk)
    assessment_policy.require(request.actor, "report", assessment)
    recipient = ""
    if request.method == "POST":
        form = DisclosureForm(request.POST)
        if not form.is_valid():
            return render(
                request,
                "assessments/report_share.html",
                {"form": form, "assessment": assessment},
                status=400,
            )
        recipient = form.cleaned_data["recipient"]
        record(
            actor=request.actor,
            category=Category.DISCLOSURE,
            action="assessment.report_disclosed",
            subjects=[assessment.person_id],
            obj=assessment,
            recipient=recipient,
            legal_basis=form.cleaned_data["legal_basis"],
            justification=form.cleaned_data["purpose"],
        )
    else:
        _log_view(request, assessment, "assessment.report")
    definition = assessment.instrument_version.parsed
    ratings = {rating.item_code: rating for rating in assessment.ratings.all()}
    rows = [
        (
            item,
            _rating_labels(
                definition, item, ratings[item.code].ratings if item.code in ratings else {}
            ),
            ratings.get(item.code),
        )
        for item in definition.items
    ]
    pdf = assessment_report_pdf(
        assessment, rows=rows, recipient=recipient, reader=request.actor.user.display_name
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="assessment-{assessment.person.reference}.pdf"'
    )
    return response


@scoped_object("assessments.Assessment")
@require_GET
def report_share(request: ActorRequest, pk: str) -> HttpResponse:
    assessment = _assessment_or_404(request, pk)
    assessment_policy.require(request.actor, "report", assessment)
    return render(
        request,
        "assessments/report_share.html",
        {"form": DisclosureForm(), "assessment": assessment},
    )
