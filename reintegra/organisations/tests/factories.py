import factory

from reintegra.organisations.models import Facility, Organisation


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    jurisdiction_id = "AL"
    type_id = "prison_administration"
    name = factory.Sequence(lambda n: f"Organisation {n}")
    municipality = "Tirana"


class FacilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Facility

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Facility {n}")
    code = factory.Sequence(lambda n: f"facility-{n}")
