"""Route ``httpx`` requests for the real API host to an in-process sandbox.

:func:`mock_api` patches ``httpx`` (sync and async, module functions and clients) with
``respx`` so that a request to ``https://api.cloudworkstation.example.com`` is answered
by the sandbox app, with no socket, and a request to any other host fails. This is how
every example in the docs runs; use it in your own tests the same way.

Example:
    >>> import httpx
    >>> from cloudws.testing import mock_api
    >>> with mock_api() as sandbox:
    ...     r = httpx.delete(
    ...         "https://api.cloudworkstation.example.com/v1/workstations/ws-12345",
    ...         headers={"Authorization": "Bearer cws_test_doc"},
    ...     )
    ...
    >>> r.status_code, r.json()["deleted_volume_ids"]
    (200, ['vol-boot12345'])
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
import threading
import time
import warnings
from collections.abc import Coroutine, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import urlsplit

import httpx
import respx
from fastapi import FastAPI
from starlette.types import ASGIApp

from .app import create_app
from .openapi import SERVER_URL
from .operations import API_ROOT
from .store import Store

__all__ = ["API_HOST", "BASE_URL", "Sandbox", "mock_api", "serve"]

_T = TypeVar("_T")

_API = urlsplit(SERVER_URL)
API_HOST = _API.netloc
"""The host :func:`mock_api` answers for: the real API's (:data:`cloudws.openapi.SERVER_URL`),
over its scheme (``https``) and port (443) only."""
_API_PORT = _API.port or {"https": 443, "http": 80}[_API.scheme]
BASE_URL = f"https://{API_HOST}{API_ROOT}"
"""The base URL of the API, as your client would use it under :func:`mock_api`."""


class _LoopThread:
    """One event loop on a daemon thread, for requests sent where a loop is already running.

    An async client, or a sync one called from inside a coroutine (or beside Playwright's
    loop), cannot run the app on its own thread's loop: it waits while this loop runs it.
    """

    _lock = threading.Lock()
    _loop: asyncio.AbstractEventLoop | None = None

    @classmethod
    def run(cls, coro: Coroutine[Any, Any, _T]) -> _T:
        with cls._lock:
            if cls._loop is None:
                cls._loop = asyncio.new_event_loop()
                threading.Thread(target=cls._loop.run_forever, daemon=True,
                                 name="cloudws-sandbox").start()
        dropped, future = threading.Event(), None
        queued = _unless_dropped(coro, dropped)
        try:
            future = asyncio.run_coroutine_threadsafe(queued, cls._loop)
            return future.result()
        except BaseException:  # interrupted while it waits (Ctrl-C, a stopped thread)
            dropped.set()  # not begun yet: it never will be
            if future is None:  # never queued: nothing warns of either later
                queued.close()
                coro.close()
            raise


async def _unless_dropped(coro: Coroutine[Any, Any, _T], dropped: threading.Event) -> _T:
    """``coro``, unless ``dropped`` was set before its turn came: a request whose caller
    was interrupted while it waited for the helper loop is never answered later."""
    if dropped.is_set():
        coro.close()
        raise asyncio.CancelledError
    return await coro


class _OwnLoop:
    """A thread's own event loop; closed when the thread ends and drops its locals."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()

    def __del__(self) -> None:
        loop = getattr(self, "loop", None)  # none if an interrupt came before it was made
        if loop is not None:
            loop.close()


_local = threading.local()


