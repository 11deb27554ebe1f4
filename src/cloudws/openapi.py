"""The OpenAPI 3.1 document of the API: what FastAPI makes of the routes, and little more.

Each route carries its operation's declaration (:mod:`cloudws.operations`) through
FastAPI's own parameters: statuses, problem bodies, request bodies, headers and links.
This module adds what belongs to the document as a whole (servers, the security scheme,
the problem schemas), keeps exactly each operation's declared statuses (FastAPI adds a 422,
which the API answers as 400, and a success for a removed operation, which has none),
and puts each operation's example path parameters on its parameters.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi.openapi.utils import get_openapi

from .errors import ERROR_CODES
from .models import FieldError, Problem
from .operations import OPERATIONS

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["SERVER_URL", "build_openapi", "tag_description"]

SERVER_URL = "https://api.cloudworkstation.example.com"


def build_openapi(app: FastAPI) -> dict[str, Any]:
    """The OpenAPI 3.1 document for ``app`` (made by :func:`cloudws.app.create_app`)."""
    doc = get_openapi(
        title=app.title,
        version=app.version,
        openapi_version="3.1.0",
        summary="Create, run and delete cloud workstations and their storage volumes.",
        description="The Cloud Workstation API. Every request needs "
        "`Authorization: Bearer <token>`; the sandbox accepts `cws_test_` followed by a "
        "name, such as `cws_test_me`. Errors are RFC 9457 problem details with a "
        "machine-readable `code`.",
        routes=app.routes,
        servers=[{"url": SERVER_URL, "description": "Production"}],
        tags=[{"name": tag, "description": tag_description(tag)}
              for tag in dict.fromkeys(op.tag for op in OPERATIONS.values())],
    )
    schemas = doc.setdefault("components", {}).setdefault("schemas", {})
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)
    bodies = [op.body for op in OPERATIONS.values() if op.body is not None]
    for model in (Problem, FieldError, *bodies):
        schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
        for sub_name, sub in schema.pop("$defs", {}).items():
            schemas[sub_name] = sub
        schemas[model.__name__] = schema
    doc["components"]["securitySchemes"] = {
        "bearerAuth": {
            "type": "http", "scheme": "bearer",
            "description": "A token; in the sandbox, `cws_test_` followed by a name, such as "
                           "`cws_test_me`.",
        }
    }
    doc["security"] = [{"bearerAuth": []}]

    for path_item in doc["paths"].values():
        for operation in path_item.values():
            _complete(operation)
    return doc


def tag_description(tag: str) -> str:
    """What a tag's operations do, from their declarations: the verb each summary starts
    with ("Create workstation"), in declaration order, each once; then each removed one, by
    its request and its replacement's summary.

    Example:
        >>> tag_description("Volumes")
        'Create, list, get and delete volumes.'
        >>> print(tag_description("Workstations"))  # (each operation added adds its verb)
        Create, list, get, ... workstations. `GET /v1/workstations/{id}/delete` is removed (`410`): use Delete workstation.
    """
    operations = [op for op in OPERATIONS.values() if op.tag == tag]
    if not operations:
        raise ValueError(f"no operation is tagged {tag!r}")
    verbs = list(dict.fromkeys(op.summary.split()[0].lower() for op in operations
                               if op.replaced_by is None))  # (each verb once)
    said = " and ".join(filter(None, (", ".join(verbs[:-1]), *verbs[-1:])))
    noun = tag if tag[:2].isupper() else tag[:1].lower() + tag[1:]  # ("SSH keys" stays)
    texts = [f"{said[:1].upper()}{said[1:]} {noun}."] if verbs else []
    texts += [f"`{op.method} {op.path}` is removed "
              f"(`{ERROR_CODES['endpoint_removed'].status}`): use "
              f"{OPERATIONS[op.replaced_by].summary}." for op in operations if op.replaced_by]
    return " ".join(texts)


def _complete(operation: dict[str, Any]) -> None:
    declared = OPERATIONS[operation["operationId"]]
    # Exactly the declared statuses: not FastAPI's own 422 (the API answers 400), nor its
    # default success for a removed operation, which has none.
    responses = {s: r for s, r in operation["responses"].items() if int(s) in declared.statuses}
    for parameter in operation.get("parameters", []):
        value = declared.example.path.get(parameter["name"])
        if parameter["in"] == "path" and value is not None:
            parameter["example"] = value
    operation["responses"] = dict(sorted(responses.items()))
