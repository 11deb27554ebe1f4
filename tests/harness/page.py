"""One page checked on its own: ``uv run pytest docs/workstations/delete.md``.

The root ``conftest.py`` collects a page of ``docs/`` given on the command line as a
:class:`PageFile`, whose tests are that page's share of the suite, run by the same
harness functions as ``tests/test_examples.py``, ``test_curl_examples.py``,
``test_js_examples.py`` and ``test_pasted.py``:

- ``page``: the page built as the site builds it (MkDocs with the project's hooks and
  plugins): its generated tables, its facts, its prose references, its includes, and
  its links (to other pages, to anchors of its own, and to anchors of the pages it
  links to, which are built for them), and the other pages' links to its anchors;
- ``json[...]``: each JSON block that declares what it shows;
- ``python[...]``, ``curl[...]``, ``javascript[...]``: each example shown on the page (a
  block of its own, or a snippet it includes), run as the suite runs it: Python in
  process, curl verbatim over TLS, JavaScript with ``node``;
- ``ruff`` and ``node-check``: the page's Python and JavaScript examples linted;
- ``pasted-python[...]``, ``pasted-curl[...]``: each example pasted into ``python`` or
  ``bash`` against the sandbox over plain HTTP with only the two exports set;
- ``doctest[...]``: on a reference page, the examples in the docstrings of each module
  it shows (``::: cloudws.errors``), as the suite's ``--doctest-modules`` runs them;
- ``test_...``: on a page with a hand-written table or diagram that a test module of
  :data:`TABLE_TESTS` sends to the sandbox (the lifecycle page's table and diagram, the
  volumes page's table), that module's tests.

The examples that start a process (``node``, ``python``) are started together by the
page's first test, each against a sandbox of its own (those whose test is selected: not
those left out by ``-k``); the tests run in this process come first, while they run, and
each of their tests then waits for its own. The coverage table at the end shows the
page's operation and those its examples call.

Example:
    >>> from .discovery import DOCS
    >>> [c.id for c in js_on(DOCS / "workstations" / "delete.md")]
    ['snippets/workstations/delete.mjs', 'snippets/workstations/delete_removed.mjs', \
'snippets/workstations/delete_running.mjs']
"""

from __future__ import annotations

import difflib
import inspect
import json
import re
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from . import discovery
from .github import REPEATS_A_CHECK
from .pages import ROOT, Page, display_path

__all__ = ["TABLE_TESTS", "PageFile", "is_page", "js_on", "refuse_what_is_not_a_page",
           "start_builds", "start_selected_builds", "table_tests"]

_BUILDS = pytest.StashKey[dict[Path, "_Build"]]()


def is_page(path: Path) -> bool:
    """Whether ``path`` is a page of ``docs/`` (collected as a :class:`PageFile`)."""
    return path.suffix == ".md" and discovery.DOCS in path.resolve().parents


def start_builds(config: pytest.Config) -> None:
    """Start the build of each page named on the command line, as the run starts
    (``pytest_configure``): it then runs while pytest collects and the examples run. In a
    run that may leave the build's check out (``-k``, ``-m``, ``--lf``, ``--deselect``, a
    test of the page named), the build starts once the run has selected its tests, if it
    selected that check (:func:`start_selected_builds`)."""
    if getattr(config.option, "dist", "no") != "no":
        return  # under -n N, the worker that runs a page's checks builds it (_Jobs.start)
    builds = config.stash.setdefault(_BUILDS, {})
    for arg in config.args:
        path = (config.invocation_params.dir / arg.partition("::")[0]).resolve()
        if is_page(path) and path.is_file() and path not in builds:
            builds[path] = _Build(config, path, now=not _narrowed(config))


def _narrowed(config: pytest.Config) -> bool:
    """Whether the run may leave some of the tests it collects out: ``-k``, ``-m``,
    ``--lf``, ``--deselect``, or a test named (``docs/x.md::page``)."""
    option = config.option
    return bool(getattr(option, "keyword", "") or getattr(option, "markexpr", "")
                or getattr(option, "lf", False) or getattr(option, "deselect", None)
                or any("::" in arg for arg in config.args))


