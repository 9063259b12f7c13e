"""Query counts pinned on the pages that grow with a group: they must not grow with it."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reintegra.people.tests.factories import PersonFactory, admitted
from reintegra.programmes.tests.factories import EnrolmentFactory, GroupFactory, session_at

# Counted inside the test's transaction, where every atomic block adds a SAVEPOINT and its
# RELEASE; the signed-in request itself (session, user, device, membership, session save) is 7.
# PostgreSQL takes one more: the advisory lock that serialises processing-log appends.
LOG_LOCK = 1 if connection.vendor == "postgresql" else 0
GROUP_PAGE_QUERIES = 17 + LOG_LOCK
ATTENDANCE_SAVE_QUERIES = 19 + LOG_LOCK


def _group_with(personas, people: int, sessions: int, recorded: int):
    group = GroupFactory(facility=personas.facility_a, facilitators=[personas.specialist])
    enrolments = [
        EnrolmentFactory(
            group=group,
            person=admitted(PersonFactory(), personas.facility_a),
            enrolled_by=personas.supervisor,
        )
        for _ in range(people)
    ]
    made = [session_at(group, days_ago=days_ago + 1) for days_ago in range(sessions)]
    return group, enrolments, made


def _register(enrolments) -> dict[str, str]:
    data = {}
    for index, enrolment in enumerate(enrolments):
        data[f"status-{enrolment.pk}"] = ("attended", "late", "refused")[index % 3]
        data[f"note-{enrolment.pk}"] = "Took part in the role play." if index % 2 else ""
    return data


def _queries(client, method: str, url: str, data=None) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(url, data) if data else getattr(client, method)(url)
    return len(queries), response.status_code


def test_group_page_query_count_is_pinned_and_does_not_grow_with_the_group(
    personas, client_for
) -> None:
    client = client_for(personas.supervisor)
    counts = []
    for people, sessions in ((2, 1), (12, 6)):
        group, enrolments, made = _group_with(personas, people, sessions, recorded=sessions)
        for session in made:
            client.post(
                reverse("programmes:session-attendance", args=[session.pk]), _register(enrolments)
            )
        url = reverse("programmes:group-detail", args=[group.pk])
        client.get(url)
        count, status = _queries(client, "get", url)
        assert status == 200
        counts.append(count)
    assert counts[0] == counts[1], counts
    assert counts[0] <= GROUP_PAGE_QUERIES, counts


def test_attendance_save_query_count_is_pinned_and_does_not_grow_with_the_register(
    personas, client_for
) -> None:
    client = client_for(personas.specialist)
    counts = []
    for people in (2, 15):
        _group, enrolments, (session,) = _group_with(personas, people, 1, recorded=0)
        url = reverse("programmes:session-attendance", args=[session.pk])
        client.get(url)
        count, status = _queries(client, "post", url, _register(enrolments))
        assert status == 302
        counts.append(count)
    assert counts[0] == counts[1], counts
    assert counts[0] <= ATTENDANCE_SAVE_QUERIES, counts