def _run(coro: Coroutine[Any, Any, _T]) -> _T:
    """Run ``coro`` to completion from synchronous code, as cheaply as possible."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        pass
    else:
        return _LoopThread.run(coro)
    # this thread's own loop: no thread hop (outside the except: an exception the app
    # raises would carry "no running event loop" as its context)
    own, task = getattr(_local, "own", None), None
    try:
        if own is None or own.loop.is_closed():
            own = _local.own = _OwnLoop()
        task = own.loop.create_task(coro)
        return own.loop.run_until_complete(task)
    except BaseException:
        if task is None:  # interrupted before it began (Ctrl-C, a stopped thread)
            coro.close()  # nothing of it runs, and nothing warns of it later
        elif not task.done():  # interrupted while queued or under way: it never runs on
            task.cancel()
            with contextlib.suppress(BaseException):
                own.loop.run_until_complete(task)
        elif not task.cancelled():
            task.exception()  # the exception raised here: asyncio logs it nowhere else
        raise


#: The sandboxes of the active :func:`mock_api` blocks, innermost last (all threads').
_active: list[Sandbox] = []
_active_lock = threading.Lock()


_log = logging.getLogger(__name__)


@dataclass
class Sandbox:
    """An in-process sandbox: its app, its store, and the ``respx`` router in front."""

    app: FastAPI
    """The sandbox API (:func:`~cloudws.app.create_app`) that answers each request."""
    store: Store
    """The app's state and rules: reset it, inspect it, or make an operation fail."""
    router: respx.MockRouter
    """The ``respx`` router that sends the API's requests to the app. A route added
    to it answers requests to another host (an auth server, say). It is asked after the
    sandbox's own route, so a route for the API's host added here is never reached: to
    make a request to the API fail before it is sent (``httpx.ConnectTimeout``), route it
    in a ``respx.mock`` started before :func:`mock_api` (``respx`` asks routers in the
    order they started, and a request no route of that one matches goes on to the
    sandbox; unless that router was started with ``assert_all_mocked=False``, which
    makes it answer such a request itself, with an empty ``200``)."""
    _transport: httpx.ASGITransport = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # An exception in the app answers the 500 problem the app sends, as over HTTP, and
        # is logged with its traceback, as a server logs it (_logged).
        self._transport = httpx.ASGITransport(self._logged, raise_app_exceptions=False)

    async def _logged(self, scope: Any, receive: Any, send: Any) -> None:
        """The app, with an exception it raises logged to the ``cloudws.testing`` logger
        (the app has answered its 500; an observer's, after the answer): pytest shows it
        under the failing test, where the 500 alone would not say what went wrong."""
        try:
            await self.app(scope, receive, send)
        except Exception:
            _log.exception("an exception in the sandbox (its app, or an observer of it) "
                           "answering %s %s", scope.get("method"), scope.get("path"))
            raise

    def handle(self, request: httpx.Request) -> httpx.Response | None:
        """Answer ``request`` with the app (what the router calls for each request).

        Sync and async clients alike get the response from here: the app runs on this
        thread's own event loop, or, where a loop is already running (an async client, or
        a sync one called from a coroutine), on a helper thread's while this one waits.
        While a :func:`mock_api` started later is active, this one steps aside, its
        router's later routes too: ``respx`` goes on to the routers started after it (a
        ``respx.mock`` started between the blocks, then the innermost block's), as it
        does past a router none of whose routes matches.
        """
        with _active_lock:
            innermost = _active[-1] if _active else self
        if innermost is not self:
            raise respx.models.AllMockedAssertionError(
                f"{request.method} {request.url}: answered by the innermost mock_api")
        return _run(self._answer(request))

    async def _answer(self, request: httpx.Request) -> httpx.Response:
        response = await self._transport.handle_async_request(request)
        content = await response.aread()
        return httpx.Response(response.status_code, headers=response.headers, content=content,
                              request=request)


@contextmanager
def mock_api(store: Store | None = None, *, app: FastAPI | None = None) -> Iterator[Sandbox]:
    """Answer every ``httpx`` request to the API host from an in-process sandbox.

    ``store`` defaults to a fresh fixture-state :class:`~cloudws.store.Store` (the
    block's is ``sandbox.store``); pass your own to share state across blocks. Or pass an
    ``app`` made by :func:`~cloudws.app.create_app` (one app for many blocks: its store is
    ``app.state.store``); not both.

    Only ``https://`` and the API's host on port 443 is the API: a request that httpx
    sends to another host, or to that host by ``http://`` or another port, raises
    ``respx.models.AllMockedAssertionError``. Tests cannot touch the network through
    httpx, loopback included: the origin of a :func:`serve` block is out of reach inside
    a ``mock_api`` block (other HTTP libraries are not patched). That error is an ``AssertionError``, not
    an ``httpx.HTTPError``: a client that catches httpx's errors lets it through, and the
    test fails, naming the request (``RESPX: <Request('GET',
    'http://127.0.0.1:8080/v1/volumes')> not mocked!``). A request to ``cloudws serve``'s
    address, so refused, comes from ``CLOUDWS_BASE_URL`` still exported where the tests
    run: unset it there, and the code under test calls the API's address.

    Blocks nest: while an inner ``mock_api`` is active, it answers every request to the
    API, whatever routes the outer blocks' routers hold (a ``respx.mock`` started between
    two blocks is asked first, as one started before them all). There is one active
    block for the whole process, not one per thread: while a thread is inside its own
    block, every thread's requests are answered by that block's sandbox. A request whose
    caller is interrupted (Ctrl-C) before the app has begun to answer it is dropped: it
    never changes the state later. (Under ``asyncio.run``, Ctrl-C reaches a coroutine only
    when its loop runs again: a sync client waiting there is not interrupted, and its
    request is answered first.)
    """
    if store is not None and app is not None:
        raise TypeError("mock_api() takes a store or an app, not both: the app has its "
                        "own store (app.state.store)")
    if store is not None and not isinstance(store, Store):
        raise TypeError(f"mock_api(store): a cloudws.store.Store (such as Store()), not "
                        f"{store!r}")
    if app is not None and not isinstance(getattr(getattr(app, "state", None), "store", None),
                                          Store):
        raise TypeError(f"mock_api(app=...): an app made by cloudws.app.create_app(), not "
                        f"{app!r} (it has no store at app.state.store)")
    app = app or create_app(store)
    sandbox = Sandbox(app=app, store=app.state.store, router=respx.MockRouter(
        assert_all_mocked=True, assert_all_called=False,
    ))
    sandbox.router.route(scheme=_API.scheme, host=_API.hostname, port=_API_PORT).mock(
        side_effect=sandbox.handle)
    with sandbox.router:
        with _active_lock:
            _active.append(sandbox)
        try:
            yield sandbox
        finally:
            with _active_lock:
                del _active[next(i for i, s in enumerate(_active) if s is sandbox)]


