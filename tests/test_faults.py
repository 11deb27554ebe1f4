"""Injected failures: at every step of every operation, a failure changes nothing.

For each ``(operation, step)`` of :data:`cloudws.store.STEPS`, ``store.fail_next`` makes
the next call fail there; the request must answer the documented 500 ``internal_error``
problem — in process and over HTTP — and leave the store byte-for-byte as it was (no
orphan volume, no half-deleted workstation). The same request sent again then succeeds,
and the state it leaves is consistent.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from cloudws.app import create_app
from cloudws.openapi import OPERATION_ERRORS, OPERATIONS
from cloudws.server import create_server
from cloudws.store import STEPS, Store
from cloudws.testing import API_HOST, mock_api, serve

AUTH = {"Authorization": "Bearer cws_test_faults"}

#: A request per operation, from the fixture state, that goes through every one of its steps.
REQUESTS: dict[str, tuple[str, dict[str, Any] | None, int]] = {
    "createWorkstation": (
        "/v1/workstations",
        {"name": "fault-box", "machine_type": "standard-2", "volume_ids": ["vol-scratch01"]},
        201,
    ),
    "listWorkstations": ("/v1/workstations", None, 200),
    "getWorkstation": ("/v1/workstations/ws-12345", None, 200),
    "startWorkstation": ("/v1/workstations/ws-12345/start", None, 200),
    "stopWorkstation": ("/v1/workstations/ws-67890/stop", None, 200),
    "updateWorkstation": (
        "/v1/workstations/ws-12345", {"name": "renamed", "volume_ids": ["vol-scratch01"]}, 200,
    ),
    "deleteWorkstation": ("/v1/workstations/ws-12345", None, 200),
    "createVolume": ("/v1/volumes", {"size_gb": 20}, 201),
    "listVolumes": ("/v1/volumes", None, 200),
    "getVolume": ("/v1/volumes/vol-scratch01", None, 200),
    "deleteVolume": ("/v1/volumes/vol-scratch01", None, 200),
}
FAULT_POINTS = [(op, step) for op, steps in STEPS.items() for step in steps]
_MUTATING = {op for op, (method, _) in OPERATIONS.items() if method != "GET"}


def _send(client: httpx.Client, origin: str, operation: str) -> httpx.Response:
    method = OPERATIONS[operation][0]
    path, body, _ = REQUESTS[operation]
    return client.request(method, origin + path, json=body, headers=AUTH)


def assert_consistent(state: dict[str, list[dict[str, Any]]]) -> None:
    """Every attachment is recorded on both sides; every owned volume has its workstation."""
    workstations = {w["id"]: w for w in state["workstations"]}
    volumes = {v["id"]: v for v in state["volumes"]}
    for ws in workstations.values():
        own, *standalone = ws["volume_ids"]
        assert volumes[own]["standalone"] is False, ws
        for vol_id in ws["volume_ids"]:
            assert volumes[vol_id]["attached_to"] == ws["id"], (ws, volumes[vol_id])
        assert all(volumes[v]["standalone"] for v in standalone), ws
    for vol in volumes.values():
        if vol["attached_to"] is not None:
            assert vol["id"] in workstations[vol["attached_to"]]["volume_ids"], vol
        if not vol["standalone"]:
            assert vol["attached_to"] in workstations, f"orphan volume {vol}"


def check_fault(client: httpx.Client, origin: str, store: Store, operation: str, step: str):
    before = store.dump()
    assert_consistent(store.export())
    store.fail_next(operation, step=step)
    response = _send(client, origin, operation)
    assert response.status_code == 500, (operation, step, response.text)
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert (problem["status"], problem["code"]) == (500, "internal_error")
    assert f"at step {step}" in problem["detail"]
    assert "nothing was changed" in problem["detail"]
    assert 500 in OPERATION_ERRORS[operation]
    assert store.dump() == before, f"{operation} failing at {step} changed the store"
    # The fault is spent: the same request now succeeds, and leaves a consistent state.
    retry = _send(client, origin, operation)
    assert retry.status_code == REQUESTS[operation][2], retry.text
    assert_consistent(store.export())
    if operation in _MUTATING:
        assert store.dump() != before, f"{operation} succeeded but changed nothing"


@pytest.mark.parametrize(("operation", "step"), FAULT_POINTS,
                         ids=[f"{op}-{step}" for op, step in FAULT_POINTS])
def test_fault_in_process(operation, step):
    app = _APP
    with mock_api(app=app) as sandbox, httpx.Client() as client:
        try:
            check_fault(client, f"https://{API_HOST}", sandbox.store, operation, step)
        finally:
            sandbox.store.reset()


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[str, Store]]:
    store = Store()
    with serve(create_server(None, store)) as origin:
        yield origin, store


@pytest.mark.parametrize(("operation", "step"), FAULT_POINTS,
                         ids=[f"{op}-{step}" for op, step in FAULT_POINTS])
def test_fault_over_http(served, operation, step):
    origin, store = served
    with httpx.Client(timeout=10) as client:
        try:
            check_fault(client, origin, store, operation, step)
        finally:
            store.reset()


def test_every_operation_and_step_is_covered():
    assert set(REQUESTS) == set(STEPS) == set(OPERATIONS)
    assert len(FAULT_POINTS) == sum(len(steps) for steps in STEPS.values()) >= 19


def test_faults_queue_up_and_apply_in_order():
    store = Store()
    before = store.dump()
    store.fail_next("deleteWorkstation", step="delete_volumes")
    store.fail_next("deleteWorkstation", step="delete_workstation")
    with mock_api(store) as sandbox, httpx.Client() as client:
        for step in ("delete_volumes", "delete_workstation"):
            r = _send(client, f"https://{API_HOST}", "deleteWorkstation")
            assert (r.status_code, step in r.json()["detail"]) == (500, True)
        assert sandbox.store.dump() == before
        assert _send(client, f"https://{API_HOST}", "deleteWorkstation").status_code == 200


def test_a_rejected_request_leaves_the_fault_pending():
    store = Store()
    store.fail_next("deleteWorkstation", step="detach_volumes")
    with mock_api(store), httpx.Client() as client:
        base = f"https://{API_HOST}/v1/workstations"
        assert client.delete(f"{base}/ws-67890", headers=AUTH).status_code == 409
        assert client.delete(f"{base}/WS-1", headers=AUTH).status_code == 400
        assert client.delete(f"{base}/ws-12345", headers=AUTH).status_code == 500
        assert client.delete(f"{base}/ws-12345", headers=AUTH).status_code == 200


def test_a_half_done_delete_is_never_visible():
    """Each step of a delete fails in turn; the workstation and its volumes stay whole."""
    for step in STEPS["deleteWorkstation"]:
        store = Store()
        store.fail_next("deleteWorkstation", step=step)
        with pytest.raises(Exception, match="nothing was changed"):
            store.delete_workstation("ws-12345")
        ws = store.get_workstation("ws-12345")
        assert ws.volume_ids == ["vol-boot12345", "vol-data12345"]
        assert [store.get_volume(v).attached_to for v in ws.volume_ids] == ["ws-12345"] * 2


_APP = create_app()
