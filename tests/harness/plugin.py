"""The pytest side of the harness: the ``--update-examples`` guard and the coverage table.

Registered by ``tests/conftest.py`` as the plugin ``cloudws-docs``. It

- blocks every connection and name lookup off this machine (see :mod:`.network`);
- refuses ``--update-examples`` under pytest-xdist unless ``--dist loadgroup`` keeps
  every file's examples in one worker (each worker rewrites files by the offsets it
  read, so two workers rewriting one file would garble it);
- collects which documented (operation, status) pairs were produced (from xdist workers
  too), prints the table at the end of the run, and fails the run when the whole suite
  ran and a pair was produced by nothing;
- keeps an interrupted ``--update-examples`` run from rewriting anything;
- with ``--statuses-file PATH``, writes those pairs and the tests that ran to ``PATH``,
  so that the rule can be applied over the shards of a split suite (see :mod:`.shards`).
"""

from __future__ import annotations

from collections.abc import Generator
from pathlib import Path
from typing import Any

import pytest

from .coverage import Coverage, documented_statuses, every_tab_set, said_of_missing, said_of_tabs
from .network import block_network
from .shards import record

__all__ = ["NAME", "SUITE_MODULES", "DocsPlugin", "addoption", "register"]

NAME = "cloudws-docs"
#: The modules whose examples and scenarios make up the coverage; when all of them ran
#: unfiltered, a documented status that nothing produced fails the run.
SUITE_MODULES = frozenset({"test_examples.py", "test_curl_examples.py", "test_js_examples.py",
                           "test_scenarios.py"})
_TESTS = Path(__file__).resolve().parents[1]
#: How the run's last line counts a check of the whole run that failed (the tabs of one
#: example disagreeing, a documented status nothing produced): "1 failed run-wide".
RUN_WIDE = "failed run-wide"
_WORKER_KEY = "cloudws_docs"
UPDATE_UNDER_XDIST = (
    "--update-examples rewrites files at the end of each worker's session, by the offsets "
    "that worker read: under pytest-xdist two workers could rewrite one file and garble "
    "it. Keep each file's examples in one worker with `--dist loadgroup` (what `uv run "
    "pytest --update-examples` does, with pyproject.toml's options), or run it in one "
    "process with `-n 0`."
)


def addoption(parser: pytest.Parser) -> None:
    """The harness's own option (added by its fixtures plugin, :mod:`.fixtures`)."""
    parser.getgroup("cloudws-docs").addoption(
        "--statuses-file", metavar="PATH", default=None,
        help="write the documented (operation, status) pairs this run produced, and the "
             "tests it ran, to PATH (JSON); `python -m tests.harness.shards merge` applies "
             "the 100%% rule over the files of all the shards (--splits, --group)")


def register(config: pytest.Config) -> DocsPlugin:
    """Check the options and register the plugin (once)."""
    plugin = config.pluginmanager.get_plugin(NAME)
    if plugin is None:
        _refuse_unsafe_update(config)
        block_network()
        plugin = DocsPlugin(config)
        config.pluginmanager.register(plugin, NAME)
    return plugin  # type: ignore[no-any-return]


def _refuse_unsafe_update(config: pytest.Config) -> None:
    if not config.getoption("update_examples", False) or hasattr(config, "workerinput"):
        return  # a worker runs only if its controller passed this check
    parallel = bool(getattr(config.option, "numprocesses", None))
    if parallel and getattr(config.option, "dist", "no") != "loadgroup":
        raise pytest.UsageError(UPDATE_UNDER_XDIST)


