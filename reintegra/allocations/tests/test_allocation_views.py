import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reintegra.accounts.actor import actor_for_user
from reintegra.allocations.models import AllocationDecision, AllocationStatus, Regime
from reintegra.allocations.sections import allocation_section
from reintegra.allocations.services import default_review_date
from reintegra.audit.models import Category, ProcessingLogEntry
from reintegra.work.models import Task


def _new_url(person) -> str:
    return reverse("allocations:decision-new", args=[person.pk])


def _form(**changes) -> dict:
    data = {
        "regime": str(Regime.objects.get(jurisdiction_id="AL", code="high_security").pk),
        "facility": "",
        "unit": "Unit 1",
        "rationale": "Threatened two officers this month; high-security unit until the review.",
        "review_date": (timezone.localdate() + dt.timedelta(days=90)).isoformat(),
    }
    data.update(changes)
    return data


def _proposed(personas, person, user, **answered) -> AllocationDecision:
    return AllocationDecision.objects.create(
        person=person,
        regime=Regime.objects.get(jurisdiction_id="AL", code="enhanced_supervision"),
        facility=personas.facility_a,
        unit="Unit 4",
        rationale="Recruitment attempts reported by two sources.",
        decided_by=user,
        decided_at=timezone.now(),
        review_date=timezone.localdate() + dt.timedelta(days=180),
        **answered,
    )


def _rejected(personas, person, user, **changes) -> AllocationDecision:
    return _proposed(
        personas,
        person,
        user,
        status=AllocationStatus.REJECTED,
        approver=personas.supervisor,
        approver_decided_at=timezone.now(),
        **changes,
    )


def test_supervisor_proposes_through_the_form(personas, client_for, held) -> None:
    client = client_for(personas.supervisor)
    page = client.get(_new_url(held))
    assert page.status_code == 200
    assert page.context["form"]["review_date"].value() == default_review_date(timezone.localdate())
    response = client.post(_new_url(held), _form(facility=str(personas.facility_a.pk)))
    decision = AllocationDecision.objects.get()
    assert response["Location"] == reverse("allocations:decision-detail", args=[decision.pk])
    assert decision.regime.code == "high_security" and decision.unit == "Unit 1"
    assert Task.objects.filter(kind="allocation_approval").count() == 1


def test_bad_proposals_are_refused_with_clear_errors_and_nothing_is_written(
    personas, client_for, held
) -> None:
    client = client_for(personas.supervisor)
    facility = str(personas.facility_a.pk)
    today = timezone.localdate()
    cases = [
        (
            {"review_date": (today - dt.timedelta(days=1)).isoformat()},
            "The review date must be after the date of the decision.",
        ),
        (
            {"review_date": today.isoformat()},
            "The review date must be after the date of the decision.",
        ),
        ({"rationale": ""}, "This field is required."),
        (
            {"regime": str(Regime.objects.get(jurisdiction_id="RS", code="open").pk)},
            "Select a valid choice.",
        ),
        ({"facility": str(personas.facility_b.pk)}, "Select a valid choice."),
    ]
    for changes, message in cases:
        response = client.post(_new_url(held), _form(**{"facility": facility, **changes}))
        assert response.status_code == 400, changes
        body = response.content.decode()
        assert "There is a problem" in body and message in body, changes
    assert not AllocationDecision.objects.exists() and not Task.objects.exists()


def test_officer_and_specialist_cannot_propose(personas, client_for, held) -> None:
    for user in (personas.officer, personas.specialist):
        assert client_for(user).get(_new_url(held)).status_code == 403
    assert client_for(personas.outsider).get(_new_url(held)).status_code == 404


def test_a_pending_proposal_is_shown_instead_of_a_second_form(
    personas, client_for, held, manager
) -> None:
    pending = _proposed(personas, held, manager)
    client = client_for(personas.supervisor)
    body = client.get(_new_url(held)).content.decode()
    assert "already awaiting approval" in body
    assert reverse("allocations:decision-detail", args=[pending.pk]) in body
    client.post(_new_url(held), _form(facility=str(personas.facility_a.pk)))
    assert AllocationDecision.objects.count() == 1


