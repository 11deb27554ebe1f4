"""``uv run pytest docs/<page>.md`` checks one page: its share of the suite, no less.

The root ``conftest.py`` collects the page (:mod:`tests.harness.page`); these tests hold
it to what the suite runs for that page, and show that its build check fails on a drift
naming the page's line.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .harness import discovery
from .harness.node import js_cases
from .harness.render import render_page, render_pages
from .helpers import HEAVY

ROOT = Path(__file__).resolve().parents[1]
DELETE = ROOT / "docs" / "workstations" / "delete.md"


def _shown_on(cases: list, page: str) -> set[str]:
    return {c.id for c in cases
            if c.id.startswith(f"{page}:") or any(s.startswith(f"{page}:") for s in c.shown_on)}


@HEAVY
def test_a_page_collects_every_example_it_shows_in_every_language_and_its_build():
    done = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q",
                           "-p", "no:cacheprovider", str(DELETE.relative_to(ROOT))],
                          cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    items = {line.split("::", 1)[1] for line in done.stdout.splitlines() if "::" in line}
    page = "docs/workstations/delete.md"
    python = _shown_on(discovery.python_cases(), page)
    curl = _shown_on(discovery.curl_cases(), page)
    javascript = _shown_on(js_cases(), page)
    assert python and curl and javascript
    expected = ({"page", "ruff", "node-check"}
                | {f"python[{c}]" for c in python} | {f"pasted-python[{c}]" for c in python}
                | {f"curl[{c}]" for c in curl} | {f"pasted-curl[{c}]" for c in curl}
                | {f"javascript[{c}]" for c in javascript}
                | {f"json[{c.id}]" for c in discovery.json_cases() if c.id.startswith(page)})
    assert items == expected


@HEAVY
def test_the_page_build_passes_and_names_the_line_of_a_drift():
    assert render_page(DELETE) == []
    text = DELETE.read_text()
    line = next(n for n, l in enumerate(text.splitlines(), 1) if "rejected with `409`" in l
                or "refused with `409`" in l)
    drifted = text.replace("refused with `409`", "refused with `418`", 1)
    _, problems = render_pages([DELETE], {DELETE: drifted})
    assert any(p.startswith(f"workstations/delete.md:{line}: `418`") for p in problems), problems
