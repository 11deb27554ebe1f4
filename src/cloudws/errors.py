"""Every error the API can return, as data, and the exception that carries one.

Each error body is an RFC 9457 problem (``application/problem+json``) whose ``code``
member names one entry of :data:`ERROR_CODES`. The errors page of the docs is generated
from this table, so a code cannot be documented without existing, or exist without being
documented.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from starlette.responses import Response

from .idempotency import describe_ttl
from .limits import MAX_BODY_BYTES, MAX_HEAD_BYTES, MAX_LISTED_NAMES, describe_size
from .models import VOLUME_ID_PREFIX, WORKSTATION_ID_PREFIX, describe_id

__all__ = [
    "ERROR_CODES", "PROBLEM_BASE", "ApiError", "ErrorCode", "problem_body", "problem_response",
]

PROBLEM_BASE = "https://docs.cloudworkstation.example.com/concepts/errors/#"
"""Base URI of the problem ``type`` members; each code has an anchor on the errors page."""


@dataclass(frozen=True)
class ErrorCode:
    """One machine-readable error code: its HTTP status, title and what to do about it."""

    code: str
    """The ``code`` member of the problem body: ``"workstation_not_stopped"``."""
    status: int
    """The HTTP status it is answered with."""
    title: str
    """The problem's ``title``: the status's name in RFC 9110."""
    meaning: str
    """What it means, as the errors page says it."""
    remedy: str
    """What to do about it."""


ERROR_CODES: dict[str, ErrorCode] = {
    e.code: e
    for e in (
        ErrorCode(
            "validation_error", 400, "Bad Request",
            "A query parameter, a header (`Idempotency-Key`) or a field of the request body "
            "is missing, unknown, malformed, read-only or out of range. The `errors` list "
            "names each offending field of the first stage of checks that finds one (of the "
            "query's parameters unknown or given twice, and of the names a body gives "
            f"twice, {MAX_LISTED_NAMES} of each at most). The `detail` says it in words: "
            "each query value and each field of the body the list names, but only the "
            "first of the query's unknown parameters, of those given twice, and of a "
            "body's names given twice.",
            "Fix the named fields; the request changed nothing, so it is safe to send again.",
        ),
        ErrorCode(
            "invalid_json", 400, "Bad Request",
            "The request body is not a well-formed JSON object.",
            "Send a JSON object, for example `{\"name\": \"dev-box\"}`, encoded as UTF-8.",
        ),
        ErrorCode(
            "malformed_request", 400, "Bad Request",
            "The HTTP message itself could not be read: a header name that is not a token, a "
            "NUL, CR, LF, VT or FF in a header value, a "
            "request target that is not ASCII, a missing `Host`, a bad `Content-Length` or "
            "chunked encoding, or a request line and headers over "
            f"{describe_size(MAX_HEAD_BYTES)}. The server answers before any operation sees "
            "the request, and closes the connection.",
            "Send a well-formed HTTP/1.1 request: percent-encode the path and query, and let "
            "your HTTP client frame the body.",
        ),
        ErrorCode(
            "invalid_id", 400, "Bad Request",
            "An ID in the path does not have the form of a workstation ID "
            f"({describe_id(WORKSTATION_ID_PREFIX)}) or a volume ID "
            f"({describe_id(VOLUME_ID_PREFIX)}).",
            "Check the ID you copied; IDs are lowercase and never contain spaces or slashes.",
        ),
        ErrorCode(
            "unauthorized", 401, "Unauthorized",
            "The `Authorization` header is missing, is not `Bearer <token>`, or the token is "
            "not valid. Sandbox tokens start with `cws_test_`.",
            "Send a valid token in the `Authorization` header: `Bearer $CLOUDWS_TOKEN`.",
        ),
        ErrorCode(
            "not_found", 404, "Not Found",
            "No resource has the ID given in the path, or it was deleted, or the path is not "
            "part of the API. A path that ends in `/` is not: none of the API's does.",
            "List the resources to find the right ID. Deleted resources do not come back.",
        ),
        ErrorCode(
            "method_not_allowed", 405, "Method Not Allowed",
            "The path exists but does not accept this method. The `Allow` header lists the "
            "methods it does accept.",
            "Use one of the methods in the `Allow` header.",
        ),
        ErrorCode(
            "workstation_not_stopped", 409, "Conflict",
            "The workstation must be `stopped` for this operation and it is not. The "
            "`detail` names its current state.",
            "Stop it with a `POST` to `/v1/workstations/{id}/stop`, then repeat the request.",
        ),
        ErrorCode(
            "volume_attached", 409, "Conflict",
            "The volume is attached to a workstation: it cannot be deleted, or attached to a "
            "second workstation.",
            "Detach it first by updating its workstation's `volume_ids` without it (the "
            "workstation stopped first, as an update needs).",
        ),
        ErrorCode(
            "volume_owned", 409, "Conflict",
            "The volume belongs to a workstation (it was created with it): it cannot be "
            "deleted on its own, or attached elsewhere.",
            "It is deleted together with its workstation. Use a standalone volume for data "
            "that must outlive the workstation.",
        ),
        ErrorCode(
            "volume_not_found", 409, "Conflict",
            "A volume named in the body's `volume_ids` does not exist, or was deleted. What "
            "is missing is a volume the body names, not the resource of the path (a create "
            "has none, an update's exists): that is why this is not a 404.",
            "List the volumes to find the right ID, or create the volume first.",
        ),
        ErrorCode(
            "idempotency_key_in_flight", 409, "Conflict",
            "A create with the same `Idempotency-Key` is still being processed: answering "
            "this one too could make a second resource.",
            "Wait a moment, then send the request again with the same key: if the first "
            "request succeeded, you get its answer; if it failed, yours is processed anew.",
        ),
        ErrorCode(
            "endpoint_removed", 410, "Gone",
            "The endpoint no longer exists. `GET /v1/workstations/{id}/delete` was replaced "
            "by `DELETE /v1/workstations/{id}`.",
            "Use the call named in the `detail`.",
        ),
        ErrorCode(
            "payload_too_large", 413, "Content Too Large",
            f"The request body is over {describe_size(MAX_BODY_BYTES)}. The limit holds for "
            "every request, those of operations that take no body included (a small body "
            "there is ignored).",
            "Send a smaller body; no request of this API needs more than a few hundred bytes.",
        ),
        ErrorCode(
            "unsupported_media_type", 415, "Unsupported Media Type",
            "The request's `Content-Type` is not `application/json`, on an operation that "
            "takes a body.",
            "Send the body as JSON, with the `Content-Type` header `application/json`.",
        ),
        ErrorCode(
            "idempotency_key_reused", 422, "Unprocessable Content",
            "The `Idempotency-Key` was used before, by a create with a different body that "
            f"succeeded within the last {describe_ttl()}. The key stays bound to that "
            "request: nothing was created.",
            "Use a new key for a new request. To retry the request that succeeded with the "
            "key, send its body again unchanged, with the same key.",
        ),
        ErrorCode(
            "internal_error", 500, "Internal Server Error",
            "The operation failed inside the service. Nothing was changed: a failed "
            "operation is rolled back whole.",
            "Retry after a short wait. In the sandbox this happens when a test asks for it "
            "with `Store.fail_next` (see the reference), or on a defect of the sandbox.",
        ),
    )
}
"""Every error code of the API, by its ``code``: ``ERROR_CODES["not_found"].status`` is 404."""


@dataclass
class ApiError(Exception):
    """An error answered as a problem body; what the store raises when it refuses a call.

    Example:
        >>> from cloudws.errors import ApiError
        >>> err = ApiError("not_found", "Workstation ws-00000 does not exist.")
        >>> err.status
        404
    """

    code: str
    """One of :data:`ERROR_CODES`."""
    detail: str
    """What went wrong with this request, for a person."""
    errors: list[dict[str, str]] | None = None
    """For ``validation_error`` and ``invalid_id``: each offending ``field`` and its
    ``message``."""
    headers: dict[str, str] = field(default_factory=dict)
    """Headers to send with the problem body (``Allow`` with a 405)."""

    def __post_init__(self) -> None:
        if self.code not in ERROR_CODES:
            raise ValueError(f"unknown error code {self.code!r}")
        super().__init__(self.detail)

    @property
    def status(self) -> int:
        """The HTTP status of :attr:`code`."""
        return ERROR_CODES[self.code].status

    def body(self) -> dict[str, Any]:
        """The RFC 9457 problem body, as the API sends it."""
        return problem_body(self.code, self.detail, self.errors)


def problem_body(
    code: str, detail: str, errors: list[dict[str, str]] | None = None
) -> dict[str, Any]:
    """The RFC 9457 problem body for ``code``.

    Example:
        >>> problem_body("not_found", "Volume vol-00000 does not exist.")["title"]
        'Not Found'
    """
    entry = ERROR_CODES[code]
    body: dict[str, Any] = {
        "type": PROBLEM_BASE + code,
        "title": entry.title,
        "status": entry.status,
        "detail": detail,
        "code": code,
    }
    if errors:
        body["errors"] = errors
    return body


def problem_response(err: ApiError) -> Response:
    """``err`` as an ``application/problem+json`` response (an ASGI app), with its headers.

    Example:
        >>> response = problem_response(ApiError("payload_too_large", "The body is too big."))
        >>> response.status_code, response.headers["content-type"]
        (413, 'application/problem+json')
    """
    body = json.dumps(err.body(), indent=2) + "\n"
    return Response(body, err.status, headers=err.headers, media_type="application/problem+json")
