"""Under GitHub Actions, a failure is also an annotation on the line the writer edits.

A failing example, table, reference or link names the place to fix as ``path:line`` at
the start of its message (``docs/workstations/delete.md:131: ...``, ``snippets/x.json:1:
...``). When ``GITHUB_ACTIONS=true``, each failed test whose report names such a place in
``docs/``, ``snippets/``, the README or ``mkdocs.yml`` (a page's nav label, say) is printed on standard output as a workflow
command, ``::error file=<path>,line=<line>,title=<test>::<message>``, which GitHub shows
on that line of the pull request's diff (or, for a docstring a reference page shows, on
its line of the stub's source in ``src/``); a report of several problems, each on a line
that starts with its place (a build's), gives one per place. The test's own report is
unchanged. A test that runs again what another check runs (an example pasted, a
JavaScript example that ``node --check`` reads), marked ``repeats_a_check``, is annotated
at the end of the run, only at lines no other check's annotation names: where its
example's own check failed there, that one says it. A test marked ``plants_mistakes`` (it checks what the checks say of mistakes it
plants in a copy) is not annotated: its places are the copy's. A failure that a shared
fixture raises with :func:`fail_as` (the site's build, which every test of the built site
needs) is titled by the check that failed, not by the first test that needed it.

With or without GitHub, a run in which tests that plant mistakes failed beside checks of
the tree itself ends with a section saying so (:class:`PlantedPlugin`): a copy of the tree
has the tree's mistakes too, so those tests may fail for them alone.

Example:
    >>> print(workflow_command("docs/a.md", 3, "t", "drift\\nat 100%"))
    ::error file=docs/a.md,line=3,title=t::drift%0Aat 100%25
    >>> place_of("E  docs/workstations/delete.md:131: the output shown is not ...")
    ('docs/workstations/delete.md', 131)
    >>> problems_in("failed:\\ndocs/a.md:3: `412`: no\\ndocs/a.md:9: a link\\n(shown on docs/b.md:1)")
    [('docs/a.md', 3, 'docs/a.md:3: `412`: no'), ('docs/a.md', 9, 'docs/a.md:9: a link\\n(shown on docs/b.md:1)')]
    >>> problems_in("docs/a.md:5: the title 'X' is not ...\\nmkdocs.yml:23: the nav calls ...")
    [('docs/a.md', 5, "docs/a.md:5: the title 'X' is not ..."), ('mkdocs.yml', 23, 'mkdocs.yml:23: the nav calls ...')]
    >>> problems_in("E   Failed: docs/a.md:3: wrong\\nE   docs/a.md:5: missing")
    [('docs/a.md', 3, 'docs/a.md:3: wrong'), ('docs/a.md', 5, 'docs/a.md:5: missing')]
    >>> problems_in("E   snippets/a.py:4: drift\\nE   - x = 1\\nE    assert x == 2\\nE   + y")
    [('snippets/a.py', 4, 'snippets/a.py:4: drift\\n- x = 1\\n assert x == 2\\n+ y')]
    >>> problems_in("E   AssertionError: docs/a.svg:27: wrong\\nE     docs/a.svg:56: missing\\n"
    ...             "E       assert not ['docs/a.svg:27: wrong', ...]\\n\\ntests/t.py:9: AssertionError")
    [('docs/a.svg', 27, 'docs/a.svg:27: wrong'), ('docs/a.svg', 56, 'docs/a.svg:56: missing')]
    >>> problems_in("E   snippets/a.py:4: raised KeyError: 'x'\\nE   (shown on docs/a.md:4)")
    [('snippets/a.py', 4, "snippets/a.py:4: raised KeyError: 'x'\\n(shown on docs/a.md:4)")]
    >>> problems_in("E   snippets/a.json:3: drift\\nE       \\"id\\": 1")  # the indent stays
    [('snippets/a.json', 3, 'snippets/a.json:3: drift\\n    "id": 1')]
    >>> problems_in("snippets/a.py:2:8: F401 unused\\nsnippets/b.py:2:8: F401 unused")
    [('snippets/a.py', 2, 'snippets/a.py:2:8: F401 unused'), ('snippets/b.py', 2, 'snippets/b.py:2:8: F401 unused')]
    >>> problems_in("docs/a.md:3: `422`: no\\ndocs/a.md:3: `423`: no\\nE  docs/a.md:3: no")
    [('docs/a.md', 3, 'docs/a.md:3: `422`: no\\ndocs/a.md:3: `423`: no')]
    >>> problems_in("src/x.py:4: the docstring of x, which docs/r.md:3 shows: `418`\\n"
    ...             "src/x.py:9: in get\\nsrc/x.py:9: KeyError")
    [('src/x.py', 4, 'src/x.py:4: the docstring of x, which docs/r.md:3 shows: `418`\\nsrc/x.py:9: in get\\nsrc/x.py:9: KeyError')]
"""