def start_selected_builds(session: pytest.Session) -> None:
    """Start the build of each page whose check ("page") the run selected (its tests are
    known: ``pytest_collection_finish``), unless it has started, or collecting is all the
    run does; under -n N, a worker starts it with the page's first test it runs
    (:meth:`_Jobs.start`)."""
    if hasattr(session.config, "workerinput") or session.config.option.collectonly:
        return
    for item in session.items:
        if isinstance(item, _PageCheck) and item.name == "page":
            item.parent.build.start()  # type: ignore[union-attr]


def refuse_what_is_not_a_page(config: pytest.Config) -> None:
    """Stop the run, saying what to check instead, when the command line names an example
    of ``snippets/`` (or the folder), a file of ``docs/`` that is not a page (the diagram
    a page includes, a stylesheet) or a Markdown file outside ``docs/``.

    Given a ``.py`` snippet, pytest would import it as a module to look for doctests:
    run the example, with no sandbox, against whatever the environment points it at. The
    examples are checked on the pages that show them.
    """
    for arg in config.args:
        path = (config.invocation_params.dir / arg.partition("::")[0]).resolve()
        if path.exists() and (path == discovery.SNIPPETS or discovery.SNIPPETS in path.parents):
            raise pytest.UsageError(_check_its_pages(path))
        if path.is_file() and path.suffix != ".md" and discovery.DOCS in path.parents:
            raise pytest.UsageError(_checked_on_its_pages(path))
        if path.suffix == ".md" and path.is_file() and not is_page(path):
            readme = (" (the README's example and commands: uv run pytest tests/test_readme.py)"
                      if path == ROOT / "README.md" else "")
            raise pytest.UsageError(
                f"{display_path(path)} is not a page of docs/{readme}: give pytest a page "
                "(uv run pytest docs/<page>.md), or run the whole suite (uv run pytest)")
        if path.suffix in (".md", "") and not path.exists() and discovery.DOCS in path.parents:
            pages = [display_path(page) for page in sorted(discovery.DOCS.rglob("*.md"))]
            close = difflib.get_close_matches(display_path(path.with_suffix(".md")), pages, n=1)
            raise pytest.UsageError(f"{display_path(path)} is not there" + (
                f": did you mean {close[0]}?" if close else ": the pages are in docs/"))


def _checked_on_its_pages(path: Path) -> str:
    """What to run for a file of ``docs/`` that is not a page (a diagram the lifecycle
    page includes, a stylesheet): the pages that include it (``--8<--``), or the suite."""
    name = display_path(path)
    pages = sorted(display_path(page) for page in discovery.DOCS.rglob("*.md")
                   if any("--8<--" in line and name in line
                          for line in page.read_text().split("\n")))
    if not pages:
        return (f"{name} is not a page of docs/, and no page includes it (--8<--): give "
                "pytest a page (uv run pytest docs/<page>.md), or run the whole suite "
                "(uv run pytest)")
    commands = "\n".join(f"  uv run pytest {page}" for page in pages)
    return f"{name} is not a page: pytest checks it with the page that includes it:\n{commands}"


def _check_its_pages(path: Path) -> str:
    if path.is_dir():
        return (f"{display_path(path)}/ holds the examples the pages include; pytest "
                "checks each on the pages that show it: give it a page (uv run pytest "
                "docs/<page>.md), or run the whole suite (uv run pytest)")
    pages = sorted({where.rpartition(":")[0] for where in discovery.pages_showing(path)})
    if not pages:
        return (f"{display_path(path)} is an example that no page of docs/ shows (with "
                "--8<--), so nothing checks it")
    # its own checks, and the page's lint of its language (ruff, node-check) it is part of
    lint = {".py": " or ruff", ".mjs": " or node-check"}.get(path.suffix, "")
    narrow = "" if path.suffix == ".json" else f' -k "{display_path(path)}{lint}"'
    commands = "\n".join(f"  uv run pytest {page}{narrow}" for page in pages)
    what = ("the output of an example" if path.suffix == ".json" and path.with_suffix(
        ".sh").is_file() else "an example")
    return (f"{display_path(path)} is {what}, not a page: pytest checks it on the "
            f"page{'s' if len(pages) > 1 else ''} that show{'' if len(pages) > 1 else 's'} "
            f"it:\n{commands}")


