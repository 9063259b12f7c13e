"""The catalogue, groups and enrolments. Sessions and their registers are in session_views.py."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.forms import Form
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from reintegra.audit.access import get_visible_or_404
from reintegra.audit.models import Category
from reintegra.audit.services import record
from reintegra.core.http import ActorRequest
from reintegra.core.scoping import scoped_object
from reintegra.programmes.forms import (
    CatalogueFilterForm,
    EnrolForm,
    EnrolmentEndForm,
    GroupForm,
    GroupStatusForm,
    ModuleForm,
    ProgrammeForm,
    SessionForm,
    SessionTemplateForm,
)
from reintegra.programmes.models import Group, GroupStatus, Programme, ProgrammeKind
from reintegra.programmes.permissions import enrolment_policy, group_policy, programme_policy
from reintegra.programmes.selectors import (
    catalogue,
    enrolments_visible_to,
    facilitator_candidates,
    facilities_for_groups,
    group_list,
    group_record,
    groups_visible_to,
    people_to_enrol,
    programme_with_modules,
    programmes_visible_to,
    session_templates_of,
    visible_person_ids,
)
from reintegra.programmes.services import (
    ProgrammeError,
    enrolment_create,
    enrolment_end,
    group_create,
    group_status_change,
    group_update,
    module_add,
    programme_create,
    programme_update,
    session_template_add,
)
from reintegra.programmes.sessions import session_schedule

PAGE_SIZE = 50


def _refused(form: Form, error: ProgrammeError) -> None:
    form.add_error(error.field if error.field in form.fields else None, str(error))


def _programme_or_404(request: ActorRequest, pk: str) -> Programme:
    return get_visible_or_404(programmes_visible_to(request.actor), actor=request.actor, pk=pk)


def _group_or_404(request: ActorRequest, pk: str) -> Group:
    return get_visible_or_404(groups_visible_to(request.actor), actor=request.actor, pk=pk)


# --- Catalogue -----------------------------------------------------------------------------------


@require_GET
def programme_list(request: ActorRequest) -> HttpResponse:
    programme_policy.require(request.actor, "view")
    form = CatalogueFilterForm(request.GET or None)
    kind, retired = "", False
    if form.is_bound and form.is_valid():
        kind, retired = form.cleaned_data["kind"], form.cleaned_data["retired"]
    return render(
        request,
        "programmes/programme_list.html",
        {
            "form": form,
            "programmes": catalogue(request.actor, kind=kind, include_retired=retired),
            "can_manage": programme_policy.allows(request.actor, "manage"),
        },
    )


@require_http_methods(["GET", "POST"])
def programme_new(request: ActorRequest) -> HttpResponse:
    programme_policy.require(request.actor, "manage")
    form = ProgrammeForm(request.POST or None, initial={"kind": ProgrammeKind.REHABILITATION})
    if request.method == "POST" and form.is_valid():
        try:
            programme = programme_create(actor=request.actor, values=form.values())
        except ProgrammeError as error:
            _refused(form, error)
        else:
            messages.success(request, _("The programme has been added to the catalogue."))
            return redirect("programmes:programme-detail", pk=programme.pk)
    return render(
        request,
        "programmes/programme_form.html",
        {"form": form, "programme": None},
        status=400 if form.errors else 200,
    )


@scoped_object("programmes.Programme")
@require_GET
def programme_detail(request: ActorRequest, pk: str) -> HttpResponse:
    programme = _programme_or_404(request, pk)
    return render(
        request,
        "programmes/programme_detail.html",
        {
            "programme": programme,
            "modules": programme_with_modules(programme),
            "groups": group_list(request.actor, status="", programme=programme)[:PAGE_SIZE],
            "can_manage": programme_policy.allows(request.actor, "manage"),
        },
    )


@scoped_object("programmes.Programme")
@require_http_methods(["GET", "POST"])
def programme_edit(request: ActorRequest, pk: str) -> HttpResponse:
    programme = _programme_or_404(request, pk)
    programme_policy.require(request.actor, "manage", programme)
    fields = ProgrammeForm.base_fields
    form = ProgrammeForm(
        request.POST or None, initial={name: getattr(programme, name) for name in fields}
    )
    if request.method == "POST" and form.is_valid():
        try:
            programme_update(actor=request.actor, programme=programme, values=form.values())
        except ProgrammeError as error:
            _refused(form, error)
        else:
            messages.success(request, _("The programme has been updated."))
            return redirect("programmes:programme-detail", pk=programme.pk)
    return render(
        request,
        "programmes/programme_form.html",
        {"form": form, "programme": programme},
        status=400 if form.errors else 200,
    )


@scoped_object("programmes.Programme")
@require_http_methods(["GET", "POST"])
def module_new(request: ActorRequest, pk: str) -> HttpResponse:
    programme = _programme_or_404(request, pk)
    programme_policy.require(request.actor, "manage", programme)
    form = ModuleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        module_add(actor=request.actor, programme=programme, **form.cleaned_data)
        messages.success(request, _("The module has been added."))
        return redirect("programmes:programme-detail", pk=programme.pk)
    return render(
        request,
        "programmes/module_form.html",
        {"form": form, "programme": programme},
        status=400 if form.errors else 200,
    )


@scoped_object("programmes.Programme")
@require_http_methods(["GET", "POST"])
def session_template_new(request: ActorRequest, pk: str) -> HttpResponse:
    programme = _programme_or_404(request, pk)
    programme_policy.require(request.actor, "manage", programme)
    modules = programme.modules.order_by("order")
    form = SessionTemplateForm(
        request.POST or None, modules=modules, initial={"module": request.GET.get("module")}
    )
    if request.method == "POST" and form.is_valid():
        session_template_add(actor=request.actor, **form.cleaned_data)
        messages.success(request, _("The session has been added to the module."))
        return redirect("programmes:programme-detail", pk=programme.pk)
    return render(
        request,
        "programmes/session_template_form.html",
        {"form": form, "programme": programme, "has_modules": modules.exists()},
        status=400 if form.errors else 200,
    )


# --- Groups --------------------------------------------------------------------------------------


def _group_form(request: ActorRequest, programme: Programme, **kwargs) -> GroupForm:
    facilities = facilities_for_groups(request.actor)
    return GroupForm(
        request.POST or None,
        facilities=facilities,
        candidates=facilitator_candidates(facilities),
        duration_weeks=programme.duration_weeks,
        **kwargs,
    )


@scoped_object("programmes.Programme")
@require_http_methods(["GET", "POST"])
def group_new(request: ActorRequest, pk: str) -> HttpResponse:
    programme = _programme_or_404(request, pk)
    group_policy.require(request.actor, "manage")
    form = _group_form(
        request,
        programme,
        initial={"facility": request.actor.facility_id, "start_date": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            group = group_create(actor=request.actor, programme=programme, values=form.values())
        except ProgrammeError as error:
            _refused(form, error)
        else:
            messages.success(request, _("The group has been set up."))
            return redirect("programmes:group-detail", pk=group.pk)
    return render(
        request,
        "programmes/group_form.html",
        {"form": form, "programme": programme, "group": None},
        status=400 if form.errors else 200,
    )


@require_GET
def group_list_view(request: ActorRequest) -> HttpResponse:
    group_policy.require(request.actor, "view")
    status = request.GET.get("status", "open")
    if status not in {"open", "", *GroupStatus.values}:
        status = "open"
    page = Paginator(group_list(request.actor, status=status), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "programmes/group_list.html",
        {"page": page, "status": status, "statuses": GroupStatus.choices},
    )


@scoped_object("programmes.Group")
@require_GET
def group_detail(request: ActorRequest, pk: str) -> HttpResponse:
    group = _group_or_404(request, pk)
    built = group_record(request.actor, group)
    facilitators = list(group.facilitators.order_by("last_name", "first_name"))
    if built.enrolments:
        record(
            actor=request.actor,
            category=Category.CONSULTATION,
            action="programme.group_view",
            subjects=[enrolment.person_id for enrolment in built.enrolments],
            obj=group,
        )
    can_manage = group.is_open and group_policy.allows(request.actor, "manage")
    is_facilitator = any(user.pk == request.actor.user_id for user in facilitators)
    return render(
        request,
        "programmes/group_detail.html",
        {
            "group": group,
            "record": built,
            "rows": built.rows(),
            "facilitators": facilitators,
            "enrolled": sum(1 for e in built.enrolments if e.is_active),
            "can_manage": can_manage,
            "can_end_enrolments": group_policy.allows(request.actor, "manage"),
            "can_record": group.is_open and (can_manage or is_facilitator),
            "now": timezone.now(),
        },
    )


@scoped_object("programmes.Group")
@require_http_methods(["GET", "POST"])
def group_edit(request: ActorRequest, pk: str) -> HttpResponse:
    group = _group_or_404(request, pk)
    group_policy.require(request.actor, "manage", group)
    form = _group_form(
        request,
        group.programme,
        initial={
            "name": group.name,
            "facility": group.facility_id,
            "start_date": group.start_date,
            "end_date": group.end_date,
            "capacity": group.capacity,
            "facilitators": list(group.facilitators.values_list("pk", flat=True)),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            group_update(actor=request.actor, group=group, values=form.values())
        except ProgrammeError as error:
            _refused(form, error)
        else:
            messages.success(request, _("The group has been updated."))
            return redirect("programmes:group-detail", pk=group.pk)
    return render(
        request,
        "programmes/group_form.html",
        {"form": form, "programme": group.programme, "group": group},
        status=400 if form.errors else 200,
    )


@scoped_object("programmes.Group")
@require_POST
def group_status(request: ActorRequest, pk: str) -> HttpResponse:
    group = _group_or_404(request, pk)
    group_policy.require(request.actor, "manage", group)
    form = GroupStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose what to do with the group."))
        return redirect("programmes:group-detail", pk=group.pk)
    try:
        group_status_change(
            actor=request.actor,
            group=group,
            status=form.cleaned_data["status"],
            reason=form.cleaned_data["reason"],
            today=timezone.localdate(),
        )
    except ProgrammeError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The group's status has been changed."))
    return redirect("programmes:group-detail", pk=group.pk)


# --- Enrolment -----------------------------------------------------------------------------------


@scoped_object("programmes.Group")
@require_http_methods(["GET", "POST"])
def enrol(request: ActorRequest, pk: str) -> HttpResponse:
    group = _group_or_404(request, pk)
    group_policy.require(request.actor, "manage", group)
    people = people_to_enrol(request.actor, group)
    form = EnrolForm(
        request.POST or None, people=people, initial={"enrolled_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        person = form.cleaned_data["person"]
        try:
            enrolment_create(
                actor=request.actor,
                group=group,
                person=person,
                enrolled_on=form.cleaned_data["enrolled_on"],
                today=timezone.localdate(),
            )
        except ProgrammeError as error:
            _refused(form, error)
        else:
            messages.success(
                request,
                _("%(reference)s has been enrolled.") % {"reference": person.reference},
            )
            return redirect("programmes:group-detail", pk=group.pk)
    candidates = list(people)
    if candidates:
        # The list names everyone who could be enrolled: a consultation of each of them.
        record(
            actor=request.actor,
            category=Category.CONSULTATION,
            action="programme.enrol_open",
            subjects=[person.pk for person in candidates],
            obj=group,
        )
    return render(
        request,
        "programmes/enrol_form.html",
        {"form": form, "group": group, "has_candidates": bool(candidates)},
        status=400 if form.errors else 200,
    )


@scoped_object("programmes.Enrolment")
@require_http_methods(["GET", "POST"])
def enrolment_end_view(request: ActorRequest, pk: str) -> HttpResponse:
    enrolment = get_visible_or_404(enrolments_visible_to(request.actor), actor=request.actor, pk=pk)
    enrolment_policy.require(request.actor, "end", enrolment)
    if not enrolment.is_active:
        messages.info(request, _("This enrolment has already ended."))
        return redirect("programmes:group-detail", pk=enrolment.group_id)
    form = EnrolmentEndForm(
        request.POST or None,
        initial={"completion_date": min(timezone.localdate(), enrolment.group.end_date)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            enrolment_end(
                actor=request.actor,
                enrolment=enrolment,
                today=timezone.localdate(),
                **form.cleaned_data,
            )
        except ProgrammeError as error:
            _refused(form, error)
        else:
            messages.success(request, _("The outcome has been recorded."))
            return redirect("programmes:group-detail", pk=enrolment.group_id)
    if request.method == "GET":
        record(
            actor=request.actor,
            category=Category.CONSULTATION,
            action="programme.enrolment_view",
            subjects=[enrolment.person_id],
            obj=enrolment,
        )
    return render(
        request,
        "programmes/enrolment_end_form.html",
        {
            "form": form,
            "enrolment": enrolment,
            "group": enrolment.group,
            "person_visible": bool(visible_person_ids(request.actor, [enrolment.person_id])),
        },
        status=400 if form.errors else 200,
    )


# --- Sessions ------------------------------------------------------------------------------------


@scoped_object("programmes.Group")
@require_http_methods(["GET", "POST"])
def session_new(request: ActorRequest, pk: str) -> HttpResponse:
    group = _group_or_404(request, pk)
    group_policy.require(request.actor, "manage", group)
    form = SessionForm(request.POST or None, templates=session_templates_of(group.programme))
    if request.method == "POST" and form.is_valid():
        try:
            session_schedule(actor=request.actor, group=group, values=form.values())
        except ProgrammeError as error:
            _refused(form, error)
        else:
            messages.success(request, _("The session has been scheduled."))
            return redirect("programmes:group-detail", pk=group.pk)
    return render(
        request,
        "programmes/session_form.html",
        {"form": form, "group": group},
        status=400 if form.errors else 200,
    )
