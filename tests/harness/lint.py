"""Lint every Python example with ruff in one call, and map each finding back to its page.

Each example (a shared page's blocks joined in order) is written to a file of a temporary
folder with a map from its lines to page lines; one ``ruff check`` reads the folder with
the project's ruff settings (``pyproject.toml``). A shared page's later blocks may import
what they use, so ``E402`` and ``I001`` are off for those files only.

Example:
    >>> from pytest_examples import CodeExample
    >>> ex = CodeExample.create("import os\\n\\nprint(1)\\n", path=Path("docs/p.md"), start_line=9)
    >>> lint_examples([[ex]], shared=[False])
    ['docs/p.md:10:8: F401 `os` imported but unused']
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from pytest_examples import CodeExample
from ruff import find_ruff_bin

from .pages import ROOT, display_path

__all__ = ["lint_examples"]

_SHARED_IGNORES = "lint.per-file-ignores = {'shared_*.py' = ['E402', 'I001']}"


def lint_examples(groups: Sequence[Sequence[CodeExample]], shared: Sequence[bool]) -> list[str]:
    """Ruff's findings over every group of examples, as ``page:line:col: CODE message``.

    A group is the examples that run as one (a block, a file, or a shared page's blocks).
    """
    with tempfile.TemporaryDirectory(prefix="cloudws-ruff-") as folder:
        where: dict[str, list[tuple[Path, int]]] = {}
        for number, (group, is_shared) in enumerate(zip(groups, shared, strict=True)):
            lines: list[str] = []
            origin: list[tuple[Path, int]] = []
            for example in group:
                for offset, line in enumerate(example.source.split("\n")[:-1], start=1):
                    lines.append(line)
                    origin.append((example.path, example.start_line + offset))
            name = f"{'shared' if is_shared else 'example'}_{number}.py"
            (Path(folder) / name).write_text("\n".join(lines) + "\n")
            where[name] = origin
        completed = subprocess.run(
            [find_ruff_bin(), "check", "--output-format=json", "--no-cache", "--exit-zero",
             "--config", str(ROOT / "pyproject.toml"), "--config", _SHARED_IGNORES, folder],
            capture_output=True, text=True, check=False, cwd=ROOT,  # first-party: src/
        )
        if completed.returncode != 0:
            raise RuntimeError(f"ruff failed:\n{completed.stderr}")
        findings = []
        for item in json.loads(completed.stdout):
            origin = where[Path(item["filename"]).name]
            # a syntax error at the end of the file is reported on the line after the last
            path, line = origin[min(item["location"]["row"], len(origin)) - 1]
            findings.append((display_path(path), line, item["location"]["column"],
                             f"{item['code']} {item['message']}"))
        return [f"{path}:{line}:{column}: {text}" for path, line, column, text in sorted(findings)]
