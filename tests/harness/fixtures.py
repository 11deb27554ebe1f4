"""The harness's pytest plugin: its hooks and the fixtures every docs check shares.

Registered by the project's root ``conftest.py`` (``pytest_plugins``), so that the suite
under ``tests/`` and a page checked on its own (``uv run pytest docs/<page>.md``, see
:mod:`.page`) use the same sandbox, servers and coverage. Every fixture here is
session-scoped and built on first use: a run pays only for what its tests need.

- ``docs_sandbox``: the session's sandbox (reset before each use), recording every
  exchange for the coverage table;
- ``api_schemas``: validators for the bodies of its OpenAPI document;
- ``tls_sandbox``: it over HTTPS on loopback, with the ``.curlrc`` curl reads;
- ``reader_sandbox``: it over plain HTTP on loopback, as ``cloudws serve`` serves it to
  a reader (the pasted and JavaScript runs);
- ``python_forkserver``: a fresh ``python`` per pasted example (:mod:`.forkserver`);
- ``node``: the ``node`` binary (skips without it, fails under ``CI``);
- ``docs_token``: ``CLOUDWS_TOKEN`` set, ``CLOUDWS_BASE_URL`` unset, for one test.

The run's long-lived objects (its imports, its collected tests, the sandbox) are set aside
from the garbage collector once built (:func:`settle_heap`).
"""

from __future__ import annotations

import gc
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from .forkserver import PythonForkServer
    from .jsoncheck import ApiSchemas
    from .pasted import PastedSandbox
    from .sandbox import DocsSandbox
    from .tls import TlsSandbox


def pytest_addoption(parser: pytest.Parser) -> None:
    from . import plugin

    plugin.addoption(parser)


def pytest_configure(config: pytest.Config) -> None:
    from . import github, plugin

    plugin.register(config)
    github.register(config)


def settle_heap() -> None:
    """Free the garbage made so far, then set every object still alive aside from the
    garbage collector (:func:`gc.freeze`): what a run has imported and built by then lives
    as long as the run.

    Each full collection walks every tracked object. Collecting the suite leaves some
    160,000 of them (FastAPI, pydantic, Schemathesis, the tests), and the sandbox's
    imports some 80,000 in a page's run: walked again by every full collection until the
    run ends, three of them as pytest exits (about 0.1 s each for a page on a 2-core
    machine). Objects made later are collected as before.

    Example:
        >>> settle_heap()
        >>> gc.get_freeze_count() > 0 and gc.isenabled()
        True
    """
    gc.collect()
    gc.freeze()


@pytest.hookimpl(wrapper=True)
def pytest_collection(session: pytest.Session) -> Generator[None, object, object]:
    """Collect with the cyclic garbage collector paused, then :func:`settle_heap`.

    Collecting imports every test module and builds every item: the heap grows from some
    45,000 objects to 230,000, and the collector would walk the growing heap six times
    over. Once, after collection, is enough.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        return (yield)
    finally:
        if enabled:
            gc.enable()
            settle_heap()


@pytest.fixture(scope="session", autouse=True)
def _rewrites_held_on_interrupt(request: pytest.FixtureRequest) -> None:
    """Under ``--update-examples``: hand the plugin the list of examples pytest-examples
    rewrites as the session ends, so that an interrupted run (Ctrl-C) rewrites none."""
    if request.config.getoption("update_examples"):
        from . import plugin

        plugin.register(request.config).updates = request.getfixturevalue(
            "_examples_to_update")


@pytest.fixture(scope="session")
def docs_sandbox(pytestconfig: pytest.Config) -> DocsSandbox:
    """The session's sandbox for docs examples and scenarios; reset it before each use.

    Every exchange it answers is recorded for the coverage table.
    """
    from cloudws.document import load_document

    from . import plugin
    from .sandbox import DocsSandbox

    docs_plugin = plugin.register(pytestconfig)
    sandbox = DocsSandbox.create()
    coverage = docs_plugin.start(load_document())
    sandbox.recorder.on_record = lambda kind, source, exchange: coverage.add(
        kind, source, exchange.operation_id, exchange.status
    )
    settle_heap()  # a page's run has just imported FastAPI, pydantic, httpx and the stub
    return sandbox


@pytest.fixture(scope="session")
def api_schemas(docs_sandbox: DocsSandbox) -> ApiSchemas:
    """Validators for the bodies of the sandbox's OpenAPI document."""
    from cloudws.document import load_document

    from .jsoncheck import ApiSchemas

    return ApiSchemas(load_document())


@pytest.fixture(scope="session")
def tls_sandbox(docs_sandbox: DocsSandbox, tmp_path_factory: pytest.TempPathFactory
                ) -> Iterator[TlsSandbox]:
    """The docs sandbox over HTTPS on loopback, with the ``.curlrc`` that reaches it."""
    from .tls import TlsSandbox

    with TlsSandbox(docs_sandbox.app, tmp_path_factory.mktemp("tls")) as server:
        yield server


@pytest.fixture(scope="session")
def reader_sandbox(docs_sandbox: DocsSandbox, tmp_path_factory: pytest.TempPathFactory
                   ) -> Iterator[PastedSandbox]:
    """The docs sandbox as a reader's ``cloudws serve``: plain HTTP on loopback."""
    from .pasted import PastedSandbox

    with PastedSandbox(docs_sandbox.app, tmp_path_factory.mktemp("reader")) as server:
        yield server


@pytest.fixture(scope="session")
def python_forkserver() -> Iterator[PythonForkServer]:
    """A fresh ``python`` per pasted example, forked from one that imported httpx."""
    from .forkserver import PythonForkServer

    with PythonForkServer() as server:
        yield server


@pytest.fixture(scope="session")
def node() -> Path:
    """The ``node`` that runs the JavaScript examples."""
    from .node import node_binary

    return node_binary()


@pytest.fixture(scope="session")
def examples_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where pytest-examples writes each Python example's module (a folder per page)."""
    return tmp_path_factory.mktemp("examples")


@pytest.fixture
def docs_token(monkeypatch: pytest.MonkeyPatch) -> str:
    """``CLOUDWS_TOKEN`` set to the sandbox token the examples read, and no
    ``CLOUDWS_BASE_URL``: in process, examples call the real host, which is routed to
    the sandbox (a reader's exported base URL must not send them elsewhere)."""
    from .sandbox import DOCS_TOKEN

    monkeypatch.setenv("CLOUDWS_TOKEN", DOCS_TOKEN)
    monkeypatch.delenv("CLOUDWS_BASE_URL", raising=False)
    return DOCS_TOKEN
