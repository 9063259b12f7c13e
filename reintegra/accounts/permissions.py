import rules
from django.db.models import QuerySet

from reintegra.accounts.actor import Actor
from reintegra.accounts.models import Membership, User
from reintegra.core.policy import Policy


@rules.predicate
def has_membership(actor: Actor) -> bool:
    return getattr(actor, "membership", None) is not None


class ColleaguePolicy(Policy[User]):
    """Staff see the colleagues of the organisation they are acting for, and no one else."""

    model = User
    rules = rules.RuleSet({"view": has_membership})

    def visible_to(self, actor: Actor) -> QuerySet[User]:
        if not self.allows(actor, "view") or actor.organisation_id is None:
            return User.objects.none()
        colleague_ids = (
            Membership.objects.current()
            .filter(organisation_id=actor.organisation_id)
            .values("user_id")
        )
        return User.objects.filter(pk__in=colleague_ids, is_active=True)


colleague_policy = ColleaguePolicy()
