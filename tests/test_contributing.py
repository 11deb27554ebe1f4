"""The failure output ``docs/contributing.md`` shows is what the harness prints.

Each shown output follows a comment that says which change made it:
``<!-- drift: <file>: <old text> => <new text> -->``. The test makes each change in a copy
of the project (drifts of one file in separate copies), runs the examples' tests there as
a user would, and checks that the block is a run of lines of what pytest printed — equal
but for the width of the ``___ test id ___`` rulers.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

from bench.site import make_tree

from .harness.github import PLANTS_MISTAKES
from .helpers import HEAVY, as_printed

pytestmark = PLANTS_MISTAKES  # every test here checks what is said of mistakes it plants

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "contributing.md"
_DRIFT = re.compile(r"^<!-- drift: (?P<path>\S+): (?P<old>.+?) => (?P<new>.+?) -->$")
_RULER = re.compile(r"^_{2,} (?P<title>.+?) _{2,}$")
#: Variables that change what pytest prints (annotations under CI, options, colours).
_UNSET = ("GITHUB_ACTIONS", "CI")  # (and what as_printed leaves out)


@dataclass(frozen=True)
class Shown:
    """A failure output on the page: the change that makes it, and its lines."""

    line: int  # of the comment, on the page
    path: str
    old: str
    new: str
    lines: tuple[str, ...]


def shown_failures(text: str) -> list[Shown]:
    """Every ``<!-- drift: ... -->`` of ``text`` and the code block right after it.

    Example:
        >>> [s.path for s in shown_failures(PAGE.read_text())]  # doctest: +ELLIPSIS
        ['snippets/workstations/delete_running.mjs', 'snippets/volumes/get.json', ...]
    """
    found, lines = [], text.split("\n")
    for number, line in enumerate(lines, start=1):
        match = _DRIFT.match(line.strip())
        if match is None:
            continue
        fence = lines[number].strip()
        assert fence.startswith("```"), f"{PAGE.name}:{number}: no code block right after it"
        end = next(i for i in range(number + 1, len(lines)) if lines[i].strip() == fence[:3])
        found.append(Shown(number, match["path"], match["old"], match["new"],
                           tuple(lines[number + 1:end])))
    return found


def _normal(line: str) -> str:
    line = line.rstrip()
    ruler = _RULER.match(line)
    return f"___ {ruler['title']} ___" if ruler else line


def _start(drifts: list[Shown], tree: Path) -> subprocess.Popen[str]:
    """Make ``drifts`` in ``tree`` and start its examples' tests there."""
    for drift in drifts:
        target = tree / drift.path
        text = target.read_text()
        assert text.count(drift.old) == 1, (
            f"docs/contributing.md:{drift.line}: {drift.old!r} is not in {drift.path} once")
        target.write_text(text.replace(drift.old, drift.new))
    env = {k: v for k, v in as_printed().items()
           if k not in _UNSET and not k.startswith("PYTEST_XDIST")}
    keys = " or ".join(sorted({Path(d.path).with_suffix("").name for d in drifts}))
    return subprocess.Popen(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--color=no",
         "tests/test_examples.py", "tests/test_curl_examples.py", "tests/test_js_examples.py",
         "-k", keys],
        cwd=tree, env=env, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True,
    )


def _first_difference(output: list[str], block: list[str]) -> int | None:
    """None if ``block`` is a run of lines of ``output``; else the index of its first line
    that differs from the run of ``output`` it is most like (matching longest first)."""
    best = 0
    for start in range(len(output)):
        same = 0
        while same < len(block) and start + same < len(output) \
                and output[start + same] == block[same]:
            same += 1
        if same == len(block):
            return None
        best = max(best, same)
    return best


@HEAVY
def test_contributing_shows_what_the_harness_prints_for_each_drift():
    failures = shown_failures(PAGE.read_text())
    assert len(failures) >= 3, "docs/contributing.md shows no failure output"
    # Drifts of different files run in one copy; two of one file, in copies of their own.
    runs: list[list[Shown]] = []
    for drift in failures:
        home = next((r for r in runs if all(d.path != drift.path for d in r)), None)
        if home is None:
            runs.append(home := [])
        home.append(drift)
    problems = []
    with tempfile.TemporaryDirectory(prefix="cloudws-contributing-") as tmp:
        started = [_start(drifts, make_tree(Path(tmp) / str(n))) for n, drifts in enumerate(runs)]
        for drifts, process in zip(runs, started, strict=True):
            output = process.communicate(timeout=300)[0]
            printed = [_normal(line) for line in output.splitlines()]
            for drift in drifts:
                differs = _first_difference(printed, [_normal(line) for line in drift.lines])
                if differs is not None:
                    problems.append(
                        f"docs/contributing.md:{drift.line + 2 + differs}: the output shown "
                        f"after the drift at line {drift.line} ({drift.path}: {drift.old!r} "
                        f"=> {drift.new!r}) is not what the harness prints; it prints:\n"
                        + textwrap.indent(output, "    | "))
    if problems:  # each at its line of this page, what was printed quoted below it
        pytest.fail("\n\n".join(problems), pytrace=False)


def test_contributing_lists_the_forms_the_description_is_read_in():
    """docs/contributing.md's section on the diagram lists the forms of its <desc>, as
    :data:`tests.test_lifecycle_diagram._DESC_FORMS` reads them: each, and no other."""
    text = PAGE.read_text()
    section = text[text.index("## The lifecycle diagram"):]
    section = section[:section.index("\n## ")]
    listed = re.findall(r"^ +- `(CALLS [^`]*)`$", section, re.MULTILINE)
    from .test_lifecycle_diagram import _DESC_FORMS, _TOUCH

    assert listed == list(_DESC_FORMS), (
        f"docs/contributing.md lists the forms of the diagram's <desc> as {listed}; "
        f"tests/test_lifecycle_diagram.py reads {list(_DESC_FORMS)}")
    touch = f"within {_TOUCH:.0f} units"
    assert touch in " ".join(section.split()), (
        f"docs/contributing.md's section on the diagram does not say how near an arrow's end "
        f"is to what it touches, as the check reads it: {touch}")
