import re
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from reintegra.accounts.middleware import mfa_exempt
from reintegra.audit.access import get_visible_or_404
from reintegra.audit.models import Category
from reintegra.audit.services import record
from reintegra.core.exports import csv_rows
from reintegra.core.http import ActorRequest
from reintegra.core.scoping import scoped_object
from reintegra.training import imports
from reintegra.training.certificates import certificate_pdf
from reintegra.training.exports import matrix_table, matrix_xlsx
from reintegra.training.forms import (
    CompletionForm,
    CourseForm,
    EventForm,
    GapFilterForm,
    ImportForm,
    MatrixCellForm,
    RegistrationForm,
    RevokeForm,
    SessionForm,
)
from reintegra.training.gaps import GapFilter, GapStatus, gap_analysis
from reintegra.training.models import Certificate, Course, TrainingEvent
from reintegra.training.permissions import (
    certificate_policy,
    completion_policy,
    course_policy,
    event_policy,
    matrix_policy,
    participant_policy,
)
from reintegra.training.selectors import (
    certificates_visible_to,
    completions_visible_to,
    courses_visible_to,
    event_register,
    events_visible_to,
    jurisdictions_in_scope,
    matrix_grid,
    matrix_version,
    organisations_for,
    participant_completions,
    participants_visible_to,
    registered_participants,
)
from reintegra.training.services import (
    TrainingError,
    attendance_save,
    certificate_issue,
    certificate_revoke,
    completion_record,
    course_save,
    event_save,
    matrix_cell_set,
    participant_create,
    registration_set,
    session_add,
)

CODE_SHAPE = re.compile(r"^[A-Za-z0-9_-]{32}$")


def _add_problems(form: Any, error: TrainingError) -> None:
    for problem in error.problems:
        form.add_error(None, problem)


def _log(request: ActorRequest, action: str, obj: Any, subjects: list) -> None:
    record(
        actor=request.actor,
        category=Category.CONSULTATION,
        action=action,
        subjects=subjects,
        obj=obj,
    )


# --- Overview and catalogue ----------------------------------------------------------------------


@require_GET
def home(request: ActorRequest) -> HttpResponse:
    actor = request.actor
    event_policy.require(actor, "view")
    return render(
        request,
        "training/home.html",
        {
            "events": list(events_visible_to(actor)[:50]),
            "courses": list(courses_visible_to(actor).order_by("title")),
            "can_manage": event_policy.allows(actor, "manage"),
        },
    )


@require_http_methods(["GET", "POST"])
def course_new(request: ActorRequest) -> HttpResponse:
    return _course_form(request, None)


@scoped_object("training.Course")
@require_http_methods(["GET", "POST"])
def course_edit(request: ActorRequest, pk: str) -> HttpResponse:
    course_policy.require(request.actor, "view")
    course = get_visible_or_404(courses_visible_to(request.actor), actor=request.actor, pk=pk)
    return _course_form(request, course)


def _course_form(request: ActorRequest, course: Course | None) -> HttpResponse:
    course_policy.require(request.actor, "manage")
    form = CourseForm(
        request.POST or None, initial=CourseForm.initial_for(course) if course else None
    )
    if request.method == "POST" and form.is_valid():
        try:
            course = course_save(actor=request.actor, data=form.values(), course=course)
        except TrainingError as error:
            _add_problems(form, error)
        else:
            messages.success(request, _("The course has been saved."))
            return redirect("training:course-detail", pk=course.pk)
    return render(
        request,
        "training/course_form.html",
        {"form": form, "course": course},
        status=400 if form.errors else 200,
    )


@scoped_object("training.Course")
@require_GET
def course_detail(request: ActorRequest, pk: str) -> HttpResponse:
    course_policy.require(request.actor, "view")
    course = get_visible_or_404(courses_visible_to(request.actor), actor=request.actor, pk=pk)
    return render(
        request,
        "training/course_detail.html",
        {
            "course": course,
            "grants": list(course.grants.select_related("competence")),
            "events": list(events_visible_to(request.actor).filter(course=course)),
            "can_manage": course_policy.allows(request.actor, "manage"),
        },
    )


