"""The benchmark harness behind `make bench`: a synthetic dataset and the timed key operations.

`python -m bench.run --scale national` configures production settings on a database of its own
(never the one DATABASE_URL names), so importing this package has no side effects.
"""
