import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from reintegra.accounts.models import Membership, User
from reintegra.core.roles import Role


@override_settings(DEMO_MODE=True)
@pytest.mark.django_db
def test_seed_demo_is_idempotent_and_gives_every_role_in_two_jurisdictions() -> None:
    call_command("seed_demo")
    users = User.objects.count()
    call_command("seed_demo")
    assert User.objects.count() == users
    for jurisdiction in ("AL", "RS"):
        roles = set(
            Membership.objects.filter(organisation__jurisdiction_id=jurisdiction).values_list(
                "role", flat=True
            )
        )
        assert roles >= set(Role.values) - {Role.REGIONAL_PROGRAMME}
    assert Membership.objects.filter(role=Role.REGIONAL_PROGRAMME).exists()
    assert not User.objects.filter(username__in=["admin", "root", "test"]).exists()
    assert all(user.email.endswith("@demo.invalid") for user in User.objects.all())


@override_settings(DEMO_MODE=False)
@pytest.mark.django_db
def test_seed_demo_refuses_outside_demo_mode() -> None:
    with pytest.raises(CommandError, match="DEMO_MODE"):
        call_command("seed_demo")
    assert User.objects.count() == 0
