from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from reintegra.coordination.models import LegalBasis

pytestmark = pytest.mark.django_db


def _load(*args: str) -> str:
    out = StringIO()
    call_command("load_legal_bases", *args, stdout=out)
    return out.getvalue()


def test_the_shipped_legal_bases_load_once_however_often_the_command_runs(personas):
    LegalBasis.objects.all().delete()
    first = _load()
    count = LegalBasis.objects.count()
    assert first == f"{count} legal bases loaded.\n"
    assert LegalBasis.objects.filter(code="probation-handover", jurisdiction_id="AL").exists()
    _load()
    assert LegalBasis.objects.count() == count


def test_a_missing_file_is_refused_and_nothing_is_loaded(personas, tmp_path):
    LegalBasis.objects.all().delete()
    with pytest.raises(CommandError, match=r"is not a file\. Nothing was loaded\."):
        _load(str(tmp_path / "missing.yaml"))
    assert not LegalBasis.objects.exists()


def test_without_jurisdictions_the_command_says_what_to_load_first(db):
    with pytest.raises(CommandError, match="load the jurisdictions first"):
        _load()
