"""The sandbox over HTTPS on 127.0.0.1, and a ``.curlrc`` that sends curl there.

The curl examples name the real host, ``https://api.cloudworkstation.example.com``, and
must run as a reader copies them. So the test process serves the sandbox app with
uvicorn in a thread, on a free loopback port, with a certificate for that host issued
by a throwaway CA (``trustme``); and ``$CURL_HOME/.curlrc`` tells curl to connect there
(``connect-to``) and to trust that CA (``cacert``). Any other host goes to a proxy
address where nothing listens, so a curl example cannot reach the network.

Example:
    >>> import json, subprocess, tempfile
    >>> from cloudws.app import create_app
    >>> with tempfile.TemporaryDirectory() as folder, \\
    ...         TlsSandbox(create_app(), Path(folder)) as server:
    ...     out = subprocess.run(
    ...         ["curl", "-s", "https://api.cloudworkstation.example.com/v1/volumes/vol-scratch01",
    ...          "-H", "Authorization: Bearer cws_test_doc"],
    ...         env={**server.env(), "PATH": "/usr/bin:/bin"}, capture_output=True, text=True)
    >>> json.loads(out.stdout)["size_gb"]
    500
"""

from __future__ import annotations

import os
import threading
from contextlib import ExitStack
from pathlib import Path
from typing import Self

import trustme
from fastapi import FastAPI
from starlette.types import ASGIApp, Receive, Scope, Send

from cloudws.testing import API_HOST, serve

__all__ = ["DEAD_PROXY", "InFlight", "TlsSandbox"]

#: Where requests to any host but the API's go: a port nobody listens on.
DEAD_PROXY = "http://127.0.0.1:9"


class InFlight:
    """ASGI wrapper that knows when no request is being answered."""

    def __init__(self, app: ASGIApp) -> None:
        self.app, self.idle = app, threading.Event()
        self._count, self._lock = 0, threading.Lock()
        self.idle.set()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        with self._lock:
            self._count += 1
            self.idle.clear()
        try:
            await self.app(scope, receive, send)
        finally:
            with self._lock:
                self._count -= 1
                if self._count == 0:
                    self.idle.set()


class TlsSandbox:
    """Serve ``app`` over HTTPS on loopback while the ``with`` block runs."""

    def __init__(self, app: FastAPI, workdir: Path) -> None:
        self.app, self.workdir = InFlight(app), workdir
        self.port = 0
        self._stack = ExitStack()

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def curl_home(self) -> Path:
        """The folder holding the ``.curlrc`` (``CURL_HOME``)."""
        return self.workdir / "curl-home"

    def start(self) -> None:
        """Issue the certificate, start uvicorn and write the ``.curlrc``."""
        ca = trustme.CA()
        cert = ca.issue_cert(API_HOST)
        self.workdir.mkdir(parents=True, exist_ok=True)
        ca_pem, cert_pem = self.workdir / "ca.pem", self.workdir / "server.pem"
        ca.cert_pem.write_to_path(str(ca_pem))
        cert.private_key_and_cert_chain_pem.write_to_path(str(cert_pem))
        origin = self._stack.enter_context(serve(  # as `cloudws serve` runs uvicorn, plus TLS
            self.app, timeout=20, ssl_certfile=str(cert_pem), ssl_keyfile=str(cert_pem),
        ))
        self.port = int(origin.rsplit(":", 1)[1])
        self.curl_home.mkdir(exist_ok=True)
        (self.curl_home / ".curlrc").write_text(
            f"connect-to = {API_HOST}:443:127.0.0.1:{self.port}\n"
            f'cacert = "{ca_pem}"\n'
            f"noproxy = {API_HOST}\n"
            f"proxy = {DEAD_PROXY}\n"
        )

    def stop(self) -> None:
        """Stop uvicorn and wait for its thread."""
        self._stack.close()

    def wait_idle(self, timeout: float = 10) -> None:
        """Wait until every request has been answered and its observers told.

        curl may exit as soon as it has the response, a moment before the app returns
        and its observers see the exchange.
        """
        if not self.app.idle.wait(timeout):
            raise RuntimeError("the TLS sandbox server is still answering a request")

    def env(self) -> dict[str, str]:
        """The environment for a curl example: only its ``.curlrc``, no proxy settings."""
        keep = {k: v for k, v in os.environ.items()
                if k in {"LANG", "LC_ALL", "TZ", "TERM"}}
        return {**keep, "CURL_HOME": str(self.curl_home), "HOME": str(self.curl_home),
                "XDG_CONFIG_HOME": str(self.curl_home)}
