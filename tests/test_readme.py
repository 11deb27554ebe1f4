"""The README's Python example runs as written, and its commands print no notice."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pytest_examples import CodeExample, EvalExample, find_examples

from .helpers import HEAVY

README = Path(__file__).resolve().parents[1] / "README.md"
EXAMPLES = [ex for ex in find_examples(README) if ex.prefix.split()[0] == "python"]


def test_readme_has_a_python_example():
    assert EXAMPLES


@pytest.mark.parametrize("example", EXAMPLES, ids=str)
def test_readme_example_runs(example: CodeExample, eval_example: EvalExample):
    eval_example.run(example)


@HEAVY
def test_mkdocs_commands_print_no_theme_notice(tmp_path: Path):
    """`uv run mkdocs …` prints no end-of-life notice from the theme.

    Material prints it when a process named `mkdocs` imports the theme, unless
    NO_MKDOCS_2_WARNING is set; the project's `.pth` (see pyproject.toml) sets it for every
    process of the environment. The command runs here as the README runs it, through the
    environment's own `mkdocs` script, with the variable removed from what it inherits.
    """
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Hello\n")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\ntheme:\n  name: material\n")
    env = {k: v for k, v in os.environ.items() if k != "NO_MKDOCS_2_WARNING"}
    mkdocs = Path(sys.executable).with_name("mkdocs")
    done = subprocess.run([str(mkdocs), "build", "--strict", "--quiet"], cwd=tmp_path,
                          env=env, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "site" / "index.html").is_file()
    assert "end of life" not in done.stdout + done.stderr, done.stdout + done.stderr