# --- Events --------------------------------------------------------------------------------------


def _event_or_404(request: ActorRequest, pk: str) -> TrainingEvent:
    event_policy.require(request.actor, "view")
    return get_visible_or_404(events_visible_to(request.actor), actor=request.actor, pk=pk)


@require_http_methods(["GET", "POST"])
def event_new(request: ActorRequest) -> HttpResponse:
    actor = request.actor
    event_policy.require(actor, "manage")
    form = EventForm(
        request.POST or None,
        courses=courses_visible_to(actor).filter(is_active=True).order_by("title"),
        trainers=participants_visible_to(actor),
    )
    if request.method == "POST" and form.is_valid():
        try:
            event = event_save(actor=actor, data=form.values(actor.membership.organisation))
        except TrainingError as error:
            _add_problems(form, error)
        else:
            messages.success(request, _("The event has been created. Add its sessions."))
            return redirect("training:event-detail", pk=event.pk)
    return render(
        request, "training/event_form.html", {"form": form}, status=400 if form.errors else 200
    )


@scoped_object("training.TrainingEvent")
@require_GET
def event_detail(request: ActorRequest, pk: str) -> HttpResponse:
    event = _event_or_404(request, pk)
    actor = request.actor
    sessions, rows = event_register(event)
    _log(request, "training.event_view", event, [row.registration.participant_id for row in rows])
    return render(
        request,
        "training/event_detail.html",
        {
            "event": event,
            "trainers": list(event.trainers.all()),
            "sessions": sessions,
            "rows": rows,
            "can_manage": event_policy.allows(actor, "manage"),
            "can_take_attendance": event_policy.allows(actor, "attendance"),
            "session_form": SessionForm(),
        },
    )


@scoped_object("training.TrainingEvent")
@require_POST
def session_new(request: ActorRequest, pk: str) -> HttpResponse:
    event = _event_or_404(request, pk)
    event_policy.require(request.actor, "manage")
    form = SessionForm(request.POST)
    if form.is_valid():
        try:
            session_add(actor=request.actor, event=event, **form.cleaned_data)
        except TrainingError as error:
            for problem in error.problems:
                messages.error(request, problem)
        else:
            messages.success(request, _("The session has been added."))
    else:
        messages.error(request, _("Give the session's day and topic."))
    return redirect("training:event-detail", pk=event.pk)


