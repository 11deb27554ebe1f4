"""``cloudws serve``: the sandbox API under ``/v1`` and the built docs site at ``/``.

Both are on one origin so that the site's "Try it" console reaches the sandbox with no
CORS and no configuration. Every response carries :func:`security_headers`: scripts only
from this origin (and the theme's own inline scripts, allowed by hash), requests only to
this origin and the API base chosen with ``--api-base``, no framing, no sniffing. Every
request, to the API or to the site, may carry at most ``MAX_BODY_BYTES`` of body
(:mod:`cloudws.limits`).
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from starlette.exceptions import HTTPException
from starlette.responses import PlainTextResponse, Response
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .app import create_app
from .limits import BodyLimit, HeadLimit
from .openapi import SERVER_URL
from .operations import API_ROOT, in_api
from .store import Store

__all__ = ["SECURITY_HEADERS", "api_origin", "create_server", "inline_script_hashes",
           "security_headers"]

_CSP = (
    "default-src 'self'; script-src 'self'{scripts}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'{connect}; "
    "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'"
)
_JS_TYPES = {"", "text/javascript", "application/javascript", "module"}

#: Headers on every response of ``cloudws serve`` with no site and no ``--api-base``.
SECURITY_HEADERS = {
    "content-security-policy": _CSP.format(scripts="", connect=""),
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
}


def api_origin(api_base: str) -> str:
    """The origin (``scheme://host[:port]``) of an API base URL, for ``connect-src``.

    Example:
        >>> api_origin("https://api.cloudworkstation.example.com/v1")
        'https://api.cloudworkstation.example.com'
        >>> api_origin("https://api.example.com:abc/v1")
        Traceback (most recent call last):
        ...
        ValueError: --api-base must be an http:// or https:// URL such as https://api.cloudworkstation.example.com/v1, not 'https://api.example.com:abc/v1'
    """
    parts = urlsplit(api_base)
    try:
        parts.port  # noqa: B018 - raises ValueError for a port that is not 0 to 65535
    except ValueError:
        parts = parts._replace(scheme="")  # refused below
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.username \
            or any(c in api_base for c in " ;,'\"\\") or not api_base.isascii():
        raise ValueError("--api-base must be an http:// or https:// URL such as "
                         f"{SERVER_URL}{API_ROOT}, not {api_base!r}")
    return f"{parts.scheme}://{parts.netloc}".lower()


class _InlineScripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            named = dict(attrs)
            runs = "src" not in named and (named.get("type") or "").lower() in _JS_TYPES
            self._current = [] if runs else None

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._current is not None:
            self.scripts.append("".join(self._current))
            self._current = None


def inline_script_hashes(html_files: Iterable[Path]) -> list[str]:
    """The CSP source (``'sha256-…'``) of each distinct inline script in ``html_files``.

    The theme writes a few small inline scripts into every page (colour palette, tabs);
    allowing exactly these by hash keeps ``script-src`` closed to any other inline code.

    Example:
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     page = Path(folder) / "index.html"
        ...     _ = page.write_text("<script>var a=1</script><script src=x.js></script>")
        ...     inline_script_hashes([page])
        ["'sha256-WazVQOu5lmXfSreSrMJd1CsaQ4c00fUQpJfBYCuMSIw='"]
    """
    seen: dict[str, None] = {}
    for path in html_files:
        parser = _InlineScripts()
        parser.feed(path.read_text(encoding="utf-8", errors="replace"))
        for script in parser.scripts:
            digest = hashlib.sha256(script.encode()).digest()
            seen[f"'sha256-{base64.b64encode(digest).decode()}'"] = None
    return sorted(seen)


def security_headers(site_dir: Path | None = None, api_base: str | None = None) -> dict[str, str]:
    """The security headers of every response, for a site in ``site_dir`` whose Try it
    console may also call ``api_base`` (besides this origin).

    Example:
        >>> csp = security_headers(api_base="https://api.cloudworkstation.example.com/v1")
        >>> "connect-src 'self' https://api.cloudworkstation.example.com;" in csp[
        ...     "content-security-policy"]
        True
    """
    hashes = inline_script_hashes(sorted(site_dir.rglob("*.html"))) if site_dir else []
    connect = f" {api_origin(api_base)}" if api_base else ""
    csp = _CSP.format(scripts="".join(f" {h}" for h in hashes), connect=connect)
    return {**SECURITY_HEADERS, "content-security-policy": csp}


class _SecurityHeaders:
    def __init__(self, app: ASGIApp, headers: dict[str, str]) -> None:
        self.app = app
        self.headers = [(k.encode(), v.encode()) for k, v in headers.items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in self.headers if k not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_server(
    site_dir: Path | None, store: Store | None = None, *, api_base: str | None = None
) -> ASGIApp:
    """The combined app: ``/v1/...`` and ``/openapi.json`` from the sandbox, every other
    path from the built site in ``site_dir`` (or 404 when there is none).

    ``api_base`` is an API base URL the site's Try it console may call besides this
    origin (say, the production API); it is added to the policy's ``connect-src``.

    Example:
        >>> import httpx
        >>> async def delete():
        ...     transport = httpx.ASGITransport(create_server(None))
        ...     async with httpx.AsyncClient(transport=transport) as client:
        ...         return await client.delete("http://127.0.0.1/v1/workstations/ws-12345",
        ...                                    headers={"Authorization": "Bearer cws_test_me"})
        >>> import asyncio
        >>> response = asyncio.run(delete())
        >>> response.json()["status"], response.headers["x-frame-options"]
        ('deleted', 'DENY')
    """
    headers = security_headers(site_dir, api_base)
    api = create_app(store)
    site: ASGIApp = BodyLimit(_Site(site_dir) if site_dir is not None else _no_site)

    async def dispatch(scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] == "lifespan" or path == "/openapi.json" or in_api(path):
            await api(scope, receive, send)
        else:
            await site(scope, receive, send)

    return _SecurityHeaders(_OriginForm(HeadLimit(dispatch)), headers)


#: A request target in absolute form: the scheme and host, then the path (and query).
_ABSOLUTE = re.compile(rb"(?i:https?)://(?P<host>[^/?#]*)(?P<path>/[^?#]*)?")


class _OriginForm:
    """A request whose target is a whole URL (``GET http://127.0.0.1:8000/v1/volumes
    HTTP/1.1``, as a client sends it through a proxy) answered as the same request with the
    target's path: RFC 9112 (section 3.2.2) says a server must accept that form, and take
    the host from it rather than from ``Host``. uvicorn hands it on as it came, the whole
    URL as the path, which neither the API nor the site has.

    Example:
        >>> import asyncio
        >>> async def target(scope, receive, send):
        ...     print(scope["path"], scope["raw_path"], dict(scope["headers"])[b"host"])
        >>> asyncio.run(_OriginForm(target)({
        ...     "type": "http", "path": "http://127.0.0.1:8000/v1/volumes",
        ...     "raw_path": b"http://127.0.0.1:8000/v1/volumes", "headers": [(b"host", b"a")]},
        ...     None, None))
        /v1/volumes b'/v1/volumes' b'127.0.0.1:8000'
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        raw = scope.get("raw_path") or b""
        target = _ABSOLUTE.fullmatch(raw) if scope["type"] == "http" else None
        if target is not None:
            path = target["path"] or b"/"
            scope = {**scope, "raw_path": path, "path": unquote(path.decode("latin-1")),
                     "headers": [(b"host", target["host"]), *(
                         (name, value) for name, value in scope["headers"]
                         if name.lower() != b"host")]}
        await self.app(scope, receive, send)


class _Site:
    """The built site's files, with every refusal answered (not raised as a 500); while
    the site is gone from its folder (``mkdocs build`` empties it first, and leaves it
    empty when it fails), a page asked for is answered ``503``, saying so and what to do."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.files = StaticFiles(directory=directory, html=True)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers: dict[str, str] = {}
        if "\x00" in scope["path"]:
            status = 404  # no file name holds a NUL
        else:
            try:
                await self.files(scope, receive, send)
                return
            except HTTPException as exc:
                status, headers = exc.status_code, dict(exc.headers or {})
        if status == 405 and not any(name.lower() == "allow" for name in headers):
            headers["allow"] = "GET, HEAD"
        if status == 404 and not (self.directory / "index.html").is_file():
            await PlainTextResponse(
                f"503 Service Unavailable: the docs site is gone from {self.directory} (a "
                "`mkdocs build` empties it as it starts, and leaves it empty when it fails). "
                "Build it again (uv run mkdocs build), or stop and start cloudws serve, which "
                "builds it. The API under /v1 still answers.\n", 503,
                {"retry-after": "10"})(scope, receive, send)
            return
        text = {404: "Not Found", 405: "Method Not Allowed"}.get(status, "Error")
        await PlainTextResponse(f"{status} {text}\n", status, headers)(scope, receive, send)


async def _no_site(scope: Scope, receive: Receive, send: Send) -> None:
    response = Response(f"This server answers the API only ({API_ROOT}/..., /openapi.json): it "
                        "serves no docs site.\n", 404)
    await response(scope, receive, send)
