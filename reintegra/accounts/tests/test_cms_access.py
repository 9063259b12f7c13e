from django.contrib.auth.models import Group

from reintegra.accounts.tests.factories import MembershipFactory, UserFactory
from reintegra.core.roles import Role


def test_an_editor_reaches_the_cms_after_both_sign_in_steps(personas, client_for):
    editor = UserFactory(username="editor")
    MembershipFactory(user=editor, organisation=personas.ministry_a, role=Role.EDITOR)
    editor.groups.add(Group.objects.get(name="Editors"))
    response = client_for(editor).get("/cms/")
    assert response.status_code == 200
    assert "Content-Security-Policy" in response


def test_staff_without_the_editor_group_are_kept_out_of_the_cms(personas, client_for):
    response = client_for(personas.specialist).get("/cms/")
    assert response.status_code in (302, 403)
    assert not (response.status_code == 302 and response["Location"].startswith("/cms/"))


def test_the_cms_login_page_is_the_product_login(db, client):
    response = client.get("/cms/login/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/en/account/login/")