@scoped_object("training.TrainingEvent")
@require_http_methods(["GET", "POST"])
def registration_new(request: ActorRequest, pk: str) -> HttpResponse:
    event = _event_or_404(request, pk)
    actor = request.actor
    event_policy.require(actor, "manage")
    form = RegistrationForm(
        request.POST or None,
        participants=participants_visible_to(actor),
        organisations=organisations_for(actor),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            participant = data["participant"] or participant_create(
                actor=actor,
                full_name=data["full_name"],
                email=data["email"],
                organisation=data["organisation"],
                role=data["role"],
            )
            registration_set(actor=actor, event=event, participant=participant, state=data["state"])
        except TrainingError as error:
            _add_problems(form, error)
        else:
            messages.success(request, _("The registration has been saved."))
            return redirect("training:event-detail", pk=event.pk)
    return render(
        request,
        "training/registration_form.html",
        {"form": form, "event": event},
        status=400 if form.errors else 200,
    )


@scoped_object("training.TrainingEvent")
@require_POST
def attendance_view(request: ActorRequest, pk: str) -> HttpResponse:
    event = _event_or_404(request, pk)
    event_policy.require(request.actor, "attendance")
    pairs = set()
    for value in request.POST.getlist("present"):
        session_id, _sep, registration_id = value.partition(":")
        pairs.add((session_id, registration_id))
    try:
        attendance_save(actor=request.actor, event=event, present=pairs)
    except TrainingError as error:
        for problem in error.problems:
            messages.error(request, problem)
    else:
        messages.success(request, _("Attendance has been recorded."))
    return redirect("training:event-detail", pk=event.pk)


@scoped_object("training.TrainingEvent")
@require_http_methods(["GET", "POST"])
def completion_new(request: ActorRequest, pk: str) -> HttpResponse:
    event = _event_or_404(request, pk)
    event_policy.require(request.actor, "manage")
    form = CompletionForm(
        request.POST or None,
        participants=registered_participants(event),
        initial={"completed_on": min(event.ends_on, timezone.localdate())},
    )
    if request.method == "POST" and form.is_valid():
        try:
            completion_record(actor=request.actor, event=event, **form.cleaned_data)
        except TrainingError as error:
            _add_problems(form, error)
        else:
            messages.success(request, _("The completion has been recorded."))
            return redirect("training:event-detail", pk=event.pk)
    return render(
        request,
        "training/completion_form.html",
        {"form": form, "event": event},
        status=400 if form.errors else 200,
    )


# --- Participants -------------------------------------------------------


@scoped_object("training.Participant")
@require_GET
def participant_detail(request: ActorRequest, pk: str) -> HttpResponse:
    participant_policy.require(request.actor, "view")
    participant = get_visible_or_404(
        participants_visible_to(request.actor), actor=request.actor, pk=pk
    )
    _log(request, "training.participant_view", participant, [participant.pk])
    today = timezone.localdate()
    completions = participant_completions(participant)
    return render(
        request,
        "training/participant_detail.html",
        {
            "participant": participant,
            "rows": [(c, c.is_current(today)) for c in completions],
            "registrations": list(participant.registrations.select_related("event")),
            "can_manage": participant_policy.allows(request.actor, "manage"),
        },
    )


# --- Certificates --------------------------------------------------------------------------------


@scoped_object("training.Completion")
@require_POST
def certificate_issue_view(request: ActorRequest, pk: str) -> HttpResponse:
    certificate_policy.require(request.actor, "view")
    completion = get_visible_or_404(
        completions_visible_to(request.actor), actor=request.actor, pk=pk
    )
    certificate_policy.require(request.actor, "issue")
    certificate = certificate_issue(actor=request.actor, completion=completion)
    messages.success(request, _("The certificate has been issued."))
    return redirect("training:certificate-detail", pk=certificate.pk)


def _certificate_or_404(request: ActorRequest, pk: str) -> Certificate:
    certificate_policy.require(request.actor, "view")
    return get_visible_or_404(certificates_visible_to(request.actor), actor=request.actor, pk=pk)


def _verify_url(request: ActorRequest, certificate: Certificate) -> str:
    return request.build_absolute_uri(reverse("training:verify", args=[certificate.code]))


@scoped_object("training.Certificate")
@require_GET
def certificate_detail(request: ActorRequest, pk: str) -> HttpResponse:
    certificate = _certificate_or_404(request, pk)
    _log(
        request,
        "training.certificate_view",
        certificate,
        [certificate.completion.participant_id],
    )
    return render(
        request,
        "training/certificate_detail.html",
        {
            "certificate": certificate,
            "completion": certificate.completion,
            "verify_url": _verify_url(request, certificate),
            "can_revoke": certificate_policy.allows(request.actor, "revoke", certificate),
        },
    )


@scoped_object("training.Certificate")
@require_GET
def certificate_pdf_view(request: ActorRequest, pk: str) -> HttpResponse:
    certificate = _certificate_or_404(request, pk)
    _log(request, "training.certificate_pdf", certificate, [certificate.completion.participant_id])
    pdf = certificate_pdf(certificate, verify_url=_verify_url(request, certificate))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.pk}.pdf"'
    return response