def _on(page: Page, cases: list[Any]) -> list[Any]:
    """The cases shown on ``page``: its own blocks, and the snippets it includes."""
    prefix = f"{page.where}:"
    return [case for case in cases
            if case.id.startswith(prefix) or any(s.startswith(prefix) for s in case.shown_on)]


def js_on(path: Path) -> list[Any]:
    """The JavaScript examples shown on the page at ``path``."""
    from .node import js_cases

    return _on(Page.read(path), js_cases())


class PageFile(pytest.File):
    """A page of ``docs/`` given on the command line: its share of the suite."""

    def collect(self) -> Iterator[pytest.Item]:
        from .node import js_cases
        from .pages import PAGES_CHECKED

        try:
            page = Page.read(self.path)
        except (ValueError, TypeError) as exc:  # its front matter: at its line, alone
            if not str(exc).startswith(f"{display_path(self.path)}:"):
                raise  # not one the page's reading tells (a harness's fault): as it is
            raise self.CollectError(str(exc)) from None
        PAGES_CHECKED.add(page.where)  # where a refresh is pointed
        plugin = self.config.pluginmanager.get_plugin("cloudws-docs")
        plugin.focus = (plugin.focus or set()) | _operations(page)  # pages named together
        # The build of the page started with the run (start_builds), in a process of its
        # own (MkDocs' imports and the page's Markdown take a core); the last test,
        # "page", awaits it.
        build = self.config.stash.setdefault(_BUILDS, {}).get(self.path.resolve())
        if build is None:  # a page in a folder named; under -n N: started with the page's
            # first test in this worker; in a narrowed run, once its check is selected
            build = _Build(self.config, self.path,
                           now=not (hasattr(self.config, "workerinput")
                                    or _narrowed(self.config)))
            self.config.stash[_BUILDS][self.path.resolve()] = build
        self.build = build
        jobs = _Jobs(self.config, build)
        missing = discovery.include_problems(page)
        if missing:  # every include that is not there, at its line: one run tells them all
            raise self.CollectError("\n".join(missing))
        try:
            python = _on(page, discovery.python_cases())
            curl = _on(page, discovery.curl_cases())
            javascript = _on(page, js_cases())
            json_cases = discovery.json_cases()
        except ValueError as exc:  # an include that is not there: its page line, alone
            raise self.CollectError(str(exc)) from None
        # The first test starts the page's node and python runs (jobs.starting); the tests
        # run in this process come first, while those runs go on, and the tests of the runs
        # then wait for each.
        for case in json_cases:
            if case.id.startswith(f"{page.where}:"):
                yield self._check(f"json[{case.id}]", jobs.starting(_json(case)), case.id)
        # A failure of python[...] or curl[...], which its pasted run may repeat.
        failed: dict[str, str] = {}
        for case in python:
            yield self._check(f"python[{case.id}]", jobs.starting(_python(case, failed)),
                              case.id)
        for case in curl:
            yield self._check(f"curl[{case.id}]", jobs.starting(_curl(case, failed)), case.id)
        for case in curl:
            yield self._check(f"pasted-curl[{case.id}]",
                              jobs.starting(_pasted_curl(case, failed)), case.id)
        if python:
            yield self._check("ruff", jobs.lint("ruff", _ruff(python)), page.where)
        if javascript:
            yield self._check("node-check", jobs.lint("javascript",
                                                      _node_check(javascript, failed)),
                              page.where)
        for case in javascript:
            yield self._check(f"javascript[{case.id}]", jobs.javascript(case, failed), case.id)
        for case in python:
            yield self._check(f"pasted-python[{case.id}]", jobs.pasted_python(case, failed),
                              case.id)
        for module, line in _documented_modules(page):  # a reference page's docstrings
            where = f"{page.where}:{line}"
            yield self._check(f"doctest[{module}]", jobs.starting(_doctests(module, where)),
                              where)
        for name, test in table_tests(page):  # its hand-written tables and diagram, sent to the sandbox
            yield self._check(name, test, page.where)
        yield self._check("page", build.check, page.where)

    def _check(self, name: str, test: Callable[..., None], where: str) -> pytest.Function:
        item = _PageCheck.from_parent(self, name=name, callobj=test)
        item.user_properties.append(("where", where))
        # Under -n N (--dist loadgroup), a page's checks run in one worker, which starts
        # its runs once; pages named together are spread over the workers.
        item.add_marker(pytest.mark.xdist_group(display_path(self.path)))
        if name.startswith(("pasted-", "javascript[")):
            # it runs again what curl[...], python[...] or node-check runs: annotated only
            # at a line none of theirs names
            item.add_marker(REPEATS_A_CHECK)
        return item  # type: ignore[no-any-return]


