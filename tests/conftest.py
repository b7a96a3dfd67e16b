"""Fixtures for the top-level tests; the helpers themselves live in project_fixtures.py."""

from project_fixtures import adr_project  # noqa: F401  (re-exported fixture)
