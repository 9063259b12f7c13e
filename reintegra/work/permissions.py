import rules

from reintegra.core.roles import Role

SUPERVISING_ROLES = frozenset({Role.SUPERVISOR, Role.PRISON_MANAGER})


@rules.predicate
def supervises(actor) -> bool:
    return actor.role in SUPERVISING_ROLES


work_rules = rules.RuleSet({"view_team": supervises})
