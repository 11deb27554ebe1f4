"""The plain pattern, for comparison only: how most projects wire executable docs.

Each example is linted by its own ruff subprocess (pytest-examples' ``lint_ruff``), then
run with pytest-examples' ``run_print_check`` against the stub, making its own
``httpx.Client`` (and so its own TLS context). The stub app is built once per module and
its store reset before each example, as a careful plain setup would. Run by
``bench/examples.py`` with pytest; not part of the test suite.
"""

from __future__ import annotations

import pytest
from pytest_examples import EvalExample

from cloudws.app import create_app
from cloudws.testing import mock_api
from tests.harness import discovery
from tests.harness.upstream import repair_example_traceback

__all__ = ["CASES"]

#: The examples both patterns run: every one that runs alone (not a shared page).
CASES = [case for case in discovery.python_cases() if not case.shared]


@pytest.fixture(scope="module")
def app():
    return create_app()


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_example(case, app, tmp_path, request, monkeypatch):
    monkeypatch.setenv("CLOUDWS_TOKEN", "cws_test_docs")
    eval_example = EvalExample(tmp_path=tmp_path, pytest_request=request)
    eval_example.set_config(line_length=100, target_version="py311")
    for example in case.examples:
        eval_example.lint_ruff(example)
        app.state.store.reset()
        with mock_api(app=app):
            try:
                eval_example.run_print_check(example)
            except Exception as exc:
                repair_example_traceback(exc, example)  # else pytest-examples 0.0.18 crashes
                raise
