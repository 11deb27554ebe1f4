"""``cloudws serve``: the sandbox API under ``/v1`` and the built docs site at ``/``.

Both are on one origin so that the site's "Try it" console reaches the sandbox with no
CORS and no configuration.
"""

from __future__ import annotations

from pathlib import Path

from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from .app import create_app
from .store import Store

__all__ = ["SECURITY_HEADERS", "create_server"]

#: Headers on every response of ``cloudws serve``: scripts, styles and requests only
#: from this origin (the site and its Try it console), no framing, no sniffing.
SECURITY_HEADERS = {
    "content-security-policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
        "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'"
    ),
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
}


class _SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: dict) -> None:  # type: ignore[type-arg]
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()
                         if k.encode() not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_server(site_dir: Path | None, store: Store | None = None) -> ASGIApp:
    """The combined app: ``/v1/...`` and ``/openapi.json`` from the sandbox, every other
    path from the built site in ``site_dir`` (or 404 when there is none)."""
    api = create_app(store)
    site: ASGIApp = (
        StaticFiles(directory=site_dir, html=True) if site_dir is not None else _no_site
    )

    async def dispatch(scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] == "lifespan" or path == "/openapi.json" or path == "/v1" \
                or path.startswith("/v1/"):
            await api(scope, receive, send)
        else:
            await site(scope, receive, send)

    return _SecurityHeaders(dispatch)


async def _no_site(scope: Scope, receive: Receive, send: Send) -> None:
    response = Response("The docs site is not built. Run: uv run mkdocs build\n", 404)
    await response(scope, receive, send)
