"""The API contract, one request and its whole answer per test."""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import httpx
import pytest
import respx

from cloudws.errors import ApiError
from cloudws.limits import MAX_BODY_BYTES
from cloudws.models import PAGE_SIZE, WorkstationUpdate
from cloudws.operations import OPERATIONS
from cloudws.store import Store
from cloudws.testing import BASE_URL, mock_api

from .conftest import AUTH
from .helpers import document, pinned, tls


@pytest.fixture(scope="module")
def _authenticated() -> Iterator[httpx.Client]:
    with httpx.Client(base_url=BASE_URL, headers=AUTH) as client:
        yield client


@pytest.fixture
def api(sandbox, _authenticated: httpx.Client) -> httpx.Client:
    """An authenticated client for the test's fresh sandbox (as tests/conftest.py's), made
    once for the module: ``mock_api`` routes by patching httpx's transports, so one
    client reaches each test's sandbox, and a client per test loaded the CA bundle for its
    TLS context each time, more than most tests cost."""
    return _authenticated


@pytest.fixture(scope="module")
def anonymous() -> Iterator[httpx.Client]:
    """A client that sends no credentials of its own, for the module's tests."""
    with httpx.Client(base_url=BASE_URL) as client:
        yield client


def problem(response: httpx.Response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status
    assert body["code"] == code
    assert body["type"].endswith("#" + code)
    assert set(body) >= {"type", "title", "status", "detail", "code"}
    return body


# -- authentication ----------------------------------------------------------------------


@pytest.mark.parametrize("header", [
    None, "", "Bearer", "Bearer ", "Bearer live_123", "Basic cws_test_x",
    "Bearer cws_live_x", "Bearer cws_test_x extra", "Token cws_test_x",
])
def test_auth_rejects_bad_tokens(sandbox, anonymous, header):
    headers = {} if header is None else {"Authorization": header}
    r = anonymous.get("/workstations", headers=headers)
    problem(r, 401, "unauthorized")
    # the one challenge every operation's 401 declares (the authentication page shows it)
    [declared] = {value for item in document()["paths"].values() for op in item.values()
                  for value in op["responses"]["401"]["headers"]["WWW-Authenticate"]
                  ["schema"]["enum"]}
    assert r.headers["www-authenticate"] == declared


def test_a_request_is_checked_whole_before_its_parts(sandbox, api, anonymous):
    """As the errors page orders it: the token, then the body's size, then the path and
    its method, then the parts' stages (here, an unknown query parameter)."""
    big = b"x" * (MAX_BODY_BYTES + 1)
    problem(anonymous.request("PUT", "/nothing?x=1", content=big), 401, "unauthorized")
    problem(api.request("PUT", "/nothing?x=1", content=big), 413, "payload_too_large")
    problem(api.request("GET", "/nothing?x=1"), 404, "not_found")
    for path in ("/workstations/", "/workstations/ws-12345/", "/workstations/ws-12345/stop/"):
        problem(api.request("POST" if path.endswith("stop/") else "GET", path), 404,
                "not_found")  # a path ending in / is none of the API's, as not_found says
    problem(api.request("PUT", "/workstations?x=1"), 405, "method_not_allowed")
    problem(api.request("GET", "/workstations?x=1"), 400, "validation_error")


@pytest.mark.parametrize("headers, says", [
    ([], "is missing"),
    ([("Authorization", "Bearer cws_test_a"), ("Authorization", "Bearer cws_test_b")],
     "more than one Authorization header"),
    # the two joined into one, as fetch sends them (Headers.append), and a comma in a token
    ([("Authorization", "Bearer cws_test_a, Bearer cws_test_b")],
     "more than one Authorization header"),
    ([("Authorization", "bearer cws_test_a,Basic dXNlcjpwdw==")],
     "more than one Authorization header"),
    ([("Authorization", "Bearer cws_test_a,b")], "a character a token cannot have"),
    # either joined value from a variable that was empty (fetch trims the space after it)
    ([("Authorization", "Bearer cws_test_a, Bearer")], "more than one Authorization header"),
    ([("Authorization", "Bearer, Bearer cws_test_b")], "more than one Authorization header"),
    ([("Authorization", ", Bearer cws_test_b")], "more than one Authorization header"),
    ([("Authorization", "Bearer cws_test_a,")], "more than one Authorization header"),
    # any of HTTP's schemes after the comma, three values too
    ([("Authorization", "Bearer cws_test_a, Negotiate YIIB")],
     "more than one Authorization header"),
    ([("Authorization", "Bearer cws_test_a, DPoP x, Bearer cws_test_c")],
     "more than one Authorization header"),
    # a second token without its scheme, and an empty value between two
    ([("Authorization", "Bearer cws_test_a, cws_test_b")], "more than one Authorization header"),
    ([("Authorization", "Bearer cws_test_a, Bearer, Bearer cws_test_c")],
     "more than one Authorization header"),
    ([("Authorization", "Bearer cws_test_a, , Bearer cws_test_c")],
     "more than one Authorization header"),
    ([("Authorization", "Bearer cws_test_a,, Bearer cws_test_c")],
     "more than one Authorization header"),
    ([("Authorization", "Bearer cws_test_a, and then some")],
     "a character a token cannot have"),
    ([("Authorization", "Basic cws_test_a")], "is not 'Bearer <token>'"),
    ([("Authorization", "Bearer\tcws_test_a")], "is not 'Bearer <token>'"),
    ([("Authorization", "Bearer ")], "no token after Bearer"),
    ([("Authorization", "Bearer live_123")], "not a sandbox token"),
    ([("Authorization", "Bearer cws_test_ci:run-42")], "a character a token cannot have"),
    ([("Authorization", "Bearer cws_test_a=b")], "with = only at the end"),
    ([("Authorization", "Bearer cws_test_")], "only the prefix 'cws_test_'"),
    ([("Authorization", "Bearer cws_test_==")], "only the prefix 'cws_test_'"),
])
def test_a_401_says_what_is_wrong_with_the_token(sandbox, anonymous, headers, says):
    r = anonymous.get("/workstations", headers=httpx.Headers(headers))
    assert says in problem(r, 401, "unauthorized")["detail"]


def test_a_read_only_field_is_one_of_the_resource_the_body_makes(api, sandbox):
    r = api.post("/volumes", json={"size_gb": 10, "attached_to": None})
    assert problem(r, 400, "validation_error")["errors"] == [
        {"field": "body.attached_to", "message": "is read-only"}]
    r = api.post("/volumes", json={"size_gb": 10, "updated_at": "2026-01-01T00:00:00Z"})
    assert problem(r, 400, "validation_error")["errors"] == [
        {"field": "body.updated_at", "message": "is not a known field"}]  # no volume has it


@pytest.mark.parametrize("scheme", ["Bearer", "bearer", "BEARER"])
def test_auth_scheme_is_case_insensitive(sandbox, anonymous, scheme):
    r = anonymous.get("/workstations", headers={"Authorization": f"{scheme} cws_test_a"})
    assert r.status_code == 200


def test_auth_is_checked_before_routing_and_ids(sandbox, anonymous):
    for method, path in [("GET", "/nope"), ("DELETE", "/workstations/BAD"),
                         ("PUT", "/workstations"), ("GET", "/workstations/ws-12345/delete")]:
        problem(anonymous.request(method, path), 401, "unauthorized")
    assert sandbox.store.get_workstation("ws-12345").status == "stopped"


def test_openapi_document_is_public(sandbox, anonymous):
    r = anonymous.get("https://api.cloudworkstation.example.com/openapi.json")
    assert r.status_code == 200
    assert r.json()["openapi"] == "3.1.0"


# -- workstations ------------------------------------------------------------------------


def test_create_workstation_returns_201_location_and_running(api):
    r = api.post("/workstations", json={"name": "ci-box", "machine_type": "standard-2",
                                        "volume_ids": ["vol-scratch01"]})
    assert r.status_code == 201
    ws = r.json()
    assert r.headers["location"] == f"/v1/workstations/{ws['id']}"
    assert ws["status"] == "running"
    assert ws["name"] == "ci-box"
    assert ws["volume_ids"][1:] == ["vol-scratch01"]
    boot = api.get(f"/volumes/{ws['volume_ids'][0]}").json()
    assert boot == {"id": ws["volume_ids"][0], "size_gb": 50, "standalone": False,
                    "attached_to": ws["id"], "created_at": ws["created_at"]}
    assert api.get("/volumes/vol-scratch01").json()["attached_to"] == ws["id"]
    assert api.get(f"/workstations/{ws['id']}").json() == ws


def test_create_workstation_is_deterministic(anonymous):
    body = {"name": "same", "machine_type": "gpu-t4", "disk_size_gb": 100}
    results = []
    for _ in range(2):
        with mock_api():
            results.append(anonymous.post("/workstations", json=body, headers=AUTH).json())
    assert results[0] == results[1]


@pytest.mark.parametrize("body, field, message", [
    ({"machine_type": "standard-2"}, "body.name", "is required"),
    ({"name": "x", "machine_type": "standard-2", "status": "stopped"}, "body.status",
     "is read-only"),
    ({"name": "x", "machine_type": "standard-2", "id": "ws-abcdef"}, "body.id", "is read-only"),
    ({"name": "x", "machine_type": "standard-2", "nmae": "y"}, "body.nmae",
     "is not a known field"),
    ({"name": "x", "machine_type": "standard-2", "standalone": True}, "body.standalone",
     "is not a known field"),  # a volume's field, which a workstation does not have
    ({"name": "x", "machine_type": "huge"}, "body.machine_type", "input should be"),
    ({"name": "x", "machine_type": "standard-2", "disk_size_gb": "50"}, "body.disk_size_gb",
     "input should be a valid integer"),
    ({"name": "x", "machine_type": "standard-2", "disk_size_gb": 5}, "body.disk_size_gb",
     "greater than or equal to 10"),
    ({"name": "Bad Name", "machine_type": "standard-2"}, "body.name", "string should match"),
    ({"name": "x", "machine_type": "standard-2", "volume_ids": ["vol-scratch01"] * 2},
     "body.volume_ids", "must not repeat"),
])
def test_create_workstation_rejects_invalid_bodies(api, sandbox, body, field, message):
    before = sandbox.store.dump()
    body_json = problem(api.post("/workstations", json=body), 400, "validation_error")
    assert any(e["field"] == field and message in e["message"] for e in body_json["errors"]), body_json
    assert field in body_json["detail"]
    assert sandbox.store.dump() == before


def test_create_workstation_accepts_integral_floats(api):
    r = api.post("/workstations", json={"name": "x", "machine_type": "standard-2",
                                        "disk_size_gb": 395.0})
    assert r.status_code == 201
    assert api.get(f"/volumes/{r.json()['volume_ids'][0]}").json()["size_gb"] == 395
    # however written, as JSON writes numbers: read exactly, not through a float
    for written, size in (("1e2", 100), ("2.0E1", 20), ("10.000000000000000000", 10)):
        r = api.post("/volumes", content=f'{{"size_gb": {written}}}',
                     headers={"Content-Type": "application/json"})
        assert (r.status_code, r.json().get("size_gb")) == (201, size), r.text
    # and a whole number out of range is told so, however written; a fraction is no integer
    for written, said in (("1e19", "less than or equal to"), ("20e3", "less than or equal to"),
                          ("1e999999999", "less than or equal to"),
                          ("1" + "0" * 5000, "less than or equal to"),
                          ("-1e999999999", "greater than or equal to"),
                          ("0e999999999", "greater than or equal to"),
                          ("10.0000000000000001", "valid integer")):
        r = api.post("/volumes", content=f'{{"size_gb": {written}}}',
                     headers={"Content-Type": "application/json"})
        errors = problem(r, 400, "validation_error")["errors"]
        assert [e["field"] for e in errors] == ["body.size_gb"] and said in errors[0]["message"], \
            (written, errors)


@pytest.mark.parametrize("volume, status, code", [
    ("vol-nothere1", 409, "volume_not_found"),
    ("vol-data12345", 409, "volume_attached"),
    ("vol-boot67890", 409, "volume_owned"),
])
def test_create_workstation_checks_volumes(api, sandbox, volume, status, code):
    before = sandbox.store.dump()
    r = api.post("/workstations", json={"name": "x", "machine_type": "standard-2",
                                        "volume_ids": [volume]})
    assert volume in problem(r, status, code)["detail"]
    assert sandbox.store.dump() == before


def test_body_errors_413_415_and_invalid_json(api, sandbox):
    before = sandbox.store.dump()
    big = b'{"name": "' + b"a" * MAX_BODY_BYTES + b'"}'
    problem(api.post("/workstations", content=big,
                     headers={"Content-Type": "application/json"}), 413, "payload_too_large")
    problem(api.post("/volumes", content=b"size_gb=10",
                     headers={"Content-Type": "application/x-www-form-urlencoded"}),
            415, "unsupported_media_type")
    problem(api.post("/volumes", content=b"{", headers={"Content-Type": "application/json"}),
            400, "invalid_json")
    problem(api.post("/volumes", json=[1]), 400, "invalid_json")
    problem(api.post("/volumes"), 400, "validation_error")
    assert sandbox.store.dump() == before


def test_list_workstations_paginates_in_creation_order(api):
    for i in range(3):
        assert api.post("/workstations", json={"name": f"w{i}", "machine_type": "standard-2"}
                        ).status_code == 201
    seen, cursor = [], None
    while True:
        params = {"limit": 2} | ({"cursor": cursor} if cursor else {})
        page = api.get("/workstations", params=params).json()
        assert len(page["data"]) <= 2
        seen += [w["name"] for w in page["data"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == ["dev-box", "build-runner", "w0", "w1", "w2"]


def test_list_workstations_filters_by_status(api):
    page = api.get("/workstations", params={"status": "running"}).json()
    assert [w["id"] for w in page["data"]] == ["ws-67890"]
    assert page["next_cursor"] is None
    assert api.get("/workstations").json()["data"][0]["id"] == "ws-12345"


@pytest.mark.parametrize("query", [
    f"limit={PAGE_SIZE[0] - 1}", f"limit={PAGE_SIZE[1] + 1}", "limit=abc", "limit=",
    "cursor=short", "cursor=!!!!!!!!!!!!",
    "status=paused", "limt=5",
])
def test_list_rejects_bad_parameters(api, query):
    body = problem(api.get(f"/workstations?{query}"), 400, "validation_error")
    assert query.split("=")[0] in body["detail"]


def test_a_query_names_every_unknown_and_repeated_parameter_at_once(api):
    """The first stage of checks names both kinds together (docs/concepts/errors.md), at
    most ``MAX_LISTED_NAMES`` of each; a value is not checked before they are fixed."""
    from cloudws.limits import MAX_LISTED_NAMES

    body = problem(api.get("/workstations?foo=1&limit=1&limit=0&status=running&status=x"),
                   400, "validation_error")
    assert body["errors"] == [
        {"field": "query.foo", "message": "is not a known parameter"},
        {"field": "query.limit", "message": "is given more than once"},
        {"field": "query.status", "message": "is given more than once"}]
    assert "foo" in body["detail"] and "limit" in body["detail"]
    many = "&".join(f"x{n:02}=1" for n in range(MAX_LISTED_NAMES + 5)) + "&limit=1&limit=2"
    body = problem(api.get(f"/volumes?{many}"), 400, "validation_error")
    assert [e["field"] for e in body["errors"]] == [
        *(f"query.x{n:02}" for n in range(MAX_LISTED_NAMES)), "query.limit"]


def test_a_cursor_out_of_form_is_named_with_the_values_and_one_not_issued_after_them(api):
    """docs/concepts/errors.md's stages: a cursor not in a cursor's form is a bad value,
    named with the others; a well-formed cursor the list did not issue is checked only
    once the values pass."""
    body = problem(api.get("/workstations?limit=0&cursor=abc"), 400, "validation_error")
    assert [e["field"] for e in body["errors"]] == ["query.limit", "query.cursor"]
    unissued = "A" * 24
    body = problem(api.get(f"/workstations?limit=0&cursor={unissued}"), 400, "validation_error")
    assert [e["field"] for e in body["errors"]] == ["query.limit"]
    body = problem(api.get(f"/workstations?limit=1&cursor={unissued}"), 400, "validation_error")
    assert [e["field"] for e in body["errors"]] == ["query.cursor"]


@pytest.mark.parametrize("value", ["1_0", "+5", "05", " 1", "1 ", "1.0", "-0", "-5", "1e1",
                                   "0x5", "\uff15", "5\n"])
@pytest.mark.parametrize("path", ["/workstations", "/volumes"])
def test_list_limit_is_plain_decimal_digits(api, sandbox, path, value):
    before = sandbox.store.dump()
    body = problem(api.get(path, params={"limit": value}), 400, "validation_error")
    assert [e["field"] for e in body["errors"]] == ["query.limit"]
    assert "query.limit" in body["detail"]
    assert sandbox.store.dump() == before


def test_list_limit_in_plain_digits_is_accepted(api):
    assert len(api.get("/volumes", params={"limit": "3"}).json()["data"]) == 3
    assert len(api.get("/volumes", params={"limit": "100"}).json()["data"]) == 4


@pytest.mark.parametrize("raw, fields", [
    ('{"name": "a", "name": "b", "machine_type": "standard-2"}', ["body.name"]),
    ('{"name": "a", "machine_type": "standard-2", "machine_type": "standard-2"}',
     ["body.machine_type"]),
    ('{"name": "a", "machine_type": "standard-2", "volume_ids": [], "volume_ids": []}',
     ["body.volume_ids"]),
    ('{"name": "a", "machine_type": "standard-2", "x": {"k": 1, "k": 2}}', ["body.x.k"]),
    ('{"name": "a", "machine_type": "standard-2", "x": [{"k": 1}, {"k": 1, "k": 1}]}',
     ["body.x.1.k"]),
    ('{"name": "a", "name": "a", "machine_type": "standard-2", "x": {"y": {"z": 0, "z": 0}}}',
     ["body.name", "body.x.y.z"]),
])
def test_duplicate_keys_in_a_body_are_named(api, sandbox, raw, fields):
    before = sandbox.store.dump()
    r = api.post("/workstations", content=raw, headers={"Content-Type": "application/json"})
    body = problem(r, 400, "validation_error")
    assert [e["field"] for e in body["errors"]] == fields
    assert {e["message"] for e in body["errors"]} == {"is given more than once"}
    assert fields[0] in body["detail"]
    assert sandbox.store.dump() == before


def test_duplicate_keys_are_refused_on_every_body(api, sandbox):
    before = sandbox.store.dump()
    json_type = {"Content-Type": "application/json"}
    body = problem(api.post("/volumes", content='{"size_gb": 10, "size_gb": 20}',
                            headers=json_type), 400, "validation_error")
    assert body["errors"][0]["field"] == "body.size_gb"
    body = problem(api.patch("/workstations/ws-12345", content='{"name": "a", "name": "a"}',
                             headers=json_type), 400, "validation_error")
    assert body["errors"][0]["field"] == "body.name"
    assert sandbox.store.dump() == before


def test_get_workstation_invalid_and_unknown_ids(api):
    assert "ws-" in problem(api.get("/workstations/12345"), 400, "invalid_id")["detail"]
    problem(api.get("/workstations/ws-ABCDE"), 400, "invalid_id")
    problem(api.get("/workstations/ws-" + "a" * 33), 400, "invalid_id")
    problem(api.get("/workstations/ws-00000"), 404, "not_found")


def test_start_and_stop_are_idempotent(api):
    ws = api.get("/workstations/ws-12345").json()
    stopped_again = api.post("/workstations/ws-12345/stop")
    assert stopped_again.status_code == 200
    assert stopped_again.json() == ws
    started = api.post("/workstations/ws-12345/start").json()
    assert started["status"] == "running"
    assert started["updated_at"] > ws["updated_at"]
    assert api.post("/workstations/ws-12345/start").json() == started


def test_update_requires_stopped(api, sandbox):
    before = sandbox.store.dump()
    body = problem(api.patch("/workstations/ws-67890", json={"name": "renamed"}),
                   409, "workstation_not_stopped")
    assert "running" in body["detail"]
    assert sandbox.store.dump() == before


@pytest.mark.parametrize("body", [
    {"name": "dev-box"},
    {"machine_type": "standard-4"},
    {"volume_ids": ["vol-data12345"]},
    {"volume_ids": ["vol-boot12345", "vol-data12345"]},
    {"name": "dev-box", "machine_type": "standard-4", "volume_ids": ["vol-data12345"]},
])
def test_update_with_the_same_values_changes_nothing(api, sandbox, body):
    ws = api.get("/workstations/ws-12345").json()
    before = sandbox.store.dump()
    r = api.patch("/workstations/ws-12345", json=body)
    assert r.status_code == 200, r.text
    assert r.json() == ws  # updated_at included
    assert sandbox.store.dump() == before


def test_update_moves_updated_at_only_when_a_value_changes(api):
    ws = api.get("/workstations/ws-12345").json()
    changed = api.patch("/workstations/ws-12345", json={"name": "dev-box", "machine_type":
                                                         "highmem-8"}).json()
    assert changed["machine_type"] == "highmem-8"
    assert changed["updated_at"] > ws["updated_at"]
    again = api.patch("/workstations/ws-12345", json={"machine_type": "highmem-8"}).json()
    assert again == changed


def test_update_attaches_and_detaches_standalone_volumes(api):
    r = api.patch("/workstations/ws-12345", json={"volume_ids": ["vol-scratch01"]})
    assert r.status_code == 200
    assert r.json()["volume_ids"] == ["vol-boot12345", "vol-scratch01"]
    assert api.get("/volumes/vol-data12345").json()["attached_to"] is None
    assert api.get("/volumes/vol-scratch01").json()["attached_to"] == "ws-12345"
    r = api.patch("/workstations/ws-12345", json={"name": "renamed", "machine_type": "highmem-8"})
    assert (r.json()["name"], r.json()["machine_type"]) == ("renamed", "highmem-8")
    assert r.json()["volume_ids"] == ["vol-boot12345", "vol-scratch01"]


def test_update_rejects_empty_body_and_owned_volumes(api, sandbox):
    before = sandbox.store.dump()
    problem(api.patch("/workstations/ws-12345", json={}), 400, "validation_error")
    nulled = problem(api.patch("/workstations/ws-12345", json={"name": None}), 400,
                     "validation_error")
    # a pydantic model dumped with its unset fields sends null: told so, and what to do
    assert nulled["errors"] == [{"field": "body.name", "message": "is null, which is no value: "
                                 "give one, or leave the field out"}], nulled
    # ...where it may be left out: not a required field, nor an item of a list
    for path, body, field in (("/volumes", {"size_gb": None}, "body.size_gb"),
                              ("/workstations", {"name": "x", "machine_type": "standard-2",
                                                 "volume_ids": [None]}, "body.volume_ids.0")):
        said = problem(api.post(path, json=body), 400, "validation_error")
        assert said["errors"] == [{"field": field, "message": "is null, which is no value: "
                                   "give one"}], said
    problem(api.patch("/workstations/ws-12345", json={"volume_ids": ["vol-boot67890"]}),
            409, "volume_owned")
    problem(api.patch("/workstations/ws-12345", json={"volume_ids": ["vol-missing1"]}),
            409, "volume_not_found")
    assert sandbox.store.dump() == before
    # the store's own rule, for a test in Python too, before the workstation's state
    for ws_id in ("ws-12345", "ws-67890", "ws-00000"):
        with pytest.raises(ApiError) as refused:
            sandbox.store.update_workstation(ws_id, WorkstationUpdate())
        assert (refused.value.status, refused.value.errors) == (
            400, [{"field": "body", "message": "must have at least one field"}])
    assert sandbox.store.dump() == before


def test_delete_workstation_deletes_owned_and_detaches_standalone(api):
    r = api.delete("/workstations/ws-12345")
    assert r.status_code == 200
    assert r.json() == {"id": "ws-12345", "status": "deleted",
                        "deleted_volume_ids": ["vol-boot12345"],
                        "detached_volume_ids": ["vol-data12345"]}
    problem(api.get("/workstations/ws-12345"), 404, "not_found")
    problem(api.get("/volumes/vol-boot12345"), 404, "not_found")
    assert api.get("/volumes/vol-data12345").json()["attached_to"] is None
    problem(api.delete("/workstations/ws-12345"), 404, "not_found")


def test_delete_running_workstation_conflicts(api, sandbox):
    before = sandbox.store.dump()
    body = problem(api.delete("/workstations/ws-67890"), 409, "workstation_not_stopped")
    assert "is running" in body["detail"]
    assert sandbox.store.dump() == before


def test_delete_invalid_id(api):
    problem(api.delete("/workstations/ws_12345"), 400, "invalid_id")


def test_removed_get_delete_answers_410_and_deletes_nothing(api, sandbox):
    before = sandbox.store.dump()
    body = problem(api.get("/workstations/ws-12345/delete"), 410, "endpoint_removed")
    assert "Use DELETE /v1/workstations/ws-12345 " in body["detail"]
    # An unknown but well-formed ID is 410 too: the endpoint is gone, whatever the ID.
    body = problem(api.get("/workstations/ws-nothere00/delete"), 410, "endpoint_removed")
    assert "Use DELETE /v1/workstations/ws-nothere00 " in body["detail"]
    assert sandbox.store.dump() == before


@pytest.mark.parametrize("bad_id", ["ws-bad!", "WS-12345", "ws-1", "12345", "ws-%3Cscript%3E",
                                    "vol-scratch01"])
def test_removed_get_delete_checks_the_id_before_its_410(api, sandbox, bad_id):
    before = sandbox.store.dump()
    body = problem(api.get(f"/workstations/{bad_id}/delete"), 400, "invalid_id")
    assert "Use DELETE" not in body["detail"]
    assert body["errors"] == [{"field": "path.id", "message": "must match ws-[a-z0-9]{5,32}"}]
    assert sandbox.store.dump() == before


@pytest.mark.parametrize("path, prefix", [("/workstations/WS-1", "ws-"),
                                          ("/volumes/vol-x", "vol-")])
def test_an_invalid_id_is_described_by_the_id_facts(api, monkeypatch, path, prefix):
    """The ``invalid_id`` problem says the ID's form as the docs do (``describe_id``), and
    follows a change of it."""
    from cloudws import models

    monkeypatch.setattr(models, "ID_LENGTH", (7, 9))
    body = problem(api.get(path), 400, "invalid_id")
    assert body["detail"].endswith(f"ID: expected {prefix} and 7 to 9 lowercase letters or "
                                   "digits."), body["detail"]
    pattern = models.VOLUME_ID_PATTERN if prefix == "vol-" else models.WORKSTATION_ID_PATTERN
    assert body["errors"] == [{"field": "path.id", "message": f"must match {pattern[1:-1]}"}]


def test_removed_get_delete_answers_exactly_its_documented_statuses(api, anonymous, sandbox):
    before = sandbox.store.dump()
    problem(api.get("/workstations/ws-12345/delete?force=1"), 400, "validation_error")
    problem(anonymous.get("/workstations/ws-12345/delete"), 401, "unauthorized")
    problem(api.request("GET", "/workstations/ws-12345/delete", content=b"x" * (MAX_BODY_BYTES + 1)),
            413, "payload_too_large")
    head = api.head("/workstations/ws-12345/delete")
    assert (head.status_code, head.content) == (410, b"")
    r = api.delete("/workstations/ws-12345/delete")
    assert (r.status_code, r.headers["allow"]) == (405, "GET, HEAD")
    assert sandbox.store.dump() == before


# -- volumes -----------------------------------------------------------------------------


def test_volume_lifecycle(api):
    r = api.post("/volumes", json={"size_gb": 20})
    assert r.status_code == 201
    vol = r.json()
    assert r.headers["location"] == f"/v1/volumes/{vol['id']}"
    assert (vol["standalone"], vol["attached_to"], vol["size_gb"]) == (True, None, 20)
    assert vol in api.get("/volumes", params={"limit": 100}).json()["data"]
    assert api.delete(f"/volumes/{vol['id']}").json() == {"id": vol["id"], "status": "deleted"}
    problem(api.get(f"/volumes/{vol['id']}"), 404, "not_found")


def test_delete_volume_conflicts(api, sandbox):
    before = sandbox.store.dump()
    problem(api.delete("/volumes/vol-data12345"), 409, "volume_attached")
    problem(api.delete("/volumes/vol-boot12345"), 409, "volume_owned")
    problem(api.delete("/volumes/vol-x"), 400, "invalid_id")
    problem(api.delete("/volumes/vol-nothere1"), 404, "not_found")
    assert sandbox.store.dump() == before


# -- framework errors --------------------------------------------------------------------


def _allowed(template: str) -> list[str]:
    """The methods the operations declare on ``template``, and HEAD where GET is, sorted."""
    methods = {op.method for op in OPERATIONS.values() if op.path == template}
    return sorted(methods | ({"HEAD"} if "GET" in methods else set()))


def test_unknown_path_and_wrong_method_are_problems(api):
    problem(api.get("/nothing"), 404, "not_found")
    for op in (OPERATIONS["getWorkstation"], OPERATIONS["getVolume"]):
        path, allowed = op.path.format_map(op.example.path).removeprefix("/v1"), _allowed(op.path)
        method = next(m for m in ("PUT", "POST", "PATCH", "DELETE") if m not in allowed)
        r = api.request(method, path, json={})
        problem(r, 405, "method_not_allowed")
        assert r.headers["allow"] == ", ".join(allowed)  # sorted, as the API sends it


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
def test_every_operation_refuses_an_unknown_query_parameter_first(api, sandbox, operation):
    """docs/concepts/errors.md's first stage, for every declared operation (a new one
    too): its example, with a parameter it does not take, gets 400 naming it, and
    nothing changes."""
    op = OPERATIONS[operation]
    path = op.path.format_map(op.example.path).removeprefix("/v1")
    before = sandbox.store.dump()
    r = api.request(op.method, path, params={**op.example.query, "not_a_parameter": "1"},
                    json=op.example.body)
    body = problem(r, 400, "validation_error")
    assert {"field": "query.not_a_parameter", "message": "is not a known parameter"} in \
        body["errors"], body
    assert sandbox.store.dump() == before


def test_a_handler_not_made_with_route_is_named_at_import():
    """A declared operation needs a handler made with ``@_route``, which refuses unknown
    query parameters first: one without, or with a route made otherwise, is named."""
    from fastapi import APIRouter

    from cloudws import app as app_module
    from cloudws.operations import operation_route

    routes = APIRouter()
    operation_route(routes, OPERATIONS["getVolume"])(lambda: None)
    problems = app_module._handler_problems(routes.routes)
    assert "getVolume's handler is not made with @_route('getVolume'), so it does not " \
           "refuse an unknown query parameter as every operation does: decorate it with " \
           "@_route" in problems
    assert "deleteVolume is declared in src/cloudws/operations.py but has no handler: add " \
           "one here decorated with @_route('deleteVolume')" in problems
    assert app_module._handler_problems(app_module._routes.routes) == []


# -- faults ------------------------------------------------------------------------------


def test_injected_failure_returns_500_and_changes_nothing(api, sandbox):
    before = sandbox.store.dump()
    sandbox.store.fail_next("deleteWorkstation", step="delete_workstation")
    body = problem(api.delete("/workstations/ws-12345"), 500, "internal_error")
    assert "nothing was changed" in body["detail"]
    assert sandbox.store.dump() == before
    assert api.delete("/workstations/ws-12345").status_code == 200


def test_a_failure_with_an_undeclared_code_says_where_to_declare_it():
    from cloudws.operations import Failure

    with pytest.raises(ValueError, match=r"error code 'volume_shrunk' is not declared: add it "
                                         r"to ERROR_CODES in src/cloudws/errors.py"):
        Failure(("volume_shrunk",), "when the body asks for a smaller size")


def test_an_operation_declared_outside_the_apis_root_is_refused_naming_it():
    from dataclasses import replace

    from cloudws.operations import API_ROOT, OPERATIONS, _declare

    stray = replace(OPERATIONS["getVolume"], id="getDisk", path="/v2/disks/{id}")
    with pytest.raises(ValueError, match=rf"getDisk: its path /v2/disks/\{{id\}} is not under "
                                         rf"the API's root, {API_ROOT} "):
        _declare(*OPERATIONS.values(), stray)
    assert _declare(*OPERATIONS.values()) == OPERATIONS


def test_fail_next_rejects_unknown_operations():
    store = Store()
    with pytest.raises(ValueError, match="unknown operation"):
        store.fail_next("explode")
    with pytest.raises(ValueError, match="has no step"):
        store.fail_next("deleteVolume", step="nope")


# -- in-process routing ------------------------------------------------------------------


def test_async_clients_are_routed_too(sandbox):
    async def main() -> int:
        async with httpx.AsyncClient(headers=AUTH) as client:
            r = await client.get(f"{BASE_URL}/workstations/ws-12345")
            return r.status_code

    # A thread of its own: a Playwright session in the same worker keeps a loop running here.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        assert pool.submit(asyncio.run, main()).result() == 200


def test_the_innermost_mock_api_answers_async_clients_and_sync_ones_in_a_coroutine(sandbox):
    async def main() -> tuple[int, int]:
        with mock_api() as inner:
            inner.store.fail_next("getWorkstation")
            inner.store.fail_next("listVolumes")
            async with httpx.AsyncClient(headers=AUTH) as client:
                from_async = await client.get(f"{BASE_URL}/workstations/ws-12345")
            # A sync client where a loop is running (as beside Playwright): on purpose.
            from_sync = httpx.get(f"{BASE_URL}/volumes", headers=AUTH)  # noqa: ASYNC210
        return from_async.status_code, from_sync.status_code

    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        assert pool.submit(asyncio.run, main()).result() == (500, 500)
    assert httpx.get(f"{BASE_URL}/workstations/ws-12345", headers=AUTH).status_code == 200


def test_the_innermost_mock_api_answers_whatever_routes_an_outer_router_holds(sandbox):
    """An outer block's router is asked first; a route for the API's host added to it is
    never reached, while the inner block is active or not: the innermost sandbox answers,
    from its own store."""
    sandbox.router.get(f"{BASE_URL}/workstations/ws-12345").respond(418)
    assert httpx.get(f"{BASE_URL}/workstations/ws-12345", headers=AUTH).status_code == 200
    with mock_api() as inner:
        inner.store.fail_next("getWorkstation")
        assert httpx.get(f"{BASE_URL}/workstations/ws-12345", headers=AUTH).status_code == 500
        assert httpx.get(f"{BASE_URL}/workstations/ws-12345", headers=AUTH).status_code == 200
    sandbox.store.fail_next("getWorkstation")
    assert httpx.get(f"{BASE_URL}/workstations/ws-12345", headers=AUTH).status_code == 500
    # a router started between the blocks is asked before the inner one, as before it
    with respx.mock(assert_all_called=False) as between, mock_api():
        between.get(f"{BASE_URL}/workstations/ws-12345").mock(
            side_effect=httpx.ConnectTimeout("no answer"))
        with pytest.raises(httpx.ConnectTimeout):
            httpx.get(f"{BASE_URL}/workstations/ws-12345", headers=AUTH)
        assert httpx.get(f"{BASE_URL}/workstations/ws-67890", headers=AUTH).status_code == 200


def test_an_exception_in_the_app_answers_the_500_problem(api, sandbox, caplog):
    """The answer says nothing of it; in process, it is logged with its traceback (as a
    server logs it), so the test that met the 500 shows what went wrong."""
    async def explode() -> None:  # on the sandbox's loop, as the API's own handlers run
        raise RuntimeError("boom")

    sandbox.app.add_api_route("/v1/explode", explode)
    body = problem(api.get("/explode"), 500, "internal_error")
    assert "boom" not in str(body)
    [record] = [r for r in caplog.records if r.name == "cloudws.testing"]
    assert record.getMessage() == ("an exception in the sandbox (its app, or an observer of "
                                   "it) answering GET /v1/explode")
    assert record.exc_info is not None and str(record.exc_info[1]) == "boom"
    # the exception alone: not one the sandbox's own loop handling made its context
    assert record.exc_info[1].__context__ is None


def test_an_interrupted_request_is_never_answered_later_and_leaves_nothing_said(
        sandbox, monkeypatch, caplog):
    """Ctrl-C, or a test's time limit stopping a thread, may land while a thread's event
    loop is made, once the app's first step is queued, or while a request waits for the
    helper loop (a sync client called in a coroutine): the interrupt goes through, the
    request is never answered later (the workstation it deletes is still there), and
    nothing is said of it later (a coroutine never awaited, a task's exception never
    retrieved, a loop half made)."""
    import gc
    import sys
    import time
    import warnings

    from cloudws import testing

    def interrupt(*_: object) -> None:
        raise KeyboardInterrupt

    url = f"{BASE_URL}/workstations/ws-12345"  # stopped: a delete would succeed
    unraisable: list[object] = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    helper = asyncio.run_coroutine_threadsafe

    def waited_on_then_interrupted(coro, loop):  # type: ignore[no-untyped-def]
        loop.call_soon_threadsafe(time.sleep, 0.2)  # the helper loop busy: it waits its turn
        future = helper(coro, loop)

        class Interrupted:
            def result(self) -> None:
                raise KeyboardInterrupt

            cancel = future.cancel

        return Interrupted()

    async def in_a_coroutine() -> None:
        httpx.delete(url, headers=AUTH)  # noqa: ASYNC210 - a sync client here, on purpose

    with warnings.catch_warnings(record=True) as caught, \
            caplog.at_level(logging.WARNING, logger="asyncio"):
        warnings.simplefilter("always")
        with monkeypatch.context() as patched:  # a thread's first request makes its loop
            patched.setattr(asyncio, "new_event_loop", interrupt)
            with concurrent.futures.ThreadPoolExecutor(1) as pool, \
                    pytest.raises(KeyboardInterrupt):
                pool.submit(httpx.delete, url, headers=AUTH).result()
        assert httpx.get(url, headers=AUTH).status_code == 200  # this thread's loop, made
        testing._local.own.loop.call_soon(interrupt)  # lands before the app's first step
        with pytest.raises(KeyboardInterrupt):
            httpx.delete(url, headers=AUTH)
        with monkeypatch.context() as patched, \
                concurrent.futures.ThreadPoolExecutor(1) as pool:
            patched.setattr(asyncio, "run_coroutine_threadsafe", waited_on_then_interrupted)
            with pytest.raises(KeyboardInterrupt):
                pool.submit(asyncio.run, in_a_coroutine()).result()
        time.sleep(0.3)  # the helper loop free again: a request left to it would have run
        assert httpx.get(url, headers=AUTH).status_code == 200, "an interrupted delete ran"
        gc.collect()
    assert [str(w.message) for w in caught if w.category is RuntimeWarning] == []
    assert unraisable == []
    assert [r.getMessage() for r in caplog.records if r.name == "asyncio"] == []


@pytest.mark.parametrize("url", ["https://example.com/",
                                 BASE_URL.replace("https://", "http://") + "/volumes",
                                 BASE_URL.replace(".com/", ".com:8443/") + "/volumes"],
                         ids=["another-host", "http", "another-port"])
def test_other_hosts_schemes_and_ports_are_refused(sandbox, url):
    """Only the API's origin is the API: a client set up with ``http://`` or another port
    fails its tests, with an AssertionError no handler of httpx's errors catches."""
    assert url != BASE_URL + "/volumes"
    with pytest.raises(respx.models.AllMockedAssertionError, match="not mocked") as refused:
        httpx.get(url, headers=AUTH)
    assert isinstance(refused.value, AssertionError)
    assert not isinstance(refused.value, httpx.HTTPError)
    assert httpx.get(BASE_URL + "/volumes", headers=AUTH).status_code == 200


def test_mock_api_refuses_what_is_no_store_or_app_naming_what_it_takes():
    """Given a class for an instance, a string, or an app not made by create_app, it says so
    at once, rather than answer every request with a 500 (or fail on its first)."""
    from fastapi import FastAPI

    from cloudws.app import create_app

    store = "mock_api(store): a cloudws.store.Store"
    for args, kwargs, said in (((Store,), {}, store), (("abc",), {}, store),
                               ((), {"app": FastAPI()},
                                "mock_api(app=...): an app made by cloudws.app.create_app()"),
                               ((Store(),), {"app": create_app()}, "a store or an app, not both")):
        with pytest.raises(TypeError) as refused, mock_api(*args, **kwargs):
            pass
        assert said in str(refused.value), refused.value


def test_a_request_to_the_api_made_to_fail_in_transport_by_a_respx_mock_started_first():
    """As Sandbox.router says: a route of a ``respx.mock`` started before ``mock_api``
    answers first, and what it does not match goes on to the sandbox; the same route
    added to the sandbox's router is never reached."""
    url = f"{BASE_URL}/workstations/ws-12345"
    with respx.mock(assert_all_called=False) as outer:
        outer.get(url).mock(side_effect=httpx.ConnectTimeout("no answer"))
        with mock_api():
            with pytest.raises(httpx.ConnectTimeout):
                httpx.get(url, headers=AUTH)
            assert httpx.get(f"{BASE_URL}/workstations/ws-67890", headers=AUTH).status_code == 200
    with mock_api() as sandbox:
        sandbox.router.get(url).mock(side_effect=httpx.ConnectTimeout("no answer"))
        sandbox.router.get("https://auth.example.com/token").respond(200, json={"t": 1})
        assert httpx.get(url, headers=AUTH).status_code == 200
        assert httpx.get("https://auth.example.com/token").json() == {"t": 1}


def test_reset_returns_to_fixtures(api, sandbox):
    api.delete("/workstations/ws-12345")
    sandbox.store.reset()
    assert api.get("/workstations/ws-12345").status_code == 200


def test_observers_see_every_exchange(sandbox, api, anonymous):
    seen = []
    sandbox.app.state.observers.append(seen.append)
    api.delete("/workstations/ws-67890")
    anonymous.get("/workstations")
    api.get("/workstations/ws-12345/delete")
    api.get("/workstations/ws-1/delete")
    api.put("/workstations")
    api.get("/workstations/ws-12345")
    assert [(e.operation_id, e.status, e.code) for e in seen] == [
        ("deleteWorkstation", 409, "workstation_not_stopped"),
        ("listWorkstations", 401, "unauthorized"),
        ("removedDeleteWorkstation", 410, "endpoint_removed"),
        ("removedDeleteWorkstation", 400, "invalid_id"), (None, 405, "method_not_allowed"),
        ("getWorkstation", 200, None)]
    # an error's detail, what the answer's problem says of this request
    assert seen[5].detail is None
    assert seen[0].detail == api.delete("/workstations/ws-67890").json()["detail"]


def test_observers_see_an_unexpected_failure(sandbox, api, caplog):
    """An exception in the app is an answered ``500`` too: a test asserting that no 500
    happened sees it."""
    async def explode() -> None:
        raise RuntimeError("boom")

    seen: list = []
    sandbox.app.add_api_route("/v1/explode", explode)
    sandbox.app.state.observers.append(seen.append)
    answered = problem(api.get("/explode"), 500, "internal_error")
    assert [(e.path, e.status, e.code, e.detail) for e in seen] == [
        ("/v1/explode", 500, "internal_error", answered["detail"])]


def test_an_observer_that_raises_leaves_the_answer_the_other_observers_and_the_tasks(
        sandbox, api, caplog):
    """What an observer raises is raised once the app is done with the request: the
    client has the app's whole answer, the observers after it are told, a route's
    background task runs, and the exception is logged as the app's."""
    from fastapi import BackgroundTasks

    ran: list[str] = []

    async def with_a_task(tasks: BackgroundTasks) -> dict[str, bool]:
        tasks.add_task(ran.append, "task")
        return {"ok": True}

    with_a_task.__annotations__["tasks"] = BackgroundTasks  # not a string: a local name

    def fails(exchange) -> None:  # type: ignore[no-untyped-def]
        raise RuntimeError("the observer failed")

    told: list = []
    sandbox.app.add_api_route("/v1/tasked", with_a_task)
    sandbox.app.state.observers.extend([fails, told.append])
    answer = api.get("/tasked")
    assert (answer.status_code, answer.json()) == (200, {"ok": True})
    assert [e.path for e in told] == ["/v1/tasked"] and ran == ["task"]
    [record] = [r for r in caplog.records if r.name == "cloudws.testing"]
    assert str(record.exc_info[1]) == "the observer failed"


@pytest.mark.parametrize("method, path", [
    ("GET", "/workstations/ws-12345"), ("POST", "/workstations/ws-12345/start"),
    ("DELETE", "/volumes/vol-scratch01"), ("GET", "/volumes"),
])
def test_operations_without_a_body_reject_query_and_big_bodies(api, sandbox, method, path):
    before = sandbox.store.dump()
    problem(api.request(method, path + "?verbose=1"), 400, "validation_error")
    problem(api.request(method, path, content=b"x" * (MAX_BODY_BYTES + 1)), 413, "payload_too_large")
    assert sandbox.store.dump() == before


def test_the_innermost_mock_api_answers(sandbox, api):
    with mock_api() as inner:
        inner.store.fail_next("getWorkstation")
        assert api.get("/workstations/ws-12345").status_code == 500
    assert api.get("/workstations/ws-12345").status_code == 200


def test_in_process_paths_are_decoded_once_as_over_http(api):
    # %25 is "%": the path is ws-1234%35, not ws-12345.
    problem(api.get("/workstations/ws-1234%2535"), 400, "invalid_id")


def test_a_failed_create_leaves_ids_and_time_as_they_were(api, sandbox):
    body = {"name": "after-fault", "machine_type": "standard-2"}
    sandbox.store.fail_next("createWorkstation", step="create_workstation")
    problem(api.post("/workstations", json=body), 500, "internal_error")
    after_fault = api.post("/workstations", json=body).json()
    sandbox.store.reset()
    assert api.post("/workstations", json=body).json() == after_fault


def test_volume_ids_keep_the_order_volumes_were_attached_in(api):
    """docs/workstations/update.md: the order sent is not kept; an attached volume keeps its
    place, new ones come after in the order listed, and a reordering changes nothing."""
    r = api.patch("/workstations/ws-12345", json={"volume_ids": ["vol-scratch01", "vol-data12345"]})
    assert r.json()["volume_ids"] == ["vol-boot12345", "vol-data12345", "vol-scratch01"]
    reordered = api.patch("/workstations/ws-12345",
                          json={"volume_ids": ["vol-scratch01", "vol-data12345"][::-1]})
    assert reordered.json() == r.json()  # (updated_at too: nothing changed)
    a, b = (api.post("/volumes", json={"size_gb": 10}).json()["id"] for _ in range(2))
    listed = api.patch("/workstations/ws-12345",
                       json={"volume_ids": [b, "vol-scratch01", a, "vol-data12345"]})
    assert listed.json()["volume_ids"] == [
        "vol-boot12345", "vol-data12345", "vol-scratch01", b, a]


# -- the stages of a 400 (docs/concepts/errors.md, "Which mistakes a 400 names") ---------


@pytest.mark.parametrize("method, path, headers, body, answer", [
    # the query's names, before the path ID, the query's values and the key
    ("GET", "/workstations/BAD?x=1", {}, None, (400, ["query.x"])),
    ("GET", "/workstations?limit=0&x=1", {}, None, (400, ["query.x"])),
    ("POST", "/volumes?x=1", {"Idempotency-Key": "abc"}, {"size_gb": 5}, (400, ["query.x"])),
    # the path ID alone; the query's values together; the key before the body
    ("PATCH", "/workstations/BAD", {}, {"x": 1}, (400, ["path.id"])),
    ("GET", "/workstations?limit=0&status=bad", {}, None,
     (400, ["query.limit", "query.status"])),
    ("POST", "/volumes", {"Idempotency-Key": "abc"}, {"size_gb": 5, "foo": 1},
     (400, ["header.Idempotency-Key"])),
    # the query's values before the cursor
    ("GET", "/workstations?limit=0&cursor=AAAAAAAAAAAAAAAAAAAAAAAA", {}, None,
     (400, ["query.limit"])),
    # the body: its Content-Type, then names given twice, then its fields (all of them)
    ("POST", "/volumes", {"Content-Type": "text/plain"}, b'{"size_gb": 5, "foo": 1}', (415, [])),
    ("POST", "/volumes", {"Content-Type": "application/json"},
     b'{"size_gb": 5, "foo": 1, "size_gb": 5}', (400, ["body.size_gb"])),
    ("POST", "/volumes", {}, {"size_gb": 5, "foo": 1}, (400, ["body.size_gb", "body.foo"])),
    # a deleted workstation: the body's checks come before the store's 404
    ("PATCH", "/workstations/ws-zzzzz", {}, {"x": 1}, (400, ["body.x"])),
])
def test_a_400_names_every_mistake_of_the_first_stage_that_finds_one(
        api, sandbox, method, path, headers, body, answer):
    content = body if isinstance(body, bytes) else None
    r = api.request(method, path, headers=headers, content=content,
                    json=None if content is not None or body is None else body)
    assert (r.status_code, [e["field"] for e in r.json().get("errors") or []]) == answer


@pytest.mark.parametrize("method, path, answer", [
    ("POST", "/workstations/ws-67890%2Fstop", (405, "method_not_allowed")),  # not a stop
    ("GET", "/workstations/ws-67890%2fstop", (400, "invalid_id")),
    ("GET", "/workstations%2Fws-12345", (404, "not_found")),
    ("DELETE", "/volumes/vol-scratch01%2F", (400, "invalid_id")),
])
def test_an_encoded_slash_stays_in_its_segment(api, sandbox, method, path, answer):
    before = sandbox.store.dump()
    r = api.request(method, httpx.URL(BASE_URL + path))
    assert (r.status_code, r.json()["code"]) == answer
    assert sandbox.store.dump() == before  # ws-67890 still running, the volume still there


def test_an_update_takes_back_the_volume_ids_a_read_answered(api, sandbox):
    """A workstation with every standalone volume it may have: its volume_ids, own one
    first, go back as they are; one standalone volume more is refused, naming the field."""
    from cloudws.models import MAX_STANDALONE_VOLUMES

    made = [api.post("/volumes", json={"size_gb": 10}).json()["id"]
            for _ in range(MAX_STANDALONE_VOLUMES + 1)]
    ws = api.post("/workstations", json={"name": "full", "machine_type": "standard-2",
                                         "volume_ids": made[:-1]}).json()
    api.post(f"/workstations/{ws['id']}/stop")
    read = api.get(f"/workstations/{ws['id']}").json()
    assert len(read["volume_ids"]) == MAX_STANDALONE_VOLUMES + 1
    r = api.patch(f"/workstations/{ws['id']}", json={"volume_ids": read["volume_ids"]})
    assert r.status_code == 200 and r.json()["volume_ids"] == read["volume_ids"]

    before = sandbox.store.dump()
    r = api.patch(f"/workstations/{ws['id']}", json={"volume_ids": made})
    body = problem(r, 400, "validation_error")
    assert [e["field"] for e in body["errors"]] == ["body.volume_ids"]
    assert sandbox.store.dump() == before


def test_too_many_standalone_volumes_are_checked_after_the_lookup_before_the_state(api):
    """As docs/concepts/errors.md orders them: a workstation that does not exist gets 404
    whatever its volume_ids count; one that exists gets 400 for the count before 409 for
    its state (ws-67890 is running)."""
    from cloudws.models import MAX_STANDALONE_VOLUMES

    volumes = {"volume_ids": [f"vol-many{n:04}" for n in range(MAX_STANDALONE_VOLUMES + 1)]}
    problem(api.patch("/workstations/ws-nothere1", json=volumes), 404, "not_found")
    body = problem(api.patch("/workstations/ws-67890", json=volumes), 400, "validation_error")
    assert [e["field"] for e in body["errors"]] == ["body.volume_ids"]
    problem(api.patch("/workstations/ws-67890", json={"volume_ids": volumes["volume_ids"][:1]}),
            409, "workstation_not_stopped")


def test_the_sandbox_clock_moves_for_a_create_or_a_change_only(api):
    """docs/index.md: the clock moves a step for each workstation or volume created (a
    workstation's own volume made at the same time, in the same step) and each change to
    a workstation; not for a read, a delete, a refused request, a create answered again
    for its Idempotency-Key, or a stop or update that changes nothing."""
    from datetime import datetime

    pinned("docs/index.md", "Its clock moves a fixed step forward each time it creates a "
           "workstation (its own volume with it, at the same time) or a volume, or changes a "
           "workstation, and stands still otherwise: a read, a delete, a refused request and "
           "a create answered again for its `Idempotency-Key` do not move it.",
           "tests/test_contract.py::test_the_sandbox_clock_moves_for_a_create_or_a_change_only")

    def at(answer: httpx.Response) -> datetime:
        body = answer.json()
        return datetime.fromisoformat(body.get("updated_at") or body["created_at"])

    keyed = {"Idempotency-Key": '"clock-1"'}
    first = at(api.post("/volumes", json={"size_gb": 10}, headers=keyed))
    assert at(api.post("/volumes", json={"size_gb": 10}, headers=keyed)) == first
    api.get("/workstations")
    assert api.delete("/workstations/ws-12345").status_code == 200
    assert api.post("/volumes", json={"size_gb": 1}).status_code == 400
    name = api.get("/volumes").json()["data"][0]["id"]
    assert api.get(f"/volumes/{name}").status_code == 200
    second = at(api.post("/volumes", json={"size_gb": 10}))
    step = second - first
    assert step.total_seconds() > 0
    stopped = api.post("/workstations/ws-67890/stop")  # running: a change
    assert at(stopped) == second + step
    assert api.post("/workstations/ws-67890/stop").json()["updated_at"] == \
        stopped.json()["updated_at"]  # stopped already: no change
    assert at(api.post("/volumes", json={"size_gb": 10})) == second + 2 * step
    created = api.post("/workstations", json={"name": "clock", "machine_type": "standard-4"})
    assert at(created) == second + 3 * step
    [own] = created.json()["volume_ids"]  # a new workstation's one volume is its own
    assert at(api.get(f"/volumes/{own}")) == second + 3 * step
    assert at(api.post("/volumes", json={"size_gb": 10})) == second + 4 * step


def test_mock_api_takes_a_store_or_an_app_not_both():
    from cloudws.app import create_app

    app = create_app()
    with mock_api(app=app) as sandbox:
        assert sandbox.store is app.state.store
    with pytest.raises(TypeError, match="not both"), mock_api(Store(), app=app):
        pass


@pytest.mark.parametrize(("sources", "told"), [
    ({"ids": lambda prefix: f"{prefix}-aaaaaaaa"},
     r"gave 100 IDs in use in a row for 'vol' \(the last, 'vol-aaaaaaaa'\)"),
    ({"ids": lambda prefix: f"{prefix}-NOT_VALID"},
     r"gave 'vol-NOT_VALID' for 'vol': an ID of the API matches \^vol-"),
    ({"clock": lambda: datetime(2030, 1, 1)}, r"gave datetime.datetime\(2030, 1, 1, 0, 0\): "),
    ({"clock": lambda: datetime(2030, 1, 1, tzinfo=timezone(timedelta(hours=2)))},
     r"the API's times are in UTC"),
    # in UTC's offset this winter day, not in summer: refused whatever the day
    ({"clock": lambda: datetime(2030, 1, 1, tzinfo=ZoneInfo("Europe/London"))},
     r"the API's times are in UTC"),
], ids=["ids-in-use", "ids-malformed", "clock-naive", "clock-not-utc", "clock-london"])
def test_a_store_whose_ids_or_clock_break_the_contract_says_so(sources, told):
    """An ID source that repeats itself fails (where it looped for ever), as one of the
    wrong shape and a clock without UTC do (where the answer broke the contract), and the
    app answers a 500; the store is left as it was."""
    from cloudws.models import VolumeCreate

    store = Store(**sources)
    with pytest.raises(ValueError, match=told):  # at the first create, or the second
        for _ in range(2):
            before = store.dump()
            store.create_volume(VolumeCreate(size_gb=10))
    assert store.dump() == before
    with mock_api(Store(**sources)), httpx.Client(verify=tls()) as client:
        answers = [client.post(f"{BASE_URL}/volumes", json={"size_gb": 10}, headers=AUTH)
                   for _ in range(2)]
    assert answers[-1].status_code == 500


def test_serve_refuses_the_options_it_sets_itself():
    from cloudws.app import create_app
    from cloudws.testing import serve

    with pytest.raises(TypeError, match=r"sets lifespan, port itself .*: leave them out"), \
            serve(create_app(), port=8782, lifespan="on"):
        pass
    with pytest.raises(TypeError, match=r"sets uds itself \(a free port on host"), \
            serve(create_app(), uds="/tmp/cloudws.sock"):  # the origin would be no URL of it
        pass
