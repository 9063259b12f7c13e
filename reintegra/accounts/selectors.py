from django.db.models import Prefetch, QuerySet

from reintegra.accounts.actor import Actor
from reintegra.accounts.models import Membership, User
from reintegra.accounts.permissions import colleague_policy


def colleagues_visible_to(actor: Actor) -> QuerySet[User]:
    if actor.organisation_id is None:
        return User.objects.none()
    return (
        colleague_policy.visible_to(actor)
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.current()
                .filter(organisation_id=actor.organisation_id)
                .select_related("facility"),
                to_attr="shared_memberships",
            )
        )
        .order_by("last_name", "first_name", "username")
    )
