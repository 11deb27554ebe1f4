"""The OpenAPI 3.1 document of the API, built from the same routes and models as the stub.

FastAPI writes the skeleton; this module states what FastAPI cannot know: which error
statuses and codes each operation returns (and nothing else — no framework 422), the
request bodies the routes parse themselves, problem bodies, the security scheme, the
``Location`` headers and the links between operations.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from fastapi.openapi.utils import get_openapi

from .errors import ERROR_CODES, problem_body
from .models import FieldError, Problem, VolumeCreate, WorkstationCreate, WorkstationUpdate

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["OPERATIONS", "OPERATION_ERRORS", "REQUEST_BODIES", "build_openapi", "operation_for"]

SERVER_URL = "https://api.cloudworkstation.example.com"

#: Per operation: each error status it can return, the codes behind it, and when.
OPERATION_ERRORS: dict[str, dict[int, tuple[tuple[str, ...], str]]] = {}

_AUTH = {401: (("unauthorized",), "The token is missing or not valid.")}
_FAIL = {500: (("internal_error",), "The operation failed; nothing was changed.")}
_BAD_BODY = {
    400: (("validation_error", "invalid_json"),
          "The body is not JSON, or a field is missing, unknown, read-only or invalid."),
    413: (("payload_too_large",), "The body is over 64 KiB."),
    415: (("unsupported_media_type",), "The body is not sent as `application/json`."),
}
_BAD_QUERY = {400: (("validation_error",), ("A query parameter is unknown, repeated or out "
                     "of range."))}
#: Operations that take no body still read one, up to the same limit, and ignore it.
_BODY_LIMIT = {413: (("payload_too_large",), ("The request has a body over 64 KiB (this "
                     "operation takes no body; a smaller one is ignored)."))}


def _id_errors(kind: str) -> dict[int, tuple[tuple[str, ...], str]]:
    return {
        400: (("invalid_id", "validation_error"), (f"The ID is not a well-formed {kind} ID, or "
              "a query parameter was sent (this operation takes none).")),
        404: (("not_found",), f"No {kind} has this ID."),
    }


OPERATION_ERRORS.update({
    "createWorkstation": {
        **_BAD_BODY, **_AUTH,
        409: (("volume_not_found", "volume_attached", "volume_owned"),
              ("A volume in `volume_ids` does not exist, is attached elsewhere or belongs "
               "to a workstation.")),
        **_FAIL,
    },
    "listWorkstations": {**_BAD_QUERY, **_AUTH, **_BODY_LIMIT, **_FAIL},
    "getWorkstation": {**_id_errors("workstation"), **_AUTH, **_BODY_LIMIT, **_FAIL},
    "startWorkstation": {**_id_errors("workstation"), **_AUTH, **_BODY_LIMIT, **_FAIL},
    "stopWorkstation": {**_id_errors("workstation"), **_AUTH, **_BODY_LIMIT, **_FAIL},
    "updateWorkstation": {
        400: (("invalid_id", "validation_error", "invalid_json"),
              "The ID is malformed, or the body is not JSON or has an invalid field."),
        **_AUTH,
        404: (("not_found",), "No workstation has this ID."),
        409: (("workstation_not_stopped", "volume_not_found", "volume_attached", "volume_owned"),
              ("The workstation is not stopped, or a volume in `volume_ids` does not exist, "
               "is attached elsewhere or belongs to another workstation.")),
        413: _BAD_BODY[413], 415: _BAD_BODY[415],
        **_FAIL,
    },
    "deleteWorkstation": {
        **_id_errors("workstation"), **_AUTH,
        409: (("workstation_not_stopped",), "The workstation is not stopped."),
        **_BODY_LIMIT, **_FAIL,
    },
    "createVolume": {**_BAD_BODY, **_AUTH, **_FAIL},
    "listVolumes": {**_BAD_QUERY, **_AUTH, **_BODY_LIMIT, **_FAIL},
    "getVolume": {**_id_errors("volume"), **_AUTH, **_BODY_LIMIT, **_FAIL},
    "deleteVolume": {
        **_id_errors("volume"), **_AUTH,
        409: (("volume_attached", "volume_owned"),
              "The volume is attached to a workstation, or belongs to one."),
        **_BODY_LIMIT, **_FAIL,
    },
})
for _errors in OPERATION_ERRORS.values():
    for _status, (_codes, _) in _errors.items():
        assert all(ERROR_CODES[c].status == _status for c in _codes), (_status, _codes)

#: Every operation: operationId -> (method, path template).
OPERATIONS: dict[str, tuple[str, str]] = {
    "createWorkstation": ("POST", "/v1/workstations"),
    "listWorkstations": ("GET", "/v1/workstations"),
    "getWorkstation": ("GET", "/v1/workstations/{id}"),
    "startWorkstation": ("POST", "/v1/workstations/{id}/start"),
    "stopWorkstation": ("POST", "/v1/workstations/{id}/stop"),
    "updateWorkstation": ("PATCH", "/v1/workstations/{id}"),
    "deleteWorkstation": ("DELETE", "/v1/workstations/{id}"),
    "createVolume": ("POST", "/v1/volumes"),
    "listVolumes": ("GET", "/v1/volumes"),
    "getVolume": ("GET", "/v1/volumes/{id}"),
    "deleteVolume": ("DELETE", "/v1/volumes/{id}"),
}
_MATCHERS = [
    (method, re.compile("^" + path.replace("{id}", "[^/]+") + "$"), op_id)
    for op_id, (method, path) in OPERATIONS.items()
]


def operation_for(method: str, path: str) -> str | None:
    """The operationId that ``method path`` is a request of, or None.

    Example:
        >>> operation_for("DELETE", "/v1/workstations/ws-12345")
        'deleteWorkstation'
        >>> operation_for("GET", "/v1/workstations/ws-12345/delete") is None
        True
    """
    for op_method, pattern, op_id in _MATCHERS:
        if method == op_method and pattern.match(path):
            return op_id
    return None


#: The model each body-taking operation parses (the routes read bodies themselves).
REQUEST_BODIES = {
    "createWorkstation": WorkstationCreate,
    "updateWorkstation": WorkstationUpdate,
    "createVolume": VolumeCreate,
}

_DESCRIPTIONS = {
    "createWorkstation": "Creates a workstation and the volume it owns, attaches the standalone "
    "volumes named in `volume_ids`, and starts it: it is `running` when the call returns.",
    "listWorkstations": "Lists workstations, oldest first, a page at a time.",
    "getWorkstation": "Returns one workstation.",
    "startWorkstation": "Starts a stopped workstation. Starting a running one changes nothing "
    "and returns 200.",
    "stopWorkstation": "Stops a running workstation. Stopping a stopped one changes nothing "
    "and returns 200.",
    "updateWorkstation": "Changes the name, machine type or attached standalone volumes of a "
    "stopped workstation.",
    "deleteWorkstation": "Deletes a stopped workstation and the volume it owns; detaches and "
    "keeps its standalone volumes.",
    "createVolume": "Creates a standalone volume, detached.",
    "listVolumes": "Lists volumes, oldest first, a page at a time.",
    "getVolume": "Returns one volume.",
    "deleteVolume": "Deletes a standalone volume that is not attached.",
}

_LINK_TARGETS = {
    "createWorkstation": ("getWorkstation", "startWorkstation", "stopWorkstation",
                          "updateWorkstation", "deleteWorkstation"),
    "createVolume": ("getVolume", "deleteVolume"),
}


def _problem_example(code: str) -> dict[str, Any]:
    entry = ERROR_CODES[code]
    return {"summary": code, "value": problem_body(code, entry.meaning.split(". ")[0].rstrip(".") + ".")}


def build_openapi(app: FastAPI) -> dict[str, Any]:
    """The OpenAPI 3.1 document for ``app`` (made by :func:`cloudws.app.create_app`)."""
    doc = get_openapi(
        title=app.title,
        version=app.version,
        openapi_version="3.1.0",
        summary="Create, run and delete cloud workstations and their storage volumes.",
        description="The Cloud Workstation API. Every request needs "
        "`Authorization: Bearer <token>`; the sandbox accepts any token that starts with "
        "`cws_test_`. Errors are RFC 9457 problem details with a machine-readable `code`.",
        routes=app.routes,
        servers=[{"url": SERVER_URL, "description": "Production"}],
        tags=[{"name": "Workstations"}, {"name": "Volumes"}],
    )
    schemas = doc.setdefault("components", {}).setdefault("schemas", {})
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)
    for model in (Problem, FieldError, *REQUEST_BODIES.values()):
        schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
        for sub_name, sub in schema.pop("$defs", {}).items():
            schemas[sub_name] = sub
        schemas[model.__name__] = schema
    doc["components"]["securitySchemes"] = {
        "bearerAuth": {
            "type": "http", "scheme": "bearer",
            "description": "A token; in the sandbox, any token starting with `cws_test_`.",
        }
    }
    doc["security"] = [{"bearerAuth": []}]

    for path, path_item in doc["paths"].items():
        for method, operation in path_item.items():
            assert OPERATIONS[operation["operationId"]] == (method.upper(), path), operation
            _complete(operation)
    return doc


def _complete(operation: dict[str, Any]) -> None:
    op_id = operation["operationId"]
    operation["description"] = _DESCRIPTIONS[op_id]
    responses = operation["responses"]
    responses.pop("422", None)
    for status, (codes, when) in OPERATION_ERRORS[op_id].items():
        responses[str(status)] = {
            "description": when,
            "content": {
                "application/problem+json": {
                    "schema": {"$ref": "#/components/schemas/Problem"},
                    "examples": {code: _problem_example(code) for code in codes},
                }
            },
        }
        if status == 401:
            responses["401"]["headers"] = {
                "WWW-Authenticate": {
                    "description": "The authentication scheme: `Bearer`.",
                    "schema": {"type": "string"},
                    "required": True,
                }
            }
    success = next(s for s in responses if s.startswith("2"))
    responses[success]["description"] = {
        "201": "Created. `Location` is the new resource's path.",
    }.get(success, "OK")
    if success == "201":
        responses[success]["headers"] = {
            "Location": {
                "description": "The path of the new resource.",
                "schema": {"type": "string"},
                "required": True,
            }
        }
    if op_id in _LINK_TARGETS:
        responses[success]["links"] = {
            target: {"operationId": target, "parameters": {"id": "$response.body#/id"}}
            for target in _LINK_TARGETS[op_id]
        }
    if op_id in REQUEST_BODIES:
        operation["requestBody"] = {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {"$ref": f"#/components/schemas/{REQUEST_BODIES[op_id].__name__}"}
                }
            },
        }
    operation["responses"] = dict(sorted(responses.items()))
