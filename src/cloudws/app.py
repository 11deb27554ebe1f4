"""The sandbox API as an ASGI app: HTTP in front of :class:`cloudws.store.Store`.

Order of checks on every ``/v1`` request: authentication (401), then the body's size (413,
for every request: see :mod:`cloudws.limits`), then the route (404, 405), then the
request's parts, in stages, each answering 400 with every problem it finds: the query's
parameter names (unknown or repeated), then the path ID (``invalid_id``, alone), the
query's values and the ``Idempotency-Key``, then the cursor, then the body (415 for its
``Content-Type``, ``invalid_json``, names given twice, then its fields); then the
operation: the removed ``GET .../delete`` answers 410, the others ask the store (404,
409). Every error is an RFC 9457 problem body. A HEAD is answered as the GET of the same
request would be, without its content.
"""

from __future__ import annotations

import functools
import json
from collections import Counter
from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, NamedTuple
from urllib.parse import unquote

from fastapi import APIRouter, Depends, FastAPI, Header, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from pydantic import BaseModel, BeforeValidator, ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Receive, Scope, Send

from .errors import ApiError, problem_response
from .idempotency import (
    HEADER,
    KEY_FORMAT,
    KEY_MAX_LENGTH,
    KEY_PATTERN,
    describe_ttl,
    parse_key,
)
from .limits import MAX_BODY_BYTES, MAX_LISTED_NAMES, BodyLimit
from .models import (
    CURSOR_PATTERN,
    DEFAULT_PAGE_SIZE,
    PAGE_SIZE,
    VOLUME_ID_PATTERN,
    VOLUME_ID_PREFIX,
    WORKSTATION_ID_PATTERN,
    WORKSTATION_ID_PREFIX,
    Volume,
    Workstation,
    WorkstationStatus,
    _plain_decimal,
    describe_id,
    read_only_fields,
)
from .openapi import build_openapi
from .operations import API_ROOT, CHALLENGE, OPERATIONS, in_api, operation_route
from .store import Store
from .tokens import TOKEN_PREFIX, token_problem

__all__ = ["MAX_BODY_BYTES", "TOKEN_PREFIX", "Exchange", "create_app"]

_ECHO_LIMIT = 64  # characters of a bad value quoted back in a detail

WorkstationId = Annotated[
    str, Path(pattern=WORKSTATION_ID_PATTERN, examples=["ws-12345"],
              description=f"The workstation's ID: {describe_id(WORKSTATION_ID_PREFIX)}."),
]
VolumeId = Annotated[
    str, Path(pattern=VOLUME_ID_PATTERN, examples=["vol-scratch01"],
              description=f"The volume's ID: {describe_id(VOLUME_ID_PREFIX)}."),
]
_KeyHeader = Annotated[str, Header(
    alias=HEADER, json_schema_extra={"format": KEY_FORMAT, "pattern": KEY_PATTERN},
    description=f"Makes a retry safe: a create sent again with the same key and body "
    f"answers the response of the one that succeeded with it and creates nothing (a "
    f"different body gets `422`). A quoted string (a Structured Field String) of 1 to {KEY_MAX_LENGTH} "
    f"printable ASCII characters, such as `\"8e03978e-40d5-43e8-bc93-6894a57f9324\"`; "
    f"kept for {describe_ttl()}.",
)]


def _idempotency_key(
    request: Request, value: _KeyHeader = None,  # type: ignore[assignment]
) -> str | None:
    """The create's Idempotency-Key (see :mod:`cloudws.idempotency`), or None."""
    if value is None:
        return None
    field = f"header.{HEADER}"
    if len(request.headers.getlist(HEADER)) > 1:
        raise ApiError("validation_error", f"The {HEADER} header is given more than once; "
                       "give it once.", [{"field": field, "message": "is given more than once"}])
    try:
        return parse_key(value)
    except ValueError as exc:
        raise ApiError("validation_error", f"The {HEADER} header {exc}.",
                       [{"field": field, "message": str(exc)}]) from None


