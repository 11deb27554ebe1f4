"""Every operation of the API, each declared once.

An :class:`Operation` says everything about one operation: its method and path, summary
and description, request body, success status and body, each error status with the
codes behind it and what it means *for this operation*, the steps at which the sandbox
can be told to fail it, and an example request that succeeds from the fixture state (the
OpenAPI links from a create's answer are derived from the paths: :attr:`Operation.links`).
The routes of :mod:`cloudws.app` are made from these declarations through FastAPI's own
route parameters (:meth:`Operation.route_options`),
so the OpenAPI document is a product of the routes; the store's fault steps, the docs'
tables and the test suites are derived from the same declarations.

To add an operation: declare it here, give the store a method that runs its steps, and
give :mod:`cloudws.app` a handler decorated with ``@_route("yourOperationId")``, which
makes its route with :func:`operation_route` and the query check every operation shares
(``docs/contributing.md``, "Add an operation", lists the rest).

Example:
    >>> from cloudws.operations import OPERATIONS
    >>> op = OPERATIONS["deleteWorkstation"]
    >>> op.method, op.path, op.status
    ('DELETE', '/v1/workstations/{id}', 200)
    >>> sorted(op.errors)
    [400, 401, 404, 409, 413, 500]
    >>> op.errors[409].codes
    ('workstation_not_stopped',)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any, TypeVar

from pydantic import BaseModel

from .errors import ERROR_CODES, problem_body
from .limits import MAX_BODY_BYTES, describe_size
from .models import (
    DeleteVolumeResult,
    DeleteWorkstationResult,
    Volume,
    VolumeCreate,
    VolumeList,
    Workstation,
    WorkstationCreate,
    WorkstationList,
    WorkstationUpdate,
)

__all__ = [
    "API_ROOT", "CHALLENGE", "OPERATIONS", "Example", "Failure", "Operation", "describe_size",
    "in_api", "operation_route", "steps_of",
]

API_ROOT = "/v1"
"""The API's root: every operation's path is under it, and nothing else is the API's."""

CHALLENGE = 'Bearer realm="cloudws"'
"""What a ``401`` answers in its ``WWW-Authenticate`` header: the scheme the API expects,
``Bearer``, and its realm."""


def in_api(path: str) -> bool:
    """Whether ``path`` is the API's (:data:`API_ROOT` or under it), not the site's.

    Example:
        >>> from cloudws.operations import in_api
        >>> [in_api(p) for p in ("/v1", "/v1/volumes", "/v1x", "/openapi.json")]
        [True, True, False, False]
    """
    return path == API_ROOT or path.startswith(API_ROOT + "/")

_F = TypeVar("_F", bound=Callable[..., Any])


@dataclass(frozen=True)
class Failure:
    """An error status of one operation: the codes it answers with, and when."""

    codes: tuple[str, ...]
    """The error codes it answers with (of :data:`cloudws.errors.ERROR_CODES`), all of one
    status."""
    when: str
    """When the operation answers it, as its endpoint page says."""

    def __post_init__(self) -> None:
        unknown = [code for code in self.codes if code not in ERROR_CODES]
        if unknown:
            raise ValueError(f"error code {unknown[0]!r} is not declared: add it to ERROR_CODES "
                             "in src/cloudws/errors.py, with its status and what it means")
        statuses = {ERROR_CODES[code].status for code in self.codes}
        if len(statuses) != 1:
            raise ValueError(f"codes {self.codes} do not share one status: {statuses}")

    @property
    def status(self) -> int:
        """The HTTP status of every code of this failure."""
        return ERROR_CODES[self.codes[0]].status


