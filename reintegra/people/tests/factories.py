import datetime as dt

import factory

from reintegra.people.models import (
    CustodyEpisode,
    DataSubjectCategory,
    LegalStatus,
    OffenceCategory,
    Person,
    Placement,
    PlacementReason,
)
from reintegra.people.names import name_key


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    jurisdiction_id = "AL"
    reference = factory.Sequence(lambda n: f"AL-T{n:06d}")
    given_name = "Arben"
    family_name = factory.Sequence(lambda n: f"Krasniqi{n}")
    given_name_latin = factory.LazyAttribute(lambda p: p.given_name)
    family_name_latin = factory.LazyAttribute(lambda p: p.family_name)
    name_key = factory.LazyAttribute(
        lambda p: " ".join(dict.fromkeys(name_key(x) for x in (p.given_name, p.family_name)))
    )
    date_of_birth = dt.date(1990, 5, 17)
    sex = "male"
    citizenship = "AL"
    data_subject_category = DataSubjectCategory.CONVICTED
    in_custody = True


def admitted(person: Person, facility, admission=dt.date(2024, 3, 1)) -> Person:
    """Gives a person the open custody episode and placement that registration would."""
    episode = CustodyEpisode.objects.create(
        person=person,
        legal_status=LegalStatus.SENTENCED,
        offence_category=OffenceCategory.TERRORISM,
        sentence_months=60,
        admission_date=admission,
        expected_release_date=admission + dt.timedelta(days=5 * 365),
    )
    Placement.objects.create(
        episode=episode, facility=facility, start_date=admission, reason=PlacementReason.ADMISSION
    )
    person.current_facility = facility
    person.save(update_fields=["current_facility"])
    return person
