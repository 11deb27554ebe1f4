"""Loads :mod:`tests.harness.github` as a pytest plugin (``-p``), for its own tests."""

from __future__ import annotations

import pytest

from .github import register


def pytest_configure(config: pytest.Config) -> None:
    register(config)
