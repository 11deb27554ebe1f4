"""The request size limits: :data:`MAX_BODY_BYTES` of body for every request, whatever its
method or path, and :data:`MAX_HEAD_BYTES` of request line and headers.

:class:`BodyLimit` reads the whole body before the app it wraps sees the request, so an
operation either gets all of its body or never runs: a body over the limit — declared by
``Content-Length`` or streamed in chunks — is answered with 413 ``payload_too_large``
and changes nothing. Operations that take no body get the same limit (a small body there
is read and ignored), and so does the static docs site behind ``cloudws serve``.

:class:`HeadLimit` answers 400 ``malformed_request``, and closes the connection, when the
request line and headers are over the limit. uvicorn (h11) refuses such a head while it
waits for the rest of it; one that arrives whole, in one read, it parses whatever its
size, so ``cloudws serve`` measures every head again before the app sees it.
"""

from __future__ import annotations

from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["MAX_BODY_BYTES", "MAX_HEAD_BYTES", "MAX_LISTED_NAMES", "BodyLimit", "HeadLimit",
           "describe_size", "head_size"]

MAX_BODY_BYTES = 64 * 1024
"""The largest request body the sandbox reads, in bytes."""
MAX_HEAD_BYTES = 64 * 1024
"""The most request line and headers ``cloudws serve`` reads; over it, it answers 400."""
MAX_LISTED_NAMES = 20
"""The most names a 400 ``validation_error`` lists in ``errors`` of each kind: query
parameters unknown (by name), query parameters given twice (by name), and names a JSON body
gives twice (in the body's order)."""


def describe_size(size: int) -> str:
    """A byte count as people write it.

    Example:
        >>> describe_size(64 * 1024), describe_size(1536)
        ('64 KiB', '1536 bytes')
    """
    return f"{size // 1024} KiB" if size % 1024 == 0 else f"{size} bytes"


class BodyLimit:
    """ASGI middleware: answer 413 ``payload_too_large`` to a body over ``limit`` bytes.

    Example:
        >>> import httpx
        >>> from starlette.responses import PlainTextResponse
        >>> app = BodyLimit(PlainTextResponse("ok"), limit=4)
        >>> async def post(body):
        ...     async with httpx.AsyncClient(transport=httpx.ASGITransport(app)) as client:
        ...         return (await client.post("http://sandbox/", content=body)).status_code
        >>> import asyncio
        >>> asyncio.run(post(b"1234")), asyncio.run(post(b"12345"))
        (200, 413)
    """

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY_BYTES) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _declared_length(scope)
        if declared is not None and declared > self.limit:
            await self._refuse(scope, send, f"The body is {declared} bytes; the limit is "
                               f"{self.limit} bytes ({describe_size(self.limit)}).")
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return  # the client has gone: there is no one to answer
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                await self._refuse(scope, send, f"The body is over the limit of {self.limit} "
                                   f"bytes ({describe_size(self.limit)}).")
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        await self.app(scope, _replay(b"".join(chunks), receive), send)

    @staticmethod
    async def _refuse(scope: Scope, send: Send, detail: str) -> None:
        from .errors import ApiError, problem_response  # errors states the limits: no cycle

        await problem_response(ApiError("payload_too_large", detail))(scope, _no_body, send)


def head_size(scope: Scope) -> int:
    """The bytes of the request line and headers of the HTTP request ``scope`` comes from
    (``GET /v1/volumes HTTP/1.1``, each ``name: value``, each line's CRLF, the blank line).

    Example:
        >>> head_size({"method": "GET", "raw_path": b"/v1/volumes", "query_string": b"",
        ...            "http_version": "1.1", "headers": [(b"host", b"a")]})
        37
    """
    target = scope.get("raw_path") or scope["path"].encode()
    if scope.get("query_string"):
        target += b"?" + scope["query_string"]
    line = f"{scope['method']}  HTTP/{scope.get('http_version', '1.1')}\r\n".encode()
    headers = sum(len(name) + len(value) + 4 for name, value in scope.get("headers", []))
    return len(line) + len(target) + headers + 2


class HeadLimit:
    """ASGI middleware: answer 400 ``malformed_request`` (and close the connection) to a
    request whose request line and headers (:func:`head_size`) are over ``limit`` bytes.

    Example:
        >>> import httpx
        >>> from starlette.responses import PlainTextResponse
        >>> app = HeadLimit(PlainTextResponse("ok"), limit=300)
        >>> async def get(pad):
        ...     async with httpx.AsyncClient(transport=httpx.ASGITransport(app)) as client:
        ...         r = await client.get("http://sandbox/", headers={"x-pad": pad})
        ...         return r.status_code, r.headers.get("connection")
        >>> import asyncio
        >>> asyncio.run(get("a")), asyncio.run(get("a" * 300))
        ((200, None), (400, 'close'))
    """

    def __init__(self, app: ASGIApp, limit: int = MAX_HEAD_BYTES) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and (size := head_size(scope)) > self.limit:
            from .errors import ApiError, problem_response  # errors states the limits

            await problem_response(ApiError(
                "malformed_request", f"The request line and headers are {size} bytes; the "
                f"limit is {self.limit} bytes ({describe_size(self.limit)}).",
                headers={"Connection": "close"},
            ))(scope, _no_body, send)
            return
        await self.app(scope, receive, send)


def _declared_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length" and value.strip().isdigit():
            return int(value)
    return None


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()  # after the body: wait for the disconnect, as the server would

    return replay


async def _no_body() -> dict[str, Any]:  # pragma: no cover - responses never read the body
    return {"type": "http.request", "body": b"", "more_body": False}
