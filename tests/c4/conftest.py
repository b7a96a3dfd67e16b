"""Fixtures for the C4 tests."""

from c4_helpers import dsl  # noqa: F401  (a fixture, found by pytest through this import)
