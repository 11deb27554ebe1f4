"""HTTP/1.1 for ``cloudws serve``: uvicorn's h11 protocol, answering bad messages as problems.

When a request cannot even be parsed — a NUL in a header, a request target that is not
ASCII, a bad ``Content-Length`` or chunk size — uvicorn answers ``400`` in plain text
before any app sees it. :class:`ProblemH11Protocol` answers the same ``400`` as an
RFC 9457 problem with code ``malformed_request``, like every other error of the sandbox,
and then closes the connection as uvicorn does.

uvicorn has no option for that answer: its plain-text ``400`` (added by
https://github.com/Kludex/uvicorn/pull/1352) is written by ``H11Protocol.send_400_response``,
and the supported way to change how uvicorn speaks HTTP is to give it a protocol class
(``uvicorn.Config(http=...)``, as https://github.com/Kludex/uvicorn/issues/1228 answers).
So this module subclasses uvicorn's h11 protocol and overrides that one method, which
uvicorn does not document: ``tests/test_upstream.py`` checks that the method, its
signature and the attributes it uses are still there, that uvicorn still answers plain
text, and that the override is what answers a malformed request. The alternatives are
more fragile: a wrapping ``asyncio.Protocol`` would have to recognise uvicorn's plain-text
bytes to replace them, or parse every request twice (with h11) without knowing whether
uvicorn had already started to answer.
"""

from __future__ import annotations

import json

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from .errors import problem_body
from .limits import MAX_HEAD_BYTES

__all__ = ["MALFORMED_REQUEST_BODY", "UVICORN_OPTIONS", "ProblemH11Protocol"]

#: The body of the answer to a request that is not well-formed HTTP/1.1.
MALFORMED_REQUEST_BODY = (json.dumps(problem_body(
    "malformed_request",
    "The request is not well-formed HTTP/1.1: check the request line, the header names and "
    "values (no control characters), Content-Length and the chunked encoding.",
), indent=2) + "\n").encode()


class ProblemH11Protocol(H11Protocol):
    """uvicorn's h11 protocol, with a problem body on its ``400 Bad Request``.

    Pass it as ``uvicorn.run(app, http=ProblemH11Protocol)``; ``cloudws serve`` does.
    """

    def send_400_response(self, msg: str) -> None:
        """Answer ``400 malformed_request`` and close (``msg`` is uvicorn's log text)."""
        if self.conn.our_state not in (h11.IDLE, h11.SEND_RESPONSE):
            self.transport.close()  # an answer has already started: all we can do is stop
            return
        from .server import SECURITY_HEADERS  # (the server's module imports the app)

        headers = [
            (b"content-type", b"application/problem+json"),
            (b"content-length", str(len(MALFORMED_REQUEST_BODY)).encode()),
            (b"connection", b"close"),
            # cloudws serve's security headers, with a policy for a body that loads nothing
            *((name.encode(), value.encode()) for name, value in SECURITY_HEADERS.items()
              if name != "content-security-policy"),
            (b"content-security-policy", b"default-src 'none'; frame-ancestors 'none'"),
            *self.server_state.default_headers,
        ]
        for event in (h11.Response(status_code=400, headers=headers, reason=b"Bad Request"),
                      h11.Data(data=MALFORMED_REQUEST_BODY), h11.EndOfMessage()):
            self.transport.write(self.conn.send(event))
        self.transport.close()


#: How ``cloudws serve`` runs uvicorn (and :func:`cloudws.testing.serve` too): this
#: protocol, and at most ``MAX_HEAD_BYTES`` of request line and headers waiting to be parsed.
UVICORN_OPTIONS = {
    "http": ProblemH11Protocol,
    "h11_max_incomplete_event_size": MAX_HEAD_BYTES,
    "log_level": "warning",
}
