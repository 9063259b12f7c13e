"""Who sits on a forum: member organisations joining and leaving, and their representatives."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from reintegra.accounts.models import User
from reintegra.audit.access import get_visible_or_404
from reintegra.core.http import ActorRequest
from reintegra.core.scoping import scoped_object
from reintegra.forums.forms import MemberForm, MemberLeaveForm, RepresentativeForm
from reintegra.forums.permissions import member_policy, representative_policy
from reintegra.forums.selectors import (
    members_visible_to,
    organisations_to_join,
    representatives_visible_to,
)
from reintegra.forums.services import (
    ForumError,
    member_add,
    member_leave,
    representative_add,
    representative_remove,
)
from reintegra.forums.views import form_status, forum_or_404


@scoped_object("forums.Forum")
@require_http_methods(["GET", "POST"])
def member_new(request: ActorRequest, pk: str) -> HttpResponse:
    forum = forum_or_404(request, pk)
    member_policy.require(request.actor, "manage")
    form = MemberForm(
        request.POST or None,
        organisations=organisations_to_join(forum),
        initial={"joined_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            member_add(actor=request.actor, forum=forum, **form.cleaned_data)
        except ForumError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The organisation has joined the forum."))
            return redirect("forums:forum-detail", pk=forum.pk)
    return render(
        request, "forums/member_form.html", {"form": form, "forum": forum}, status=form_status(form)
    )


@scoped_object("forums.ForumMember")
@require_http_methods(["GET", "POST"])
def member_leave_view(request: ActorRequest, pk: str) -> HttpResponse:
    """Asks for the date and confirms; the member's representatives leave with it."""
    member_policy.require(request.actor, "view")
    member = get_visible_or_404(members_visible_to(request.actor), actor=request.actor, pk=pk)
    member_policy.require(request.actor, "manage")
    form = MemberLeaveForm(request.POST or None, initial={"left_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            member_leave(actor=request.actor, member=member, **form.cleaned_data)
        except ForumError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("%(organisation)s has left the forum.")
                % {"organisation": member.organisation.name},
            )
            return redirect("forums:forum-detail", pk=member.forum_id)
    return render(
        request,
        "forums/member_leave.html",
        {
            "form": form,
            "member": member,
            "forum": member.forum,
            "representatives": member.representatives.filter(removed_on__isnull=True),
        },
        status=form_status(form),
    )


@scoped_object("forums.ForumMember")
@require_http_methods(["GET", "POST"])
def representative_new(request: ActorRequest, pk: str) -> HttpResponse:
    representative_policy.require(request.actor, "view")
    member = get_visible_or_404(members_visible_to(request.actor), actor=request.actor, pk=pk)
    representative_policy.require(request.actor, "manage")
    users = User.objects.filter(
        is_active=True,
        memberships__organisation_id=member.organisation_id,
        memberships__is_active=True,
    ).distinct()
    form = RepresentativeForm(request.POST or None, users=users)
    if request.method == "POST" and form.is_valid():
        try:
            representative_add(actor=request.actor, member=member, **form.cleaned_data)
        except ForumError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The representative has been added."))
            return redirect("forums:forum-detail", pk=member.forum_id)
    return render(
        request,
        "forums/representative_form.html",
        {"form": form, "member": member, "forum": member.forum},
        status=form_status(form),
    )


@scoped_object("forums.Representative")
@require_http_methods(["GET", "POST"])
def representative_remove_view(request: ActorRequest, pk: str) -> HttpResponse:
    """A confirmation page first; the removal happens only on its POST."""
    representative_policy.require(request.actor, "view")
    representative = get_visible_or_404(
        representatives_visible_to(request.actor), actor=request.actor, pk=pk
    )
    representative_policy.require(request.actor, "manage")
    forum = representative.member.forum
    if request.method == "POST":
        try:
            representative_remove(
                actor=request.actor, representative=representative, today=timezone.localdate()
            )
        except ForumError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("%(name)s no longer represents %(organisation)s.")
                % {
                    "name": representative.full_name,
                    "organisation": representative.member.organisation.name,
                },
            )
        return redirect("forums:forum-detail", pk=forum.pk)
    return render(
        request,
        "forums/representative_remove.html",
        {"representative": representative, "forum": forum},
    )
