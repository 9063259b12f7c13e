"""The fictional organisations and people of the demo. Nothing here describes a real person."""

from reintegra.core.roles import Role

DEMO_PASSWORD = "reintegra-demo-2026"  # noqa: S105 - public on purpose: fictional demo only

# Organisations per jurisdiction: (key, organisation type, name, municipality).
ORGANISATIONS = {
    "AL": [
        ("prisons", "prison_administration", "General Directorate of Prisons (demo)", "Tirana"),
        ("probation", "probation_service", "Probation Service, Tirana office (demo)", "Tirana"),
        ("social", "social_services", "Social Services of Durrës (demo)", "Durrës"),
        ("police", "police", "Police Directorate, Durrës (demo)", "Durrës"),
        ("ngo", "ngo", "Bridges Reintegration Centre (demo NGO)", "Tirana"),
        ("ministry", "ministry", "Ministry of Justice (demo)", "Tirana"),
    ],
    "BA": [
        ("prisons", "prison_administration", "Prison Administration (demo)", "Sarajevo"),
        ("probation", "probation_service", "Probation Unit, Sarajevo (demo)", "Sarajevo"),
        ("social", "social_services", "Centre for Social Work, Zenica (demo)", "Zenica"),
        ("ministry", "ministry", "Ministry of Justice (demo)", "Sarajevo"),
    ],
    "XK": [
        ("prisons", "prison_administration", "Correctional Service (demo)", "Pristina"),
        ("probation", "probation_service", "Probation Service (demo)", "Pristina"),
        ("municipality", "municipality", "Municipality of Pristina (demo)", "Pristina"),
        ("ministry", "ministry", "Ministry of Justice (demo)", "Pristina"),
    ],
    "ME": [
        (
            "prisons",
            "prison_administration",
            "Institute for Execution of Criminal Sanctions (demo)",
            "Podgorica",
        ),
        ("probation", "probation_service", "Probation Administration (demo)", "Podgorica"),
        ("social", "social_services", "Centre for Social Work, Podgorica (demo)", "Podgorica"),
        ("ministry", "ministry", "Ministry of Justice (demo)", "Podgorica"),
    ],
    "MK": [
        (
            "prisons",
            "prison_administration",
            "Directorate for Execution of Sanctions (demo)",
            "Skopje",
        ),
        ("probation", "probation_service", "Probation Service, Skopje (demo)", "Skopje"),
        ("employment", "employment", "Employment Agency, Skopje (demo)", "Skopje"),
        ("ministry", "ministry", "Ministry of Justice (demo)", "Skopje"),
    ],
    "RS": [
        (
            "prisons",
            "prison_administration",
            "Administration for the Enforcement of Penal Sanctions (demo)",
            "Belgrade",
        ),
        ("probation", "probation_service", "Probation Office, Belgrade (demo)", "Belgrade"),
        ("social", "social_services", "Centre for Social Work, Niš (demo)", "Niš"),
        ("police", "police", "Police Administration, Niš (demo)", "Niš"),
        ("religious", "religious_community", "Chaplaincy Service (demo)", "Belgrade"),
        ("ministry", "ministry", "Ministry of Justice (demo)", "Belgrade"),
    ],
}

# Facilities per jurisdiction: (code, name, municipality, capacity), run by the "prisons" body.
FACILITIES = {
    "AL": [
        ("north", "Demo Prison North", "Shkodër", 420),
        ("central", "Demo Prison Central", "Tirana", 650),
    ],
    "BA": [
        ("zenica", "Demo Prison Zenica", "Zenica", 700),
        ("foca", "Demo Prison East", "Foča", 300),
    ],
    "XK": [
        ("dubrava", "Demo Prison West", "Istog", 900),
        ("pristina", "Demo Detention Centre", "Pristina", 250),
    ],
    "ME": [("spuz", "Demo Prison Spuž", "Danilovgrad", 1100)],
    "MK": [
        ("idrizovo", "Demo Prison Skopje", "Skopje", 1200),
        ("stip", "Demo Prison Štip", "Štip", 400),
    ],
    "RS": [
        ("sremska", "Demo Prison Sremska", "Sremska Mitrovica", 1500),
        ("nis", "Demo Prison Niš", "Niš", 1200),
    ],
}