@dataclass(frozen=True)
class Example:
    """A request of an operation that succeeds from the fixture state.

    It also passes every fault step of the operation, so the fault suite can fail it at
    each; the docs' Try it console prefills it. A removed operation's example is a
    well-formed request, which it answers with its 410. Make one of your own to send
    another request of an operation, with :meth:`Operation.url`.

    Example:
        >>> from cloudws.operations import OPERATIONS, Example
        >>> OPERATIONS["getWorkstation"].url(Example(path={"id": "ws-67890"}))
        '/v1/workstations/ws-67890'
        >>> OPERATIONS["listVolumes"].url(Example(query={"limit": 5}))
        '/v1/volumes?limit=5'
    """

    path: Mapping[str, str] = field(default_factory=dict)
    """The value of each path parameter, by name (``{"id": "ws-12345"}``)."""
    query: Mapping[str, str | int] = field(default_factory=dict)
    """The query parameters, by name, in the order they are sent."""
    body: Mapping[str, Any] | None = None
    """The JSON body, for an operation that takes one; None for one that does not."""


@dataclass(frozen=True)
class Operation:
    """One operation of the API, declared once.

    ``steps`` are where the sandbox can be told to fail it (a 500): an operation that
    reaches the store declares them and documents its 500; one that never does (a removed
    operation) declares neither. A removed operation names the operation that replaced it
    in ``replaced_by``: it is ``deprecated`` in the OpenAPI document, has no success
    (``response`` and ``status`` are None) and answers 410 ``endpoint_removed``, and it is
    documented on its replacement's page.
    """

    id: str
    """Its ``operationId``, such as ``"deleteWorkstation"``."""
    method: str
    """Its HTTP method."""
    path: str
    """Its path, with ``{name}`` for each path parameter."""
    tag: str
    """The OpenAPI tag it is listed under (the resource it acts on)."""
    summary: str
    """Its short name, the title of its page."""
    description: str
    """What it does, in a sentence or two."""
    response: type[BaseModel] | None
    """The model of its success body; None for a removed operation."""
    errors: Mapping[int, Failure]
    """Every error status it documents, each with the codes it can answer."""
    steps: tuple[str, ...]
    """The steps at which the sandbox can be told to fail it."""
    example: Example
    """The request its page and the OpenAPI document show."""
    status: int | None = 200
    """Its success status; None for a removed operation."""
    body: type[BaseModel] | None = None
    """The model of its request body, if it takes one."""
    replaced_by: str | None = None
    """For a removed operation, the operation that replaced it."""

    def __post_init__(self) -> None:
        where = f"{self.id} (src/cloudws/operations.py)"
        for status, failure in self.errors.items():
            if failure.status != status:
                raise ValueError(f"{where}: {status} lists codes of status {failure.status}")
        names = {part[1:-1] for part in self.path.split("/") if part.startswith("{")}
        if set(self.example.path) != names:
            raise ValueError(f"{where}: its example must give the path parameters {names}")
        if (self.body is None) != (self.example.body is None):
            raise ValueError(f"{where}: its example must have a body exactly when it takes one")
        if bool(self.steps) != (500 in self.errors):
            raise ValueError(f"{where}: declare fault steps exactly when it documents a 500 "
                             "(an operation that reaches the store has both)")
        removed = self.replaced_by is not None
        if removed != (self.status is None) or (self.status is None) != (self.response is None):
            raise ValueError(f"{where}: an operation has a success status and response "
                             "exactly when it is not removed (replaced_by)")
        if removed and (410 not in self.errors
                        or self.errors[410].codes != ("endpoint_removed",)):
            raise ValueError(f"{where}: a removed operation answers 410 endpoint_removed")
        if self.declares("idempotency_key_in_flight") != self.takes_idempotency_key:
            raise ValueError(f"{where}: an operation that takes an Idempotency-Key documents "
                             "both 409 idempotency_key_in_flight and 422 "
                             "idempotency_key_reused; one that does not, neither")

    @property
    def takes_idempotency_key(self) -> bool:
        """Whether it takes an ``Idempotency-Key`` header (:mod:`cloudws.idempotency`):
        it declares the 422 ``idempotency_key_reused``."""
        return self.declares("idempotency_key_reused")

    def declares(self, code: str) -> bool:
        """Whether one of its error statuses answers ``code``.

        Example:
            >>> from cloudws.operations import OPERATIONS
            >>> OPERATIONS["deleteVolume"].declares("volume_attached")
            True
        """
        return any(code in failure.codes for failure in self.errors.values())

    @property
    def statuses(self) -> tuple[int, ...]:
        """Every status it answers: its success (if any), then its errors, in order.

        Example:
            >>> from cloudws.operations import OPERATIONS
            >>> OPERATIONS["removedDeleteWorkstation"].statuses
            (400, 401, 410, 413)
        """
        success = () if self.status is None else (self.status,)
        return (*success, *sorted(self.errors))

    def url(self, example: Example | None = None) -> str:
        """The path of ``example`` (default: the operation's own), query included.

        Example:
            >>> from cloudws.operations import OPERATIONS
            >>> OPERATIONS["stopWorkstation"].url()
            '/v1/workstations/ws-67890/stop'
        """
        example = example or self.example
        path = self.path
        for name, value in example.path.items():
            path = path.replace("{" + name + "}", value)
        query = "&".join(f"{k}={v}" for k, v in example.query.items())
        return f"{path}?{query}" if query else path

    def route_options(self) -> dict[str, Any]:
        """What FastAPI's route decorator takes to make this operation's route."""
        responses: dict[int | str, dict[str, Any]] = {}
        if self.status is not None:
            responses[self.status] = self._success()
        for status, failure in sorted(self.errors.items()):
            responses[status] = _problem_response(failure)
        extra: dict[str, Any] = {}
        if self.replaced_by is not None:  # so that a reader of the document knows it too
            extra["x-replaced-by"] = self.replaced_by
        if self.body is not None:
            extra["requestBody"] = {
                "required": True,
                "content": {"application/json": {
                    "schema": {"$ref": f"#/components/schemas/{self.body.__name__}"},
                    "example": dict(self.example.body or {}),
                }},
            }
        return {
            "operation_id": self.id,
            "methods": [self.method],
            "summary": self.summary,
            "description": self.description,
            "tags": [self.tag],
            "status_code": self.status,
            "response_model": self.response,
            "responses": responses,
            "deprecated": True if self.replaced_by is not None else None,
            "openapi_extra": extra or None,
        }

    def _success(self) -> dict[str, Any]:
        """The success answer of the OpenAPI document, described by its status's name.

        Example:
            >>> from dataclasses import replace
            >>> from cloudws.operations import OPERATIONS
            >>> replace(OPERATIONS["stopWorkstation"], status=202)._success()["description"]
            'Accepted'
        """
        assert self.status is not None
        success: dict[str, Any] = {"description": HTTPStatus(self.status).phrase}
        if self.status == 201:
            success["description"] = "Created. `Location` is the new resource's path."
            success["headers"] = {"Location": {
                "description": "The path of the new resource.",
                "schema": {"type": "string"},
                "required": True,
            }}
        if self.links:
            success["links"] = {
                target: {"operationId": target, "parameters": {"id": "$response.body#/id"}}
                for target in self.links
            }
        return success

    @property
    def links(self) -> tuple[str, ...]:
        """The operations that take the ``id`` of the resource a create makes (the OpenAPI
        document's links from its answer): each operation not removed whose path is the
        create's, then ``/{id}``, in the order they are declared. Derived, so a new
        operation on a resource is linked from its create with nothing to add here.

        Example:
            >>> from cloudws.operations import OPERATIONS
            >>> OPERATIONS["createVolume"].links, OPERATIONS["getVolume"].links
            (('getVolume', 'deleteVolume'), ())
        """
        if self.status != 201:
            return ()
        below = f"{self.path}/{{id}}"
        return tuple(op.id for op in OPERATIONS.values() if op.status is not None and (
            op.path == below or op.path.startswith(below + "/")))