class DocsPlugin:
    """Coverage of documented statuses across the session (and its xdist workers)."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self._coverage: Coverage | None = None
        self.deselected = 0
        self.collected: set[str] = set()
        #: The IDs of the tests selected to run, and how many were collected in all.
        self.selected: set[str] = set()
        self.total = 0
        self.ran_examples = False
        self.failed_coverage = False
        #: When set (a page checked on its own), the table shows these operations only.
        self.focus: set[str] | None = None
        self.written: Path | None = None
        #: Whether the last test of the run has run (not interrupted before it): only
        #: then does --update-examples rewrite (fixtures._examples_to_update).
        self.completed = False
        self._last: str | None = None
        #: Under --update-examples, the examples this run would rewrite, and whether they
        #: were handed to pytest-examples to be (fixtures._examples_to_update).
        self.held: list[Any] = []
        self.handed = False
        #: Under xdist, in the controller: how many examples the workers rewrote, and how
        #: many they held and did not (an interrupted run).
        self.rewritten = 0
        self.unwritten = 0
        self.rewritten_files: set[str] = set()
        #: The tabs of one example that do not call the same (Coverage.disagreeing_tabs).
        self.disagreeing: list[tuple[str, int, str]] = []
        #: The IDs of the tests that failed: their examples' calls are not compared.
        self.failed: set[str] = set()

    @property
    def coverage(self) -> Coverage:
        """The session's coverage, against the sandbox's OpenAPI document."""
        if self._coverage is None:
            from cloudws.document import load_document

            self._coverage = Coverage(documented_statuses(load_document()))
        return self._coverage

    def start(self, document: dict[str, Any]) -> Coverage:
        """Use ``document`` (the session sandbox's) for the documented statuses."""
        if self._coverage is None:
            self._coverage = Coverage(documented_statuses(document))
        self.ran_examples = True
        return self._coverage

    def pytest_deselected(self, items: list[pytest.Item]) -> None:
        self.deselected += len(items)

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        # After every plugin's pytest_collection_modifyitems (-k, -m, pytest-split): what
        # is left is what runs.
        items = session.items
        self.collected |= {item.path.name for item in items
                           if item.path.parent == _TESTS and item.path.name in SUITE_MODULES}
        self.selected = {item.nodeid for item in items}
        self.total = len(items) + self.deselected

    @pytest.hookimpl(optionalhook=True)
    def pytest_testnodedown(self, node: Any, error: Any) -> None:
        data = getattr(node, "workeroutput", {}).get(_WORKER_KEY)
        if data:
            self.coverage.merge(data["produced"])
            self.coverage.merge_calls(data["calls"])
            self.deselected += data["deselected"]
            self.collected |= set(data["collected"])
            # Every worker collects the whole run and deselects the same tests.
            self.selected |= set(data["selected"])
            self.total = max(self.total, data["total"])
            self.ran_examples = self.ran_examples or data["ran"]
            if data.get("focus") is not None:  # pages named under -n N: their operations
                self.focus = (self.focus or set()) | set(data["focus"])
            self.rewritten += data.get("rewritten", 0)
            self.unwritten += data.get("unwritten", 0)
            self.rewritten_files |= set(data.get("rewritten_files", []))

    @pytest.hookimpl(tryfirst=True)
    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        if hasattr(self.config, "workerinput"):
            self.config.workeroutput[_WORKER_KEY] = {  # type: ignore[attr-defined]
                "produced": self.coverage.export() if self.ran_examples else [],
                "calls": (self.coverage.without(self.failed).export_calls()
                          if self.ran_examples else []),
                "deselected": self.deselected,
                "collected": sorted(self.collected),
                "ran": self.ran_examples,
                "selected": sorted(self.selected) if self._statuses_file() else [],
                "total": self.total,
                "focus": sorted(self.focus) if self.focus is not None else None,
                "rewritten": self._rewritten(),
                "unwritten": 0 if self.handed else len(self.held),
                "rewritten_files": self._rewritten_files(),
            }
            return
        path = self._statuses_file()
        # the coverage with no call of a failed example (its calls are not compared)
        passed = self.coverage.without(self.failed) if self.ran_examples or path else None
        if self.ran_examples and passed is not None:
            self.disagreeing = passed.disagreeing_tabs(every_tab_set())
            if self.disagreeing:
                session.exitstatus = pytest.ExitCode.TESTS_FAILED
        if path is not None and passed is not None:
            self.written = path
            option = self.config.option
            annotations = self.config.pluginmanager.get_plugin("cloudws-annotations")
            planted = self.config.pluginmanager.get_plugin("cloudws-planted")
            record(path, passed, told=self.disagreeing,
                   splits=getattr(option, "splits", None),
                   group=getattr(option, "group", None), tests=self.selected,
                   total=self.total, modules=self.collected,
                   annotations=annotations.held() if annotations is not None else None,
                   planted=planted.held() if planted is not None else None)
        if self.ran_examples and self._whole_suite_ran() and self.coverage.missing():
            self.failed_coverage = True
            session.exitstatus = pytest.ExitCode.TESTS_FAILED

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_protocol(self, item: pytest.Item, nextitem: pytest.Item | None
                                ) -> Generator[None, object, object]:
        if nextitem is None:  # the last test this process runs
            self._last = item.nodeid
        return (yield)

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        """Note that the last test has run (its call, or a setup that failed or skipped):
        the session's fixtures are torn down in its teardown, and --update-examples then
        rewrites. A run interrupted (or stopped by ``-x``) before does not reach it, and
        rewrites nothing: some examples never ran."""
        if report.nodeid == self._last and (report.when == "call" or not report.passed):
            self.completed = True
        if report.failed:  # (in the controller, the workers' reports too)
            self.failed.add(report.nodeid)

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        if hasattr(self.config, "workerinput"):
            return
        unwritten = self.unwritten + (0 if self.handed else len(self.held))
        if unwritten:
            terminalreporter.write_line(
                f"--update-examples: the run did not end on its own (interrupted, or stopped "
                f"by -x), so nothing was rewritten ({unwritten} example(s) would have "
                "been): run it again to the end",
                yellow=True)
        elif self.config.getoption("update_examples", False) and (
                failed := terminalreporter.stats.get("failed", [])):
            terminalreporter.write_line(self._refresh_failed(failed), yellow=True)
        elif rewritten := self.rewritten + self._rewritten():  # and nothing failed
            files = sorted(self.rewritten_files | set(self._rewritten_files()))
            terminalreporter.write_line(
                f"--update-examples: rewrote the outputs of {rewritten} example(s), in "
                f"{', '.join(files)} (`git status` and `git diff` show them). The pages' "
                "prose and builds were checked against the outputs as they were: check again "
                "without it",
                yellow=True)
        self._table(terminalreporter)
        if self.written is not None:
            terminalreporter.write_line(
                f"documented statuses produced and tests run written to {self.written}: "
                "`uv run python -m tests.harness.shards merge` with every shard's file "
                "applies the 100% rule over them")

    def _refresh_failed(self, failed: list[Any]) -> str:
        """What a refresh with ``failed`` checks (their reports) says: that nothing they
        check was rewritten, what else was, and, where a page's build failed, that it read
        the outputs as they were before the refresh."""
        rewritten = self.rewritten + self._rewritten()
        files = sorted(self.rewritten_files | set(self._rewritten_files()))
        said = f"--update-examples: {len(failed)} check(s) failed, and nothing they check was rewritten"
        if rewritten:
            said += (f" ({rewritten} other example(s) were, in {', '.join(files)}: `git status` and "
                     "`git diff` show them)")
        if rewritten and any(  # a page's build (under xdist, its id ends with its group)
                str(getattr(report, "nodeid", "")).partition("@")[0].endswith("::page")
                for report in failed):
            return (said + ". A page's build reads the outputs as they were before this run: "
                    "check the page again, then fix what still fails and refresh again")
        return said + ": fix what they say, then refresh again"

    def _rewritten(self) -> int:
        """How many examples this process handed to pytest-examples to rewrite."""
        from .fixtures import _once_each

        return len(_once_each(self.held)) if self.handed else 0

    def _rewritten_files(self) -> list[str]:
        """The files of the examples this process handed to pytest-examples to rewrite."""
        from .pages import display_path

        return sorted({display_path(example.path) for example in self.held}) if self.handed \
            else []

    def _table(self, terminalreporter: Any) -> None:
        if not self.ran_examples:
            return
        if not self.coverage.produced and not self.failed_coverage:
            return  # only fixtures were used: no example or scenario ran
        terminalreporter.section("documented statuses produced by the docs and scenarios")
        if not self.failed_coverage and self.coverage.missing():
            # said first: a page's table is mostly ✗, which the rest of the suite produces
            terminalreporter.write_line(
                "(part of the suite ran: the 100% rule is not applied; a ✗ is a status this "
                "run did not produce, which the other pages or the scenarios may)")
        coverage = self.coverage
        if self.focus is not None:  # a page: its operation, and those its examples called
            coverage = coverage.only(self.focus | {op for op, _ in coverage.produced})
        for line in coverage.table():
            terminalreporter.write_line(line)
        if self.failed_coverage:
            terminalreporter.write_line(
                "FAILED: every documented status of every operation must be produced by a "
                "docs example or a scenario (tests/test_scenarios.py).", red=True,
            )
            for line in said_of_missing(self.coverage.missing()):
                terminalreporter.write_line(line)
        for line in said_of_tabs(self.disagreeing):
            terminalreporter.write_line(line, red=line.startswith("FAILED"))
        if failed := len(self.disagreeing) + self.failed_coverage:
            # in the run's last line too ("24 passed, 1 failed run-wide in 1.52s"), where it
            # would say only what passed: no test failed, the run's own checks did
            terminalreporter.stats.setdefault(RUN_WIDE, []).extend([RUN_WIDE] * failed)

    def _statuses_file(self) -> Path | None:
        path = self.config.getoption("statuses_file", None)
        return None if path is None else self.config.invocation_params.dir / path

    def _whole_suite_ran(self) -> bool:
        """Every module that produces coverage was collected, and nothing deselected."""
        option = self.config.option
        if option.keyword or option.markexpr or self.deselected:
            return False
        if getattr(option, "lf", False) or getattr(option, "stepwise", False):
            return False
        return self.collected == SUITE_MODULES
