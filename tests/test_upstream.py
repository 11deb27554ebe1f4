"""Upstream behaviour the project works around, each checked so that the day upstream
changes, a test here fails and says which workaround to remove or revisit."""

from __future__ import annotations

import os
import sys
import textwrap

import pytest

from .harness.pages import ROOT

pytest_plugins = ["pytester"]

PAGE = """\
# Page

```python
data = {"id": "ws-12345"}
print(data["name"])
```
"""

RAISING_EXAMPLE = """\
from pathlib import Path

from pytest_examples import CodeExample
from pytest_examples.eval_example import EvalExample

EXAMPLE = CodeExample.create('data = {"id": "ws-12345"}\\nprint(data["name"])\\n',
                             path=Path(__file__).parent / "page.md", start_line=3)


def run(tmp_path, request, rewrite_assertions=False):
    EvalExample(tmp_path=tmp_path, pytest_request=request).run(
        EXAMPLE, rewrite_assertions=rewrite_assertions)
"""


def _run_example(pytester: pytest.Pytester, test: str) -> pytest.RunResult:
    pytester.makefile(".md", page=PAGE)
    pytester.makepyfile(example_runner=RAISING_EXAMPLE, test_sample=textwrap.dedent(test))
    return pytester.runpytest_subprocess("-p", "pytest_examples", "-p", "no:cacheprovider",
                                         "-p", "no:randomly")


@pytest.fixture
def pytester(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    # Only the plugins a sample names: the inner run starts in a fraction of a second.
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
    monkeypatch.setenv("PYTHONPATH", f"{pytester.path}{os.pathsep}{ROOT}")
    return pytester


@pytest.mark.skipif(sys.version_info[:2] != (3, 11), reason="the crash is on Python 3.11 only")
def test_pytest_examples_still_crashes_pytest_on_a_raising_example(pytester):
    """tests/harness/upstream.py exists for this: pytest-examples' own traceback for a
    raising example, unrepaired, crashes pytest on Python 3.11."""
    result = _run_example(pytester, """\
        from example_runner import run

        def test_example(tmp_path, request):
            run(tmp_path, request)
        """)
    output = result.stdout.str() + result.stderr.str()
    if result.ret != pytest.ExitCode.INTERNAL_ERROR:
        pytest.fail("pytest-examples no longer crashes pytest on a raising example: remove "
                    "tests/harness/upstream.py and its uses (run_python_case, "
                    f"bench/plain_pattern.py).\n{output}")
    assert "RuntimeError: generator raised StopIteration" in output


@pytest.mark.parametrize("rewrite", [False, True], ids=["importlib", "assertion-rewriting"])
def test_repaired_traceback_shows_the_page_line_and_columns(pytester, rewrite):
    result = _run_example(pytester, f"""\
        from example_runner import EXAMPLE, run
        from tests.harness.upstream import repair_example_traceback

        def test_example(tmp_path, request):
            try:
                run(tmp_path, request, rewrite_assertions={rewrite})
            except KeyError as exc:
                repair_example_traceback(exc, EXAMPLE)
                raise
        """)
    assert result.ret == pytest.ExitCode.TESTS_FAILED, result.stdout.str() + result.stderr.str()
    result.stdout.fnmatch_lines([
        ">   print(data[\"name\"])",
        "          ^^^^^^^^^^^^",
        "E   KeyError: 'name'",
        "page.md:5: KeyError",
    ])
