import datetime as dt

from reintegra.work.registry import WorkItem, _providers, register_work_provider


def test_signed_in_staff_land_on_an_honest_empty_my_work(personas, client_for) -> None:
    response = client_for(personas.specialist).get("/en/work/")
    assert response.status_code == 200
    assert "Nothing is waiting for you" in response.content.decode()


def test_my_work_lists_registered_items_most_urgent_first(personas, client_for) -> None:
    def provider(actor):
        return [
            WorkItem("review", "Reviews due", "Later review", "/x", dt.date(2099, 1, 1)),
            WorkItem("review", "Reviews due", "Overdue review", "/y", dt.date(2000, 1, 1)),
        ]

    register_work_provider(provider)
    try:
        response = client_for(personas.specialist).get("/en/work/")
    finally:
        _providers.remove(provider)
    body = response.content.decode()
    assert body.index("Overdue review") < body.index("Later review")
    assert response.context["overdue"] == 1


def test_my_work_query_count_is_pinned(personas, client_for, django_assert_max_num_queries) -> None:
    client = client_for(personas.specialist)
    client.get("/en/work/")
    # The signed-in page costs seven (session, user, device, membership, and the session's sliding
    # expiry write in its savepoint); each app that adds work to the list may add one query.
    with django_assert_max_num_queries(7 + len(_providers)):
        client.get("/en/work/")
