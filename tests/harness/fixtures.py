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
- ``docs_token``: ``CLOUDWS_TOKEN`` set, ``CLOUDWS_BASE_URL`` unset, for one test;
- ``stopped_together``: where the servers and the fork server are kept, to be stopped
  all at once as the run ends (:class:`StoppedTogether`).

The run's long-lived objects (its imports, its collected tests, the sandbox) are set aside
from the garbage collector once built (:func:`settle_heap`).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Generator, Iterator
from concurrent.futures import Future
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import pytest

if TYPE_CHECKING:
    from .forkserver import PythonForkServer
    from .jsoncheck import ApiSchemas
    from .pasted import PastedSandbox
    from .sandbox import DocsSandbox
    from .tls import TlsSandbox

_T = TypeVar("_T")


def pytest_addoption(parser: pytest.Parser) -> None:
    from . import plugin

    plugin.addoption(parser)


def pytest_configure(config: pytest.Config) -> None:
    from . import github, plugin

    plugin.register(config)
    github.register(config)


def settle_heap() -> None:
    """Set every object alive aside from the garbage collector (:func:`gc.freeze`): what
    a run has imported and built by then lives as long as the run.

    Each full collection walks every tracked object. Collecting the suite leaves some
    240,000 of them (FastAPI, pydantic, Schemathesis, the tests), and a page's run some
    90,000 (the sandbox's imports): walked again by every full collection until the run
    ends, three of them as pytest exits (about 0.1 s each for a page on a 2-core
    machine). Objects made later are collected as before. No collection comes first:
    it would take as long (0.1 s for a page, 0.3 s for the suite) to free a few hundred
    objects of garbage (10 for a page, 206 for the suite), which are set aside with the
    rest.

    Example:
        >>> settle_heap()
        >>> gc.get_freeze_count() > 0 and gc.isenabled()
        True
    """
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


@pytest.fixture(scope="session")
def _examples_to_update(_examples_to_update: list[Any], pytestconfig: pytest.Config
                        ) -> Iterator[list[Any]]:
    """The examples ``--update-examples`` rewrites, held, and handed to pytest-examples'
    list of the same name (which it rewrites as the session ends) only if every test
    selected has run: an interrupted run rewrites nothing, and says so.

    A Ctrl-C in a terminal interrupts ``uv run`` and pytest alike, and ``uv`` passes it on:
    pytest may get a second ``KeyboardInterrupt`` while it handles the first, and then
    skips the rest of its handling, but still ends the session (its fixtures' teardown,
    where pytest-examples writes). So what decides is whether the last test has run
    (:meth:`.plugin.DocsPlugin.pytest_runtest_logreport`), not a hook that an interrupt
    can skip.
    """
    from . import plugin

    docs = plugin.register(pytestconfig)
    yield docs.held
    if docs.completed:
        _examples_to_update.extend(_once_each(docs.held))
        docs.handed = True


def _once_each(updates: list[Any]) -> list[Any]:
    """``updates`` with each example once: a snippet shown on two pages named together is
    checked, and queued, by each (pytest-examples refuses an example queued twice). Two
    different rewrites of one example are both kept, and refused.

    Example:
        >>> from dataclasses import dataclass
        >>> @dataclass
        ... class Update:
        ...     where: str
        ...     source: str
        ...     def __str__(self) -> str:
        ...         return self.where
        >>> a, b, c = Update("x.json:0-3", "1"), Update("x.json:0-3", "1"), Update("y.json:0-3", "2")
        >>> _once_each([a, b, c]) == [a, c]
        True
        >>> _once_each([a, Update("x.json:0-3", "9")]) == [a, Update("x.json:0-3", "9")]
        True
    """
    seen: dict[str, Any] = {}
    kept = []
    for update in updates:
        first = seen.setdefault(str(update), update)
        if first is update or first.source != update.source:
            kept.append(update)
    return kept


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
    sandbox.recorder.on_record = coverage.record
    settle_heap()  # a page's run has just imported FastAPI, pydantic, httpx and the stub
    return sandbox


@pytest.fixture(scope="session")
def api_schemas(docs_sandbox: DocsSandbox) -> ApiSchemas:
    """Validators for the bodies of the sandbox's OpenAPI document."""
    from cloudws.document import load_document

    from .jsoncheck import ApiSchemas

    return ApiSchemas(load_document())