from __future__ import annotations

import os
import re
import shlex
import sys
import textwrap
from typing import Any, NoReturn

import pytest

__all__ = [
    "PLANTED_HEADING",
    "PLANTS_MISTAKES",
    "REPEATS_A_CHECK",
    "AnnotationsPlugin",
    "PlantedPlugin",
    "fail_as",
    "held_commands",
    "place_of",
    "places_in",
    "planted_and_the_tree",
    "planted_beside_the_tree",
    "problems_in",
    "workflow_command",
]

#: A test that plants mistakes in a copy of the tree, or in a page it renders, and checks
#: what the checks say of them: the places its failures name are the copy's (a planted
#: `412`, a page that does not exist), so they are not annotated on the writer's files.
#: A mistake of the writer's that such a test also meets is annotated by the checks of
#: the tree itself.
PLANTS_MISTAKES = pytest.mark.plants_mistakes
#: A test that runs again what another check runs (an example pasted into a shell or
#: ``python``, a JavaScript example that ``node --check`` reads too): where that check
#: fails at the same line, the same fix mends both, so under GitHub Actions its failures
#: are annotated at the end of the run, only at lines no other check's annotation names.
REPEATS_A_CHECK = pytest.mark.repeats_a_check

_PLACE = re.compile(r"(?<![\w/.-])((?:docs|snippets)/[\w./-]+|README\.md|mkdocs\.yml):(\d+)\b")
#: A line that starts with a place (after pytest's ``E`` or a log level, as MkDocs prints
#: ``WARNING -  docs/x.md:3: ...``, and the exception's name that opens the first line of
#: an assertion's message, ``E   AssertionError: docs/x.md:3: ...``): one problem of a
#: report that lists several.
#: The stub's source (``src/``) is such a place too, for what a reference page shows of its
#: docstrings; not a traceback's line in it (``src/x.py:9: in f``, ``src/x.py:9: KeyError``).
_PROBLEM = re.compile(r"^(?:E +|[A-Z]+ +- +)?(?:(?:[A-Z]\w*(?:Error|Exception)|Failed): )?"
                      r"(?P<place>((?:docs|snippets)/[\w./-]+|README\.md"
                      r"|mkdocs\.yml"
                      r"|src/[\w./-]+(?=:\d+: (?!in )\S+ ))"
                      r":(\d+))(?::\d+)?: ", re.MULTILINE)  # a column after the line (ruff)
#: A line of a log that starts another entry, which is no problem of the writer's (MkDocs'
#: ``ERROR   -  Error reading page 'x.md':``, ``INFO    -  ...``, ``Aborted with a
#: BuildError!``), or what pytest adds after an assertion's message (the assertion
#: explained, ``E    assert not [...]``, and where it failed, ``tests/x.py:9:
#: AssertionError``): a problem's message ends before it.
_LOG_ENTRY = re.compile(r"^(?:(?:DEBUG|INFO|WARNING|ERROR|CRITICAL) +- |Aborted with a "
                        r"BuildError!$|E {7}assert |tests/[\w/]+\.py:\d+: AssertionError$)",
                        re.MULTILINE)
