"""Builds the fictional demo world; safe to run again (it creates only what is missing)."""

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction

from reintegra.accounts.models import Membership, User
from reintegra.allocations.regimes import regimes_load
from reintegra.audit.actor import SystemActor
from reintegra.audit.models import Category
from reintegra.audit.services import record
from reintegra.coordination.demo import demo_coordination_seed
from reintegra.coordination.services import legal_bases_load
from reintegra.core.roles import Role
from reintegra.demo import personas
from reintegra.demo.pathway import demo_instruments_load, demo_people_seed
from reintegra.forums.demo import demo_forums_seed
from reintegra.organisations.models import Facility, Jurisdiction, Organisation
from reintegra.organisations.services import reference_data_load
from reintegra.probation.demo import demo_probation_seed
from reintegra.programmes.demo import demo_programmes_seed
from reintegra.regional.demo import demo_regional_seed
from reintegra.release.demo import demo_release_seed
from reintegra.site.demo import demo_site_seed
from reintegra.training.demo import demo_training_seed

SEED_ACTOR = SystemActor(username="seed_demo")


class DemoRefusedError(RuntimeError):
    pass


def demo_username(jurisdiction: str, role: str) -> str:
    return f"{jurisdiction.lower()}.{role.replace('_', '-')}"


@transaction.atomic
def demo_seed() -> dict[str, int]:
    if not settings.DEMO_MODE:
        raise DemoRefusedError(
            "Demo data is only loaded when DEMO_MODE is on; never in production."
        )
    reference_data_load()
    password_hash = make_password(personas.DEMO_PASSWORD)
    created_users = 0
    for code, organisations in personas.ORGANISATIONS.items():
        jurisdiction = Jurisdiction.objects.get(code=code)
        by_key = {
            key: Organisation.objects.get_or_create(
                jurisdiction=jurisdiction,
                name=name,
                defaults={"type_id": type_code, "municipality": municipality},
            )[0]
            for key, type_code, name, municipality in organisations
        }
        facilities = [
            Facility.objects.get_or_create(
                organisation=by_key["prisons"],
                code=facility_code,
                defaults={"name": name, "municipality": town, "capacity": capacity},
            )[0]
            for facility_code, name, town, capacity in personas.FACILITIES[code]
        ]
        given_names, family_names = personas.NAMES[code]
        for index, (role, org_key, facility_key, countersigns) in enumerate(
            personas.CAST_BY_JURISDICTION[code]
        ):
            username = demo_username(code, role)
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": given_names[index % len(given_names)],
                    "last_name": family_names[index % len(family_names)],
                    "email": f"{username}@demo.invalid",
                    "password": password_hash,
                },
            )
            created_users += created
            facility = facilities[0] if facility_key == "first" else None
            Membership.objects.get_or_create(
                user=user,
                organisation=by_key[org_key],
                role=role,
                facility=facility,
                defaults={"can_countersign": countersigns},
            )
            if role == Role.EDITOR:
                user.groups.add(Group.objects.get(name="Editors"))
    regional_type, regional_name, _town = personas.REGIONAL_ORGANISATION
    regional, _ = Organisation.objects.get_or_create(
        jurisdiction=None, name=regional_name, defaults={"type_id": regional_type}
    )
    user, created = User.objects.get_or_create(
        username="regional.team",
        defaults={
            "first_name": "Mira",
            "last_name": "Kovač",
            "email": "regional.team@demo.invalid",
            "password": password_hash,
        },
    )
    created_users += created
    Membership.objects.get_or_create(user=user, organisation=regional, role=Role.REGIONAL_PROGRAMME)
    if created_users:
        record(
            actor=SEED_ACTOR,
            category=Category.COLLECTION,
            action="demo.seed",
            details={"users_created": created_users},
        )
    regimes_load()
    instruments_created = demo_instruments_load()
    people_created = demo_people_seed()
    # Before the release seed: its handovers to probation are registered disclosures.
    legal_bases_load()
    programme_groups_created = demo_programmes_seed()
    release_plans_created = demo_release_seed()
    demo_site_seed()
    supervision_contacts_created = demo_probation_seed()
    training_completions_created = demo_training_seed()
    demo_coordination_seed()
    forums_created = demo_forums_seed()
    demo_regional_seed()
    return {
        "instruments_created": instruments_created,
        "people_created": people_created,
        "programme_groups_created": programme_groups_created,
        "release_plans_created": release_plans_created,
        "supervision_contacts_created": supervision_contacts_created,
        "training_completions_created": training_completions_created,
        "forums_created": forums_created,
        "users": User.objects.count(),
        "users_created": created_users,
        "organisations": Organisation.objects.count(),
        "facilities": Facility.objects.count(),
    }