def _problem_response(failure: Failure) -> dict[str, Any]:
    response: dict[str, Any] = {
        "description": failure.when,
        "content": {"application/problem+json": {
            "schema": {"$ref": "#/components/schemas/Problem"},
            "examples": {code: _problem_example(code) for code in failure.codes},
        }},
    }
    if failure.status == 401:
        response["headers"] = {"WWW-Authenticate": {
            "description": "The scheme the API expects, `Bearer`, and its realm.",
            "schema": {"type": "string", "enum": [CHALLENGE]},
            "required": True,
        }}
    return response


def _problem_example(code: str) -> dict[str, Any]:
    first_sentence = ERROR_CODES[code].meaning.split(". ")[0].rstrip(".") + "."
    return {"summary": code, "value": problem_body(code, first_sentence)}


def operation_route(router: Any, operation: Operation, **options: Any) -> Callable[[_F], _F]:
    """Decorator: add the handler as ``operation``'s route of ``router`` (an APIRouter).

    ``options`` are more of FastAPI's route parameters (``dependencies``).
    """

    def add(handler: _F) -> _F:
        router.add_api_route(operation.path, handler, **operation.route_options(), **options)
        return handler

    return add


def steps_of(operation_id: str) -> tuple[str, ...]:
    """The fault steps of ``operation_id``; a clear error for an unknown one.

    Example:
        >>> from cloudws.operations import steps_of
        >>> steps_of("deleteWorkstation")
        ('delete_volumes', 'detach_volumes', 'delete_workstation')
    """
    try:
        steps = OPERATIONS[operation_id].steps
    except KeyError:
        failing = sorted(name for name, operation in OPERATIONS.items() if operation.steps)
        raise ValueError(f"unknown operation {operation_id!r}; one of {failing}") from None
    if not steps:
        raise ValueError(f"{operation_id} never reaches the store: it has no fault step")
    return steps