_MAX_MESSAGE = 4000
_PYTEST_E = re.compile(r"^E   ", re.MULTILINE)  # pytest's own, exactly: an indent after it stays


def fail_as(check: str, message: str) -> NoReturn:
    """Fail the test, without a traceback, with ``message``, found by ``check`` (say,
    ``mkdocs build --strict``): under GitHub Actions its annotations are titled so."""
    failure = pytest.fail.Exception(message, pytrace=False)
    failure.check = check  # type: ignore[attr-defined]
    raise failure


def check_name(nodeid: str) -> str:
    """A test's id without the ``@group`` that pytest-xdist adds to one in an xdist group.

    Example:
        >>> check_name("tests/test_examples.py::test_python_example[snippets/a.py]@snippets/a.py")
        'tests/test_examples.py::test_python_example[snippets/a.py]'
        >>> check_name("docs/a.md::page"), check_name("t.py::test_x[a@b]")
        ('docs/a.md::page', 't.py::test_x[a@b]')
    """
    return re.sub(r"@[^\[\]]*$", "", nodeid)


def place_of(text: str) -> tuple[str, int] | None:
    """The first ``docs/...``, ``snippets/...``, ``README.md`` or ``mkdocs.yml`` line named in
    ``text``."""
    match = _PLACE.search(text)
    return (match[1], int(match[2])) if match else None


def places_in(text: str) -> list[tuple[str, int]]:
    """Every ``docs/...``, ``snippets/...``, ``README.md`` or ``mkdocs.yml`` line named in
    ``text``."""
    return [(match[1], int(match[2])) for match in _PLACE.finditer(text)]


def problems_in(text: str) -> list[tuple[str, int, str]]:
    """Each problem a report names: its file, line, and message (from its place to the
    next problem's). Problems are the lines that start with a place (one per place: a
    traceback's location line repeats its problem's); with none, the first place named
    anywhere, and the message from it to the end. A message ends, too, at a log's next
    entry that names no place.

    Example:
        >>> log = ("WARNING -  docs/a.md:3: a link to 'b.md' is not found\\n  (say)\\n"
        ...        "ERROR   -  Error reading page 'c.md':\\nERROR   -  docs/c.md:9: no such ID\\n"
        ...        "\\nAborted with a BuildError!\\n")
        >>> for problem in problems_in(log):
        ...     print(problem)
        ('docs/a.md', 3, "docs/a.md:3: a link to 'b.md' is not found\\n  (say)")
        ('docs/c.md', 9, 'docs/c.md:9: no such ID')
        >>> problems_in("E   docs/a.md:3: differs:\\nE     - stopped\\nHTTP - 409\\nAborted with 6")
        [('docs/a.md', 3, 'docs/a.md:3: differs:\\n  - stopped\\nHTTP - 409\\nAborted with 6')]
    """
    starts = list(_PROBLEM.finditer(text))
    if not starts:
        place = place_of(text)
        if place is None:
            return []
        message = text[text.find(f"{place[0]}:{place[1]}"):]
        entry = _LOG_ENTRY.search(message)
        return [(*place, message[:entry.start() if entry else None].strip())]
    found: dict[tuple[str, int], str] = {}
    for match, after in zip(starts, [*starts[1:], None], strict=True):
        end = after.start() if after is not None else len(text)
        entry = _LOG_ENTRY.search(text, match.end(), end)
        end = entry.start() if entry is not None else end
        key, message = (match[2], int(match[3])), text[match.start("place"):end].strip()
        message = _PYTEST_E.sub("", message)  # pytest's prefix of an exception's lines
        said = message[len(match["place"]) + 2:].strip()
        if key not in found:
            found[key] = message
        elif said not in found[key]:  # a second problem there (not a traceback's repeat)
            found[key] += "\n" + message
    return [(path, line, message) for (path, line), message in found.items()]