# (role, organisation key, facility code or "", can countersign, given name, family name)
FULL_CAST = [
    (Role.PRISON_OFFICER, "prisons", "first", False),
    (Role.SPECIALIST, "prisons", "first", False),
    (Role.SUPERVISOR, "prisons", "first", True),
    (Role.PRISON_MANAGER, "prisons", "first", False),
    (Role.PROBATION_OFFICER, "probation", "", False),
    (Role.PARTNER_USER, "social", "", False),
    (Role.FORUM_COORDINATOR, "probation", "", False),
    (Role.TRAINING_MANAGER, "prisons", "", False),
    (Role.TRAINER, "prisons", "", False),
    (Role.NATIONAL_COORDINATOR, "ministry", "", False),
    (Role.MINISTRY_ANALYST, "ministry", "", False),
    (Role.DPO, "prisons", "", False),
    (Role.AUDITOR, "ministry", "", False),
    (Role.EDITOR, "ministry", "", False),
]
SHORT_CAST = [
    (Role.PRISON_OFFICER, "prisons", "first", False),
    (Role.SPECIALIST, "prisons", "first", False),
    (Role.SUPERVISOR, "prisons", "first", True),
    (Role.PROBATION_OFFICER, "probation", "", False),
    (Role.AUDITOR, "ministry", "", False),
]
CAST_BY_JURISDICTION = {
    "AL": FULL_CAST,
    "RS": FULL_CAST,
    "BA": SHORT_CAST,
    "XK": SHORT_CAST,
    "ME": SHORT_CAST,
    "MK": SHORT_CAST,
}

# Fictional given and family names per jurisdiction, in the local script where it differs.
NAMES = {
    "AL": (
        [
            "Arta",
            "Blerim",
            "Drita",
            "Ermal",
            "Fatjona",
            "Gentian",
            "Hana",
            "Ilir",
            "Jonida",
            "Klodian",
            "Luljeta",
            "Mirela",
            "Nertil",
            "Orjana",
        ],
        [
            "Hoxhaj",
            "Kelmendi",
            "Shehu",
            "Berisha",
            "Dervishi",
            "Leka",
            "Malaj",
            "Nika",
            "Prifti",
            "Qosja",
            "Rama",
            "Sula",
            "Toska",
            "Vata",
        ],
    ),
    "RS": (
        [
            "Ана",
            "Бојан",
            "Весна",
            "Горан",
            "Драгана",
            "Ђорђе",
            "Јелена",
            "Марко",
            "Милица",
            "Небојша",
            "Олга",
            "Петар",
            "Сања",
            "Урош",
        ],
        [
            "Ђорђевић",
            "Јовановић",
            "Петровић",
            "Николић",
            "Марковић",
            "Стојановић",
            "Илић",
            "Павловић",
            "Томић",
            "Лазић",
            "Ристић",
            "Савић",
            "Живковић",
            "Костић",
        ],
    ),
    "BA": (
        ["Amra", "Emir", "Lejla", "Adnan", "Selma"],
        ["Hodžić", "Kovačević", "Mujić", "Begić", "Delić"],
    ),
    "XK": (
        ["Albulena", "Besnik", "Dafina", "Fitim", "Vlora"],
        ["Krasniqi", "Gashi", "Morina", "Hasani", "Bytyqi"],
    ),
    "ME": (
        ["Jovana", "Nikola", "Milena", "Luka", "Tijana"],
        ["Vujović", "Radović", "Popović", "Đukanović", "Šćepanović"],
    ),
    "MK": (
        ["Ана", "Бојан", "Елена", "Игор", "Марија"],
        ["Стојановски", "Петровска", "Николовски", "Трајковска", "Илиевски"],
    ),
}

REGIONAL_ORGANISATION = ("regional_programme", "Regional Programme Team (demo)", "")
