"""Idempotent creates: the ``Idempotency-Key`` header (draft-ietf-httpapi-idempotency-key-header).

The same key and body answer the first response again (status, body, ``Location``) and
create nothing; the same key with another body is 422 ``idempotency_key_reused``; a key
whose first request is still being processed is 409 ``idempotency_key_in_flight``; a
malformed key is 400 ``validation_error`` naming the header. Only a 2xx answer is
remembered, for ``KEY_TTL`` on the store's clock; ``store.reset()`` forgets every key.
Every case runs for each operation that takes a key, from its declaration.
"""

from __future__ import annotations

import json
import random
import re
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from cloudws.idempotency import KEY_MAX_LENGTH, KEY_PATTERN, KEY_TTL, parse_key
from cloudws.models import VolumeCreate
from cloudws.operations import OPERATIONS
from cloudws.server import create_server
from cloudws.store import Store
from cloudws.testing import BASE_URL, mock_api, serve

from .conftest import AUTH
from .helpers import _another, success

KEYED = [op.id for op in OPERATIONS.values() if op.takes_idempotency_key]
FIELD = "header.Idempotency-Key"
#: Bodies that can be created again and again (the declared example of createWorkstation
#: attaches vol-scratch01, which a second workstation cannot have too).
REPEATABLE = {"createWorkstation": {"name": "again", "machine_type": "standard-2"},
              "createVolume": {"size_gb": 10}}


def keyed(operation: str, key: str = "k-1", **changes):
    """The declared example of ``operation`` with ``Idempotency-Key: "key"``."""
    return replace(success(operation, {**AUTH, "Idempotency-Key": f'"{key}"'}), **changes)


def send(client: httpx.Client, request) -> httpx.Response:
    return request.send(client, BASE_URL.removesuffix("/v1"))


