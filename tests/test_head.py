"""HEAD answers every resource that answers GET, as GET would, without content.

RFC 9110 §9.3.2: the same status and headers as a GET of the same request, and no
content. The requests are every documented (operation, status) of every GET operation,
made from the declarations (:func:`tests.helpers.recipe`), plus ``/openapi.json``; each is
sent as GET and as HEAD, in process (``mock_api``) and over HTTP (``cloudws serve``'s app).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

import httpx
import pytest

from cloudws.app import create_app
from cloudws.operations import OPERATIONS
from cloudws.server import create_server
from cloudws.store import Store
from cloudws.testing import API_HOST, mock_api, serve

from .helpers import Request, recipe

AUTH = {"Authorization": "Bearer cws_test_head"}
_PER_RUN = {"date", "server"}  # headers uvicorn writes per response

CASES = [(op.id, status) for op in OPERATIONS.values() if op.method == "GET"
         for status in (op.status, *op.errors) if status is not None]


def _headers(response: httpx.Response) -> dict[str, str]:
    return {k: v for k, v in response.headers.items() if k not in _PER_RUN}


def _both(client: httpx.Client, origin: str, store: Store, request: Request,
          operation: str | None = None, status: int | None = None
          ) -> tuple[httpx.Response, httpx.Response]:
    answers = []
    for method in ("GET", "HEAD"):
        store.reset()
        if status == 500:
            store.fail_next(operation)  # type: ignore[arg-type]
        before = store.dump()
        answers.append(replace(request, method=method).send(client, origin))
        assert store.dump() == before
    return answers[0], answers[1]


def check_head(client: httpx.Client, origin: str, store: Store, operation: str, status: int):
    get, head = _both(client, origin, store, recipe(operation, status, AUTH), operation, status)
    assert get.status_code == status, get.text
    assert head.status_code == status
    assert head.content == b""
    assert _headers(head) == _headers(get)
    assert int(head.headers["content-length"]) == len(get.content) > 0


@pytest.fixture(scope="module")
def app():
    return create_app()


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[str, Store]]:
    store = Store()
    with serve(create_server(None, store)) as origin:
        yield origin, store


@pytest.fixture(scope="module")
def client() -> Iterator[httpx.Client]:
    """One client for the module, in process (routed by ``mock_api``) and over HTTP: a
    client per test would load the CA bundle each time, more than the test costs."""
    with httpx.Client(timeout=10) as shared:
        yield shared


@pytest.mark.parametrize(("operation", "status"), CASES, ids=[f"{o}-{s}" for o, s in CASES])
def test_head_in_process(app, client, operation, status):
    with mock_api(app=app) as sandbox:
        try:
            check_head(client, f"https://{API_HOST}", sandbox.store, operation, status)
        finally:
            sandbox.store.reset()


@pytest.mark.parametrize(("operation", "status"), CASES, ids=[f"{o}-{s}" for o, s in CASES])
def test_head_over_http(served, client, operation, status):
    origin, store = served
    try:
        check_head(client, origin, store, operation, status)
    finally:
        store.reset()


def test_every_get_operation_is_covered():
    gets = {op.id for op in OPERATIONS.values() if op.method == "GET"}
    assert gets >= {"listWorkstations", "getWorkstation", "listVolumes", "getVolume"}
    assert {op for op, _ in CASES} == gets


@contextmanager
def _where(where: str, app, served) -> Iterator[tuple[str, Store]]:
    """The origin and store of the in-process sandbox or of the served one."""
    if where == "http":
        yield served
        return
    with mock_api(app=app) as sandbox:
        yield f"https://{API_HOST}", sandbox.store


@pytest.mark.parametrize("where", ["in-process", "http"])
def test_head_of_the_openapi_document(app, served, client, where):
    with _where(where, app, served) as (origin, store):
        get, head = _both(client, origin, store, Request("GET", "/openapi.json"))
    assert (get.status_code, head.status_code, head.content) == (200, 200, b"")
    assert _headers(head) == _headers(get)


def test_head_is_attributed_to_the_get_operation(app, client):
    seen = []
    app.state.observers.append(seen.append)
    try:
        with mock_api(app=app):
            client.head(f"https://{API_HOST}/v1/volumes/vol-scratch01", headers=AUTH)
            client.head(f"https://{API_HOST}/v1/workstations")
    finally:
        app.state.observers.remove(seen.append)
    assert [(*e[:4], e.code) for e in seen] == [
        ("HEAD", "/v1/volumes/vol-scratch01", "getVolume", 200, None),
        ("HEAD", "/v1/workstations", "listWorkstations", 401, "unauthorized"),
    ]


@pytest.mark.parametrize("where", ["in-process", "http"])
def test_allow_lists_head_exactly_where_get_is_allowed(app, served, client, where):
    with _where(where, app, served) as (origin, _):
        put = client.put(f"{origin}/v1/workstations/ws-12345", headers=AUTH)
        assert (put.status_code, put.headers["allow"]) == (405, "DELETE, GET, HEAD, PATCH")
        delete = client.delete(f"{origin}/v1/workstations", headers=AUTH)
        assert delete.headers["allow"] == "GET, HEAD, POST"
        # No GET on an action: no HEAD either.
        head = client.head(f"{origin}/v1/workstations/ws-12345/start", headers=AUTH)
        assert (head.status_code, head.headers["allow"], head.content) == (405, "POST", b"")