def planted_and_the_tree(failed: list[Any]) -> dict[str, list[str]]:
    """Of a run's failed reports (each with ``nodeid``, ``keywords`` and ``longreprtext``):
    the tests that plant mistakes in a copy of the tree (``plants_mistakes``), each once,
    and the places in the tree that its other failures name."""
    def plants(report: Any) -> bool:
        return "plants_mistakes" in getattr(report, "keywords", ())

    # once each (a test may fail in its call and its teardown)
    planted = dict.fromkeys(check_name(report.nodeid) for report in failed if plants(report))
    places = dict.fromkeys(f"{path}:{line}" for report in failed if not plants(report)
                           for path, line, _ in problems_in(report.longreprtext))
    return {"planted": list(planted), "places": list(places)}


#: The heading over what :func:`planted_beside_the_tree` says, in a run and in a merge.
PLANTED_HEADING = "fix the tree's own failures first"


def planted_beside_the_tree(planted: list[str], places: list[str]) -> list[str]:
    """What to say of the failed tests that plant mistakes in a copy of the tree
    (``planted``) when checks of the tree itself failed at ``places`` in the same run (or
    in another shard of it): the copy has the tree's mistakes too, so those tests may fail
    for them alone. Nothing, when only one kind failed.

    Example:
        >>> for line in planted_beside_the_tree(["tests/test_page.py::test_x[a b]"],
        ...                                     ["snippets/a.mjs:11"]):
        ...     print(line)
        1 test that plants mistakes in a copy of the tree failed, and the tree's own checks
        fail at snippets/a.mjs:11: the copy has those mistakes too, so it may fail for them
        alone. Fix those lines first, then run it again:
          uv run pytest 'tests/test_page.py::test_x[a b]'
        >>> planted_beside_the_tree(["tests/test_page.py::test_x"], [])
        []

    A place is never split at its hyphens:

        >>> places = ["docs/concepts/idempotency-keys-and-retries.md:1",
        ...           "snippets/workstations/delete-running.mjs:11"]
        >>> said = planted_beside_the_tree(["t"], places)
        >>> [place for place in places if not any(place in line for line in said)]
        []
    """
    if not planted or not places:
        return []
    many = len(planted) > 1
    shown = ", ".join(places[:5]) + (f" and {len(places) - 5} more" if len(places) > 5 else "")
    said = (f"{len(planted)} test{'s' if many else ''} that plant{'' if many else 's'} "
            "mistakes in a copy of the tree failed, and the tree's own checks fail at "
            f"{shown}: the copy has those mistakes too, so {'they' if many else 'it'} may fail "
            f"for them alone. Fix those lines first, then run {'them' if many else 'it'} again:")
    return [*textwrap.wrap(said, 88, break_on_hyphens=False, break_long_words=False),
            "  uv run pytest " + " ".join(shlex.quote(test) for test in _tests_of(planted))]


def _tests_of(ids: list[str]) -> list[str]:
    """``ids`` as a command names them: a test that failed with two or more of its
    parameters, by its function's id (which runs them all), each once.

    Example:
        >>> _tests_of(["t.py::test_a[x]", "t.py::test_b[y]", "t.py::test_a[z]", "t.py::c"])
        ['t.py::test_a', 't.py::test_b[y]', 't.py::c']
    """
    functions = [test.partition("[")[0] for test in ids]
    return list(dict.fromkeys(function if functions.count(function) > 1 else test
                              for test, function in zip(ids, functions, strict=True)))


def _said(problem: tuple[str, int, str]) -> tuple[str, int, str]:
    """A problem as a place and its message's first line."""
    path, line, message = problem
    return path, line, message.partition("\n")[0]


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def workflow_command(path: str, line: int, title: str, message: str) -> str:
    """The ``::error`` workflow command for ``message`` at ``path:line``."""
    return (f"::error file={_escape_property(path)},line={line},"
            f"title={_escape_property(title)}::{_escape_data(message[:_MAX_MESSAGE])}")


