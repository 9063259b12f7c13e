"""Scope cases for the forums app's models (see tests/scope_cases.py)."""

from tests.scope_cases import ScopeCase, scope_case  # noqa: F401