@scoped_object("training.Certificate")
@require_http_methods(["GET", "POST"])
def certificate_revoke_view(request: ActorRequest, pk: str) -> HttpResponse:
    certificate = _certificate_or_404(request, pk)
    certificate_policy.require(request.actor, "revoke", certificate)
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            certificate_revoke(
                actor=request.actor, certificate=certificate, reason=form.cleaned_data["reason"]
            )
        except TrainingError as error:
            _add_problems(form, error)
        else:
            messages.success(request, _("The certificate has been revoked."))
            return redirect("training:certificate-detail", pk=certificate.pk)
    return render(
        request,
        "training/certificate_revoke.html",
        {"form": form, "certificate": certificate, "completion": certificate.completion},
        status=400 if form.errors else 200,
    )


@login_not_required
@mfa_exempt
@require_GET
def verify(request: ActorRequest, code: str) -> HttpResponse:
    """The public check of a certificate: only the name, course, dates and whether it stands.
    A malformed or unknown code says so and shows nothing else."""
    certificate = None
    problem = ""
    if not CODE_SHAPE.match(code):
        problem = _(
            "This is not a certificate code. Check the link or the code on the certificate."
        )
    else:
        certificate = (
            Certificate.objects.select_related("completion__participant", "completion__course")
            .filter(code=code)
            .first()
        )
        if certificate is None:
            problem = _("No certificate has this code. It may have been mistyped.")
    if certificate is not None:
        record(
            actor=request.actor,
            category=Category.CONSULTATION,
            action="training.certificate_verify",
            subjects=[certificate.completion.participant_id],
            obj=certificate,
        )
    today = timezone.localdate()
    response = render(
        request,
        "training/verify.html",
        {
            "certificate": certificate,
            "completion": certificate.completion if certificate else None,
            "is_current": certificate.completion.is_current(today) if certificate else False,
            "problem": problem,
        },
        status=404 if problem else 200,
    )
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response


# --- The training framework matrix ---------------------------------------------------------------


def _matrix_jurisdiction(request: ActorRequest) -> str | None:
    """The actor's jurisdiction; the regional team chooses one (none: the regional matrix)."""
    from reintegra.training.permissions import REGIONAL

    if request.actor.role in REGIONAL:
        return request.GET.get("jurisdiction") or None
    return request.actor.jurisdiction_code or None


def _matrix_context(request: ActorRequest):
    matrix_policy.require(request.actor, "view")
    jurisdiction_id = _matrix_jurisdiction(request)
    raw = request.GET.get("version", "")
    number = int(raw) if raw.isdigit() else None
    version = matrix_version(request.actor, jurisdiction_id, number)
    if number is not None and version is None:
        raise Http404
    return jurisdiction_id, version, matrix_grid(version)


@require_GET
def matrix(request: ActorRequest) -> HttpResponse:
    jurisdiction_id, version, grid = _matrix_context(request)
    latest = matrix_version(request.actor, jurisdiction_id, None)
    return render(
        request,
        "training/matrix.html",
        {
            "grid": grid,
            "version": version,
            "latest": latest,
            "jurisdiction_id": jurisdiction_id,
            "can_edit": matrix_policy.allows(request.actor, "edit")
            and (version is None or version == latest),
        },
    )


@require_http_methods(["GET", "POST"])
def matrix_cell(request: ActorRequest) -> HttpResponse:
    matrix_policy.require(request.actor, "edit")
    jurisdiction_id = request.actor.jurisdiction_code or None
    initial = {"role": request.GET.get("role", ""), "competence": request.GET.get("competence")}
    form = MatrixCellForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            matrix_cell_set(
                actor=request.actor,
                jurisdiction_id=jurisdiction_id,
                role=data["role"],
                competence=data["competence"],
                level=data["level"],
                courses=data["courses"],
            )
        except TrainingError as error:
            _add_problems(form, error)
        else:
            messages.success(request, _("The matrix has been updated: a new version is in force."))
            return redirect("training:matrix")
    return render(
        request, "training/matrix_cell.html", {"form": form}, status=400 if form.errors else 200
    )


@require_GET
def matrix_export_csv(request: ActorRequest) -> StreamingHttpResponse:
    _jurisdiction_id, version, grid = _matrix_context(request)
    header, rows = matrix_table(grid)
    response = StreamingHttpResponse(csv_rows(header, rows), content_type="text/csv")
    number = version.number if version else 0
    response["Content-Disposition"] = f'attachment; filename="training-matrix-v{number}.csv"'
    return response