def problem(response: httpx.Response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert (body["status"], body["code"]) == (status, code)
    return body


@pytest.fixture(scope="module")
def shared_client() -> Iterator[httpx.Client]:
    """One client for the module: ``mock_api`` routes by patching httpx's transports, so
    it reaches each test's sandbox, and a client per test loaded the CA bundle for its TLS
    context each time, more than most tests cost."""
    with httpx.Client(timeout=10) as c:
        yield c


@pytest.fixture
def client(sandbox, shared_client: httpx.Client) -> httpx.Client:
    """The module's client, for the test's fresh sandbox."""
    return shared_client


def test_the_creates_take_a_key():
    assert KEYED == ["createWorkstation", "createVolume"]


@pytest.mark.parametrize("operation", KEYED)
def test_same_key_and_body_answer_the_first_response_and_create_nothing(
        client, sandbox, operation):
    first = send(client, keyed(operation))
    assert first.status_code == 201, first.text
    after_first = sandbox.store.dump()
    for _ in range(3):
        again = send(client, keyed(operation))
        assert again.status_code == 201
        assert again.content == first.content
        assert again.headers["location"] == first.headers["location"]
        assert sandbox.store.dump() == after_first


@pytest.mark.parametrize("operation", KEYED)
def test_the_replay_is_the_first_answer_even_after_changes(client, sandbox, operation):
    first = send(client, keyed(operation)).json()
    if operation == "createWorkstation":
        client.post(f"{BASE_URL}/workstations/{first['id']}/stop", headers=AUTH)
    else:
        client.delete(f"{BASE_URL}/volumes/{first['id']}", headers=AUTH)
    assert send(client, keyed(operation)).json() == first


@pytest.mark.parametrize("operation", KEYED)
def test_spacing_and_member_order_do_not_make_another_body(client, sandbox, operation):
    first = send(client, keyed(operation))
    body = success(operation, {}).json
    raw = "{ " + " ,\n ".join(f'"{k}" :  {json.dumps(v)}' for k, v in reversed(body.items()))
    raw += " }"
    again = send(client, keyed(operation, json=None, content=raw.encode(),
                               headers={**keyed(operation).headers,
                                        "Content-Type": "application/json"}))
    assert (again.status_code, again.content) == (201, first.content)


@pytest.mark.parametrize("written", ["1e2", "100.0"])
def test_a_number_written_another_way_is_the_same_body(client, sandbox, written):
    """docs/workstations/create.md: how a number is written does not make another body."""
    first = send(client, keyed("createVolume", json={"size_gb": 100}))
    again = send(client, keyed("createVolume", json=None, content=f'{{"size_gb": {written}}}'
                               .encode(), headers={**keyed("createVolume").headers,
                                                   "Content-Type": "application/json"}))
    assert (again.status_code, again.content) == (201, first.content)


def test_a_list_in_another_order_is_another_body(client, sandbox):
    """docs/workstations/create.md: `volume_ids` in another order is another body."""
    made = [send(client, keyed("createVolume", key=f"v-{i}", json={"size_gb": 10})).json()["id"]
            for i in range(2)]
    body = {"name": "two", "machine_type": "standard-2"}
    assert send(client, keyed("createWorkstation", json={**body, "volume_ids": made})
                ).status_code == 201
    before = sandbox.store.dump()
    again = send(client, keyed("createWorkstation", json={**body, "volume_ids": made[::-1]}))
    problem(again, 422, "idempotency_key_reused")
    assert sandbox.store.dump() == before


@pytest.mark.parametrize("operation", KEYED)
def test_same_key_with_another_body_is_422_and_changes_nothing(client, sandbox, operation):
    first = send(client, keyed(operation))
    before = sandbox.store.dump()
    other = keyed(operation, json=_another(success(operation, {}).json))
    body = problem(send(client, other), 422, "idempotency_key_reused")
    assert "different body" in body["detail"]
    assert sandbox.store.dump() == before
    # The key stays bound to its first request.
    assert send(client, keyed(operation)).content == first.content


@pytest.mark.parametrize("operation", KEYED)
def test_without_a_key_or_with_another_key_each_create_creates(client, sandbox, operation):
    body = REPEATABLE[operation]
    plain = replace(success(operation, AUTH), json=body)
    ids = {send(client, plain).json()["id"] for _ in range(2)}
    ids |= {send(client, keyed(operation, key=k, json=body)).json()["id"] for k in ("a", "b")}
    assert len(ids) == 4


def test_a_key_belongs_to_one_operation(client, sandbox):
    ws = send(client, keyed("createWorkstation", key="shared"))
    vol = send(client, keyed("createVolume", key="shared"))
    assert (ws.status_code, vol.status_code) == (201, 201)
    assert vol.json()["id"] not in ws.json()["volume_ids"]


@pytest.mark.parametrize("value, message", [
    ("8e03978e", "must be a quoted string"),
    ("'8e03978e'", "must be a quoted string"),
    ('""', "must not be empty"),
    ('"abc', "no closing quote"),
    ('"abc";a=1', "no parameters"),
    ('"a"b"', "no parameters"),
    ('"a\\nb"', "printable ASCII"),
    ('"a\tb"', "printable ASCII"),
    ('"' + "a" * (KEY_MAX_LENGTH + 1) + '"', f"at most {KEY_MAX_LENGTH} characters"),
    ("?abc", "must be a quoted string"),
    ("1234", "must be a quoted string"),
])
@pytest.mark.parametrize("operation", KEYED)
def test_a_malformed_key_is_400_naming_the_header(client, sandbox, operation, value, message):
    before = sandbox.store.dump()
    request = keyed(operation, headers={**AUTH, "Idempotency-Key": value})
    body = problem(send(client, request), 400, "validation_error")
    assert body["errors"] == [{"field": FIELD, "message": body["errors"][0]["message"]}]
    assert message in body["errors"][0]["message"]
    assert "Idempotency-Key" in body["detail"]
    assert sandbox.store.dump() == before


@pytest.mark.parametrize("operation", KEYED)
def test_a_key_given_twice_is_400(client, sandbox, operation):
    ok = success(operation, AUTH)
    response = client.post(BASE_URL.removesuffix("/v1") + ok.path, json=ok.json,
                           headers=[*AUTH.items(), ("Idempotency-Key", '"a"'),
                                    ("Idempotency-Key", '"a"')])
    body = problem(response, 400, "validation_error")
    assert body["errors"] == [{"field": FIELD, "message": "is given more than once"}]


@pytest.mark.parametrize("value, key", [
    ('"a"', "a"), ('  "a b"  ', "a b"), ('"say \\"hi\\""', 'say "hi"'), ('"\\\\"', "\\"),
    ('"' + "x" * KEY_MAX_LENGTH + '"', "x" * KEY_MAX_LENGTH),
    ('"8e03978e-40d5-43e8-bc93-6894a57f9324"', "8e03978e-40d5-43e8-bc93-6894a57f9324"),
])
def test_well_formed_keys_are_accepted_and_unescaped(client, sandbox, value, key):
    first = send(client, keyed("createVolume", headers={**AUTH, "Idempotency-Key": value}))
    assert first.status_code == 201, first.text
    # The store got the key unescaped: the same key and body, sent to it directly, replay.
    body = VolumeCreate.model_validate(success("createVolume", {}).json)
    assert sandbox.store.create_volume(body, idempotency_key=key).id == first.json()["id"]


def test_the_parser_accepts_exactly_the_declared_pattern():
    rng = random.Random(8941)
    alphabet = ['"', "\\", "a", " ", "~", "\x7f", "\t", "é", ";", "="]
    samples = ['"' + "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 6))) + '"'
               for _ in range(3000)]
    samples += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8)))
                for _ in range(3000)]
    for value in samples:
        try:
            parse_key(value)
            parsed = True
        except ValueError:
            parsed = False
        assert parsed == bool(re.fullmatch(KEY_PATTERN, value.strip(" "))), repr(value)


