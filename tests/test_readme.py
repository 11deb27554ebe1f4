"""The README's Python example runs as written."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_examples import CodeExample, EvalExample, find_examples

README = Path(__file__).resolve().parents[1] / "README.md"
EXAMPLES = [ex for ex in find_examples(README) if ex.prefix.split()[0] == "python"]


def test_readme_has_a_python_example():
    assert EXAMPLES


@pytest.mark.parametrize("example", EXAMPLES, ids=str)
def test_readme_example_runs(example: CodeExample, eval_example: EvalExample):
    eval_example.run(example)