IdempotencyKey = Annotated[str | None, Depends(_idempotency_key)]

Limit = Annotated[
    int,
    Query(ge=PAGE_SIZE[0], le=PAGE_SIZE[1], description="Items per page, in plain decimal "
          "digits."),
    BeforeValidator(_plain_decimal),
]
Cursor = Annotated[
    str,
    Query(pattern=CURSOR_PATTERN, description="The `next_cursor` of the previous page."),
]


def _json(data: BaseModel, status: int, headers: dict[str, str] | None = None) -> Response:
    body = json.dumps(data.model_dump(mode="json"), indent=2) + "\n"
    return Response(body, status, headers=headers, media_type="application/json")


def _created(operation_id: str, made: Workstation | Volume, get: str) -> Response:
    """A create's success: its declared status, with the path of ``get`` for what it made
    in ``Location``."""
    status = OPERATIONS[operation_id].status
    assert status is not None, f"{operation_id} declares no success"
    return _json(made, status, {"Location": OPERATIONS[get].path.replace("{id}", made.id)})


async def _send_problem(send: Send, err: ApiError) -> None:
    response = problem_response(err)
    await response({"type": "http"}, _no_receive, send)


async def _no_receive() -> dict[str, Any]:  # pragma: no cover - never awaited
    return {"type": "http.disconnect"}


