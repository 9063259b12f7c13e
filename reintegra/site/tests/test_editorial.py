import datetime as dt

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale, Page, Site, WorkflowState

from reintegra.accounts.tests.factories import MembershipFactory, UserFactory
from reintegra.core.roles import Role
from reintegra.site.models import HomePage, NewsIndexPage, NewsPage


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def news_index(db):
    english = Locale.objects.get_or_create(language_code="en")[0]
    home = _publish(
        Page.get_first_root_node(), HomePage(title="Home", slug="ed-home", locale=english)
    )
    Site.objects.update_or_create(
        is_default_site=True, defaults={"root_page": home, "hostname": "localhost"}
    )
    return _publish(home, NewsIndexPage(title="News", slug="news"))


def _staff(personas, username, group):
    user = UserFactory(username=username)
    MembershipFactory(user=user, organisation=personas.ministry_a, role=Role.EDITOR)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(personas):
    return _staff(personas, "editor", "Editors")


@pytest.fixture
def reviewer(personas):
    return _staff(personas, "reviewer", "Reviewers")


def _form_data(html, form_id="page-edit-form"):
    """What a browser would send from the admin's page form, as rendered."""
    form = BeautifulSoup(html, "html.parser").find("form", id=form_id)
    data: dict[str, str | list[str]] = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.get("type") in ("submit", "button", "file"):
            continue
        if field.get("type") in ("checkbox", "radio") and not field.has_attr("checked"):
            continue
        if field.name == "textarea":
            data[name] = field.text
        elif field.name == "select" and field.has_attr("multiple"):
            values = [o.get("value", "") for o in field.find_all("option", selected=True)]
            if values:
                data[name] = values
        elif field.name == "select":
            chosen = field.find("option", selected=True)
            data[name] = chosen.get("value", "") if chosen else ""
        else:
            data[name] = field.get("value", "")
    return data


def _draft(news_index):
    item = NewsPage(
        title="Study visit to North Macedonia",
        slug="study-visit",
        date=dt.date(2022, 7, 6),
        summary="Prison staff compared screening practice.",
        live=False,
    )
    news_index.add_child(instance=item)
    item.save_revision()
    return item


def test_the_review_workflow_covers_the_whole_site(db):
    root = Page.get_first_root_node()
    workflow = root.get_workflow()
    assert workflow.name == "Editorial review"
    assert [task.name for task in workflow.tasks] == ["Review"]
    assert list(workflow.tasks[0].specific.groups.values_list("name", flat=True)) == ["Reviewers"]
    editors = Group.objects.get(name="Editors")
    assert editors.permissions.filter(codename="submit_translation").exists()
    assert editors.permissions.filter(codename="change_publication").exists()
    assert not editors.page_permissions.filter(permission__codename="publish_page").exists()
    reviewers = Group.objects.get(name="Reviewers")
    assert reviewers.page_permissions.filter(permission__codename="publish_page").exists()


def test_an_editor_can_submit_for_review_but_cannot_publish(news_index, editor, client_for):
    item = _draft(news_index)
    client = client_for(editor)
    edit_url = reverse("wagtailadmin_pages:edit", args=[item.pk])
    data = _form_data(client.get(edit_url).content.decode())
    assert not item.permissions_for_user(editor).can_publish()

    client.post(edit_url, {**data, "title": "Study visit (edited)", "action-publish": "publish"})
    item.refresh_from_db()
    assert not item.live

    response = client.post(edit_url, {**data, "action-submit": "submit"})
    assert response.status_code == 302, BeautifulSoup(response.content, "html.parser").select(
        ".error-message, .help-critical, [role=alert]"
    )
    item.refresh_from_db()
    assert not item.live
    state = WorkflowState.objects.get(object_id=str(item.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.task.name == "Review"
    assert client_for(editor).get("/en/news/study-visit/").status_code == 404


def test_a_reviewer_approves_and_the_page_goes_live(
    news_index, editor, reviewer, client_for, client
):
    item = _draft(news_index)
    item.get_workflow().start(item, editor)
    state = WorkflowState.objects.get(object_id=str(item.pk))
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[item.pk, "approve", state.current_task_state.pk],
    )
    assert client_for(editor).post(url, {"comment": ""}).status_code in (302, 403)
    item.refresh_from_db()
    assert not item.live

    response = client_for(reviewer).post(url, {"comment": "Checked the facts."})
    assert response.status_code in (200, 302)
    item.refresh_from_db()
    assert item.live
    assert client.get("/en/news/study-visit/").status_code == 200
    assert item.revisions.count() >= 1


def test_an_approved_page_with_a_future_go_live_waits_for_publish_scheduled(
    news_index, reviewer, client
):
    item = _draft(news_index)
    item.go_live_at = timezone.now() + dt.timedelta(hours=2)
    revision = item.save_revision(user=reviewer)
    revision.publish(user=reviewer)
    item.refresh_from_db()
    assert not item.live
    call_command("publish_scheduled")
    item.refresh_from_db()
    assert not item.live

    with time_machine.travel(timezone.now() + dt.timedelta(hours=3)):
        call_command("publish_scheduled")
    item.refresh_from_db()
    assert item.live
    assert client.get("/en/news/study-visit/").status_code == 200


def test_the_cms_holds_an_editor_at_the_second_factor(editor, client, settings):
    client.force_login(editor)
    response = client.get("/cms/")
    assert response.status_code == 302
    assert not response["Location"].startswith("/cms/")


def test_the_demo_has_a_reviewer_beside_the_editor(personas):
    from reintegra.site.demo_editorial import demo_reviewer_seed

    editor = _staff(personas, "al.editor", "Editors")
    assert demo_reviewer_seed() == 1
    assert demo_reviewer_seed() == 0
    reviewer = type(editor).objects.get(username="al.reviewer")
    assert reviewer.groups.filter(name="Reviewers").exists()
    assert reviewer.password == editor.password