# -- the failures most operations share ----------------------------------------------------

_LIMIT = describe_size(MAX_BODY_BYTES)
_AUTH = Failure(("unauthorized",), "The token is missing or not valid.")


def _failed(what: str) -> Failure:
    return Failure(("internal_error",), what)


def _too_large(takes_body: bool) -> Failure:
    if takes_body:
        return Failure(("payload_too_large",), f"The body is over {_LIMIT}.")
    return Failure(("payload_too_large",), f"The request has a body over {_LIMIT} (this "
                   "operation takes no body; a smaller one is ignored).")


_NOT_JSON = Failure(("unsupported_media_type",), "The body is not sent as `application/json`.")
_LIST_QUERY = Failure(("validation_error",), "A query parameter is unknown, repeated or out "
                      "of range, or the cursor is not one this list issued for these filters.")


def _bad_id(kind: str) -> Failure:
    return Failure(("invalid_id", "validation_error"), f"The ID is not a well-formed {kind} "
                   "ID, or a query parameter was sent (this operation takes none).")


def _reused(kind: str) -> Failure:
    return Failure(("idempotency_key_reused",), "The `Idempotency-Key` was used before with "
                   f"a different body; no {kind} was made.")


_WS, _VOL = "workstation", "volume"


def _missing(kind: str) -> Failure:
    return Failure(("not_found",), f"No {kind} has this ID.")


def _declare(*operations: Operation) -> dict[str, Operation]:
    declared = {op.id: op for op in operations}
    for op in operations:
        if not op.path.startswith(API_ROOT + "/"):
            raise ValueError(f"{op.id}: its path {op.path} is not under the API's root, "
                             f"{API_ROOT} (cloudws.operations.API_ROOT)")
        if op.replaced_by is not None and declared.get(op.replaced_by, op).replaced_by is not None:
            raise ValueError(f"{op.id}: replaced_by must name an operation that is not removed")
    return declared


