"""One scenario per documented (operation, status): a request that really gets it.

The pairs come from the OpenAPI document, so a status the stub starts documenting has no
recipe here and fails until one is written. Each scenario runs on the session's docs
sandbox (its exchanges count in the coverage table as ``S``), checks the body against
the document's schema and the ``code`` against the operation's documented codes, and,
for an error, that nothing changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import httpx
import pytest

from cloudws.app import MAX_BODY_BYTES
from cloudws.document import load_document
from cloudws.openapi import OPERATION_ERRORS, OPERATIONS
from cloudws.testing import BASE_URL

from .harness.coverage import documented_statuses
from .harness.sandbox import DOCS_TOKEN

_AUTH = {"Authorization": f"Bearer {DOCS_TOKEN}"}
_UNKNOWN = {"workstations": "ws-nothere00", "volumes": "vol-nothere00"}
_RUNNING, _ATTACHED = "ws-67890", "vol-data12345"


@dataclass(frozen=True)
class Request:
    """A request of a scenario, relative to the base URL."""

    method: str
    path: str
    json: Any = None
    params: dict[str, Any] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=lambda: dict(_AUTH))
    content: bytes | None = None


#: A request that succeeds, per operation, from the fixture state.
SUCCESS = {
    "createWorkstation": Request("POST", "/workstations",
                                 {"name": "scenario-box", "machine_type": "standard-2"}),
    "listWorkstations": Request("GET", "/workstations", params={"status": "stopped"}),
    "getWorkstation": Request("GET", "/workstations/ws-12345"),
    "startWorkstation": Request("POST", "/workstations/ws-12345/start"),
    "stopWorkstation": Request("POST", f"/workstations/{_RUNNING}/stop"),
    "updateWorkstation": Request("PATCH", "/workstations/ws-12345", {"name": "renamed-box"}),
    "deleteWorkstation": Request("DELETE", "/workstations/ws-12345"),
    "createVolume": Request("POST", "/volumes", {"size_gb": 100}),
    "listVolumes": Request("GET", "/volumes", params={"limit": 2}),
    "getVolume": Request("GET", "/volumes/vol-scratch01"),
    "deleteVolume": Request("DELETE", "/volumes/vol-scratch01"),
}


def _with_id(request: Request, new_id: str) -> Request:
    parts = request.path.split("/")
    return replace(request, path="/".join([*parts[:2], new_id, *parts[3:]]))


def _bad_request(op: str, ok: Request) -> Request:
    if "{id}" in OPERATIONS[op][1]:
        return _with_id(ok, "NOT-an-id")
    if ok.method == "GET":
        return replace(ok, params={"limit": 0})
    return replace(ok, json={**ok.json, "status": "running"})  # a read-only field


def _not_found(op: str, ok: Request) -> Request:
    if "{id}" in OPERATIONS[op][1]:
        return _with_id(ok, _UNKNOWN[ok.path.split("/")[1]])
    return replace(ok, json={**ok.json, "volume_ids": [_UNKNOWN["volumes"]]})


def _conflict(op: str, ok: Request) -> Request:
    if op in ("updateWorkstation", "deleteWorkstation"):
        return _with_id(ok, _RUNNING)
    if op == "deleteVolume":
        return _with_id(ok, _ATTACHED)
    return replace(ok, json={**ok.json, "volume_ids": [_ATTACHED]})


def recipe(op: str, status: int) -> Request:
    """The request that makes ``op`` answer ``status`` (500 also needs a fault)."""
    ok = SUCCESS[op]
    if 200 <= status < 300 or status == 500:
        return ok
    if status == 400:
        return _bad_request(op, ok)
    if status == 401:
        return replace(ok, headers={})
    if status == 404:
        return _not_found(op, ok)
    if status == 409:
        return _conflict(op, ok)
    if status == 413 and ok.json is None:  # no body taken, but one is still limited
        return replace(ok, content=b"x" * (MAX_BODY_BYTES + 1))
    if status == 413:
        return replace(ok, json={**ok.json, "name": "x" * (MAX_BODY_BYTES + 1)})
    if status == 415:
        return replace(ok, json=None, content=b"name=box",
                       headers={**ok.headers, "Content-Type": "application/x-www-form-urlencoded"})
    raise LookupError(f"no scenario recipe for {op} {status}: add one to tests/test_scenarios.py")


PAIRS = [(op, status) for op, statuses in documented_statuses(load_document()).items()
         for status in statuses]


@pytest.fixture(scope="module")
def client():
    with httpx.Client(base_url=BASE_URL) as c:
        yield c


@pytest.mark.parametrize(("operation", "status"), PAIRS, ids=[f"{o}-{s}" for o, s in PAIRS])
def test_scenario_produces_documented_status(operation, status, client, docs_sandbox,
                                             api_schemas):
    request = recipe(operation, status)
    docs_sandbox.reset()
    if status == 500:
        docs_sandbox.store.fail_next(operation)
    before = docs_sandbox.store.dump()
    source = f"tests/test_scenarios.py::{operation}-{status}"
    with docs_sandbox.in_process(), docs_sandbox.recorder.capture(source, "scenario") as seen:
        response = client.request(request.method, request.path, json=request.json,
                                  params=request.params, headers=request.headers,
                                  content=request.content)
    assert [(e.operation_id, e.status) for e in seen] == [(operation, status)], response.text
    body = response.json()
    assert api_schemas.response_errors(operation, status, body) == []
    if status >= 400:
        assert body["code"] in OPERATION_ERRORS[operation][status][0]
        assert docs_sandbox.store.dump() == before, "a rejected request changed the state"
    elif request.method != "GET":
        assert docs_sandbox.store.dump() != before, "a successful change changed nothing"


def test_every_operation_has_a_success_recipe():
    assert set(SUCCESS) == set(OPERATIONS)


def test_a_status_without_recipe_is_named():
    with pytest.raises(LookupError, match="no scenario recipe for getVolume 418"):
        recipe("getVolume", 418)
