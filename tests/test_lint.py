"""The project's own code passes ruff (the examples are linted by tests/test_examples.py)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from ruff import find_ruff_bin

ROOT = Path(__file__).resolve().parents[1]


def test_code_passes_ruff():
    result = subprocess.run(
        [find_ruff_bin(), "check", "--no-cache", "src", "tests", "hooks", "bench"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