@pytest.mark.parametrize("operation", KEYED)
def test_a_rejected_first_request_leaves_the_key_unused(client, sandbox, operation):
    body = success(operation, {}).json
    bad = {**body, "status": "running"}  # a read-only field: 400
    problem(send(client, keyed(operation, json=bad)), 400, "validation_error")
    if operation == "createWorkstation":  # a conflict: 409
        clash = {**body, "volume_ids": ["vol-data12345"]}
        problem(send(client, keyed(operation, json=clash)), 409, "volume_attached")
    assert send(client, keyed(operation, json=_another(body))).status_code == 201


@pytest.mark.parametrize(("operation", "step"), [(op, step) for op in KEYED
                                                 for step in OPERATIONS[op].steps])
def test_a_failed_first_request_leaves_the_key_unused(client, sandbox, operation, step):
    before = sandbox.store.dump()
    sandbox.store.fail_next(operation, step=step)
    problem(send(client, keyed(operation)), 500, "internal_error")
    assert sandbox.store.dump() == before
    # The retry with the same key and body creates, once.
    created = send(client, keyed(operation))
    assert created.status_code == 201
    after = sandbox.store.dump()
    assert send(client, keyed(operation)).content == created.content
    assert sandbox.store.dump() == after


class _Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = datetime(2026, 2, 1, 12, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.mark.parametrize("operation", KEYED)
def test_a_key_expires_after_its_time_on_the_sandbox_clock(shared_client, operation):
    clock = _Clock()
    body = REPEATABLE[operation]
    client = shared_client
    with mock_api(Store(clock=clock)):
        first = send(client, keyed(operation, json=body))
        other = keyed(operation, json=_another(body))
        clock.now += KEY_TTL - timedelta(seconds=1)
        problem(send(client, other), 422, "idempotency_key_reused")
        assert send(client, keyed(operation, json=body)).content == first.content
        clock.now += timedelta(seconds=1)
        again = send(client, keyed(operation, json=body))
        assert again.status_code == 201 and again.json()["id"] != first.json()["id"]
    assert KEY_TTL == timedelta(hours=24)


@pytest.mark.parametrize("operation", KEYED)
def test_reset_forgets_every_key(client, sandbox, operation):
    send(client, keyed(operation))
    sandbox.store.reset()
    other = keyed(operation, json=_another(success(operation, {}).json))
    assert send(client, other).status_code == 201


@pytest.mark.parametrize("operation", KEYED)
def test_a_key_in_flight_is_409_and_changes_nothing(client, sandbox, operation):
    body = REPEATABLE[operation]
    before = sandbox.store.dump()
    with sandbox.store.in_flight(operation, "k-1"):
        answer = problem(send(client, keyed(operation, json=body)), 409,
                         "idempotency_key_in_flight")
        assert "still being processed" in answer["detail"]
        assert sandbox.store.dump() == before
        another_key = send(client, keyed(operation, key="k-2", json=body))
        assert another_key.status_code == 201
    released = send(client, keyed(operation, json=body))
    assert released.status_code == 201
    assert released.json()["id"] != another_key.json()["id"]


def test_a_request_waiting_for_the_store_holds_its_key(sandbox, client):
    """Two threads, one key: the second request is refused while the first one waits."""
    store = sandbox.store
    answers: list[httpx.Response] = []
    with httpx.Client() as other:  # the first request's own client, on its own thread
        with store._lock:  # the store is busy: the first request waits, holding its key
            first = threading.Thread(target=lambda: answers.append(
                send(other, keyed("createVolume"))))
            first.start()
            deadline = time.monotonic() + 10
            while ("createVolume", "k-1") not in store._claims:
                assert time.monotonic() < deadline, "the first request never claimed its key"
                time.sleep(0.005)
            problem(send(client, keyed("createVolume")), 409, "idempotency_key_in_flight")
        first.join(10)
    assert answers and answers[0].status_code == 201
    assert send(client, keyed("createVolume")).content == answers[0].content


def test_in_flight_needs_an_operation_that_takes_a_key():
    with pytest.raises(ValueError, match="'deleteVolume' takes no Idempotency-Key; "
                                         "createWorkstation and createVolume do"), \
            Store().in_flight("deleteVolume", "k"):
        pass


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[str, Store]]:
    """``cloudws serve``'s app (no site) on 127.0.0.1, and its store, for the module."""
    store = Store()
    with serve(create_server(None, store)) as origin:
        yield origin, store


@pytest.mark.parametrize("operation", KEYED)
def test_replay_over_http(served, shared_client, operation):
    origin, store = served
    client = shared_client
    store.reset()  # no key remembered from another test
    first, again = (keyed(operation).send(client, origin) for _ in range(2))
    other = keyed(operation, json=_another(success(operation, {}).json)).send(client, origin)
    assert (first.status_code, again.status_code) == (201, 201)
    assert (again.content, again.headers["location"]) == (first.content,
                                                         first.headers["location"])
    assert (other.status_code, other.json()["code"]) == (422, "idempotency_key_reused")
