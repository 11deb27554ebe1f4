"""Injected failures: at every step of every operation, a failure changes nothing.

For each ``(operation, step)`` declared in :mod:`cloudws.operations`, ``store.fail_next`` makes
the next call fail there; the request must answer the documented 500 ``internal_error``
problem — in process and over HTTP — and leave the store byte-for-byte as it was (no
orphan volume, no half-deleted workstation). The same request sent again then succeeds,
and the state it leaves is consistent. The request is each operation's declared example,
which passes every one of its steps.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest

from cloudws.app import create_app
from cloudws.operations import OPERATIONS
from cloudws.server import create_server
from cloudws.store import Store
from cloudws.testing import API_HOST, mock_api, serve

from .helpers import assert_consistent, success

AUTH = {"Authorization": "Bearer cws_test_faults"}
FAULT_POINTS = [(op.id, step) for op in OPERATIONS.values() for step in op.steps]


def _send(client: httpx.Client, origin: str, operation: str) -> httpx.Response:
    return success(operation, AUTH).send(client, origin)


def check_fault(client: httpx.Client, origin: str, store: Store, operation: str, step: str):
    before = store.dump()
    assert_consistent(store.export())
    store.fail_next(operation, step=step)
    response = _send(client, origin, operation)
    hint = (f" (does its method in src/cloudws/store.py call tx.step({step!r})?)"
            if response.is_success else "")
    assert response.status_code == 500, (
        f"{operation}, told to fail at step {step!r}, answered {response.status_code}{hint}: "
        f"{response.text}")
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert (problem["status"], problem["code"]) == (500, "internal_error")
    assert f"at step {step}" in problem["detail"]
    assert "nothing was changed" in problem["detail"]
    assert 500 in OPERATIONS[operation].errors
    assert store.dump() == before, f"{operation} failing at {step} changed the store"
    # The fault is spent: the same request now succeeds, and leaves a consistent state.
    retry = _send(client, origin, operation)
    assert retry.status_code == OPERATIONS[operation].status, retry.text
    assert_consistent(store.export())
    if OPERATIONS[operation].method != "GET":
        assert store.dump() != before, f"{operation} succeeded but changed nothing"


@pytest.fixture(scope="module")
def client() -> Iterator[httpx.Client]:
    """One client for the module, in process (routed by ``mock_api``) and over HTTP: a
    client per test would load the CA bundle each time, more than the test costs."""
    with httpx.Client(timeout=10) as shared:
        yield shared


@pytest.mark.parametrize(("operation", "step"), FAULT_POINTS,
                         ids=[f"{op}-{step}" for op, step in FAULT_POINTS])
def test_fault_in_process(client, operation, step):
    app = _APP
    with mock_api(app=app) as sandbox:
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
def test_fault_over_http(served, client, operation, step):
    origin, store = served
    try:
        check_fault(client, origin, store, operation, step)
    finally:
        store.reset()


def test_every_operation_that_reaches_the_store_declares_fault_steps():
    assert {op for op, _ in FAULT_POINTS} == {op.id for op in OPERATIONS.values()
                                              if 500 in op.errors}
    assert {op.id for op in OPERATIONS.values() if not op.steps} == {"removedDeleteWorkstation"}
    with pytest.raises(ValueError, match="removedDeleteWorkstation never reaches the store"):
        Store().fail_next("removedDeleteWorkstation")


def test_an_unknown_operation_or_step_is_refused_by_name():
    store = Store()
    with pytest.raises(ValueError, match="unknown operation 'noSuchOperation'; one of") as told:
        store.fail_next("noSuchOperation")
    # those it can fail, each of which it takes: not one that never reaches the store
    named = re.findall(r"'(\w+)'", str(told.value))[1:]
    assert "deleteWorkstation" in named and "removedDeleteWorkstation" not in named, told.value
    for operation in named:
        Store().fail_next(operation)
    with pytest.raises(ValueError, match="deleteWorkstation has no step 'reboot'"):
        store.fail_next("deleteWorkstation", step="reboot")


def test_faults_queue_up_and_apply_in_order(client):
    store = Store()
    before = store.dump()
    store.fail_next("deleteWorkstation", step="delete_volumes")
    store.fail_next("deleteWorkstation", step="delete_workstation")
    with mock_api(store) as sandbox:
        for step in ("delete_volumes", "delete_workstation"):
            r = _send(client, f"https://{API_HOST}", "deleteWorkstation")
            assert (r.status_code, step in r.json()["detail"]) == (500, True)
        assert sandbox.store.dump() == before
        assert _send(client, f"https://{API_HOST}", "deleteWorkstation").status_code == 200


def test_a_rejected_request_leaves_the_fault_pending(client):
    store = Store()
    store.fail_next("deleteWorkstation", step="detach_volumes")
    with mock_api(store):
        base = f"https://{API_HOST}/v1/workstations"
        assert client.delete(f"{base}/ws-67890", headers=AUTH).status_code == 409
        assert client.delete(f"{base}/WS-1", headers=AUTH).status_code == 400
        assert client.delete(f"{base}/ws-12345", headers=AUTH).status_code == 500
        assert client.delete(f"{base}/ws-12345", headers=AUTH).status_code == 200


def test_a_fault_at_check_volumes_answers_before_a_named_volume_is_refused(client):
    """As ``Store.fail_next`` says: the volumes a create or update names are checked in its
    first step, so a fault there answers 500 where a missing volume would get 409
    ``volume_not_found``, and is used up; a workstation that is not stopped (409
    ``workstation_not_stopped``) is refused before the steps, leaving it armed."""
    store = Store()
    base = f"https://{API_HOST}/v1/workstations"
    with mock_api(store):
        store.fail_next("createWorkstation")
        body = {"name": "x", "machine_type": "standard-4", "volume_ids": ["vol-nothere1"]}
        assert client.post(base, json=body, headers=AUTH).status_code == 500
        assert client.post(base, json=body, headers=AUTH).json()["code"] == "volume_not_found"
        store.fail_next("updateWorkstation")
        running = client.patch(f"{base}/ws-67890", json={"name": "y"}, headers=AUTH)
        assert running.json()["code"] == "workstation_not_stopped"
        update = {"volume_ids": ["vol-nothere1"]}
        assert client.patch(f"{base}/ws-12345", json=update, headers=AUTH).status_code == 500
        assert (client.patch(f"{base}/ws-12345", json=update, headers=AUTH).json()["code"]
                == "volume_not_found")


def test_a_half_done_delete_is_never_visible():
    """Each step of a delete fails in turn; the workstation and its volumes stay whole."""
    for step in OPERATIONS["deleteWorkstation"].steps:
        store = Store()
        store.fail_next("deleteWorkstation", step=step)
        with pytest.raises(Exception, match="nothing was changed"):
            store.delete_workstation("ws-12345")
        ws = store.get_workstation("ws-12345")
        assert ws.volume_ids == ["vol-boot12345", "vol-data12345"]
        assert [store.get_volume(v).attached_to for v in ws.volume_ids] == ["ws-12345"] * 2


_APP = create_app()