class _AuthFirst:
    """Checks the bearer token of every request to the API (:func:`in_api`) before anything
    else looks at it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and in_api(scope["path"]):
            detail = token_problem([v for k, v in scope["headers"] if k == b"authorization"])
            if detail:
                await _send_problem(send, ApiError(
                    "unauthorized", detail, headers={"WWW-Authenticate": CHALLENGE}
                ))
                return
        await self.app(scope, receive, send)


async def _read_json(request: Request) -> Any:
    """The request body parsed into the model its operation declares (``Operation.body``),
    or the right problem.

    The body is already whole and within the limit: :class:`BodyLimit` read it first.
    """
    operation = OPERATIONS[request.scope["route"].operation_id]
    model, resource = operation.body, operation.response
    if model is None or resource is None:
        raise TypeError(f"{operation.id} declares no request body (body=) or no success "
                        "body (response=) in src/cloudws/operations.py: its handler cannot "
                        "read a body")
    raw = await request.body()
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if not raw and not media_type:
        raise ApiError("validation_error", "This operation needs a JSON object as its body.",
                       [{"field": "body", "message": "is required"}])
    if media_type != "application/json":
        shown = media_type or "none"
        raise ApiError("unsupported_media_type", f"The body's Content-Type is {shown}; send "
                       "it as application/json.")
    try:
        text = raw.decode("utf-8-sig")  # strict: JSON is UTF-8 (RFC 8259), a BOM is ignored
    except UnicodeDecodeError as exc:
        raise ApiError("invalid_json", f"The body is not UTF-8: byte {exc.start} is not "
                       "part of a UTF-8 character.") from None
    repeated: list[_Members] = []
    try:
        data = json.loads(text, parse_constant=_reject_constant, parse_float=_read_number,
                          parse_int=_read_int,
                          object_pairs_hook=functools.partial(_members, repeated))
    except (ValueError, RecursionError) as exc:
        reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        raise ApiError("invalid_json", f"The body is not valid JSON: {reason}.") from None
    if not isinstance(data, dict):
        raise ApiError("invalid_json", f"The body must be a JSON object, not {_json_kind(data)}.")
    if repeated:
        names = _repeated_names(data)
        raise ApiError(
            "validation_error",
            f"{names[0]} is given more than once; a JSON object must give each name once.",
            [{"field": name, "message": "is given more than once"}
             for name in names[:MAX_LISTED_NAMES]],
        )
    try:
        parsed = model.model_validate(data)
    except ValidationError as exc:
        raise _validation_problem(
            [{"loc": ("body", *e["loc"]), "msg": e["msg"], "type": e["type"],
              "input": e.get("input")} for e in exc.errors()],
            read_only_fields(model, resource),
            {name for name, field in model.model_fields.items() if not field.is_required()},
        ) from None
    return parsed


class _Members(dict[str, Any]):
    """A JSON object as parsed, with the names it gives more than once (RFC 8259 §4)."""

    repeated: tuple[str, ...] = ()


def _members(found: list[_Members], pairs: list[tuple[str, Any]]) -> _Members:
    obj = _Members(pairs)
    if len(obj) != len(pairs):
        counts = Counter(name for name, _ in pairs)
        obj.repeated = tuple(name for name in obj if counts[name] > 1)
        found.append(obj)
    return obj


def _repeated_names(data: Any) -> list[str]:
    """Where ``data`` gives a name more than once: ``body.name``, ``body.a.0.b``..."""
    names, stack = [], [("body", data)]
    while stack:  # depth-first, in document order, without recursion
        where, value = stack.pop()
        if isinstance(value, _Members):
            names += [f"{where}.{_echo(name)}" for name in value.repeated]
            stack += reversed([(f"{where}.{_echo(k)}", v) for k, v in value.items()])
        elif isinstance(value, list):
            stack += reversed([(f"{where}.{i}", v) for i, v in enumerate(value)])
    return names


def _read_int(digits: str) -> int | Decimal:
    """A body's integer: an int, or, past the digits Python reads as one (its
    ``int_max_str_digits``), a Decimal, which the models read as out of range."""
    try:
        return int(digits)
    except ValueError:
        return Decimal(digits)


def _read_number(written: str) -> Decimal:
    """A body's number with a fraction or an exponent, exactly (a Decimal). One whose
    exponent is beyond what a Decimal holds (``1e1000000000000000000``) stands as one of
    the same sign and kind that a Decimal holds: huge, or, with a negative exponent, a
    fraction (zero for a zero).

    Example:
        >>> [str(_read_number(n)) for n in ("2.5", "1e1000000000000000000",
        ...                                 "-1e1000000000000000000", "5e-9999999999999999999",
        ...                                 "0e-9999999999999999999")]
        ['2.5', '1E+999999999', '-1E+999999999', '1E-999999999', '0']
    """
    try:
        return Decimal(written)
    except InvalidOperation:
        mantissa, _, exponent = written.lower().partition("e")
        sign = "-" if mantissa.startswith("-") else ""
        if not Decimal(mantissa):
            return Decimal(0)
        return Decimal(f"{sign}1E{'-' if exponent.startswith('-') else '+'}999999999")


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _json_kind(value: Any) -> str:
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    return "a number"


def _validation_problem(errors: list[dict[str, Any]],
                        read_only: set[str] | frozenset[str] = frozenset(),
                        optional: set[str] | frozenset[str] = frozenset()) -> ApiError:
    """``validation_error`` naming each of ``errors``; a body field in ``read_only`` (the
    resource's fields the body cannot give) is named read-only, not unknown; one sent as
    ``null`` is told so, and, where it is in ``optional``, that it may be left out."""
    fields = []
    for err in errors:
        loc = [str(p) for p in err["loc"]]
        name = ".".join(loc)
        if err["type"] == "extra_forbidden":
            message = "is read-only" if loc[-1] in read_only and len(loc) == 2 else "is not a known field"
        elif err["type"] == "missing":
            message = "is required"
        elif "input" in err and err["input"] is None:  # a model dumped with its unset fields
            message = "is null, which is no value: give one" + (
                ", or leave the field out" if len(loc) == 2 and loc[-1] in optional else "")
        else:
            message = err["msg"][0].lower() + err["msg"][1:]
        fields.append({"field": name, "message": message})
    detail = "; ".join(f"{f['field']} {f['message']}" for f in fields)
    return ApiError("validation_error", f"The request is not valid: {detail}.", fields)


async def _reject_unknown_query(request: Request) -> None:
    """400 naming every query parameter the operation does not take, and every one given
    more than once, together: the first stage of a request's checks."""
    route = request.scope.get("route")
    known = {p.alias for p in route.dependant.query_params} if route is not None else set()
    names = [name for name, _ in request.query_params.multi_items()]
    unknown = sorted(set(names) - known)
    repeated = sorted(name for name, count in Counter(names).items()
                      if count > 1 and name in known)
    details, errors = [], []
    if unknown:
        details.append(f"Unknown query parameter {_echo(unknown[0])}; this operation takes "
                       f"{', '.join(sorted(known)) or 'none'}.")
        errors += [{"field": f"query.{_echo(name)}", "message": "is not a known parameter"}
                   for name in unknown[:MAX_LISTED_NAMES]]
    if repeated:
        details.append(f"The query parameter {repeated[0]} is given more than once; give it "
                       "once.")
        errors += [{"field": f"query.{name}", "message": "is given more than once"}
                   for name in repeated[:MAX_LISTED_NAMES]]
    if errors:
        raise ApiError("validation_error", " ".join(details), errors)


def _echo(value: str) -> str:
    """``value`` as quoted back in a detail: control characters escaped, long ones cut."""
    shown = value.encode("unicode_escape").decode("ascii")
    return shown if len(shown) <= _ECHO_LIMIT else shown[:_ECHO_LIMIT] + "..."


#: Set in the scope of a HEAD request that :class:`_HeadAsGet` passes on as a GET.
_HEAD = "cloudws.head"


class _EncodedSlashes:
    """Routes a path by its segments as sent: an encoded slash (``%2F``) stays inside its
    segment, so ``/v1/workstations/ws-67890%2Fstop`` is the workstation whose ID is
    ``ws-67890%2Fstop`` (400 ``invalid_id``), never the stop of ``ws-67890``. (The server
    decodes the whole path before routing, ``%2F`` included.)"""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        raw = scope.get("raw_path") if scope["type"] == "http" else None
        if raw and b"%2f" in raw.lower():
            segments = raw.decode("latin-1").split("/")
            path = "/".join(unquote(s).replace("/", "%2F") for s in segments)
            scope = {**scope, "path": path}
        await self.app(scope, receive, send)


class _HeadAsGet:
    """Answers HEAD as the app answers GET, without the content (RFC 9110 §9.3.2).

    The app sees a GET, so a HEAD gets the status and headers (``Content-Length``
    included) that GET would, and the OpenAPI document lists each operation once.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET", _HEAD: True}, receive, headers_only)


class Exchange(NamedTuple):
    """One request the app answered, as seen by an observer."""

    method: str
    """The request's method, such as ``"DELETE"``."""
    path: str
    """The request's path, such as ``"/v1/workstations/ws-12345"``."""
    operation_id: str | None
    """The operation that answered it (or would have, for a request refused before
    routing); None when none did: no operation's path matches, or the path's operations
    do not take the method (a 405)."""
    status: int
    """The status of the answer."""
    code: str | None = None
    """For an error, its problem's ``code``, such as ``"invalid_json"``."""
    detail: str | None = None
    """For an error, its problem's ``detail``: what was wrong with this request."""
    fields: tuple[str, ...] = ()
    """For an error, the fields its problem's ``errors`` name, such as
    ``("body.disk_size_gb",)``: where in the request each mistake is."""


def _operation_of(scope: Scope, routes: list[BaseRoute]) -> str | None:
    """The operationId of the route that answered, or would have answered, ``scope``.

    The router puts the route it matched in ``scope["route"]`` (for a 405, a route of the
    path that does not take the method); a request answered before routing (a 401, a
    413) asks the same routes which one it was for.
    """
    route = scope.get("route")
    if route is None or scope["method"] not in getattr(route, "methods", ()):
        # Not routed (401, 413), or routed only to say 405: no operation answered.
        route = next((r for r in routes if r.matches(scope)[0] is Match.FULL), None)
    return getattr(route, "operation_id", None)


class _Observe:
    """Tells each observer of ``app.state.observers`` about every request the app answers,
    the ``500`` of an unexpected failure included (not a failure once the answer has
    begun, which cuts it), before the client has the whole answer: a test that reads what
    its observer saw once its request is answered, over HTTP too, finds it there. An
    observer runs on the app's event loop, so one that waits holds the answer (and a
    request to the same app from one never ends). An exception an observer raises is
    raised once the app is done with the request (its background tasks run), and the
    observers after it are still told."""

    def __init__(self, app: ASGIApp, observers: list[Callable[[Exchange], None]],
                 routes: list[BaseRoute]) -> None:
        self.app, self.observers, self.routes = app, observers, routes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self.observers:
            await self.app(scope, receive, send)
            return
        status, told = 0, False
        problem: list[bytes] = []  # an error's body, a problem (small)
        raised: list[Exception] = []  # by observers

        def tell(body: bytes) -> None:
            nonlocal told
            told = True
            method = "HEAD" if scope.get(_HEAD) else scope["method"]
            exchange = Exchange(method, scope["path"], _operation_of(scope, self.routes),
                                status, *_read_problem(body))
            for observer in list(self.observers):
                try:
                    observer(exchange)
                except Exception as exc:  # noqa: BLE001 - raised once the app is done
                    raised.append(exc)

        async def watch(message: dict[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body":
                if status >= 400:
                    problem.append(message.get("body", b""))
                if not message.get("more_body", False) and not told:
                    tell(b"".join(problem))
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except Exception:
            if status == 0:  # nothing sent: the crash's 500, which the app answers next
                status = 500
                tell(bytes(_crash_answer().body))
            raise
        if raised:
            raise raised[0]


def _read_problem(body: bytes) -> tuple[str | None, str | None, tuple[str, ...]]:
    """The ``code``, ``detail`` and the ``errors``' fields of a problem's ``body`` (None,
    None and none for a body that is not one)."""
    try:
        problem = json.loads(body)
    except ValueError:
        return None, None, ()
    if not isinstance(problem, dict):
        return None, None, ()
    errors = problem.get("errors")
    fields = tuple(error["field"] for error in errors if isinstance(error, dict)
                   and isinstance(error.get("field"), str)) if isinstance(errors, list) else ()
    return problem.get("code"), problem.get("detail"), fields


def _store(request: Request) -> Store:
    return request.app.state.store


#: The routes, made once per process and shared by every app: analysing them is most of
#: what building an app costs, and each app reaches its own store through ``request.app``.
_routes = APIRouter()


def _route(operation_id: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorator: the handler of ``operation_id``. What it returns (the store's model) is
    answered with the operation's declared success status, as JSON; a ``Response`` it makes
    itself (:func:`_created`'s) goes as it is."""
    operation = OPERATIONS[operation_id]

    def add(handler: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(handler)  # FastAPI reads the handler's parameters through it
        async def answer(*args: Any, **kwargs: Any) -> Response:
            made = await handler(*args, **kwargs)
            if isinstance(made, Response):
                return made
            assert operation.status is not None, f"{operation_id} declares no success"
            return _json(made, operation.status)

        return operation_route(_routes, operation,
                               dependencies=[Depends(_reject_unknown_query)])(answer)

    return add


@_route("createWorkstation")
async def _create_workstation(request: Request, key: IdempotencyKey) -> Response:
    body = await _read_json(request)
    ws = _store(request).create_workstation(body, idempotency_key=key)
    return _created("createWorkstation", ws, "getWorkstation")


@_route("listWorkstations")
async def _list_workstations(
    request: Request,
    limit: Limit = DEFAULT_PAGE_SIZE, cursor: Cursor = None,  # type: ignore[assignment]
    status: Annotated[WorkstationStatus,
                      Query(description="Only workstations in this state.")] = None,  # type: ignore[assignment]
) -> BaseModel:
    return _store(request).list_workstations(limit=limit, cursor=cursor, status=status)


@_route("getWorkstation")
async def _get_workstation(request: Request, id: WorkstationId) -> BaseModel:
    return _store(request).get_workstation(id)


@_route("startWorkstation")
async def _start_workstation(request: Request, id: WorkstationId) -> BaseModel:
    return _store(request).start_workstation(id)


@_route("stopWorkstation")
async def _stop_workstation(request: Request, id: WorkstationId) -> BaseModel:
    return _store(request).stop_workstation(id)


@_route("updateWorkstation")
async def _update_workstation(request: Request, id: WorkstationId) -> BaseModel:
    body = await _read_json(request)
    return _store(request).update_workstation(id, body)


@_route("deleteWorkstation")
async def _delete_workstation(request: Request, id: WorkstationId) -> BaseModel:
    return _store(request).delete_workstation(id)


@_route("removedDeleteWorkstation")
async def _removed_delete(id: WorkstationId) -> Response:
    # Only a well-formed ID gets here (a malformed one is 400 invalid_id first), so the
    # detail names a path the reader can use as it is.
    removed = OPERATIONS["removedDeleteWorkstation"]
    use = OPERATIONS[removed.replaced_by or ""]
    raise ApiError(
        "endpoint_removed",
        f"{removed.method} {removed.path} was removed: a GET must not delete anything. "
        f"Use {use.method} {use.path.replace('{id}', id)} (the workstation must be stopped).",
    )


@_route("createVolume")
async def _create_volume(request: Request, key: IdempotencyKey) -> Response:
    body = await _read_json(request)
    vol = _store(request).create_volume(body, idempotency_key=key)
    return _created("createVolume", vol, "getVolume")


@_route("listVolumes")
async def _list_volumes(
    request: Request,
    limit: Limit = DEFAULT_PAGE_SIZE, cursor: Cursor = None,  # type: ignore[assignment]
) -> BaseModel:
    return _store(request).list_volumes(limit=limit, cursor=cursor)


@_route("getVolume")
async def _get_volume(request: Request, id: VolumeId) -> BaseModel:
    return _store(request).get_volume(id)


@_route("deleteVolume")
async def _delete_volume(request: Request, id: VolumeId) -> BaseModel:
    return _store(request).delete_volume(id)


def _handler_problems(routes: Sequence[BaseRoute]) -> list[str]:
    """What a declared operation lacks among ``routes``: a handler, or the query check that
    :func:`_route` gives every handler."""
    routed = {getattr(route, "operation_id", None): route for route in routes}
    problems = []
    for operation_id in OPERATIONS:
        route = routed.get(operation_id)
        if route is None:
            problems.append(f"{operation_id} is declared in src/cloudws/operations.py but has "
                            f"no handler: add one here decorated with @_route({operation_id!r})")
        elif not any(d.dependency is _reject_unknown_query for d in route.dependencies):
            problems.append(f"{operation_id}'s handler is not made with @_route({operation_id!r}), "
                            "so it does not refuse an unknown query parameter as every "
                            "operation does: decorate it with @_route")
    return problems


_problems = _handler_problems(_routes.routes)
if _problems:
    raise RuntimeError("src/cloudws/app.py: " + "; ".join(_problems))


@_routes.get("/openapi.json", include_in_schema=False)
async def _openapi_json(request: Request) -> Response:
    return Response(json.dumps(request.app.openapi(), indent=2) + "\n",
                    media_type="application/json")


async def _on_api_error(request: Request, exc: ApiError) -> Response:
    return problem_response(exc)


async def _on_validation_error(request: Request, exc: RequestValidationError) -> Response:
    errors = list(exc.errors())
    path_errors = [e for e in errors if e["loc"][0] == "path"]
    if path_errors:
        value = request.path_params.get(str(path_errors[0]["loc"][1]), "")
        kind = "volume" if request.url.path.startswith(f"{API_ROOT}/volumes") else "workstation"
        prefix, pattern = ((VOLUME_ID_PREFIX, VOLUME_ID_PATTERN) if kind == "volume"
                           else (WORKSTATION_ID_PREFIX, WORKSTATION_ID_PATTERN))
        return problem_response(ApiError(
            "invalid_id",
            f"'{_echo(value)}' is not a {kind} ID: expected "
            f"{describe_id(prefix, markdown=False)}.",
            [{"field": "path.id", "message": f"must match {pattern.strip('^$')}"}],
        ))
    return problem_response(_validation_problem(errors))


async def _on_http_error(request: Request, exc: StarletteHTTPException) -> Response:
    if exc.status_code == 405:
        allowed = _allowed_methods(request.app, request.scope)
        return problem_response(ApiError(
            "method_not_allowed",
            f"{_echo(request.method)} is not allowed on {_echo(request.url.path)}; use "
            f"{', '.join(allowed)}.",
            headers={"Allow": ", ".join(allowed)},
        ))
    return problem_response(ApiError(
        "not_found", f"There is no {_echo(request.url.path)} in the API. See the API reference."
    ))


def _crash_answer() -> Response:
    """What the app answers when it fails unexpectedly: a ``500`` ``internal_error``."""
    return problem_response(ApiError("internal_error", "The sandbox failed unexpectedly."))


async def _on_crash(request: Request, exc: Exception) -> Response:
    return _crash_answer()


def create_app(store: Store | None = None) -> FastAPI:
    """The sandbox API over ``store`` (a new fixture-state :class:`Store` by default).

    The store is reachable as ``app.state.store``. Append a callable to
    ``app.state.observers`` to be told of every request it answers (an
    :class:`Exchange`), a ``500`` of an unexpected failure too, before the client has the
    whole answer: the docs tests use it to prove each documented status is produced by
    some scenario. An observer runs on the app's event loop: keep it quick, and send no
    request to the same app from it (the answer it holds would never come). What it
    raises is raised once the app is done with the request, and logged as the app's.

    Example:
        >>> from cloudws.app import create_app
        >>> app = create_app()
        >>> app.state.store.get_workstation("ws-67890").status
        'running'
    """
    observers: list[Callable[[Exchange], None]] = []
    app = FastAPI(
        title="Cloud Workstation API",
        version="1.0.0",
        docs_url=None, redoc_url=None, openapi_url=None,
        redirect_slashes=False,  # paths are exact: /v1/workstations/ is not the list
        exception_handlers={
            ApiError: _on_api_error,
            RequestValidationError: _on_validation_error,
            StarletteHTTPException: _on_http_error,
            Exception: _on_crash,
        },
    )
    app.state.store = store or Store()
    app.state.observers = observers
    app.router.routes.extend(_routes.routes)
    app.add_middleware(BodyLimit)
    app.add_middleware(_AuthFirst)
    app.add_middleware(_Observe, observers=observers, routes=app.router.routes)
    app.add_middleware(_HeadAsGet)
    app.add_middleware(_EncodedSlashes)
    # Built on first use: most in-process sandboxes (one per test) never serve it.
    app.openapi = functools.cache(lambda: build_openapi(app))  # type: ignore[method-assign]
    return app


def _allowed_methods(app: FastAPI, scope: Scope) -> list[str]:
    methods: set[str] = set()
    for route in app.router.routes:
        match, _ = route.matches({**scope, "method": "__none__"})
        if match is not Match.NONE and getattr(route, "methods", None):
            methods |= set(route.methods)
    if "GET" in methods:
        methods.add("HEAD")  # answered by _HeadAsGet
    return sorted(methods)

