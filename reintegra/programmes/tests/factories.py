import datetime as dt

import factory
from django.utils import timezone

from reintegra.programmes.models import (
    Enrolment,
    Group,
    GroupSession,
    GroupStatus,
    Module,
    Programme,
    ProgrammeKind,
    SessionTemplate,
)


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    jurisdiction_id = "AL"
    code = factory.Sequence(lambda n: f"programme-{n}")
    name = factory.Sequence(lambda n: f"Programme {n}")
    kind = ProgrammeKind.REHABILITATION
    duration_weeks = 12


class ModuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Module

    programme = factory.SubFactory(ProgrammeFactory)
    order = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Module {n}")


class SessionTemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionTemplate

    module = factory.SubFactory(ModuleFactory)
    order = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Session {n}")
    duration_minutes = 90


class GroupFactory(factory.django.DjangoModelFactory):
    """A running group in the facility given, started four weeks ago, ending in eight."""

    class Meta:
        model = Group
        skip_postgeneration_save = True

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Group {n}")
    start_date = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(weeks=4))
    end_date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(weeks=8))
    capacity = 10
    status = GroupStatus.RUNNING

    @factory.post_generation
    def facilitators(obj, create: bool, extracted, **kwargs) -> None:  # noqa: N805
        if create and extracted:
            obj.facilitators.set(extracted)


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    group = factory.SubFactory(GroupFactory)
    enrolled_on = factory.LazyAttribute(lambda enrolment: enrolment.group.start_date)


def session_at(group: Group, days_ago: int, hour: int = 10, **extra) -> GroupSession:
    """A session of the group `days_ago` days before today (negative: in the future)."""
    day = timezone.localdate() - dt.timedelta(days=days_ago)
    when = timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))
    return GroupSession.objects.create(
        group=group, title=extra.pop("title", f"Session of {day}"), scheduled_for=when, **extra
    )
