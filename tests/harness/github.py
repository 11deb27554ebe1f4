"""Under GitHub Actions, a failure is also an annotation on the line the writer edits.

A failing example, table, reference or link names the place to fix as ``path:line`` at
the start of its message (``docs/workstations/delete.md:131: ...``, ``snippets/x.json:1:
...``). When ``GITHUB_ACTIONS=true``, each failed test whose report names such a place in
``docs/``, ``snippets/`` or the README is printed on standard output as a workflow
command, ``::error file=<path>,line=<line>,title=<test>::<message>``, which GitHub shows
on that line of the pull request's diff. The test's own report is unchanged.

Example:
    >>> print(workflow_command("docs/a.md", 3, "t", "drift\\nat 100%"))
    ::error file=docs/a.md,line=3,title=t::drift%0Aat 100%25
    >>> place_of("E  docs/workstations/delete.md:131: the output shown is not ...")
    ('docs/workstations/delete.md', 131)
"""

from __future__ import annotations

import os
import re
import sys

import pytest

__all__ = ["AnnotationsPlugin", "place_of", "workflow_command"]

_PLACE = re.compile(r"(?<![\w/.-])((?:docs|snippets)/[\w./-]+|README\.md):(\d+)\b")
_MAX_MESSAGE = 4000


def place_of(text: str) -> tuple[str, int] | None:
    """The first ``docs/...``, ``snippets/...`` or ``README.md`` line named in ``text``."""
    match = _PLACE.search(text)
    return (match[1], int(match[2])) if match else None


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def workflow_command(path: str, line: int, title: str, message: str) -> str:
    """The ``::error`` workflow command for ``message`` at ``path:line``."""
    return (f"::error file={_escape_property(path)},line={line},"
            f"title={_escape_property(title)}::{_escape_data(message[:_MAX_MESSAGE])}")


class AnnotationsPlugin:
    """Prints a workflow command for each failed test that names a page or snippet line."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config

    @pytest.hookimpl(trylast=True)
    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if not report.failed or hasattr(self.config, "workerinput"):
            return  # under xdist the controller, which gets every report, prints it
        text = report.longreprtext
        place = place_of(text)
        if place is None:
            return
        message = text.strip()
        start = message.find(f"{place[0]}:{place[1]}")
        command = workflow_command(*place, report.nodeid, message[start:])
        reporter = self.config.pluginmanager.get_plugin("terminalreporter")
        # On a line of its own: pytest's progress characters may stand before it.
        if reporter is not None:
            reporter.write(f"\n{command}\n", flush=True)
        else:
            sys.stdout.write(f"\n{command}\n")


def register(config: pytest.Config) -> None:
    """Turn annotations on when running under GitHub Actions."""
    if os.environ.get("GITHUB_ACTIONS") == "true" and \
            not config.pluginmanager.has_plugin("cloudws-annotations"):
        config.pluginmanager.register(AnnotationsPlugin(config), "cloudws-annotations")