OPERATIONS: dict[str, Operation] = _declare(
    Operation(
        id="createWorkstation", method="POST", path="/v1/workstations", tag="Workstations",
        summary="Create workstation", status=201, body=WorkstationCreate, response=Workstation,
        description="Creates a workstation and the volume it owns, attaches the standalone "
        "volumes named in `volume_ids`, and starts it: it is `running` when the call returns. "
        "With an `Idempotency-Key`, a retry answers the first workstation again instead of "
        "making another.",
        errors={
            400: Failure(("validation_error", "invalid_json"), "The body is not JSON, or a "
                         "field is missing, unknown, read-only or invalid, or the "
                         "`Idempotency-Key` is malformed, or a query parameter was sent "
                         "(this operation takes none)."),
            401: _AUTH,
            409: Failure(("volume_not_found", "volume_attached", "volume_owned",
                          "idempotency_key_in_flight"),
                         "A volume in `volume_ids` does not exist, is attached elsewhere or "
                         "belongs to a workstation; or a create with the same "
                         "`Idempotency-Key` is still being processed."),
            413: _too_large(True),
            415: _NOT_JSON,
            422: _reused("workstation"),
            500: _failed("The create failed: no workstation or volume was made and no "
                         "volume was attached. An `Idempotency-Key` it carried is not used up."),
        },
        steps=("check_volumes", "create_volume", "attach_volumes", "create_workstation"),
        example=Example(body={"name": "dev-box-2", "machine_type": "standard-4",
                              "volume_ids": ["vol-scratch01"]}),
    ),
    Operation(
        id="listWorkstations", method="GET", path="/v1/workstations", tag="Workstations",
        summary="List workstations", response=WorkstationList,
        description="Lists workstations, oldest first, a page at a time.",
        errors={
            400: _LIST_QUERY,
            401: _AUTH,
            413: _too_large(False),
            500: _failed("The workstations could not be listed."),
        },
        steps=("read",),
        example=Example(query={"status": "running"}),
    ),
    Operation(
        id="getWorkstation", method="GET", path="/v1/workstations/{id}", tag="Workstations",
        summary="Get workstation", response=Workstation,
        description="Returns one workstation.",
        errors={
            400: _bad_id(_WS), 401: _AUTH,
            404: _missing(_WS),
            413: _too_large(False),
            500: _failed("The workstation could not be read."),
        },
        steps=("read",),
        example=Example(path={"id": "ws-12345"}),
    ),
    Operation(
        id="startWorkstation", method="POST", path="/v1/workstations/{id}/start",
        tag="Workstations", summary="Start workstation", response=Workstation,
        description="Starts a stopped workstation. Starting a running one changes nothing "
        "and returns `200`.",
        errors={
            400: _bad_id(_WS), 401: _AUTH,
            404: _missing(_WS),
            413: _too_large(False),
            500: _failed("The start failed; the workstation is as it was."),
        },
        steps=("update_workstation",),
        example=Example(path={"id": "ws-12345"}),
    ),
    Operation(
        id="stopWorkstation", method="POST", path="/v1/workstations/{id}/stop",
        tag="Workstations", summary="Stop workstation", response=Workstation,
        description="Stops a running workstation. Stopping a stopped one changes nothing "
        "and returns `200`.",
        errors={
            400: _bad_id(_WS), 401: _AUTH,
            404: _missing(_WS),
            413: _too_large(False),
            500: _failed("The stop failed; the workstation is as it was."),
        },
        steps=("update_workstation",),
        example=Example(path={"id": "ws-67890"}),
    ),
    Operation(
        id="updateWorkstation", method="PATCH", path="/v1/workstations/{id}",
        tag="Workstations", summary="Update workstation", body=WorkstationUpdate,
        response=Workstation,
        description="Changes the name, machine type or attached standalone volumes of a "
        "stopped workstation.",
        errors={
            400: Failure(("invalid_id", "validation_error", "invalid_json"), "The ID is "
                         "malformed, the body is not JSON or has an invalid field, or a query "
                         "parameter was sent (this operation takes none)."),
            401: _AUTH,
            404: _missing(_WS),
            409: Failure(("workstation_not_stopped", "volume_not_found", "volume_attached",
                          "volume_owned"),
                         "The workstation is not stopped, or a volume in `volume_ids` does "
                         "not exist, is attached elsewhere or belongs to another workstation."),
            413: _too_large(True),
            415: _NOT_JSON,
            500: _failed("The update failed: no field changed and no volume was attached or "
                         "detached."),
        },
        steps=("check_volumes", "detach_volumes", "attach_volumes", "update_workstation"),
        example=Example(path={"id": "ws-12345"},
                        body={"name": "dev-box-renamed",
                              "volume_ids": ["vol-data12345", "vol-scratch01"]}),
    ),
    Operation(
        id="deleteWorkstation", method="DELETE", path="/v1/workstations/{id}",
        tag="Workstations", summary="Delete workstation", response=DeleteWorkstationResult,
        description="Deletes a stopped workstation and the volume it owns; detaches and "
        "keeps its standalone volumes.",
        errors={
            400: _bad_id(_WS), 401: _AUTH,
            404: _missing(_WS),
            409: Failure(("workstation_not_stopped",), "The workstation is not stopped."),
            413: _too_large(False),
            500: _failed("The delete failed: the workstation and its volumes are still there, "
                         "none deleted or detached."),
        },
        steps=("delete_volumes", "detach_volumes", "delete_workstation"),
        example=Example(path={"id": "ws-12345"}),
    ),
    Operation(
        id="removedDeleteWorkstation", method="GET", path="/v1/workstations/{id}/delete",
        tag="Workstations", summary="Delete workstation (removed)", response=None, status=None,
        replaced_by="deleteWorkstation",
        description="Removed: a GET must not delete anything. It deletes nothing and "
        "answers `410 Gone`, naming `DELETE /v1/workstations/{id}`, the call to use instead.",
        errors={
            400: _bad_id(_WS), 401: _AUTH,
            410: Failure(("endpoint_removed",), "Always, for a well-formed ID: the endpoint "
                         "was removed; nothing was deleted. Use `DELETE /v1/workstations/{id}`."),
            413: _too_large(False),
        },
        steps=(),
        example=Example(path={"id": "ws-12345"}),
    ),
    Operation(
        id="createVolume", method="POST", path="/v1/volumes", tag="Volumes",
        summary="Create volume", status=201, body=VolumeCreate, response=Volume,
        description="Creates a standalone volume, detached. With an `Idempotency-Key`, a "
        "retry answers the first volume again instead of making another.",
        errors={
            400: Failure(("validation_error", "invalid_json"), "The body is not JSON, or a "
                         "field is missing, unknown, read-only or invalid, or the "
                         "`Idempotency-Key` is malformed, or a query parameter was sent "
                         "(this operation takes none)."),
            401: _AUTH,
            409: Failure(("idempotency_key_in_flight",), "A create with the same "
                         "`Idempotency-Key` is still being processed."),
            413: _too_large(True),
            415: _NOT_JSON,
            422: _reused("volume"),
            500: _failed("The create failed: no volume was made. An `Idempotency-Key` it "
                         "carried is not used up."),
        },
        steps=("create_volume",),
        example=Example(body={"size_gb": 100}),
    ),
    Operation(
        id="listVolumes", method="GET", path="/v1/volumes", tag="Volumes",
        summary="List volumes", response=VolumeList,
        description="Lists volumes, oldest first, a page at a time.",
        errors={
            400: _LIST_QUERY,
            401: _AUTH,
            413: _too_large(False),
            500: _failed("The volumes could not be listed."),
        },
        steps=("read",),
        example=Example(query={"limit": 2}),
    ),
    Operation(
        id="getVolume", method="GET", path="/v1/volumes/{id}", tag="Volumes",
        summary="Get volume", response=Volume,
        description="Returns one volume.",
        errors={
            400: _bad_id(_VOL), 401: _AUTH,
            404: _missing(_VOL),
            413: _too_large(False),
            500: _failed("The volume could not be read."),
        },
        steps=("read",),
        example=Example(path={"id": "vol-data12345"}),
    ),
    Operation(
        id="deleteVolume", method="DELETE", path="/v1/volumes/{id}", tag="Volumes",
        summary="Delete volume", response=DeleteVolumeResult,
        description="Deletes a standalone volume that is not attached.",
        errors={
            400: _bad_id(_VOL), 401: _AUTH,
            404: _missing(_VOL),
            409: Failure(("volume_attached", "volume_owned"),
                         "The volume is attached to a workstation, or belongs to one."),
            413: _too_large(False),
            500: _failed("The delete failed: the volume is still there."),
        },
        steps=("delete_volume",),
        example=Example(path={"id": "vol-scratch01"}),
    ),
)
"""Every operation, by operationId, in the order of the docs' navigation: the one
declaration each is made from (route, OpenAPI, endpoint page, Try it, fault steps)."""