def test_decision_maker_is_told_they_cannot_approve_and_a_post_writes_nothing(
    personas, client_for, held
) -> None:
    decision = _proposed(personas, held, personas.supervisor)
    url = reverse("allocations:decision-decide", args=[decision.pk])
    client = client_for(personas.supervisor)
    page = client.get(url).content.decode()
    assert "You made this decision, so you cannot approve or reject it" in page
    assert 'name="decision"' not in page
    response = client.post(url, {"decision": "approve", "comment": ""})
    assert response.status_code == 400
    assert "You made this decision, so you cannot approve or reject it" in response.content.decode()
    decision.refresh_from_db()
    assert decision.status == AllocationStatus.PROPOSED and decision.approver is None
    assert not ProcessingLogEntry.objects.filter(action="allocation.approve").exists()


def test_another_supervisor_checks_and_approves(personas, client_for, held, manager) -> None:
    decision = _proposed(personas, held, manager)
    url = reverse("allocations:decision-decide", args=[decision.pk])
    client = client_for(personas.supervisor)
    page = client.get(url).content.decode()
    assert "Check the decision" in page and "Recruitment attempts reported by two sources." in page
    response = client.post(url, {"decision": "approve", "comment": ""})
    assert response["Location"] == reverse("allocations:decision-detail", args=[decision.pk])
    decision.refresh_from_db()
    assert decision.status == AllocationStatus.APPROVED and decision.approver == personas.supervisor
    assert Task.objects.get(kind="allocation_review").due == decision.review_date
    assert client.get(url).status_code == 302


def test_rejecting_without_a_comment_is_refused(personas, client_for, held, manager) -> None:
    decision = _proposed(personas, held, manager)
    url = reverse("allocations:decision-decide", args=[decision.pk])
    response = client_for(personas.supervisor).post(url, {"decision": "reject", "comment": ""})
    assert response.status_code == 400
    assert "Say why you reject the decision." in response.content.decode()
    decision.refresh_from_db()
    assert decision.status == AllocationStatus.PROPOSED


def test_officer_sees_the_decision_but_cannot_decide(
    personas, client_for, held, manager, django_assert_max_num_queries
) -> None:
    decision = _proposed(personas, held, manager)
    client = client_for(personas.officer)
    url = reverse("allocations:decision-detail", args=[decision.pk])
    client.get(url)
    with django_assert_max_num_queries(13):
        response = client.get(url)
    assert "Recruitment attempts reported by two sources." in response.content.decode()
    assert "Approve or reject" not in response.content.decode()
    entry = ProcessingLogEntry.objects.filter(action="allocation.view").first()
    assert entry.category == Category.CONSULTATION and entry.subjects == [str(held.pk)]
    decide = reverse("allocations:decision-decide", args=[decision.pk])
    assert client.post(decide, {"decision": "approve"}).status_code == 403
    assert client_for(personas.probation_officer).get(url).status_code == 404


def test_person_page_shows_history_newest_first_with_a_constant_number_of_queries(
    personas, client_for, held, manager, django_assert_max_num_queries
) -> None:
    url = reverse("people:person-detail", args=[held.pk])
    client = client_for(personas.officer)
    older = _rejected(personas, held, manager)
    AllocationDecision.objects.filter(pk=older.pk).update(
        decided_at=timezone.now() - dt.timedelta(days=40), unit="Older unit"
    )
    newer = _proposed(personas, held, manager)
    AllocationDecision.objects.filter(pk=newer.pk).update(unit="Newer unit")
    officer = actor_for_user(personas.officer)
    with django_assert_max_num_queries(1):
        section = allocation_section(officer, held)
    assert [d.unit for d in section.context["history"]] == ["Newer unit", "Older unit"]
    client.get(url)
    with CaptureQueriesContext(connection) as one_page:
        body = client.get(url).content.decode()
    assert "Allocation history" in body
    assert body.index("Newer unit") < body.index("Older unit")
    assert "Awaiting approval" in body
    assert _new_url(held) not in body
    for _ in range(3):
        _rejected(personas, held, manager)
    with django_assert_max_num_queries(len(one_page.captured_queries)):
        body = client.get(url).content.decode()
    assert body.count("Rejected</span>") == 4
