from pathlib import Path

import pytest

from reintegra.audit.actor import SystemActor
from reintegra.instruments.services import instrument_load
from reintegra.people.tests.factories import PersonFactory, admitted
from reintegra.training.tests.factories import certify

HERE = Path(__file__).parent / "instruments"


@pytest.fixture
def spj_version(db, personas):
    """The test SPJ instrument; the specialist and the supervisor hold a current certification."""
    version = instrument_load(actor=SystemActor(), path=HERE / "test-spj.yaml").version
    certify(personas.specialist, version.instrument)
    certify(personas.supervisor, version.instrument)
    return version


@pytest.fixture
def screening_version(db):
    return instrument_load(actor=SystemActor(), path=HERE / "test-screening.yaml").version


@pytest.fixture
def held(personas):
    """A person held in Facility A."""
    return admitted(PersonFactory(family_name="Heldperson"), personas.facility_a)


def complete_draft(**overrides) -> dict:
    """Form data for a draft with every item rated and the judgement written."""
    data = {
        "a1__presence": "present",
        "a1__relevance": "high",
        "a1__evidence": "Said so in interview on 3 March.",
        "a1__source": "interview",
        "a2__presence": "partial",
        "a2__relevance": "low",
        "a2__evidence": "Two incidents recorded in the file.",
        "a2__source": "file",
        "c1__presence": "no_information",
        "c1__relevance": "no_information",
        "p1__presence": "present",
        "p1__evidence": "Weekly visits from his sister.",
        "p1__source": "observation",
        "needs": ["belonging"],
        "formulation": "Grievance-driven engagement; family ties are a strength.",
        "risk_scenarios": "Renewed contact with the network after release.",
        "judgement_level": "moderate",
        "judgement_rationale": "Endorsement is current but protective ties are strong.",
        "action": "save",
    }
    data.update(overrides)
    return data
