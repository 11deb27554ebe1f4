"""HTTP/1.1 for ``cloudws serve``: uvicorn's h11 protocol, answering bad messages as problems.

When a request cannot even be parsed — a NUL in a header, a request target that is not
ASCII, a bad ``Content-Length`` or chunk size — uvicorn answers ``400`` in plain text
before any app sees it. :class:`ProblemH11Protocol` answers the same ``400`` as an
RFC 9457 problem with code ``malformed_request``, like every other error of the sandbox,
and then closes the connection as uvicorn does.
"""

from __future__ import annotations

import json

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from .errors import problem_body

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
        headers = [
            (b"content-type", b"application/problem+json"),
            (b"content-length", str(len(MALFORMED_REQUEST_BODY)).encode()),
            (b"connection", b"close"),
            (b"x-content-type-options", b"nosniff"),
            (b"content-security-policy", b"default-src 'none'; frame-ancestors 'none'"),
            *self.server_state.default_headers,
        ]
        for event in (h11.Response(status_code=400, headers=headers, reason=b"Bad Request"),
                      h11.Data(data=MALFORMED_REQUEST_BODY), h11.EndOfMessage()):
            self.transport.write(self.conn.send(event))
        self.transport.close()


#: How ``cloudws serve`` runs uvicorn (and :func:`cloudws.testing.serve` too): this
#: protocol, and at most 64 KiB of request line and headers waiting to be parsed.
UVICORN_OPTIONS = {
    "http": ProblemH11Protocol,
    "h11_max_incomplete_event_size": 64 * 1024,
    "log_level": "warning",
}