class StoppedTogether:
    """Context managers entered one at a time, and exited all at once, each in a thread
    of its own, when :meth:`close` is called.

    Stopping a uvicorn server takes up to 0.2 s of waiting, not of work (its loop looks
    for the exit flag every 0.1 s, then gives its connections 0.1 s): a page's run stops
    a server for each of its ``node`` and ``python`` runs, and the session's two, and
    one after another these waits added up to half a second at the end of the run.
    Together, they still took 0.2 s of the check of a page: so a server is entered with
    ``wait=False``, and :meth:`close` tells it to stop without waiting until it has (as
    the run ends: the process ends next, and its sockets close with it).

    Example (each exit waits for the other two: one after another, they would not meet;
    ``close`` returns before the last one's exit has ended):
        >>> import contextlib, threading
        >>> meet, met, go_on = threading.Barrier(3, timeout=10), [], threading.Event()
        >>> @contextlib.contextmanager
        ... def server(name):
        ...     yield name
        ...     met.append(meet.wait() >= 0)
        >>> @contextlib.contextmanager
        ... def slow_to_stop():
        ...     yield "slow"
        ...     go_on.wait(10)
        ...     met.append("slow")
        >>> together = StoppedTogether()
        >>> [together.enter(server(name)) for name in "abc"]
        ['a', 'b', 'c']
        >>> together.enter(slow_to_stop(), wait=False)
        'slow'
        >>> together.close(); met
        [True, True, True]
        >>> go_on.set()
    """

    def __init__(self) -> None:
        self._entered: list[tuple[AbstractContextManager[object], bool]] = []
        self._lock = threading.Lock()

    def enter(self, manager: AbstractContextManager[_T], *, wait: bool = True) -> _T:
        """Enter ``manager``; it is exited by :meth:`close`, which waits for its exit
        unless ``wait`` is false."""
        value = manager.__enter__()
        with self._lock:
            self._entered.append((manager, wait))
        return value

    def close(self) -> None:
        """Start the exit of every manager entered, together, each in a daemon thread;
        wait for those entered with ``wait`` and raise the first error they raised."""
        with self._lock:
            entered, self._entered = self._entered, []
        exits = []
        for manager, wait in entered:
            done: Future[object] = Future()
            threading.Thread(target=_exit, args=(manager, done), daemon=True,
                             name="stopped-together").start()
            if wait:
                exits.append(done)
        for done in exits:
            done.result()


def _exit(manager: AbstractContextManager[object], done: Future[object]) -> None:
    try:
        done.set_result(manager.__exit__(None, None, None))
    except BaseException as exc:  # noqa: BLE001 - handed to the one who waits
        done.set_exception(exc)


@pytest.fixture(scope="session")
def stopped_together() -> Iterator[StoppedTogether]:
    """The run's servers and fork server, stopped all at once as the run ends."""
    together = StoppedTogether()
    yield together
    together.close()


@pytest.fixture(scope="session")
def tls_sandbox(docs_sandbox: DocsSandbox, stopped_together: StoppedTogether,
                tmp_path_factory: pytest.TempPathFactory) -> TlsSandbox:
    """The docs sandbox over HTTPS on loopback, with the ``.curlrc`` that reaches it."""
    from .tls import TlsSandbox

    return stopped_together.enter(TlsSandbox(docs_sandbox.app, tmp_path_factory.mktemp("tls")),
                                  wait=False)


@pytest.fixture(scope="session")
def reader_sandbox(docs_sandbox: DocsSandbox, stopped_together: StoppedTogether,
                   tmp_path_factory: pytest.TempPathFactory) -> PastedSandbox:
    """The docs sandbox as a reader's ``cloudws serve``: plain HTTP on loopback."""
    from .pasted import PastedSandbox

    return stopped_together.enter(PastedSandbox(docs_sandbox.app,
                                                tmp_path_factory.mktemp("reader")), wait=False)


@pytest.fixture(scope="session")
def python_forkserver(stopped_together: StoppedTogether) -> PythonForkServer:
    """A fresh ``python`` per pasted example, forked from one that imported httpx."""
    from .forkserver import PythonForkServer

    return stopped_together.enter(PythonForkServer())


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
