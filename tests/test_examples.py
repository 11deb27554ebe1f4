"""Every Python example of the docs runs against the stub, prints what its ``#>`` say, and
passes ruff; every JSON block not shown as a curl output declares what it is and is it.

Test ids name the page (or snippet) and lines: ``docs/quickstart.md:shared(45-56,...)``
is a page whose blocks run in order on one sandbox (front matter ``examples: shared``).
"""

from __future__ import annotations

import pytest
from pytest_examples.eval_example import EvalExample

from .harness import discovery
from .harness.checks import ExampleError, hide_unless_reported
from .harness.declarations import check_declared_json
from .harness.lint import lint_examples
from .harness.pages import display_path
from .harness.python_examples import example_dir, run_python_case

PYTHON = discovery.python_cases()
JSON = discovery.json_cases()


@pytest.fixture(scope="module")
def _routed(docs_sandbox):
    """httpx routed to the docs sandbox once for the module, not once per example."""
    with docs_sandbox.in_process():
        yield


def _group(case: discovery.PythonCase) -> pytest.MarkDecorator:
    # Under `--dist loadgroup`, every example of a file runs in one worker.
    # The group is named by the path from the project's root: it is part of the test's
    # id in .test_durations, which must read the same on every machine.
    return pytest.mark.xdist_group(display_path(case.examples[0].path))


@pytest.mark.parametrize(
    "case", [pytest.param(c, id=c.id, marks=_group(c)) for c in PYTHON]
)
def test_python_example(case, request, docs_sandbox, api_schemas, docs_token, examples_root,
                        _routed, _examples_to_update):
    __tracebackhide__ = hide_unless_reported  # a raising example shows only its page lines
    eval_example = EvalExample(tmp_path=example_dir(examples_root, case), pytest_request=request)
    run_python_case(case, eval_example, docs_sandbox, api_schemas)
    if eval_example.update_examples:
        _examples_to_update.extend(eval_example.to_update)


def test_python_examples_pass_ruff():
    findings = lint_examples([c.examples for c in PYTHON], [c.shared for c in PYTHON])
    if findings:
        pytest.fail("ruff finds problems in the examples:\n" + "\n".join(findings),
                    pytrace=False)


def test_there_are_examples_to_run():
    # Discovery finding nothing would make every other test here vacuous.
    assert PYTHON and len(PYTHON) >= len(list(discovery.SNIPPETS.rglob("*.py")))


def test_json_blocks_are_what_they_declare(api_schemas):
    failures = []
    for case in JSON:
        try:
            check_declared_json(case, api_schemas)
        except ExampleError as exc:
            failures.append(exc.msg)
    assert not failures, "\n\n".join(failures)