class AnnotationsPlugin:
    """Prints a workflow command for each failed test that names a page or snippet line;
    a problem several tests report alike (a site build that every test of the site needs
    failed on one link) is annotated once, under the first test's name, or under the
    check that :func:`fail_as` names. A test marked ``repeats_a_check`` (an example run
    again as pasted, a JavaScript example that ``node --check`` also reads) is annotated
    at the end of the run, at the places no other check's annotation is: where its
    example's own check failed too, that one says it."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self._annotated: set[tuple[str, int, str]] = set()
        self._held: set[tuple[str, int, str]] = set()  # a repeat's, held to the end
        self._places: set[tuple[str, int]] = set()  # annotated by a check not a repeat
        self._repeats: list[tuple[str, int, str, str]] = []  # a repeat's, held to the end
        #: In a shard, the failures of a check every shard runs (the site build, which
        #: fail_as names): held for the merge, which annotates each once.
        self._shared: list[tuple[str, int, str, str]] = []

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(self, call: pytest.CallInfo[None]):
        """The check a failure raised with :func:`fail_as` names, kept in the report (on
        the worker that ran the test: the controller annotates)."""
        report = yield
        check = getattr(call.excinfo.value, "check", None) if call.excinfo else None
        if isinstance(check, str):
            report.user_properties.append(("check", check))
        return report

    @pytest.hookimpl(trylast=True)
    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        self._annotate(report)

    @pytest.hookimpl(trylast=True)
    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        self._annotate(report)  # a page that cannot be collected (an include not there)

    def _annotate(self, report: pytest.TestReport | pytest.CollectReport) -> None:
        if not report.failed or hasattr(self.config, "workerinput"):
            return  # under xdist the controller, which gets every report, prints it
        if "plants_mistakes" in getattr(report, "keywords", ()):
            return  # its places are a copy's (PLANTS_MISTAKES)
        # one already annotated: the same place, saying the same (a note under it aside,
        # such as the pages that show a snippet); a repeat's, held, is no check's yet
        check = dict(getattr(report, "user_properties", ())).get("check")
        title = check or check_name(report.nodeid)
        if "repeats_a_check" in getattr(report, "keywords", ()):
            problems = [problem for problem in problems_in(report.longreprtext)
                        if _said(problem) not in self._annotated | self._held]
            self._held.update(map(_said, problems))
            self._repeats += [(path, line, title, message) for path, line, message in problems]
            return
        problems = [problem for problem in problems_in(report.longreprtext)
                    if _said(problem) not in self._annotated]
        self._annotated.update(map(_said, problems))
        self._places.update((path, line) for path, line, _ in problems)
        if check is not None and self._merged_later():  # a check every shard runs
            self._shared += [(path, line, title, message) for path, line, message in problems]
            return
        self._write([workflow_command(path, line, title, message)
                     for path, line, message in problems])

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self) -> None:
        """A repeat's failures, where no other check's annotation is: its own. A shard of
        several leaves them to the merge of the shards' files (:meth:`held`): the check a
        repeat repeats may have run in another shard."""
        if hasattr(self.config, "workerinput"):
            return
        left = [(path, line, title, message) for path, line, title, message in self._repeats
                if (path, line) not in self._places]
        if self._merged_later():
            if left or self._shared:  # said, so that a shard with no annotation says why
                self._say(f"{len(left) + len(self._shared)} annotation(s) held for the merge "
                          "of the shards' files (a run repeated as pasted failed, and the "
                          "check it repeats may have run in another shard; or a check every "
                          "shard runs failed, such as the site build): `uv run python -m "
                          "tests.harness.shards merge`, the workflow's last job, prints each "
                          "once")
            return
        self._write([workflow_command(*repeat) for repeat in left])

    def held(self) -> dict[str, list[list[Any]]]:
        """What this run leaves to ``python -m tests.harness.shards merge`` (which prints
        the repeats no shard's other checks annotated): the lines it annotated, and the
        repeats' annotations it held."""
        return {"annotated": sorted([path, line] for path, line in self._places),
                "repeats": [list(repeat) for repeat in self._repeats],
                "shared": [list(failure) for failure in self._shared]}

    def _merged_later(self) -> bool:
        """Whether this run is one shard of several and writes its ``--statuses-file``,
        which the merge reads."""
        splits = self.config.getoption("splits", None)
        return bool(splits and splits > 1 and self.config.getoption("statuses_file", None))

    def _say(self, line: str) -> None:
        reporter = self.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line(line)
        else:
            sys.stdout.write(line + "\n")

    def _write(self, commands: list[str]) -> None:
        if not commands:
            return
        reporter = self.config.pluginmanager.get_plugin("terminalreporter")
        # On lines of their own: pytest's progress characters may stand before them.
        text = "\n" + "\n".join(commands) + "\n"
        if reporter is not None:
            reporter.write(text, flush=True)
        else:
            sys.stdout.write(text)


def held_commands(records: list[dict[str, Any]]) -> list[str]:
    """The workflow commands of what the shards held (their ``annotations``, from
    :meth:`AnnotationsPlugin.held`): the failures of a check every shard runs, each once;
    then the repeats, at the lines no shard annotated otherwise, each once.

    Example:
        >>> build = ["a.md", 3, "mkdocs build --strict", "x"]
        >>> shard = {"annotated": [["a.md", 3]], "repeats": [["a.md", 3, "t", "x"]],
        ...          "shared": [build]}
        >>> other = {"annotated": [["a.md", 3]], "repeats": [["b.md", 4, "u", "y"]],
        ...          "shared": [build]}
        >>> for command in held_commands([{"annotations": shard}, {"annotations": other}, {}]):
        ...     print(command)
        ::error file=a.md,line=3,title=mkdocs build --strict::x
        ::error file=b.md,line=4,title=u::y
    """
    held = [r["annotations"] for r in records if r.get("annotations")]
    annotated = {(path, line) for h in held for path, line in h["annotated"]}
    commands: list[str] = []
    for path, line, title, message in (failure for h in held for failure in h.get("shared", ())):
        command = workflow_command(path, line, title, message)
        if command not in commands:
            commands.append(command)
    for path, line, title, message in (repeat for h in held for repeat in h["repeats"]):
        command = workflow_command(path, line, title, message)
        if (path, line) not in annotated and command not in commands:
            commands.append(command)
    return commands


class PlantedPlugin:
    """At the end of a run, says which failed tests that plant mistakes may have failed for
    the tree's own failures (:func:`planted_beside_the_tree`), in a section of its own."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config

    def held(self) -> dict[str, list[str]]:
        """The run's failed tests that plant mistakes, and the places its other failures
        name (:func:`planted_and_the_tree`), for ``python -m tests.harness.shards merge``,
        which says it of all the shards: one shard may hold a test of the first kind, and
        another the failure of the tree it meets."""
        reporter = self.config.pluginmanager.get_plugin("terminalreporter")
        stats = reporter.stats if reporter is not None else {}
        return planted_and_the_tree(stats.get("failed", []) + stats.get("error", []))

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        if hasattr(self.config, "workerinput"):
            return  # under xdist the controller, which gets every report, says it
        said = planted_beside_the_tree(**self.held())
        if said:
            terminalreporter.section(PLANTED_HEADING, yellow=True)
            for line in said:
                terminalreporter.write_line(line)


def register(config: pytest.Config) -> None:
    """Turn annotations on when running under GitHub Actions; and, always, the word on
    tests that plant mistakes beside the tree's own failures (:class:`PlantedPlugin`)."""
    if not config.pluginmanager.has_plugin("cloudws-planted"):
        config.pluginmanager.register(PlantedPlugin(config), "cloudws-planted")
    if os.environ.get("GITHUB_ACTIONS") == "true" and \
            not config.pluginmanager.has_plugin("cloudws-annotations"):
        config.pluginmanager.register(AnnotationsPlugin(config), "cloudws-annotations")
