"""The roles a membership can carry: shared vocabulary for every app's permission policy."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PRISON_OFFICER = "prison_officer", _("Prison officer")
    SPECIALIST = "specialist", _("Specialised staff (psychologist, social worker, educator)")
    SUPERVISOR = "supervisor", _("Countersigning supervisor")
    PRISON_MANAGER = "prison_manager", _("Prison management")
    PROBATION_OFFICER = "probation_officer", _("Probation officer")
    PARTNER_USER = "partner_user", _("Partner agency user")
    FORUM_COORDINATOR = "forum_coordinator", _("Forum coordinator")
    TRAINING_MANAGER = "training_manager", _("Training manager")
    TRAINER = "trainer", _("Trainer")
    NATIONAL_COORDINATOR = "national_coordinator", _("National P/CVE coordinator")
    MINISTRY_ANALYST = "ministry_analyst", _("Ministry analyst")
    REGIONAL_PROGRAMME = "regional_programme", _("Regional programme team")
    DPO = "dpo", _("Data protection officer")
    AUDITOR = "auditor", _("Auditor")
    EDITOR = "editor", _("Editor")


# Roles whose work is the restricted case workspace (the pathway of a person).
CASEWORK_ROLES = frozenset(
    {
        Role.PRISON_OFFICER,
        Role.SPECIALIST,
        Role.SUPERVISOR,
        Role.PRISON_MANAGER,
        Role.PROBATION_OFFICER,
    }
)
LOG_READER_ROLES = frozenset({Role.AUDITOR, Role.DPO})

# Prison staff who work with the people held in their facility (or, without one, their service).
PRISON_STAFF_ROLES = frozenset(
    {Role.PRISON_OFFICER, Role.SPECIALIST, Role.SUPERVISOR, Role.PRISON_MANAGER}
)
