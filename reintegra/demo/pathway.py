"""Fictional people in custody for the demo, and the shipped instruments they are assessed with."""

import datetime as dt
import random
from pathlib import Path

from django.utils import timezone

from reintegra.audit.actor import SystemActor
from reintegra.instruments.services import instrument_load
from reintegra.organisations.models import Facility
from reintegra.people.models import Person
from reintegra.people.services import Admission, Identity, person_register

INSTRUMENT_FILES = sorted(
    (Path(__file__).resolve().parent.parent / "instruments" / "data").glob("*.yaml")
)

# Fictional names, in the script each jurisdiction writes them in.
PEOPLE_NAMES = {
    "AL": (["Andi", "Besart", "Dritan", "Elton", "Gëzim", "Kastriot", "Lorenc", "Mergim"],
           ["Gjoka", "Hysa", "Kola", "Marku", "Nushi", "Pepa", "Shala", "Zeka"]),
    "BA": (["Adis", "Dženan", "Haris", "Kenan", "Mirza", "Tarik"],
           ["Avdić", "Čolić", "Hadžić", "Imamović", "Softić", "Zukić"]),
    "XK": (["Arber", "Driton", "Flamur", "Liridon", "Valon", "Visar"],
           ["Berisha", "Dreshaj", "Gashi", "Kryeziu", "Rexhepi", "Sejdiu"]),
    "ME": (["Dejan", "Marko", "Nemanja", "Stefan", "Vuk"],
           ["Bulatović", "Đurović", "Kalezić", "Raičević", "Vuković"]),
    "MK": (["Горан", "Дарко", "Зоран", "Петар", "Филип", "Ќемал"],
           ["Ѓорѓиевски", "Јовановски", "Крстевски", "Поповски", "Ристовски", "Ефтимов"]),
    "RS": (["Ђорђе", "Лазар", "Милош", "Никола", "Стефан", "Урош", "Вук", "Павле"],
           ["Ђорђевић", "Јанковић", "Милошевић", "Обрадовић", "Симић", "Тодоровић", "Вуковић",
            "Живановић"]),
}  # fmt: skip
PEOPLE_PER_FACILITY = {"AL": 8, "RS": 8, "BA": 4, "XK": 4, "ME": 4, "MK": 4}
OFFENCES = ["terrorism", "violent_extremism", "other_violent", "other"]


def demo_instruments_load() -> int:
    actor = SystemActor(username="seed_demo")
    return sum(instrument_load(actor=actor, path=path).created for path in INSTRUMENT_FILES)


def demo_people_seed() -> int:
    """Registers the demo people through the same service staff use, once per jurisdiction."""
    created = 0
    today = timezone.localdate()
    for code, (given_names, family_names) in PEOPLE_NAMES.items():
        if Person.objects.filter(jurisdiction_id=code).exists():
            continue
        # Seeded, not secret: the same fictional people on every machine.
        rng = random.Random(f"reintegra-demo-{code}")  # noqa: S311
        actor = SystemActor(username="seed_demo", jurisdiction_code=code)
        facilities = Facility.objects.filter(organisation__jurisdiction_id=code).order_by("code")
        for facility in facilities:
            for index in range(PEOPLE_PER_FACILITY[code]):
                admitted_on = today - dt.timedelta(days=rng.randint(60, 2400))
                months = rng.choice([36, 48, 60, 84, 96, 120])
                person_register(
                    actor=actor,
                    identity=Identity(
                        given_name=rng.choice(given_names),
                        family_name=family_names[(index + len(facility.code)) % len(family_names)],
                        date_of_birth=dt.date(
                            rng.randint(1965, 2003), rng.randint(1, 12), rng.randint(1, 28)
                        ),
                        sex="male" if rng.random() < 0.9 else "female",
                        citizenship=code,
                        data_subject_category="convicted",
                    ),
                    admission=Admission(
                        facility=facility,
                        legal_status="sentenced",
                        offence_category=rng.choice(OFFENCES),
                        sentence_months=months,
                        admission_date=admitted_on,
                        expected_release_date=admitted_on + dt.timedelta(days=months * 30),
                        unit=f"Unit {rng.randint(1, 4)}",
                    ),
                    today=today,
                )
                created += 1
    return created
