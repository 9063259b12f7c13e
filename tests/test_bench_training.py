"""The training operations of the benchmark, run at a tiny scale.

They build the training data on the first call and reuse them on the next; each import run writes
a full file of new completions, and an import that does not go through fails the operation.
"""

import pytest

from bench import operations, training_operations
from bench.dataset import dataset_build
from bench.scales import Scale
from reintegra.training.models import Certificate, Completion, MatrixVersion, Participant

PATHWAY_TINY = Scale("tiny", 120, 2, 1, 3, 200, 100, 12, 150)
TRAINING_TINY = training_operations.TrainingScale(
    staff=60, events=6, completions=200, import_rows=40
)


def test_training_operations_answer_and_reuse_their_data(db: None) -> None:
    dataset_build(PATHWAY_TINY)

    gaps = training_operations.gap_analysis(rounds=2, warmup=1, scale=TRAINING_TINY)
    again = training_operations.gap_analysis(rounds=1, warmup=0, scale=TRAINING_TINY)
    matrix = training_operations.matrix_grid(rounds=2, warmup=1, scale=TRAINING_TINY)
    verify = training_operations.verification(rounds=2, warmup=1, scale=TRAINING_TINY)

    assert gaps.queries == again.queries > 0
    assert "staff in training" in gaps.detail
    assert matrix.queries > 0 and "16 cells in force" in matrix.detail
    assert verify.queries > 0
    assert Completion.objects.count() == TRAINING_TINY.completions
    assert Certificate.objects.count() == TRAINING_TINY.completions // 10
    staff = Participant.objects.filter(user__isnull=True).count()
    assert staff == TRAINING_TINY.staff
    assert MatrixVersion.objects.count() > 0


def test_each_import_run_writes_a_full_file_of_new_completions(db: None) -> None:
    dataset_build(PATHWAY_TINY)
    training_operations.bench_training_manager(TRAINING_TINY)
    before = Completion.objects.count()

    first = training_operations.completions_import(TRAINING_TINY)
    second = training_operations.completions_import(TRAINING_TINY)

    assert Completion.objects.count() == before + 2 * TRAINING_TINY.import_rows
    assert first.queries > 0
    assert first.detail.split(" on ")[1] != second.detail.split(" on ")[1]


def test_import_fails_when_the_file_is_refused(db: None, monkeypatch) -> None:
    dataset_build(PATHWAY_TINY)
    training_operations.bench_training_manager(TRAINING_TINY)
    monkeypatch.setattr(
        training_operations,
        "_import_csv",
        lambda scale: ("email,course,completion_date\nx@y.z,unknown,2020-01-01\n", None),
    )

    with pytest.raises(operations.BenchFailedError, match="has problems"):
        training_operations.completions_import(TRAINING_TINY)