class _PageCheck(pytest.Function):
    """A check of the page, reported under its own name (``python[snippets/x.py]``, not
    a dotted path made of the folders above the page)."""

    def reportinfo(self) -> tuple[Path, int | None, str]:
        # A line, not None: pytest places a skip raised by a fixture (node missing) at it.
        return self.path, 0, self.name


def _operations(page: Page) -> set[str]:
    operation = page.front_matter.get("operation")
    return {operation} if isinstance(operation, str) else set()


# -- the checks, each a test function of the fixtures it needs -----------------------------


class _Build:
    """:func:`.render.render_page` of one page, in ``python -m tests.harness.render PAGE``:
    started as the run starts (:func:`start_builds`; else as the page is collected, or
    under ``-n N`` by the page's first test in the worker that runs it), unless
    collecting is all this run does, so that it runs while the examples do."""

    def __init__(self, config: pytest.Config, path: Path, *, now: bool = True) -> None:
        self.path = path
        self.where = display_path(path)
        self.process: subprocess.Popen[str] | None = None
        if now and not config.option.collectonly:
            self.start()
        config.add_cleanup(self._stop)

    def start(self) -> None:
        """Start the build, unless it has started."""
        if self.process is not None:
            return
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.harness.render", str(self.path)], cwd=ROOT,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def check(self) -> None:
        self.start()
        assert self.process is not None
        out, err = self.process.communicate(timeout=120)
        if self.process.returncode != 0:  # what it said last first, such as the stub's own
            from cloudws.document import last_said

            pytest.fail(f"building {self.where} failed: {last_said(err) or 'no output'}"
                        f"\n\nwhat the build printed:\n{err}", pytrace=False)
        problems = json.loads(out)
        if problems:
            pytest.fail("\n".join(problems), pytrace=False)

    def _stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.communicate()


def _json(case: discovery.JsonCase) -> Callable[..., None]:
    def test(api_schemas: Any) -> None:
        from .declarations import check_declared_json

        check_declared_json(case, api_schemas)

    return test


def _python(case: discovery.PythonCase, failed: dict[str, str]) -> Callable[..., None]:
    def test(request: pytest.FixtureRequest, docs_sandbox: Any, api_schemas: Any,
             docs_token: str, examples_root: Path, _examples_to_update: list[Any]) -> None:
        from pytest_examples.eval_example import EvalExample

        from .checks import hide_unless_reported
        from .python_examples import example_dir, run_python_case

        __tracebackhide__ = hide_unless_reported
        eval_example = EvalExample(tmp_path=example_dir(examples_root, case),
                                   pytest_request=request)
        try:
            with docs_sandbox.in_process():
                run_python_case(case, eval_example, docs_sandbox, api_schemas)
        except (Exception, pytest.fail.Exception) as exc:
            # where it is reported: its message's place, or an example's raised error's note
            failed[f"python[{case.id}]"] = "\n".join(
                [*getattr(exc, "__notes__", ()), getattr(exc, "msg", None) or str(exc)])
            raise
        if eval_example.update_examples:
            _examples_to_update.extend(eval_example.to_update)

    return test


