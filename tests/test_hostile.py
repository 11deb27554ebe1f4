"""Hostile input: whatever a reader pastes into Try it or curl gets a documented 4xx problem.

Every case is sent twice — in process (``mock_api``) and over real HTTP (``cloudws.testing
.serve``, uvicorn on 127.0.0.1 as ``cloudws serve`` runs it) — and each answer must be a
4xx RFC 9457 problem whose ``code`` is in :data:`cloudws.errors.ERROR_CODES` with that
status, while the store stays byte-for-byte the fixture state. A last group is bytes no
HTTP client would send (NUL in a header, a non-ASCII request line, broken chunking),
written to a socket.
"""

from __future__ import annotations

import http.client
import json
import socket
from collections.abc import Iterator
from dataclasses import dataclass, replace

import httpx
import pytest

from cloudws.app import create_app
from cloudws.errors import ERROR_CODES
from cloudws.idempotency import KEY_MAX_LENGTH
from cloudws.limits import MAX_BODY_BYTES, MAX_HEAD_BYTES
from cloudws.models import DISK_SIZE_GB, MAX_STANDALONE_VOLUMES, PAGE_SIZE
from cloudws.operations import OPERATIONS
from cloudws.server import SECURITY_HEADERS, create_server
from cloudws.store import Store
from cloudws.testing import API_HOST, mock_api, serve

TOKEN = "Bearer cws_test_hostile"
JSON = "application/json"
PRISTINE = Store().dump()


@dataclass(frozen=True)
class Hostile:
    """One hostile request and the documented answer it must get."""

    method: str
    path: str
    status: int
    code: str
    body: bytes | None = None
    content_type: str | None = None
    headers: tuple[tuple[str, str], ...] = ()
    auth: tuple[str, ...] = (TOKEN,)
    chunked: bool = False

    def request(self, origin: str) -> httpx.Request:
        headers = [("Authorization", token) for token in self.auth] + list(self.headers)
        if self.content_type is not None:
            headers.append(("Content-Type", self.content_type))
        content: bytes | Iterator[bytes] | None = self.body
        if self.chunked and self.body is not None:
            content = _chunks(self.body)
        return httpx.Request(self.method, origin + self.path, headers=headers, content=content)


def _chunks(body: bytes, size: int = 16 * 1024) -> Iterator[bytes]:
    for start in range(0, len(body), size):
        yield body[start:start + size]


def _json(method: str, path: str, body: bytes | str, status: int, code: str,
          content_type: str | None = JSON, **kw) -> Hostile:
    raw = body.encode() if isinstance(body, str) else body
    return Hostile(method, path, status, code, body=raw, content_type=content_type, **kw)


