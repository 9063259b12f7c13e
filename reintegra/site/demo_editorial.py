"""The demo's second pair of eyes: a reviewer beside the demo editor, in the Reviewers group.

The workflow itself (Editors submit, the "Review" task's Reviewers publish) is made by the
migration 0003_editorial_review_workflow, so it exists in production too.
"""

from django.contrib.auth.models import Group

from reintegra.accounts.models import Membership, User
from reintegra.core.roles import Role

DEMO_EDITOR = "al.editor"
DEMO_REVIEWER = "al.reviewer"


def demo_reviewer_seed() -> int:
    """Returns 1 when the reviewer was created; nothing happens without the demo editor."""
    editor = User.objects.filter(username=DEMO_EDITOR).first()
    membership = Membership.objects.filter(user=editor, role=Role.EDITOR).first()
    if editor is None or membership is None:
        return 0
    reviewer, created = User.objects.get_or_create(
        username=DEMO_REVIEWER,
        defaults={
            "first_name": "Drita",
            "last_name": "Hoxha",
            "email": f"{DEMO_REVIEWER}@demo.invalid",
            # The same demo password as every demo login.
            "password": editor.password,
        },
    )
    Membership.objects.get_or_create(
        user=reviewer, organisation=membership.organisation, role=Role.EDITOR
    )
    reviewer.groups.add(Group.objects.get(name="Reviewers"))
    return int(created)