_DIRECTIVE = re.compile(r"^:::\s+(?P<name>cloudws(?:\.\w+)*)\s*$", re.MULTILINE)


#: The test modules that send what a page says by hand (its tables, its diagram) to the
#: sandbox, by the page they read (each names it as ``PAGE`` too): that page's check runs
#: their tests.
TABLE_TESTS = {"docs/concepts/lifecycle.md": ("tests.test_lifecycle",
                                              "tests.test_lifecycle_diagram"),
               "docs/concepts/volumes.md": ("tests.test_volume_kinds",)}


def table_tests(page: Page) -> list[tuple[str, Callable[..., None]]]:
    """The tests of the modules :data:`TABLE_TESTS` names for ``page``, by name: those that
    read the page (not those marked ``plants_mistakes``, which check what is told of
    mistakes planted in a copy).

    Example:
        >>> from .discovery import DOCS
        >>> [name for name, _ in table_tests(Page.read(DOCS / "concepts" / "volumes.md"))]
        ['test_the_volumes_table_says_what_the_sandbox_does']
        >>> table_tests(Page.read(DOCS / "workstations" / "delete.md"))
        []
    """
    import importlib

    found = []
    for name in TABLE_TESTS.get(page.where, ()):
        module = importlib.import_module(name)
        if Path(module.PAGE).resolve() != page.path.resolve():
            raise ValueError(f"tests/harness/page.py: TABLE_TESTS names {name} for "
                             f"{page.where}, whose PAGE is {display_path(Path(module.PAGE))}")
        found += [(test, function) for test, function in vars(module).items()
                  if test.startswith("test_") and callable(function)
                  and not any(mark.name == "plants_mistakes"
                              for mark in getattr(function, "pytestmark", []))]
    return found


def _documented_modules(page: Page) -> list[tuple[str, int]]:
    """The stub's modules whose docstrings the page shows (mkdocstrings' ``::: cloudws.x``
    lines), each with the page line of its first directive.

    Example:
        >>> from .discovery import DOCS
        >>> _documented_modules(Page.read(DOCS / "reference" / "errors.md"))[0]
        ('cloudws.errors', 3)
    """
    found: dict[str, int] = {}
    for match in _DIRECTIVE.finditer(page.text):
        parts = match["name"].split(".")
        module = next((".".join(parts[:n]) for n in range(len(parts), 1, -1)
                       if (ROOT / "src" / Path(*parts[:n])).with_suffix(".py").is_file()),
                      None)
        if module is not None:
            found.setdefault(module, page.text.count("\n", 0, match.start()) + 1)
    return list(found.items())


def _doctests(module: str, where: str) -> Callable[..., None]:
    def test(request: pytest.FixtureRequest) -> None:
        """The examples in ``module``'s docstrings, which the page shows, run as the
        suite runs them (``--doctest-modules``, with pyproject.toml's option flags), and
        as a reader pastes them (:mod:`.docstrings`)."""
        import doctest
        import functools
        import importlib
        import io
        import operator

        flags = functools.reduce(operator.or_, (
            doctest.OPTIONFLAGS_BY_NAME[name]
            for name in request.config.getini("doctest_optionflags")), 0)
        runner = doctest.DocTestRunner(optionflags=flags)
        report = io.StringIO()
        for found in doctest.DocTestFinder().find(importlib.import_module(module)):
            runner.run(found, out=report.write)
        source = f"src/{module.replace('.', '/')}.py"
        if runner.failures:
            pytest.fail(f"{where}: {runner.failures} docstring example(s) of {module}, whose "
                        f"reference the page shows, fail: fix them in {source} by hand "
                        "(--update-examples does not rewrite docstrings; run alone: uv run "
                        f"pytest {source}):\n{report.getvalue()}", pytrace=False)
        from .docstrings import pasted_problems

        if problems := pasted_problems(module):  # and as a reader pastes them
            pytest.fail(f"{where}: the page shows examples of {module} that do not run as "
                        "pasted into a new python session:\n" + "\n".join(problems),
                        pytrace=False)

    return test