def _cases() -> dict[str, Hostile]:
    cases: dict[str, Hostile] = {}
    ws, vols = "/v1/workstations", "/v1/volumes"

    # Malformed and non-object JSON.
    for name, raw in {
        "open-brace": "{", "truncated": '{"name": "x"', "trailing-garbage": '{"size_gb": 20} x',
        "single-quotes": "{'size_gb': 20}", "trailing-comma": '{"size_gb": 20,}',
        "empty": "", "whitespace": "  \n ", "nan": '{"size_gb": NaN}',
        "infinity": '{"size_gb": Infinity}', "comment": '{"size_gb": 20 /* gb */}',
        "array": "[]", "array-of-object": '[{"size_gb": 20}]', "string": '"size_gb"',
        "number": "42", "null": "null", "true": "true",
        "invalid-utf8": b'{"size_gb": "\xff\xfe"}', "lone-surrogate-bytes": b'{"a": "\xed\xa0\x80"}',
        "raw-nul-in-string": b'{"size_gb": "2\x000"}', "raw-newline-in-string": '{"a": "x\ny"}',
    }.items():
        cases[f"json-{name}"] = _json("POST", vols, raw, 400, "invalid_json")
    cases["json-patch-array"] = _json("PATCH", f"{ws}/ws-12345", "[]", 400, "invalid_json")

    # Wrong content types.
    for name, ctype in {
        "text-plain": "text/plain", "form": "application/x-www-form-urlencoded",
        "multipart": "multipart/form-data; boundary=x", "xml": "application/xml",
        "json-lookalike": "application/jsonx", "json-patch": "application/json-patch+json",
        "missing": None, "empty": "", "garbage": "%%%/;;;",
    }.items():
        cases[f"ctype-{name}"] = _json("POST", vols, '{"size_gb": 20}', 415,
                                       "unsupported_media_type", content_type=ctype)
    cases["ctype-patch-text"] = _json("PATCH", f"{ws}/ws-12345", '{"name": "x"}', 415,
                                      "unsupported_media_type", content_type="text/plain")

    # Wrong field types, values, unknown and read-only fields.
    base = {"name": '"box"', "machine_type": '"standard-2"'}
    for name, (key, value) in {
        "name-number": ("name", "5"), "name-null": ("name", "null"),
        "name-list": ("name", '["x"]'), "name-object": ("name", "{}"), "name-empty": ("name", '""'),
        "name-nul": ("name", '"a\\u0000b"'), "name-bidi": ("name", '"ab\\u202ec"'),
        "name-newline": ("name", '"box\\n"'), "name-upper": ("name", '"BOX"'),
        "name-long": ("name", '"' + "a" * 10_000 + '"'), "name-surrogate": ("name", '"\\ud800"'),
        "machine-type-number": ("machine_type", "5"), "machine-type-unknown": ("machine_type", '"z"'),
        "machine-type-case": ("machine_type", '"Standard-2"'),
        "disk-string": ("disk_size_gb", '"50"'), "disk-bool": ("disk_size_gb", "true"),
        "disk-fraction": ("disk_size_gb", "10.5"), "disk-negative": ("disk_size_gb", "-1"),
        "disk-huge": ("disk_size_gb", "1e308"), "disk-overflow": ("disk_size_gb", "1e400"),
        "disk-2-64": ("disk_size_gb", "18446744073709551616"), "disk-null": ("disk_size_gb", "null"),
        "volumes-string": ("volume_ids", '"vol-scratch01"'), "volumes-numbers": ("volume_ids", "[1]"),
        "volumes-bad-id": ("volume_ids", '["../etc"]'), "volumes-null": ("volume_ids", "null"),
        "volumes-repeat": ("volume_ids", '["vol-scratch01", "vol-scratch01"]'),
        "volumes-too-many": ("volume_ids", json.dumps([f"vol-x{i:05d}"
                                                       for i in range(MAX_STANDALONE_VOLUMES + 1)])),
        "volumes-thousand": ("volume_ids", json.dumps(["vol-scratch01"] * 1000)),
        "volumes-nested": ("volume_ids", "[" * 500 + "]" * 500),
        "unknown-field": ("nmae", '"x"'), "read-only-id": ("id", '"ws-abcdef"'),
        "read-only-status": ("status", '"stopped"'), "read-only-created": ("created_at", '"x"'),
        "empty-key": ("", "1"), "nul-key": ("\\u0000", "1"), "proto-key": ("__proto__", "{}"),
    }.items():
        members = {**base, key: value}
        raw = "{" + ", ".join(f'"{k}": {v}' for k, v in members.items()) + "}"
        cases[f"field-{name}"] = _json("POST", ws, raw, 400, "validation_error")
    for name, raw in {
        "missing-name": '{"machine_type": "standard-2"}', "empty-object": "{}",
        "duplicate-key": '{"name": "a", "name": 5, "machine_type": "standard-2"}',
        "duplicate-same-value": '{"name": "a", "name": "a", "machine_type": "standard-2"}',
        "duplicate-nested": '{"name": "a", "machine_type": "standard-2", "x": {"y": 1, "y": 1}}',
        "duplicate-1000-times": "{" + ", ".join(['"name": "a"'] * 1000) + ', "machine_type": "gpu-t4"}',
        "duplicate-in-array": '{"name": "a", "machine_type": "standard-2", "volume_ids": [{"a": 1, "a": 1}]}',
    }.items():
        cases[f"field-{name}"] = _json("POST", ws, raw, 400, "validation_error")
    for name, raw in {
        "empty": "{}", "null-name": '{"name": null}', "status": '{"status": "running"}',
        "unknown": '{"colour": "red"}', "volumes-owned-string": '{"volume_ids": "vol-boot12345"}',
    }.items():
        cases[f"patch-{name}"] = _json("PATCH", f"{ws}/ws-12345", raw, 400, "validation_error")
    for name, raw in {
        "size-string": '{"size_gb": "20"}',
        "size-small": f'{{"size_gb": {DISK_SIZE_GB[0] - 1}}}',
        "size-large": f'{{"size_gb": {DISK_SIZE_GB[1] + 1}}}',
        "size-missing": "{}", "size-float": '{"size_gb": 20.5}',
        # a fraction a float cannot hold is a fraction all the same; an integer is not
        # rounded into range, nor a tiny number to zero
        "size-fraction-unheld": '{"size_gb": 10.0000000000000001}',
        "size-large-fraction-unheld": f'{{"size_gb": {DISK_SIZE_GB[1]}.0000000000000001}}',
        "size-tiny": '{"size_gb": 1E-400}', "size-exponent-huge": '{"size_gb": 1e999999999}',
        "standalone": '{"size_gb": 20, "standalone": false}',
        "attached": '{"size_gb": 20, "attached_to": "ws-12345"}',
    }.items():
        cases[f"volume-{name}"] = _json("POST", vols, raw, 400, "validation_error")

    # Idempotency-Key headers that are not one quoted string of 1 to 255 characters.
    for name, values in {
        "unquoted": ("8e03978e",), "empty": ('""',), "single-quotes": ("'k'",),
        "parameters": ('"k";a=1',), "unterminated": ('"k',), "bad-escape": ('"\\n"',),
        "too-long": ('"' + "k" * (KEY_MAX_LENGTH + 1) + '"',), "huge": ('"' + "k" * 20_000 + '"',),
        "list": ('"a", "b"',), "twice": ('"a"', '"a"'), "inner-quote": ('"a"b"',),
    }.items():
        for path, body in ((vols, '{"size_gb": 20}'),
                           (ws, '{"name": "box", "machine_type": "standard-2"}')):
            cases[f"key-{name}-{path.rsplit('/', 1)[1]}"] = _json(
                "POST", path, body, 400, "validation_error",
                headers=tuple(("Idempotency-Key", v) for v in values))

    # Deeply nested JSON and huge numbers.
    deep = "[" * 30_000 + "]" * 30_000
    cases["deep-array"] = _json("POST", vols, deep, 400, "invalid_json")
    cases["deep-object"] = _json("POST", vols, '{"a":' * 10_000 + "1" + "}" * 10_000,
                                 400, "invalid_json")
    cases["deep-in-field"] = _json("POST", ws, '{"name": ' + deep + "}", 400, "invalid_json")
    # well-formed JSON, whose number is out of range (not beyond what Python reads: 4300)
    cases["number-5000-digits"] = _json("POST", vols, '{"size_gb": ' + "9" * 5000 + "}",
                                        400, "validation_error")
    cases["number-exponent"] = _json("POST", vols, '{"size_gb": 1e999999}', 400,
                                     "validation_error")
    # exponents past what a Decimal holds, in the field and elsewhere
    for name, number in {"huge": "1e1000000000000000000", "negative": "-1e9999999999999999999",
                         "tiny": "1e-9999999999999999999", "zero": "0e-9999999999999999999"
                         }.items():
        cases[f"number-exponent-{name}"] = _json("POST", vols, f'{{"size_gb": {number}}}', 400,
                                                 "validation_error")
    cases["number-exponent-in-name"] = _json(
        "POST", ws, '{"name": 1e1000000000000000000, "machine_type": "standard-2"}', 400,
        "validation_error")
    cases["number-exponent-array"] = _json("POST", vols, "[1e1000000000000000000]", 400,
                                           "invalid_json")

    # Oversized bodies: declared, streamed in chunks, and on operations that take no body.
    big = b'{"size_gb": 20, "pad": "' + b"a" * MAX_BODY_BYTES + b'"}'
    cases["big-body"] = _json("POST", vols, big, 413, "payload_too_large")
    cases["big-body-chunked"] = _json("POST", vols, big, 413, "payload_too_large", chunked=True)
    cases["big-patch"] = _json("PATCH", f"{ws}/ws-12345", big, 413, "payload_too_large")
    cases["big-body-on-delete"] = _json("DELETE", f"{ws}/ws-12345", big, 413,
                                        "payload_too_large")
    cases["big-chunked-on-delete"] = _json("DELETE", f"{ws}/ws-12345", big, 413,
                                           "payload_too_large", chunked=True)
    cases["big-chunked-on-stop"] = _json("POST", f"{ws}/ws-67890/stop", big, 413,
                                         "payload_too_large", chunked=True)
    cases["big-body-on-list"] = _json("GET", vols, big, 413, "payload_too_large")
    cases["one-byte-over"] = _json("POST", vols, b" " * (MAX_BODY_BYTES + 1), 413,
                                   "payload_too_large")

    # IDs in the path: malformed, traversal, overlong, control characters, wrong kind.
    for name, raw in {
        "no-prefix": "12345", "upper": "WS-12345", "underscore": "ws_12345", "short": "ws-1234",
        "33-chars": "ws-" + "a" * 33, "overlong": "ws-" + "a" * 5000, "dot-dot": "%2e%2e",
        "dot": "%2e", "nul": "ws-%00abcde", "newline": "ws-12345%0a", "tab": "ws-12345%09",
        "space": "ws-%2012345", "ff-bytes": "ws-%ff%fe%fd", "fullwidth-digits": "ws-１２３４５",
        "volume-id": "vol-scratch01", "backslash": "ws-12345%5c..", "semicolon": "ws-12345;x=1",
        "quote": "ws-'or'1'='1", "percent": "ws-%25%25%25",
    }.items():
        cases[f"id-get-{name}"] = Hostile("GET", f"{ws}/{raw}", 400, "invalid_id")
    for name, raw in {"upper": "WS-12345", "nul": "ws-%00abcde", "overlong": "ws-" + "9" * 300}.items():
        cases[f"id-delete-{name}"] = Hostile("DELETE", f"{ws}/{raw}", 400, "invalid_id")
        cases[f"id-stop-{name}"] = Hostile("POST", f"{ws}/{raw}/stop", 400, "invalid_id")
        cases[f"id-patch-{name}"] = _json("PATCH", f"{ws}/{raw}", '{"name": "x"}', 400,
                                          "invalid_id")
    for name, raw in {"workstation-id": "ws-12345", "short": "vol-x", "nul": "vol-%00scratch",
                      "overlong": "vol-" + "a" * 10_000}.items():
        cases[f"id-volume-{name}"] = Hostile("DELETE", f"{vols}/{raw}", 400, "invalid_id")
    # An encoded slash stays in its segment: an ID that holds one is malformed.
    for name, path in {
        "encoded-slashes": f"{ws}/..%2f..%2fvolumes", "escape-into-volumes": f"{ws}/ws-12345%2f..%2f..%2fvolumes",
        "etc-passwd": f"{vols}/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    }.items():
        cases[f"traversal-{name}"] = Hostile("GET", path, 400, "invalid_id")
    cases["traversal-double-slash"] = Hostile("GET", "/v1//workstations", 404, "not_found")

    # Query parameters: bad pagination, cursors, unknown values and names, repeats.
    for name, query in {
        "limit-below": f"limit={PAGE_SIZE[0] - 1}", "limit-above": f"limit={PAGE_SIZE[1] + 1}",
        "limit-negative": "limit=-1",
        "limit-word": "limit=abc", "limit-empty": "limit=", "limit-fraction": "limit=1.5",
        "limit-huge": "limit=" + "9" * 40, "limit-nul": "limit=%00", "limit-hex": "limit=0x10",
        "limit-plus": "limit=%2B5", "limit-leading-zero": "limit=05", "limit-underscore": "limit=1_0",
        "limit-space": "limit=%201", "limit-minus-zero": "limit=-0", "limit-point-zero": "limit=1.0",
        "limit-fullwidth": "limit=%EF%BC%95", "limit-5000-digits": "limit=" + "9" * 5000,
        "cursor-short": "cursor=abc",
        "cursor-long": "cursor=" + "A" * 13, "cursor-symbols": "cursor=!!!!!!!!!!!!",
        "cursor-empty": "cursor=", "cursor-nul": "cursor=AAAAAAAAAAA%00",
        "cursor-traversal": "cursor=..%2f..%2f..%2fx", "status-unknown": "status=paused",
        "status-upper": "status=RUNNING", "status-empty": "status=", "status-nul": "status=%00",
        "unknown-name": "limt=5", "unknown-flag": "verbose", "unknown-nul": "%00=1",
        "unknown-token": "access_token=cws_test_x", "repeated-limit": "limit=1&limit=2",
        "repeated-same": "limit=5&limit=5", "repeated-status": "status=running&status=stopped",
        "repeated-5000-times": "&".join(["limit=5"] * 5000),
        "unknown-4000-names": "&".join(f"p{i}=1" for i in range(4000)),
    }.items():
        cases[f"query-{name}"] = Hostile("GET", f"{ws}?{query}", 400, "validation_error")
    for name, path in {
        "volumes-status": f"{vols}?status=running", "volumes-limit": f"{vols}?limit=0",
        "get-unknown": f"{ws}/ws-12345?expand=all", "delete-force": f"{ws}/ws-12345?force=true",
        "stop-unknown": f"{ws}/ws-67890/stop?now=1",
    }.items():
        method = "DELETE" if "delete" in name else "POST" if "stop" in name else "GET"
        cases[f"query-{name}"] = Hostile(method, path, 400, "validation_error")

    # Tokens: missing, empty, wrong scheme, wrong kind, several.
    for name, auth in {
        "missing": (), "empty": ("",), "scheme-only": ("Bearer",),
        "basic": ("Basic Y3dzX3Rlc3RfeDp4",), "token-scheme": ("Token cws_test_x",),
        "no-scheme": ("cws_test_x",), "live-token": ("Bearer cws_live_x",),
        "volume-id-token": ("Bearer vol-scratch01",), "jwt": ("Bearer eyJhbGciOiJub25lIn0.e30.",),
        "prefix-case": ("Bearer CWS_TEST_x",), "two-tokens": ("Bearer cws_test_a cws_test_b",),
        "tab": ("Bearer\tcws_test_x",), "comma": ("Bearer cws_test_x, Basic x",),
        "two-headers": (TOKEN, "Bearer cws_test_other"), "valid-and-bad": (TOKEN, "Bearer nope"),
        "long-junk": ("Bearer " + "x" * 8000,),
    }.items():
        cases[f"auth-{name}"] = Hostile("GET", f"{ws}/ws-12345", 401, "unauthorized", auth=auth)
    cases["auth-before-body"] = _json("POST", vols, "{", 401, "unauthorized", auth=())
    cases["auth-delete"] = Hostile("DELETE", f"{ws}/ws-12345", 401, "unauthorized",
                                   auth=("Bearer cws_live_x",))
    cases["auth-big-body"] = _json("POST", vols, big, 401, "unauthorized", auth=())

    # Wrong methods (every one no operation declares on each path, and three no API
    # takes), unknown paths, the removed GET-delete.
    declared: dict[str, set[str]] = {}
    filled: dict[str, str] = {}  # a path template, its parameters as an example fills them
    for op in OPERATIONS.values():
        declared.setdefault(op.path, set()).add(op.method)
        filled.setdefault(op.path, op.path.format_map(op.example.path))
    wrong = [(method, filled[template]) for template, methods in declared.items()
             for method in ("GET", "POST", "PUT", "PATCH", "DELETE") if method not in methods]
    for method, path in [*wrong, ("OPTIONS", ws), ("TRACE", ws), ("PROPFIND", vols)]:
        cases[f"method-{method}-{path.replace('/', '_')}"] = Hostile(
            method, path, 405, "method_not_allowed")
    for name, path in {
        "root": "/v1", "slash": "/v1/", "singular": "/v1/workstation",
        "upper": "/v1/WORKSTATIONS", "action": f"{ws}/ws-12345/reboot",
        "deeper": f"{ws}/ws-12345/start/now", "trailing-slash": f"{ws}/", "v1-dot": "/v1/.",
        "nested-volume": f"{ws}/ws-12345/volumes",
    }.items():
        cases[f"path-{name}"] = Hostile("GET", path, 404, "not_found")
    cases["removed-get-delete"] = Hostile("GET", f"{ws}/ws-12345/delete", 410, "endpoint_removed")
    for name, raw in {"nul": "%00", "bang": "ws-bad!", "script": "%3Cscript%3E",
                      "overlong": "ws-" + "a" * 5000, "volume-id": "vol-scratch01"}.items():
        cases[f"removed-get-delete-bad-id-{name}"] = Hostile("GET", f"{ws}/{raw}/delete", 400,
                                                             "invalid_id")
    cases["removed-get-delete-query"] = Hostile("GET", f"{ws}/ws-12345/delete?confirm=yes",
                                                400, "validation_error")
    cases["removed-get-delete-big-body"] = _json("GET", f"{ws}/ws-12345/delete", big, 413,
                                                 "payload_too_large")
    return cases


CASES = _cases()


def assert_problem(response: httpx.Response, status: int, code: str) -> dict:
    """``response`` is the documented 4xx problem ``code``."""
    assert 400 <= response.status_code < 500, (response.status_code, response.text[:500])
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"] == "application/problem+json"
    assert ERROR_CODES[code].status == status
    if response.request.method == "HEAD":
        assert response.content == b""
        return {}
    body = response.json()
    assert set(body) >= {"type", "title", "status", "detail", "code"}, body
    assert (body["status"], body["code"]) == (status, code), body
    assert body["type"].endswith("#" + code)
    assert body["title"] == ERROR_CODES[code].title
    assert len(body["detail"]) < 500, "a detail quotes back at most a short part of the input"
    assert len(response.content) < 8 * 1024, "an answer does not grow with the input"
    if status == 401:
        assert response.headers["www-authenticate"].startswith("Bearer")
    if status == 405:
        allowed = {m.strip() for m in response.headers["allow"].split(",")}
        assert allowed and response.request.method not in allowed
    return body


# -- in process --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shared_app():
    """One sandbox app for every in-process case; each case checks and resets its store."""
    return create_app()


@pytest.fixture(scope="module")
def http_client() -> Iterator[httpx.Client]:
    """One client for every case of the module, in process and over HTTP.

    ``mock_api`` routes by patching httpx's transports, so a client made once is routed
    to the sandbox inside a ``mock_api`` block and to the served one outside it. A new
    ``httpx.Client`` per case would load the CA bundle for its TLS context each time,
    which cost more than the case itself.
    """
    with httpx.Client(timeout=10) as client:
        yield client


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_hostile_in_process(shared_app, http_client, case: Hostile):
    with mock_api(app=shared_app) as sandbox:
        try:
            response = http_client.send(case.request(f"https://{API_HOST}"))
            assert_problem(response, case.status, case.code)
            assert sandbox.store.dump() == PRISTINE
        finally:
            sandbox.store.reset()


@pytest.mark.parametrize("case", [c for c in CASES.values() if c.method == "GET"],
                         ids=[name for name, c in CASES.items() if c.method == "GET"])
def test_hostile_head_gets_the_get_problem_without_a_body(shared_app, http_client,
                                                          case: Hostile):
    with mock_api(app=shared_app) as sandbox:
        try:
            response = http_client.send(
                replace(case, method="HEAD").request(f"https://{API_HOST}"))
            assert_problem(response, case.status, case.code)
            assert sandbox.store.dump() == PRISTINE
        finally:
            sandbox.store.reset()


# -- over HTTP ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[str, Store]]:
    """``cloudws serve``'s app (no site) on 127.0.0.1, and its store."""
    store = Store()
    with serve(create_server(None, store)) as origin:
        yield origin, store


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_hostile_over_http(served, http_client, case: Hostile):
    origin, store = served
    try:
        response = http_client.send(case.request(origin))
        assert_problem(response, case.status, case.code)
        assert response.headers["x-content-type-options"] == "nosniff"
        assert store.dump() == PRISTINE
    finally:
        store.reset()


# -- bytes no client would send ----------------------------------------------------------

_AUTH_LINE = f"Authorization: {TOKEN}\r\n".encode()
RAW = {
    "nul-in-header": b"GET /v1/workstations HTTP/1.1\r\nHost: a\r\nX-Note: a\x00b\r\n" + _AUTH_LINE,
    "nul-in-token": b"GET /v1/workstations HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer cws_test_\x00\r\n",
    "cr-in-header": b"GET /v1/workstations HTTP/1.1\r\nHost: a\r\nX-Note: a\rb\r\n" + _AUTH_LINE,
    "nul-in-path": b"GET /v1/workstations/ws-1\x002345 HTTP/1.1\r\nHost: a\r\n" + _AUTH_LINE,
    "non-ascii-path": b"GET /v1/workstations/ws-\xff\xfe HTTP/1.1\r\nHost: a\r\n" + _AUTH_LINE,
    "utf8-path": "GET /v1/workstations/ws-é HTTP/1.1\r\nHost: a\r\n".encode() + _AUTH_LINE,
    "non-ascii-query": b"GET /v1/workstations?status=\xff HTTP/1.1\r\nHost: a\r\n" + _AUTH_LINE,
    "space-in-path": b"GET /v1/workstations/ws 12345 HTTP/1.1\r\nHost: a\r\n" + _AUTH_LINE,
    "no-host": b"GET /v1/workstations HTTP/1.1\r\n" + _AUTH_LINE,
    "two-hosts": b"GET /v1/workstations HTTP/1.1\r\nHost: a\r\nHost: b\r\n" + _AUTH_LINE,
    "header-no-colon": b"GET /v1/workstations HTTP/1.1\r\nHost: a\r\nBroken header\r\n" + _AUTH_LINE,
    "header-space-name": b"GET /v1/workstations HTTP/1.1\r\nHost: a\r\nX Note: 1\r\n" + _AUTH_LINE,
    "http-0.9": b"GET /v1/workstations\r\n",
    "tls-hello": b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + b"\x00" * 32 + b"\r\n",
    "bad-method-chars": b"G(T /v1/workstations HTTP/1.1\r\nHost: a\r\n" + _AUTH_LINE,
    "length-word": b"POST /v1/volumes HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n"
                   b"Content-Length: twenty\r\n" + _AUTH_LINE,
    "length-negative": b"POST /v1/volumes HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n"
                       b"Content-Length: -5\r\n" + _AUTH_LINE,
    "length-twice": b"POST /v1/volumes HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n"
                    b"Content-Length: 15\r\nContent-Length: 16\r\n" + _AUTH_LINE,
    "unknown-transfer-coding": b"POST /v1/volumes HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n"
                               b"Transfer-Encoding: gzip\r\n" + _AUTH_LINE,
}
_RAW_BODIES = {
    "bad-chunk-size": (b"POST /v1/volumes HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n"
                       b"Transfer-Encoding: chunked\r\n" + _AUTH_LINE,
                       b"zz\r\n{}\r\n0\r\n\r\n"),
    "chunk-too-short": (b"POST /v1/volumes HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n"
                        b"Transfer-Encoding: chunked\r\n" + _AUTH_LINE,
                        b"5\r\n{}\r\n0\r\n\r\n"),
    "bad-chunk-on-delete": (b"DELETE /v1/workstations/ws-12345 HTTP/1.1\r\nHost: a\r\n"
                            b"Transfer-Encoding: chunked\r\n" + _AUTH_LINE,
                            b"2\r\n{}\r\nnope\r\n\r\n"),
}


def _send_raw(origin: str, head: bytes, body: bytes = b"") -> http.client.HTTPResponse:
    host, port = origin.removeprefix("http://").rsplit(":", 1)
    sock = socket.create_connection((host, int(port)), timeout=10)
    sock.sendall(head + b"\r\n" + body)
    response = http.client.HTTPResponse(sock)
    response.begin()
    response.body = response.read()  # type: ignore[attr-defined]
    sock.close()
    return response


@pytest.mark.parametrize("name", [*RAW, *_RAW_BODIES])
def test_malformed_http_is_a_problem(served, name):
    origin, store = served
    head, body = _RAW_BODIES.get(name, (RAW.get(name), b""))
    response = _send_raw(origin, head, body)
    problem = json.loads(response.body)  # type: ignore[attr-defined]
    assert response.status == 400
    assert response.getheader("content-type") == "application/problem+json"
    assert response.getheader("x-content-type-options") == "nosniff"
    # cloudws serve's security headers, as on every other answer; a policy of its own
    assert {name: response.getheader(name) for name in SECURITY_HEADERS} == {
        **SECURITY_HEADERS,
        "content-security-policy": "default-src 'none'; frame-ancestors 'none'"}
    assert (problem["status"], problem["code"]) == (400, "malformed_request")
    assert ERROR_CODES[problem["code"]].status == 400
    assert store.dump() == PRISTINE


def test_a_request_target_in_absolute_form_is_the_apis(served):
    """A target written as a whole URL (RFC 9112, section 3.2.2: a server must accept it,
    as a client sends it through a proxy) is the request to its path: refused without a
    token, as a problem; answered with one; its host, not ``Host``, is the request's."""
    origin, store = served
    target = f"{origin}/v1/workstations/ws-12345".encode()
    refused = _send_raw(origin, b"GET " + target + b" HTTP/1.1\r\nHost: elsewhere\r\n")
    problem = json.loads(refused.body)  # type: ignore[attr-defined]
    assert (refused.status, problem["code"]) == (401, "unauthorized")
    assert refused.getheader("www-authenticate").startswith("Bearer")
    answered = _send_raw(origin, b"GET " + target + b"?x=1 HTTP/1.1\r\nHost: elsewhere\r\n"
                         + _AUTH_LINE)
    problem = json.loads(answered.body)  # type: ignore[attr-defined]
    assert (answered.status, problem["code"]) == (400, "validation_error")  # (its query read)
    got = _send_raw(origin, b"DELETE " + target + b" HTTP/1.1\r\nHost: elsewhere\r\n"
                    + _AUTH_LINE)
    assert (got.status, json.loads(got.body)["status"]) == (200, "deleted")  # type: ignore[attr-defined]
    assert store.dump() != PRISTINE
    store.reset()


#: Well-formed HTTP that no client library would send, with a bad token in it.
RAW_TOKENS = {
    "scheme-trailing-space": b"Bearer ",
    "latin1-token": b"Bearer cws_test_\xe9t\xe9",
    "utf8-token": "Bearer cws_test_ü".encode(),
    "nbsp-after-scheme": b"Bearer\xa0cws_test_x",
    "del-in-token": b"Bearer cws_test_\x7f",
}


@pytest.mark.parametrize("name", RAW_TOKENS)
def test_raw_bad_token_is_unauthorized(served, name):
    origin, store = served
    response = _send_raw(origin, b"GET /v1/workstations/ws-12345 HTTP/1.1\r\nHost: a\r\n"
                         b"Authorization: " + RAW_TOKENS[name] + b"\r\n")
    problem = json.loads(response.body)  # type: ignore[attr-defined]
    assert (response.status, problem["code"]) == (401, "unauthorized")
    assert response.getheader("www-authenticate").startswith("Bearer")
    assert store.dump() == PRISTINE


def test_header_section_over_64_kib_is_malformed(served):
    origin, store = served
    host, port = origin.removeprefix("http://").rsplit(":", 1)
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(b"GET /v1/workstations HTTP/1.1\r\nHost: a\r\n" + _AUTH_LINE
                     + b"X-Pad: " + b"a" * (MAX_HEAD_BYTES + 1024))
        response = http.client.HTTPResponse(sock)
        response.begin()  # answered before the header section ends
        problem = json.loads(response.read())
    assert (response.status, problem["code"]) == (400, "malformed_request")
    assert store.dump() == PRISTINE


def test_server_keeps_serving_after_hostile_bytes(served, http_client):
    origin, _ = served
    for head in RAW.values():
        _send_raw(origin, head)
    response = http_client.get(f"{origin}/v1/workstations/ws-12345",
                               headers={"Authorization": TOKEN})
    assert response.json()["status"] == "stopped"


def test_hostile_case_count():
    """The suite's size, stated: a change that drops whole groups of cases fails here."""
    groups = {name.split("-")[0] for name in CASES}
    assert groups >= {"json", "ctype", "field", "patch", "volume", "deep", "number", "big",
                      "id", "traversal", "query", "auth", "method", "path", "removed", "key"}
    assert len(CASES) >= 200
    assert len(RAW) + len(_RAW_BODIES) + len(RAW_TOKENS) >= 20


@pytest.mark.parametrize("over", [0, 1])
def test_a_whole_head_over_64_kib_sent_at_once_is_malformed(served, over):
    """uvicorn parses a head that arrives whole whatever its size; the limit holds anyway,
    to the byte."""
    origin, store = served
    head = b"GET /v1/workstations HTTP/1.1\r\nHost: a\r\n" + _AUTH_LINE + b"X-Pad: \r\n"
    pad = MAX_HEAD_BYTES - len(head) - 2 + over  # the blank line ends it
    host, port = origin.removeprefix("http://").rsplit(":", 1)
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(head.replace(b"X-Pad: ", b"X-Pad: " + b"a" * pad) + b"\r\n")
        response = http.client.HTTPResponse(sock)
        response.begin()
        body = json.loads(response.read())
    if over:
        assert (response.status, body["code"]) == (400, "malformed_request")
        assert response.getheader("connection") == "close"
        assert f"the limit is {MAX_HEAD_BYTES} bytes" in body["detail"]
    else:
        assert response.status == 200, body
    assert store.dump() == PRISTINE
