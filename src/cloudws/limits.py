"""The request body limit: 64 KiB for every request, whatever its method or path.

:class:`BodyLimit` reads the whole body before the app it wraps sees the request, so an
operation either gets all of its body or never runs: a body over the limit — declared by
``Content-Length`` or streamed in chunks — is answered with 413 ``payload_too_large``
and changes nothing. Operations that take no body get the same limit (a small body there
is read and ignored), and so does the static docs site behind ``cloudws serve``.
"""

from __future__ import annotations

from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import ApiError, problem_response

__all__ = ["MAX_BODY_BYTES", "BodyLimit"]

MAX_BODY_BYTES = 64 * 1024
"""The largest request body the sandbox reads, in bytes (64 KiB)."""


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
                               f"{self.limit} bytes ({self.limit // 1024} KiB).")
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
                                   f"bytes ({self.limit // 1024} KiB).")
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        await self.app(scope, _replay(b"".join(chunks), receive), send)

    @staticmethod
    async def _refuse(scope: Scope, send: Send, detail: str) -> None:
        await problem_response(ApiError("payload_too_large", detail))(scope, _no_body, send)


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
