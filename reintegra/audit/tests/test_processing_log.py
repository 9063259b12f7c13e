import threading

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, connections, transaction

from reintegra.audit.actor import SystemActor
from reintegra.audit.models import Category, ProcessingLogEntry
from reintegra.audit.schema import install_append_only_triggers, remove_append_only_triggers
from reintegra.audit.services import ProcessingLogError, record
from reintegra.audit.verification import chain_verify

ACTOR = SystemActor(username="tester", client_ip="192.0.2.7", correlation_id="req-12345678")


def _write(count: int) -> list[ProcessingLogEntry]:
    return [
        record(actor=ACTOR, category=Category.CONSULTATION, action=f"test.{n}", subjects=["p1"])
        for n in range(count)
    ]


def _tamper(sql: str, params: list) -> None:
    """What someone with database-owner rights could do: lift the triggers and edit a row."""
    remove_append_only_triggers(connection)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
    install_append_only_triggers(connection)


@pytest.mark.django_db
def test_entries_are_numbered_from_one_and_chained() -> None:
    first, second, third = _write(3)
    assert [first.seq, second.seq, third.seq] == [1, 2, 3]
    assert second.prev_hash == first.hash
    assert third.prev_hash == second.hash
    assert chain_verify().intact
    assert chain_verify().checked == 3


@pytest.mark.django_db
def test_entry_records_every_mandatory_field() -> None:
    entry = record(
        actor=ACTOR,
        category=Category.DISCLOSURE,
        action="referral.send",
        subjects=["a", "b"],
        object_type="referrals.referral",
        object_id="42",
        justification="Post-release support",
        legal_basis="Law on Execution of Sanctions, art. 5",
        recipient="Social Services Durrës",
    )
    entry.refresh_from_db()
    assert entry.occurred_at.tzinfo is not None
    assert entry.subjects == ["a", "b"]
    assert entry.client_ip == "192.0.2.7"
    assert entry.correlation_id == "req-12345678"
    assert entry.recipient == "Social Services Durrës"


@pytest.mark.django_db
def test_disclosure_without_recipient_is_refused_and_nothing_is_written() -> None:
    with pytest.raises(ProcessingLogError):
        record(actor=ACTOR, category=Category.DISCLOSURE, action="share", recipient="  ")
    assert ProcessingLogEntry.objects.count() == 0


@pytest.mark.django_db
def test_database_refuses_a_disclosure_row_without_recipient() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        ProcessingLogEntry.objects.create(
            seq=1,
            occurred_at="2026-01-01T00:00:00Z",
            category="disclosure",
            prev_hash="0",
            hash="0",
        )


@pytest.mark.django_db
def test_control_characters_are_stored_escaped_so_no_entry_forges_another() -> None:
    entry = record(actor=ACTOR, category=Category.AUTHENTICATION, action="login\nFAKE entry")
    entry.refresh_from_db()
    assert "\n" not in entry.action
    assert entry.action == "login\\x0aFAKE entry"


@pytest.mark.django_db
def test_database_refuses_update_of_a_log_row() -> None:
    (entry,) = _write(1)
    with pytest.raises(Exception, match="append-only"), transaction.atomic():
        ProcessingLogEntry.objects.filter(seq=entry.seq).update(action="edited")


@pytest.mark.django_db
def test_database_refuses_delete_of_a_log_row() -> None:
    _write(1)
    with (
        pytest.raises(Exception, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM audit_processinglogentry")


@pytest.mark.django_db
def test_tampering_with_one_row_by_raw_sql_is_found_and_named() -> None:
    _write(5)
    _tamper("UPDATE audit_processinglogentry SET action = %s WHERE seq = %s", ["forged", 3])
    report = chain_verify()
    assert not report.intact
    assert report.first_bad_seq == 3
    assert report.checked == 2


@pytest.mark.django_db
def test_a_deleted_row_is_found_and_named() -> None:
    _write(5)
    _tamper("DELETE FROM audit_processinglogentry WHERE seq = %s", [4])
    report = chain_verify()
    assert report.first_bad_seq == 4
    assert "missing" in report.reason


@pytest.mark.django_db
def test_a_rewritten_chain_without_the_key_is_found() -> None:
    _write(3)
    _tamper("UPDATE audit_processinglogentry SET hash = %s WHERE seq = %s", ["f" * 64, 2])
    assert chain_verify().first_bad_seq == 2


@pytest.mark.django_db
def test_verify_command_exits_zero_when_intact(capsys: pytest.CaptureFixture[str]) -> None:
    _write(2)
    call_command("verify_audit_chain")
    assert "intact: 2 entries" in capsys.readouterr().out


@pytest.mark.django_db
def test_verify_command_exits_one_and_names_first_bad_sequence_number(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _write(4)
    _tamper("UPDATE audit_processinglogentry SET justification = %s WHERE seq = %s", ["x", 2])
    with pytest.raises(SystemExit) as exit_info:
        call_command("verify_audit_chain")
    assert exit_info.value.code == 1
    assert "sequence number 2" in capsys.readouterr().err


@pytest.mark.usefixtures("flushable_log")
def test_concurrent_writers_never_fork_the_chain() -> None:
    errors: list[BaseException] = []

    def writer(number: int) -> None:
        try:
            for n in range(10):
                record(actor=ACTOR, category=Category.CONSULTATION, action=f"w{number}.{n}")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert ProcessingLogEntry.objects.count() == 80
    assert list(ProcessingLogEntry.objects.order_by("seq").values_list("seq", flat=True)) == list(
        range(1, 81)
    )
    assert chain_verify().intact