@require_GET
def matrix_export_xlsx(request: ActorRequest) -> HttpResponse:
    jurisdiction_id, version, grid = _matrix_context(request)
    number = version.number if version else 0
    title = _("Training framework matrix %(jurisdiction)s, version %(number)s") % {
        "jurisdiction": jurisdiction_id or _("(regional)"),
        "number": number,
    }
    response = HttpResponse(
        matrix_xlsx(grid, title),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="training-matrix-v{number}.xlsx"'
    return response


# --- Gap analysis --------------------------------------------------------------------------------

GAP_PAGE_SIZE = 100


@require_GET
def gaps(request: ActorRequest) -> HttpResponse:
    actor = request.actor
    participant_policy.require(actor, "view")
    jurisdictions = jurisdictions_in_scope(actor)
    form = GapFilterForm(
        request.GET or None, jurisdictions=jurisdictions, organisations=organisations_for(actor)
    )
    data = form.cleaned_data if form.is_valid() else {}
    filters = GapFilter(
        jurisdiction_id=data.get("jurisdiction") or None,
        organisation_id=data["organisation"].pk if data.get("organisation") else None,
        facility_id=data["facility"].pk if data.get("facility") else None,
        role=data.get("role") or "",
        participant_id=data.get("participant"),
        status=data.get("status") or "",
    )
    report = gap_analysis(
        jurisdictions={code for code, _name in jurisdictions},
        filters=filters,
        today=timezone.localdate(),
    )
    # The report is sliced lazily: only this page's rows are built.
    page = Paginator(report, GAP_PAGE_SIZE).get_page(request.GET.get("page"))
    _log(
        request,
        "training.gaps_view",
        None,
        sorted({str(row.participant_id) for row in page if row.participant_id}),
    )
    return render(
        request,
        "training/gaps.html",
        {
            "form": form,
            "page": page,
            "summaries": report.summaries,
            "statuses": [(s, GapStatus.LABELS[s], GapStatus.FILL[s]) for s in GapStatus.ORDER],
            "total": len(report),
        },
    )


# --- Importing completions -----------------------------------------------------------------------

IMPORT_SESSION_KEY = "training_import_csv"


@require_http_methods(["GET", "POST"])
def import_upload(request: ActorRequest) -> HttpResponse:
    """Upload, then a preview with every row's problems; nothing is written here."""
    completion_policy.require(request.actor, "manage")
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        text = None
        if upload.size > imports.MAX_BYTES:
            form.add_error("file", _("The file is larger than 5 MB."))
        else:
            text = imports.decode(upload.read())
            if text is None:
                form.add_error("file", _("The file is not a text (CSV) file."))
        if text is not None:
            result = imports.check(text, today=timezone.localdate())
            if result.is_clean:
                request.session[IMPORT_SESSION_KEY] = text
            else:
                request.session.pop(IMPORT_SESSION_KEY, None)
    return render(
        request,
        "training/import.html",
        {"form": form, "result": result},
        status=400 if form.errors or (result and not result.is_clean) else 200,
    )


@require_POST
def import_confirm(request: ActorRequest) -> HttpResponse:
    completion_policy.require(request.actor, "manage")
    text = request.session.pop(IMPORT_SESSION_KEY, None)
    if text is None:
        messages.error(request, _("Upload the file again: nothing was waiting to be imported."))
        return redirect("training:import")
    result = imports.check(text, today=timezone.localdate())
    if not result.is_clean:
        messages.error(request, _("The file has problems now; nothing was imported."))
        return redirect("training:import")
    written = imports.apply(actor=request.actor, result=result)
    messages.success(
        request,
        ngettext(
            "%(count)s completion has been imported.",
            "%(count)s completions have been imported.",
            written,
        )
        % {"count": written},
    )
    return redirect("training:home")
