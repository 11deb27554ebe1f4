"""MkDocs hook: under ``mkdocs serve``, run the sandbox API beside the dev server.

``uv run mkdocs serve`` serves only static files, so the pages' "Try it" forms would have
no API to talk to. While serving, this hook starts the sandbox (a fresh fixture-state
:func:`cloudws.server.create_server` with no site) on ``127.0.0.1`` and a free port, in a
daemon thread (:func:`cloudws.testing.serve`, the project's one way to run uvicorn in a
thread), behind CORS that admits the dev server's origin only; and it tells each page
where the sandbox is with ``<meta name="cloudws-sandbox" content="http://127.0.0.1:PORT/v1">``,
which ``docs/javascripts/try-it.js`` uses as its default base URL.

``mkdocs build`` is untouched: no thread, no meta (``cloudws serve`` serves the built site
and the sandbox on one origin, where the default base URL is ``/v1`` of the page's origin).

Example:
    >>> sandbox = SandboxServer.start(["http://127.0.0.1:8000"])
    >>> sandbox.base_url.startswith("http://127.0.0.1:") and sandbox.base_url.endswith("/v1")
    True
    >>> import httpx
    >>> r = httpx.get(sandbox.base_url + "/workstations/ws-12345",
    ...               headers={"Authorization": "Bearer cws_test_doc",
    ...                        "Origin": "http://127.0.0.1:8000"})
    >>> r.json()["status"], r.headers["access-control-allow-origin"]
    ('stopped', 'http://127.0.0.1:8000')
    >>> sandbox.stop()
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Iterable
from contextlib import ExitStack
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.pages import Page

__all__ = [
    "META_NAME",
    "SandboxServer",
    "dev_origins",
    "inject_meta",
    "on_config",
    "on_post_page",
    "on_serve",
    "on_shutdown",
    "on_startup",
]

#: The ``<meta name>`` that carries the sandbox's base URL to ``try-it.js``.
META_NAME = "cloudws-sandbox"

_log = logging.getLogger("mkdocs.hooks.sandbox")
_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)
_LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")


@dataclass
class SandboxServer:
    """A sandbox API served on ``127.0.0.1`` by :func:`cloudws.testing.serve` (uvicorn, in
    a daemon thread, as ``cloudws serve`` runs it).

    Example:
        >>> import httpx
        >>> sandbox = SandboxServer.start([])
        >>> httpx.get(sandbox.base_url + "/workstations", headers=_DOC_AUTH).status_code
        200
        >>> sandbox.stop()
        >>> httpx.get(sandbox.base_url + "/workstations", headers=_DOC_AUTH)
        Traceback (most recent call last):
        ...
        httpx.ConnectError: ...
    """

    base_url: str
    _running: ExitStack = field(repr=False)

    @classmethod
    def start(cls, origins: Iterable[str], *, timeout: float = 10.0) -> SandboxServer:
        """Start a fresh fixture-state sandbox that answers CORS requests from ``origins``.

        Raises ``RuntimeError`` when it does not start within ``timeout`` seconds.
        """
        from starlette.middleware.cors import CORSMiddleware

        from cloudws.document import load_document
        from cloudws.operations import API_ROOT, OPERATIONS
        from cloudws.server import create_server
        from cloudws.testing import serve

        # What Try it sends: the operations' methods, and the headers it sets, with every
        # header parameter the document declares (Idempotency-Key), which it sends as given
        declared = {parameter["name"] for item in load_document()["paths"].values()
                    for operation in item.values() if isinstance(operation, dict)
                    for parameter in operation.get("parameters", [])
                    if parameter.get("in") == "header"}
        app = CORSMiddleware(
            create_server(None),
            allow_origins=list(origins),
            allow_methods=sorted({operation.method for operation in OPERATIONS.values()}),
            allow_headers=["Authorization", "Content-Type", "Accept", *sorted(declared)],
            expose_headers=["*"],
            max_age=600,
        )
        running = ExitStack()
        origin = running.enter_context(serve(app, host="127.0.0.1", timeout=timeout))
        return cls(base_url=f"{origin}{API_ROOT}", _running=running)

    def stop(self) -> None:
        """Stop the server and wait for its thread (as long as ``start``'s ``timeout``)."""
        self._running.close()


_DOC_AUTH = {"Authorization": "Bearer cws_test_doc"}


def dev_origins(host: str, port: int) -> list[str]:
    """The browser origins a page of the dev server bound to ``host:port`` can have.

    Example:
        >>> dev_origins("127.0.0.1", 8000)
        ['http://127.0.0.1:8000', 'http://localhost:8000', 'http://[::1]:8000']
        >>> dev_origins("docs.internal", 8000)[:2]
        ['http://docs.internal:8000', 'http://127.0.0.1:8000']
    """
    named = f"[{host}]" if ":" in host and not host.startswith("[") else host
    names = [named] if named not in _LOOPBACK_NAMES + ("0.0.0.0", "[::]") else []
    return [f"http://{name}:{port}" for name in [*names, *_LOOPBACK_NAMES]]


def inject_meta(output: str, base_url: str) -> str:
    """``output`` (an HTML page) with the sandbox meta tag just before ``</head>``.

    Example:
        >>> inject_meta("<head><title>t</title></head>", "http://127.0.0.1:5/v1")
        '<head><title>t</title><meta name="cloudws-sandbox" content="http://127.0.0.1:5/v1"></head>'
    """
    tag = f'<meta name="{META_NAME}" content="{html.escape(base_url, quote=True)}">'
    return _HEAD_END.sub(lambda m: tag + m.group(0), output, count=1)


class _State:
    serving = False
    sandbox: SandboxServer | None = None


def _ensure_started(config: MkDocsConfig) -> None:
    if _State.sandbox is None:
        host, port = config.dev_addr
        _State.sandbox = SandboxServer.start(dev_origins(host, port))
        _log.info("Try it: the sandbox API answers at %s (fixture state; restart "
                  "`mkdocs serve` to reset it)", _State.sandbox.base_url)


def on_startup(*, command: str, dirty: bool) -> None:
    """Remember whether this run serves the site (``mkdocs serve``).

    Example:
        >>> on_startup(command="build", dirty=False)
        >>> _State.serving
        False
    """
    _State.serving = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """While serving, start the sandbox (once) before the first build."""
    if _State.serving:
        _ensure_started(config)
    return config


def on_serve(server: LiveReloadServer, *, config: MkDocsConfig,
             builder: Callable[..., Any]) -> LiveReloadServer:
    """``mkdocs serve --clean`` reports itself as a build: start the sandbox here, and
    build once more so that the pages name it."""
    if _State.sandbox is None:
        _State.serving = True
        _ensure_started(config)
        builder()
    return server


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """While serving, name the sandbox in each page's ``<head>``; a build is left alone.

    Example:
        >>> on_startup(command="build", dirty=False)
        >>> on_post_page("<head></head>", page=None, config=None)
        '<head></head>'
    """
    if _State.serving and _State.sandbox is not None:
        return inject_meta(output, _State.sandbox.base_url)
    return output


def on_shutdown() -> None:
    """Stop the sandbox when ``mkdocs serve`` exits."""
    if _State.sandbox is not None:
        _State.sandbox.stop()
        _State.sandbox = None
    _State.serving = False