def _ruff(cases: list[discovery.PythonCase]) -> Callable[..., None]:
    def test(_node: Path | None) -> None:  # ruff needs no node
        from .lint import lint_examples

        findings = lint_examples([c.examples for c in cases], [c.shared for c in cases])
        if findings:
            pytest.fail("ruff finds problems in the examples:\n" + "\n".join(findings),
                        pytrace=False)

    return test


def _curl(case: discovery.CurlCase, failed: dict[str, str]) -> Callable[..., None]:
    def test(request: pytest.FixtureRequest, docs_sandbox: Any, api_schemas: Any,
             tls_sandbox: Any, _examples_to_update: list[Any]) -> None:
        from .checks import ExampleError
        from .curl import run_curl_case

        updating = request.config.getoption("update_examples")
        try:
            run_curl_case(case, tls_sandbox, docs_sandbox, api_schemas,
                          updates=_examples_to_update if updating else None)
        except ExampleError as exc:
            failed[f"curl[{case.id}]"] = exc.msg
            raise

    return test


def _pasted_curl(case: discovery.CurlCase, failed: dict[str, str]) -> Callable[..., None]:
    def test(request: pytest.FixtureRequest, docs_sandbox: Any, api_schemas: Any,
             reader_sandbox: Any) -> None:
        from .checks import ExampleError, rewritten_here, stop_told
        from .curl import run_curl_case

        # curl[...] ran the same commands and was stopped: run again, they would keep the
        # writer waiting as long, for the same fix.
        stopped = stop_told(failed.get(f"curl[{case.id}]", ""))
        if stopped is not None:
            where, seconds = stopped
            raise ExampleError(f"{where}: not pasted: curl[{case.id}] ran the same command, "
                               f"which had not ended after {seconds} s; once it ends, this "
                               "runs it as pasted")
        # Under --update-examples, curl[...] rewrites the outputs shown: a drift here is
        # the same one, queued nowhere (the next run compares the rewritten output).
        rewriting = rewritten_here(request, f"curl[{case.id}]")
        try:
            run_curl_case(case, reader_sandbox, docs_sandbox, api_schemas,
                          updates=[] if rewriting else None)
        except ExampleError as exc:
            if failed.get(f"curl[{case.id}]") != exc.msg:
                raise
            where = exc.msg.split(": ", 1)[0]  # the same line, for the annotation
            raise ExampleError(f"{where}: pasted with only CLOUDWS_BASE_URL and CLOUDWS_TOKEN "
                               f"set, it fails exactly as curl[{case.id}] does: the same fix "
                               "mends both") from None

    return test


def _node_check(cases: list[Any], failed: dict[str, str]) -> Callable[..., None]:
    def test(node: Path) -> None:
        from .node import check_js_examples

        findings = check_js_examples(cases, node)
        # a line that does not parse, which javascript[...] would name again
        failed["node-check"] = "\n".join(f for f in findings if ": node --check: " in f)
        if findings:
            pytest.fail("the JavaScript examples have problems:\n" + "\n".join(findings),
                        pytrace=False)

    return test


# -- the examples that start a process, started together -----------------------------------


def _in_a_later_block(case: Any, first: tuple[str, int], then: tuple[str, int] | None) -> bool:
    """Whether ``then`` is in a block of ``case`` after the one holding ``first`` (a page
    whose blocks continue each other: ``python[...]`` runs them one at a time, and stops
    at the first that fails).

    Example:
        >>> from types import SimpleNamespace as Block
        >>> quickstart = Block(examples=[
        ...     Block(path=discovery.DOCS / "quickstart.md", start_line=s, end_line=e)
        ...     for s, e in ((60, 73), (94, 103), (152, 157), (197, 208))])
        >>> page = "docs/quickstart.md"
        >>> _in_a_later_block(quickstart, (page, 157), (page, 203))
        True
        >>> _in_a_later_block(quickstart, (page, 157), (page, 156))  # an earlier line
        False
        >>> _in_a_later_block(quickstart, (page, 203), (page, 205))  # the same block
        False
        >>> one = Block(examples=[Block(path=discovery.SNIPPETS / "x.py", start_line=0,
        ...                             end_line=20)])
        >>> _in_a_later_block(one, ("snippets/x.py", 13), ("snippets/x.py", 18))
        False
    """
    if then is None or then[0] != first[0] or then[1] <= first[1]:
        return False
    return any(display_path(example.path) == first[0]
               and example.start_line < first[1] <= example.end_line < then[1]
               for example in case.examples[:-1])