@contextmanager
def serve(app: ASGIApp, *, host: str = "127.0.0.1", timeout: float = 10.0,
          **options: Any) -> Iterator[str]:
    """Serve ``app`` over real HTTP on ``host`` and a free port, in a daemon thread.

    Runs uvicorn with the options ``cloudws serve`` gives it (its protocol and head
    limit, ``cloudws.protocol.UVICORN_OPTIONS``) and yields the origin
    (``http://127.0.0.1:PORT``, or ``https://`` with ``ssl_certfile=`` among the extra
    uvicorn ``options``); the server stops when the block ends, once the requests under
    way are answered (after ``timeout`` seconds, it stops without them, and uvicorn
    answers them its own ``500``; if its event loop is held, by an observer that waits
    say, it warns and its thread runs on; ``timeout`` also bounds its start). The ``options`` may not set ``port`` (a free one is taken), ``uds``
    or ``fd`` (it listens on ``host``), ``lifespan``, ``access_log`` or ``log_config``:
    that raises ``TypeError``. Use it to test over sockets what :func:`mock_api` tests in
    process. It serves ``app`` as it is: to get what ``cloudws serve`` adds around the
    API (the security headers, the limit on a head sent whole, the site), serve
    ``cloudws.server.create_server(site_dir, store)`` (``site_dir`` a built site, or
    None for the API alone; ``store`` defaults to a fresh one). It logs no request: as
    uvicorn does for ``access_log=False``, the ``uvicorn.access`` logger is left with no
    handler, not propagating (uvicorn logs requests wherever it has one), for the whole
    process. Every logger's level is left as it was, so uvicorn's own messages (its start
    and stop at ``INFO``, its warnings) go to ``uvicorn.error`` at the level the process
    gives it.

    Example:
        >>> import httpx
        >>> from cloudws.app import create_app
        >>> from cloudws.testing import serve
        >>> with serve(create_app()) as origin:
        ...     r = httpx.get(f"{origin}/v1/workstations/ws-12345",
        ...                   headers={"Authorization": "Bearer cws_test_me"})
        ...
        >>> r.status_code, r.json()["status"]
        (200, 'stopped')
    """
    import uvicorn

    from .protocol import UVICORN_OPTIONS

    fixed = sorted(set(options) & {"port", "uds", "fd", "lifespan", "access_log",
                                   "log_config"})
    if fixed:
        raise TypeError(f"serve() sets {', '.join(fixed)} itself (a free port on host, no "
                        "lifespan, no logging): leave them out")

    # log_config=None: uvicorn's logging configuration would be set again by each server
    # started, for the whole process: a connection another server accepted meanwhile
    # would see an access log and print its requests. The levels uvicorn still sets for
    # its log_level are put back as they were, and the other loggers' handlers. Not
    # uvicorn.access's handlers and propagation, which access_log=False takes away:
    # uvicorn logs requests wherever that logger has a handler.
    names = ("uvicorn", "uvicorn.error", "uvicorn.asgi", "uvicorn.access")
    loggers = [logging.getLogger(name) for name in names]
    kept = [(logger.level, list(logger.handlers), logger.propagate) for logger in loggers]
    try:
        config = uvicorn.Config(
            app, host=host, port=0, lifespan="off", access_log=False, log_config=None,
            **{**UVICORN_OPTIONS, **options},
        )
    finally:
        for logger, (level, handlers, propagate) in zip(loggers, kept, strict=True):
            logger.setLevel(level)
            if logger.name != "uvicorn.access":
                logger.handlers[:] = handlers
                logger.propagate = propagate
    try:  # an address it cannot listen on, said now rather than in uvicorn's log
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.bind((host, 0))
    except OSError as exc:
        raise RuntimeError(f"the sandbox server cannot listen on {host}: "
                           f"{exc.strerror or exc}") from exc
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True, name="cloudws-serve")
    thread.start()
    try:
        deadline = time.monotonic() + timeout
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the sandbox server did not start on {host}")
            time.sleep(0.01)
        port = server.servers[0].sockets[0].getsockname()[1]
        shown = f"[{host}]" if ":" in host else host
        scheme = "https" if options.get("ssl_certfile") else "http"
        yield f"{scheme}://{shown}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout)
        if thread.is_alive():  # a request still under way: stopped without it
            server.force_exit = True
            thread.join(timeout)
        if thread.is_alive():  # its event loop held (an observer that waits, say)
            warnings.warn(f"the sandbox server on {host} did not stop within {timeout} s "
                          "of its block's end: something holds its event loop (an "
                          "observer of the app that waits?); its thread runs on",
                          RuntimeWarning, stacklevel=3)
