from reintegra.accounts.tests.factories import MembershipFactory, UserFactory
from reintegra.core.roles import Role
from reintegra.people.tests.factories import PersonFactory, admitted
from reintegra.programmes.demo import demo_programmes_seed
from reintegra.programmes.models import Attendance, Group, GroupSession, Programme


def test_demo_programmes_are_seeded_once_with_a_group_that_has_met(personas) -> None:
    for username, role in (
        ("al.prison-manager", Role.PRISON_MANAGER),
        ("al.specialist", Role.SPECIALIST),
    ):
        MembershipFactory(
            user=UserFactory(username=username),
            organisation=personas.prisons_a,
            role=role,
            facility=personas.facility_a,
        )
    for n in range(6):
        admitted(PersonFactory(family_name=f"Demo{n}"), personas.facility_a)

    assert demo_programmes_seed() == 1
    assert demo_programmes_seed() == 0

    assert set(Programme.objects.values_list("kind", flat=True)) == {
        "rehabilitation",
        "vocational_workshop",
        "occupational_therapy",
    }
    rehabilitation = Programme.objects.get(kind="rehabilitation")
    assert rehabilitation.modules.count() == 3
    assert sum(m.session_templates.count() for m in rehabilitation.modules.all()) == 8
    group = Group.objects.get()
    assert group.status == "running" and group.enrolments.count() == 5
    assert GroupSession.objects.filter(group=group, status="held").count() == 3
    assert Attendance.objects.filter(session__group=group).count() == 15