class _Jobs:
    """The page's ``node`` and ``python`` runs, and its lint (``ruff``, ``node-check``),
    started together by the page's first test.

    Each runs against a sandbox of its own (its own store, served over plain HTTP on
    loopback), so that one resetting its state cannot disturb another; every sandbox
    reports to the session's coverage. Its test waits for it and raises what it raised.
    A run that cannot start (``node`` missing: a skip, or under ``CI`` a failure) is
    reported by its own test only. A run whose test is not selected (``-k``, a test named
    on the command line, ``--lf``) does not start.
    """

    def __init__(self, config: pytest.Config, build: _Build) -> None:
        self.config = config
        self.build = build
        self._queued: list[tuple[str, str, Callable[..., None], bool]] = []
        self._futures: dict[str, Future[None]] = {}
        self._lock = threading.Lock()
        self._started = False
        self.python: Any = None
        #: The names of the page's tests this run selected (set as the runs start).
        self.selected: set[str] = set()

    def javascript(self, case: Any, failed: dict[str, str]) -> Callable[..., None]:
        def run(node: Path, server: Any, sandbox: Any, schemas: Any,
                updates: list[Any] | None) -> None:
            from .node import run_js_case

            run_js_case(case, node, server, sandbox, schemas, updates=updates)

        queued = self._queue(f"javascript:{case.id}", f"javascript[{case.id}]", run)

        def test(request: pytest.FixtureRequest) -> None:
            from .checks import ExampleError
            from .github import place_of, places_in

            try:
                queued(request)
            except ExampleError as exc:
                place = place_of(exc.msg)
                if place is None or place not in places_in(failed.get("node-check", "")):
                    raise
                # One mistake, one place: node-check names the line that does not parse.
                raise ExampleError(
                    f"{place[0]}:{place[1]}: run as pasted, it fails too (node-check names "
                    "this line, which does not parse: fix that, then check again)") from None

        return test

    def lint(self, kind: str, check: Callable[[Path | None], None]) -> Callable[..., None]:
        """The lint of the page's examples in a language, ``check(node)``: started with
        the runs, without a sandbox (its ``kind``, ``"javascript"``, needs ``node``)."""
        return self._queue(f"{kind}:(lint)", "ruff" if kind == "ruff" else "node-check",
                           lambda node, *_: check(node), sandbox=False)

    def pasted_python(self, case: Any, failed: dict[str, str]) -> Callable[..., None]:
        def run(node: Path, server: Any, sandbox: Any, schemas: Any,
                updates: list[Any] | None) -> None:
            from .pasted import run_pasted_python

            run_pasted_python(case, server, sandbox, schemas, self.python,
                              rewriting=updates is not None
                              and f"python[{case.id}]" in self.selected)

        queued = self._queue(f"python:{case.id}", f"pasted-python[{case.id}]", run)

        def test(request: pytest.FixtureRequest) -> None:
            from .checks import ExampleError
            from .github import place_of, places_in

            try:
                queued(request)
            except ExampleError as exc:
                check = f"python[{case.id}]"
                place = place_of(failed[check]) if check in failed else None
                if place is None:
                    raise
                if any(_in_a_later_block(case, place, then) for then in places_in(exc.msg)):
                    # python[...] stops at the block that fails; pasted, the example went
                    # on and failed further: what a fix of the first alone would meet next.
                    raise ExampleError(
                        f"{exc.msg}\n({check} stops at its first failure, {place[0]}:"
                        f"{place[1]}; pasted, the example goes on, and the above is what it "
                        "meets)") from None
                # One mistake, one place: where python[...] names it, which says why.
                raise ExampleError(
                    f"{place[0]}:{place[1]}: pasted into a python session with only "
                    f"CLOUDWS_BASE_URL and CLOUDWS_TOKEN set, it fails too ({check} fails "
                    "there first, saying why: fix that, then check again)") from None

        return test

    def starting(self, test: Callable[..., None]) -> Callable[..., None]:
        """``test``, first starting the page's runs unless an earlier test did."""
        signature = inspect.signature(test)
        wanted = set(signature.parameters)

        def starts(request: pytest.FixtureRequest, **fixtures: Any) -> None:
            __tracebackhide__ = True
            self.start(request)
            test(**fixtures, **({"request": request} if "request" in wanted else {}))

        parameters = [inspect.Parameter("request", inspect.Parameter.KEYWORD_ONLY)]
        parameters += [p.replace(kind=inspect.Parameter.KEYWORD_ONLY)
                       for p in signature.parameters.values() if p.name != "request"]
        starts.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
        return starts

    def _queue(self, key: str, name: str, run: Callable[..., None], *,
               sandbox: bool = True) -> Callable[..., None]:
        """``run``, started with the others (on a sandbox of its own, unless not
        ``sandbox``), for the test ``name`` of the page."""
        self._queued.append((key, name, run, sandbox))

        def test(request: pytest.FixtureRequest) -> None:
            __tracebackhide__ = True
            self.start(request)
            self._futures[key].result()

        return test

    def start(self, request: pytest.FixtureRequest) -> None:
        """Start every queued run whose test is selected, once (each test of the page
        calls this first)."""
        with self._lock:
            if self._started:
                return
            self._started = True
            page = request.node.parent
            selected = {item.name for item in request.session.items if item.parent is page}
            self.selected = selected
            if "page" in selected:  # else its build is left out too
                self.build.start()
            queued = [(key, run, own) for key, name, run, own in self._queued
                      if name in selected]
            if not queued:
                return
            docs_sandbox = request.getfixturevalue("docs_sandbox")
            schemas = request.getfixturevalue("api_schemas")
            updates = (request.getfixturevalue("_examples_to_update")
                       if request.config.getoption("update_examples") else None)
            node, cannot = None, {}
            kinds = {key.partition(":")[0] for key, _, _ in queued}
            try:
                if "javascript" in kinds:
                    node = request.getfixturevalue("node")
            except (pytest.skip.Exception, pytest.fail.Exception) as outcome:
                # node is missing: each JavaScript test reports it (a skip, or under CI a
                # failure), and the other runs go ahead
                cannot["javascript"] = outcome
            if "python" in kinds:
                self.python = request.getfixturevalue("python_forkserver")
            folder = request.getfixturevalue("tmp_path_factory").mktemp("page")
            together = request.getfixturevalue("stopped_together")
            pool = ThreadPoolExecutor(max_workers=len(queued) + (node is not None))
            self.config.add_cleanup(pool.shutdown)  # waits for every run
            if node is not None:  # which options node takes, asked while the sandboxes start
                from .node import v8_options

                pool.submit(v8_options, node)
            for number, (key, run, own) in enumerate(queued):
                outcome = cannot.get(key.partition(":")[0])
                if outcome is not None:
                    self._futures[key] = Future()
                    self._futures[key].set_exception(outcome)
                    continue
                if not own:
                    self._futures[key] = pool.submit(run, node)
                    continue
                self._futures[key] = pool.submit(_on_own_sandbox, run, docs_sandbox,
                                                 together, folder / str(number), node,
                                                 schemas, updates)


def _on_own_sandbox(run: Callable[..., None], docs_sandbox: Any, together: Any,
                    folder: Path, *args: Any) -> None:
    """``run`` against a fresh sandbox served over plain HTTP, which reports to
    ``docs_sandbox``'s coverage (each run starts its own server, side by side with the
    others; they stop together as the run ends: ``stopped_together``)."""
    from .pasted import PastedSandbox
    from .sandbox import DocsSandbox

    sandbox = DocsSandbox.create(docs_sandbox.recorder.on_record)
    node, schemas, updates = args
    run(node, together.enter(PastedSandbox(sandbox.app, folder), wait=False), sandbox,
        schemas, updates)
