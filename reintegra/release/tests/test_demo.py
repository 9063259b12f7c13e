import pytest
from django.test import override_settings

from reintegra.demo.seed import demo_seed
from reintegra.probation.demo import demo_probation_seed
from reintegra.probation.models import Contact, SupervisionCase
from reintegra.release.demo import demo_release_seed
from reintegra.release.models import Handover, ReleasePlan, ReleasePlanStatus
from reintegra.work.models import Task, TaskStatus


@override_settings(DEMO_MODE=True)
@pytest.mark.django_db
def test_demo_release_and_supervision_are_seeded_once(client_for) -> None:
    demo_seed()
    demo_release_seed()
    demo_probation_seed()
    counts = (ReleasePlan.objects.count(), Handover.objects.count(), Contact.objects.count())
    assert demo_release_seed() == 0 and demo_probation_seed() == 0
    assert (ReleasePlan.objects.count(), Handover.objects.count(), Contact.objects.count()) == (
        counts
    )
    for code in ("AL", "RS"):
        plans = ReleasePlan.objects.filter(person__jurisdiction_id=code)
        assert plans.exclude(status=ReleasePlanStatus.CLOSED).count() == 2
        case = SupervisionCase.objects.get(person__jurisdiction_id=code)
        assert case.officer.username == f"{code.lower()}.probation-officer"
        assert Contact.objects.filter(case=case, status="missed").count() == 1
        assert Task.objects.filter(
            kind="missed_contact", assignee=case.officer, status=TaskStatus.OPEN
        ).exists()
    case = SupervisionCase.objects.select_related("person", "officer").get(
        person__jurisdiction_id="AL"
    )
    caseload = client_for(case.officer).get("/en/probation/").content.decode()
    assert case.person.reference in caseload
    assert '<span class="tag tag-overdue">1</span>' in caseload
