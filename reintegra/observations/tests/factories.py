import datetime as dt

import factory
from django.utils import timezone

from reintegra.observations.models import Observation


class ObservationFactory(factory.django.DjangoModelFactory):
    """An observation of an admitted person; pass `person` and `recorded_by`."""

    class Meta:
        model = Observation

    facility = factory.LazyAttribute(lambda o: o.person.current_facility)
    observed_at = factory.Sequence(lambda n: timezone.now() - dt.timedelta(hours=n + 1))
    place = "Wing B"
    category_code = "programme_engagement"
    concern = "routine"
    source = "staff"
    reliability = "confirmed"
    narrative = "Took part in the whole literacy session and helped another learner."
