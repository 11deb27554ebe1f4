"""One sandbox for the whole session: its app is built once, its store reset by snapshot.

Building the app (and its OpenAPI document) costs far more than running an example, so
every Python example, curl run and scenario shares one :class:`DocsSandbox`. Before each,
:meth:`DocsSandbox.reset` puts the store back to the fixture snapshot (and rewinds its
clock and ID source), which is what a fresh sandbox would be.

Every answered request reaches :class:`Recorder`, an observer of the app, which notes the
example or scenario running at the time: that is how the coverage table knows which
(operation, status) pairs the docs and the scenarios really produced.

Example:
    >>> import httpx
    >>> docs = DocsSandbox.create()
    >>> with docs.in_process(), docs.recorder.capture("doctest", "scenario") as seen:
    ...     r = httpx.get("https://api.cloudworkstation.example.com/v1/volumes",
    ...                   headers={"Authorization": "Bearer cws_test_doc"})
    >>> [(e.operation_id, e.status) for e in seen]
    [('listVolumes', 200)]
"""

from __future__ import annotations

import contextvars
import os
import tempfile
import threading
import weakref
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import httpx
from fastapi import FastAPI

from cloudws.app import Exchange, create_app
from cloudws.store import Store
from cloudws.testing import mock_api

__all__ = ["DOCS_TOKEN", "DocsSandbox", "Recorder", "Seen", "stop_requests_from"]

#: The sandbox token the examples read from ``CLOUDWS_TOKEN``.
DOCS_TOKEN = "cws_test_docs"


class Seen(NamedTuple):
    """An exchange, the page line that made its request (when known), whether the request
    sent a ``Content-Type`` with no body, whether it sent an ``Authorization`` header, its
    query string, and an error's code, detail and fields."""

    method: str
    path: str
    operation_id: str | None
    status: int
    origin: str | None = None
    content_type_without_body: bool = False
    sent_token: bool = True
    query: str = ""
    #: For an error, its problem's code, detail and fields (``cloudws.app.Exchange``).
    code: str | None = None
    detail: str | None = None
    fields: tuple[str, ...] = ()


class _Sent(NamedTuple):
    """What the request being answered sent that its exchange does not say."""

    content_type_without_body: bool = False
    sent_token: bool = True
    query: str = ""


_NOTHING_NOTED = _Sent()
#: Set, while the app answers a request, by :class:`_NotingWhatWasSent`; read by the
#: recorder, which the app calls inside that request.
_SENT = contextvars.ContextVar("sent", default=_NOTHING_NOTED)


