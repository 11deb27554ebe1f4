from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:  # imported by the fixtures that use them: xdist's controller loads this
    import httpx  # file too, and needs neither the API nor its client

    from cloudws.testing import Sandbox

    from .harness.forkserver import PythonForkServer

#: A setup failure told in full (the exception a shared fixture raises again for each
#: test that needs it, by its identity; held, so that the identity is never reused): the
#: test that told it.
_TOLD: dict[int, tuple[BaseException, str]] = {}


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    """A setup failure that a shared fixture raises again for every test that needs it
    (the site build, for each test of the built site) is told in full by the first of
    them; the others name that test, in one line. Under ``-n N``, once per worker."""
    report = yield
    if report.when == "setup" and report.failed and call.excinfo is not None:
        raised = call.excinfo.value
        first = _TOLD.setdefault(id(raised), (raised, item.nodeid))[1]
        if first != item.nodeid:
            head = str(raised).partition("\n")[0].rstrip(":")
            if not isinstance(raised, pytest.fail.Exception):  # its type, as pytest says it
                head = f"{type(raised).__name__}: {head}".rstrip(": ")
            report.longrepr = (f"{head} (the same failure as {first}'s setup, told there in "
                               "full)")
    return report


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The doctests of the suite's own modules (its harness) name the places of their
    examples (``snippets/a.mjs:11``), not the writer's: they are ``plants_mistakes``."""
    tests = Path(__file__).parent
    for item in items:
        if isinstance(item, pytest.DoctestItem) and tests in item.path.parents:
            item.add_marker(pytest.mark.plants_mistakes)


TOKEN = "cws_test_contract"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    """A fresh fixture-state sandbox answering httpx requests to the API host."""
    from cloudws.testing import mock_api

    with mock_api() as sb:
        yield sb


@pytest.fixture
def api(sandbox: Sandbox) -> Iterator[httpx.Client]:
    """An authenticated client for the in-process sandbox."""
    import httpx

    from cloudws.testing import BASE_URL

    from .helpers import tls

    with httpx.Client(base_url=BASE_URL, headers=AUTH, verify=tls()) as client:
        yield client


#: The check that builds the site, as a failure of it is titled under GitHub Actions.
_BUILD = "mkdocs build --strict"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory):
    """The site built strictly (link and anchor validation on) into a temporary folder.

    Built once per run: under pytest-xdist the workers share one build, in the run's
    base temporary folder, the first to get the lock building it (the pattern
    pytest-xdist documents for session fixtures). The build is the writer's own command,
    ``mkdocs build --strict``, in a process of its own; if it fails, the test says so
    with everything MkDocs printed (each other test that needs it names the first, in one
    line: :func:`pytest_runtest_makereport`), and no other worker builds it again.
    """
    import subprocess
    import sys
    from pathlib import Path

    from filelock import FileLock

    from .harness.github import fail_as

    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # the folder every worker's base folder is in
    site_dir, done = shared / "built-site", shared / "built-site.done"
    failed = shared / "built-site.failed"  # what a build that failed said: not built again
    root = Path(__file__).resolve().parents[1]
    with FileLock(str(shared / "built-site.lock")):
        if failed.exists():
            fail_as(_BUILD, failed.read_text())
        if not done.exists():
            build = subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "--strict",
                 "--config-file", str(root / "mkdocs.yml"), "--site-dir", str(site_dir)],
                cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                check=False)
            if build.returncode != 0:
                from .harness.render import nav_listing_places

                # a page missing from the nav, which MkDocs lists without a line, at its first
                output = build.stdout.rstrip()
                said = "\n".join([f"{_BUILD} failed ({build.returncode}):\n{output}",
                                  *nav_listing_places(output)])
                failed.write_text(said)
                fail_as(_BUILD, said)
            done.touch()
    return site_dir


# The docs harness's hooks and shared fixtures (docs_sandbox, api_schemas, tls_sandbox,
# reader_sandbox, node, examples_root, docs_token) are in tests/harness/fixtures.py,
# registered by the root conftest.py for the suite and for a page checked on its own.


#: What a ``python -m pytest`` run inside a test imports of other projects, but no pytest
#: plugin it names with ``-p`` (pytest rewrites such a plugin's assertions as it imports
#: it); the runs turn plugin autoload off, as the suite's own does, so that the plugins of
#: these (respx's, anyio's) are not loaded either: imported once, by
#: :func:`harness_runs`'s server, before it forks each run.
RUN_PRELOADED = ("pytest", "fastapi", "httpx", "respx", "jsonschema", "uvicorn", "trustme",
                 "black", "pygments", "yaml")


@pytest.fixture(scope="module")
def harness_runs() -> Iterator[PythonForkServer]:
    """A new ``python -m pytest`` per run a test makes of the harness, forked from one
    ``python`` that has imported pytest and the libraries the checks use
    (:data:`RUN_PRELOADED`), half a second sooner than a new interpreter; what differs
    from one is in :mod:`.harness.forkserver`. Call its ``run_module("pytest", args, env,
    cwd, timeout)``. One for each module that uses it, ended with it: it holds some 70
    MiB, which the browser tests' part of the run (its largest) does not need beside
    Chromium."""
    from .harness.forkserver import PythonForkServer

    with PythonForkServer(preloaded=RUN_PRELOADED, env=dict(os.environ)) as server:
        yield server
