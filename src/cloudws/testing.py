"""Route ``httpx`` requests for the real API host to an in-process sandbox.

:func:`mock_api` patches ``httpx`` (sync and async, module functions and clients) with
``respx`` so that a request to ``https://api.cloudworkstation.example.com`` is answered
by the sandbox app, with no socket, and a request to any other host fails. This is how
every example in the docs runs; use it in your own tests the same way.

Example:
    >>> import httpx
    >>> with mock_api() as sandbox:
    ...     r = httpx.delete(
    ...         "https://api.cloudworkstation.example.com/v1/workstations/ws-12345",
    ...         headers={"Authorization": "Bearer cws_test_doc"},
    ...     )
    >>> r.status_code, r.json()["deleted_volume_ids"]
    (200, ['vol-boot12345'])
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import httpx
import respx
from fastapi import FastAPI
from starlette.types import ASGIApp

from .app import create_app
from .store import Store

__all__ = ["API_HOST", "BASE_URL", "Sandbox", "mock_api", "serve"]

API_HOST = "api.cloudworkstation.example.com"
BASE_URL = f"https://{API_HOST}/v1"


class _LoopThread:
    """One event loop on a daemon thread, shared by every in-process request.

    ``httpx.ASGITransport`` is async-only; running it here lets a sync client (or an
    async one: the caller's loop just waits) reach the app without a new loop per call.
    """

    _lock = threading.Lock()
    _loop: asyncio.AbstractEventLoop | None = None

    @classmethod
    def run(cls, coro):  # type: ignore[no-untyped-def]
        with cls._lock:
            if cls._loop is None:
                cls._loop = asyncio.new_event_loop()
                threading.Thread(target=cls._loop.run_forever, daemon=True,
                                 name="cloudws-sandbox").start()
        return asyncio.run_coroutine_threadsafe(coro, cls._loop).result()


@dataclass
class Sandbox:
    """An in-process sandbox: its app, its store, and the ``respx`` router in front."""

    app: FastAPI
    store: Store
    router: respx.MockRouter

    def handle(self, request: httpx.Request) -> httpx.Response:
        """Answer ``request`` with the app (what the router calls for each request)."""
        transport = httpx.ASGITransport(app=self.app, raise_app_exceptions=False)

        async def send() -> httpx.Response:
            request.read()
            response = await transport.handle_async_request(request)
            content = await response.aread()
            return httpx.Response(response.status_code, headers=response.headers,
                                  content=content, request=request)

        return _LoopThread.run(send())


@contextmanager
def mock_api(store: Store | None = None, *, app: FastAPI | None = None) -> Iterator[Sandbox]:
    """Answer every ``httpx`` request to the API host from an in-process sandbox.

    ``store`` defaults to a fresh fixture-state :class:`~cloudws.store.Store`; pass your
    own to share state across blocks or to inject faults. Any request to another host
    raises ``respx.models.AllMockedAssertionError``: tests cannot touch the network.
    """
    app = app or create_app(store)
    sandbox = Sandbox(app=app, store=app.state.store, router=respx.mock(
        assert_all_mocked=True, assert_all_called=False,
    ))
    sandbox.router.route(host=API_HOST).mock(side_effect=sandbox.handle)
    with sandbox.router:
        yield sandbox


@contextmanager
def serve(app: ASGIApp, *, host: str = "127.0.0.1", timeout: float = 10.0) -> Iterator[str]:
    """Serve ``app`` over real HTTP on ``host`` and a free port, in a daemon thread.

    Runs uvicorn exactly as ``cloudws serve`` does and yields the origin
    (``http://127.0.0.1:PORT``); the server stops when the block ends. Use it to test
    over sockets what :func:`mock_api` tests in process.

    Example:
        >>> from cloudws.server import create_server
        >>> with serve(create_server(None)) as origin:
        ...     r = httpx.get(f"{origin}/v1/workstations/ws-12345",
        ...                   headers={"Authorization": "Bearer cws_test_me"})
        >>> r.status_code, r.json()["status"]
        (200, 'stopped')
    """
    import uvicorn

    from .protocol import UVICORN_OPTIONS

    server = uvicorn.Server(uvicorn.Config(
        app, host=host, port=0, lifespan="off", access_log=False, **UVICORN_OPTIONS
    ))
    thread = threading.Thread(target=server.run, daemon=True, name="cloudws-serve")
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            raise RuntimeError(f"the sandbox server did not start on {host}")
        time.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    try:
        yield f"http://{shown}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout)