class _NotingWhatWasSent:
    """Notes, for the recorder, what a request sent: a ``Content-Type`` and no body (the
    endpoint pages tell readers to send none there, so an example must not), and whether
    it sent a token at all (a ``401`` to a request with none is an example that dropped
    its headers, unless it means to show that answer)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        bodyless = (b"content-type" in headers and b"transfer-encoding" not in headers
                    and headers.get(b"content-length", b"0").strip() in (b"", b"0"))
        token = _SENT.set(_Sent(bodyless, b"authorization" in headers,
                                scope.get("query_string", b"").decode("latin-1")))
        try:
            await self.app(scope, receive, send)
        finally:
            _SENT.reset(token)


@dataclass
class Recorder:
    """Observer of the sandbox app: every exchange, with the source running at the time.

    ``on_record`` is called with ``(kind, source, seen)`` for each exchange answered
    while a source is set (``kind`` is ``"example"`` or ``"scenario"``). ``origin`` is the
    page line making the current request, when the caller can tell (see ``in_process``).
    """

    on_record: Callable[[str, str, Seen], None] | None = None
    origin: str | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _current: tuple[str, str | None, list[Seen]] | None = None

    def __call__(self, exchange: Exchange) -> None:
        with self._lock:
            current = self._current
            if current is None:
                return
            seen = Seen(*exchange[:4], self.origin, *_SENT.get(), code=exchange.code,
                        detail=exchange.detail, fields=exchange.fields)
            current[2].append(seen)
        if self.on_record is not None and current[1] is not None:
            self.on_record(current[1], current[0], seen)

    @contextmanager
    def capture(self, source: str, kind: str | None = "example") -> Iterator[list[Seen]]:
        """Attribute every exchange inside the block to ``source``; yield them as a list.
        With ``kind`` ``None`` (a second run of an example, traced), they are not reported
        to ``on_record``."""
        seen: list[Seen] = []
        with self._lock:
            previous, self._current = self._current, (source, kind, seen)
        try:
            yield seen
        finally:
            with self._lock:
                self._current = previous


@dataclass
class DocsSandbox:
    """The session's sandbox app, its store and its recorder."""

    app: FastAPI
    store: Store
    recorder: Recorder
    _routing: bool = False
    _locate: Callable[[], str | None] | None = None

    @classmethod
    def create(cls, on_record: Callable[[str, str, Seen], None] | None = None) -> DocsSandbox:
        """A fixture-state sandbox whose app reports to a new :class:`Recorder`."""
        app = create_app(Store())
        app.add_middleware(_NotingWhatWasSent)
        recorder = Recorder(on_record)
        app.state.observers.append(recorder)
        return cls(app, app.state.store, recorder)

    def reset(self) -> None:
        """Back to the fixture snapshot: resources, clock, IDs; no pending faults."""
        self.store.reset()

    @contextmanager
    def in_process(self, locate: Callable[[], str | None] | None = None) -> Iterator[None]:
        """Route ``httpx`` to this sandbox's app in process (any other host fails).

        An example may start its own ``mock_api()`` (the reference pages do): while it
        runs, requests go to that sandbox, not to this one (the innermost ``mock_api``
        answers). ``locate``, called as each request is sent, names the page line sending
        it (the recorder's ``origin``).

        Re-entrant and cheap when already routing: a test module can turn routing on once
        for all its examples (patching ``httpx`` costs about a millisecond), and each
        example then only sets its ``locate``.

        ``httpx`` builds a TLS context for every new client, reading the CA bundle from
        disk each time; no request leaves the process here, so while routing, httpx's
        documented ``SSL_CERT_DIR`` names an empty folder (and ``SSL_CERT_FILE``, which
        would win over it, is unset): a new client then reads no bundle and trusts no CA.
        """
        previous = self._locate
        self._locate = locate
        try:
            if self._routing:
                yield
                return
            with ExitStack() as stack:
                mocked = stack.enter_context(mock_api(app=self.app))
                for route in mocked.router.routes:
                    route.side_effect = self._noting_origin(mocked.handle)
                stack.enter_context(_no_ca_bundle())
                self._routing = True
                try:
                    yield
                finally:
                    self._routing = False
        finally:
            self._locate = previous

    def _noting_origin(self, handle: Callable[[httpx.Request], Any]
                       ) -> Callable[[httpx.Request], Any]:
        def noted(request: httpx.Request) -> Any:
            parked = _STOPPED.get(threading.current_thread())
            if parked is not None:  # an example stopped for running too long: for good
                parked.set()
                threading.Event().wait()
            locate = self._locate
            if locate is None:
                return handle(request)
            self.recorder.origin = locate()
            try:
                return handle(request)
            finally:
                self.recorder.origin = None

        return noted


#: Threads whose example ran too long, each with the event set once it is parked.
_STOPPED: weakref.WeakKeyDictionary[threading.Thread, threading.Event] = (
    weakref.WeakKeyDictionary())


def stop_requests_from(thread: threading.Thread) -> threading.Event:
    """Park ``thread`` for good at its next request to a sandbox, before the sandbox
    answers it: an example left running past its time (a loop waiting for a state that
    never comes, which may even swallow the exception that stops it) then sends nothing
    more, to its test or to the tests that run after it, and spins no more. The event
    returned is set once it is parked."""
    return _STOPPED.setdefault(thread, threading.Event())


@contextmanager
def _no_ca_bundle() -> Iterator[None]:
    """httpx's TLS contexts made from an empty CA folder, not the CA bundle (a tenth of
    the cost of a new client: no handshake ever happens in process, so none is needed,
    and a request that escaped would fail verification)."""
    with tempfile.TemporaryDirectory(prefix="cloudws-no-ca-") as empty, \
            _environ(SSL_CERT_FILE=None, SSL_CERT_DIR=empty):
        yield


@contextmanager
def _environ(**changes: str | None) -> Iterator[None]:
    """``os.environ`` with ``changes`` (None: unset) inside the block, as it was after."""
    before = {name: os.environ.get(name) for name in changes}
    try:
        for name, value in changes.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
