"""Schemathesis over the sandbox's own OpenAPI document, every check on.

Four runs: stateless (examples, coverage and fuzzing phases; positive and negative data)
and stateful (sequences following the document's links), each in process and over HTTP
against a served sandbox. Every call is counted and the counts are shown at the end of
the module. Then the traps Schemathesis finds in FastAPI stubs, checked one by one.

Each run's size is a count, in :data:`BUDGET`, never a time.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import CHECKS

from cloudws.app import Exchange, create_app
from cloudws.operations import OPERATIONS
from cloudws.server import create_server
from cloudws.store import Store
from cloudws.testing import serve

from .helpers import document, note

# Schemathesis' pytest plugin (parametrize, from_fixture) is loaded for this module only:
# pyproject.toml turns off plugin autoloading, so other runs skip importing it.
pytest_plugins = ["schemathesis.pytest.plugin"]

AUTH = {"Authorization": "Bearer cws_test_schemathesis"}

#: The size of each run, as a count. Stateless: the examples Hypothesis draws for each
#: operation in the fuzzing phase; the examples phase (every example in the document) and
#: the coverage phase (every boundary, every missing or wrong-typed parameter and body,
#: every negative case it derives from the schemas) send all their cases whatever the
#: count, in both places. Stateful: the sequences run, each of up to STEPS calls.
#:
#: In process, the runs test what the app answers: the full budget. Over HTTP, the same
#: app answers behind uvicorn, the problem-answering protocol and the security headers;
#: what those runs add is that every kind of request (every coverage and example case,
#: checked at the end of the module to be the same cases as in process, and fuzzed ones
#: of every operation) and sequences following the links cross the served stack, and
#: that the document as served is the one tested. A fifth of the fuzzing and a third of
#: the sequences prove that; more would repeat the app's answers over a socket.
BUDGET = {
    ("in-process", "stateless"): 40,
    ("in-process", "stateful"): 30,
    ("http", "stateless"): 8,
    ("http", "stateful"): 10,
}
STEPS = 8


def _settings(where: str, run: str) -> settings:
    common = {"suppress_health_check": list(HealthCheck), "deadline": None}
    if run == "stateful":
        return settings(max_examples=BUDGET[where, run], stateful_step_count=STEPS, **common)
    return settings(max_examples=BUDGET[where, run], **common)


#: API calls made, by (where, which run); shown when the module ends.
CALLS: Counter[tuple[str, str]] = Counter()
#: Stateless cases sent, by (where, operation, phase).
PHASES: Counter[tuple[str, str, str]] = Counter()
#: Every (operationId, status) the in-process app answered during the runs.
ANSWERED: list[Exchange] = []

#: One worker runs the module, so that the check at its end compares every operation's
#: cases in process and over HTTP.
pytestmark = pytest.mark.xdist_group("schemathesis")


@pytest.fixture(scope="module")
def app_schema() -> schemathesis.schemas.BaseSchema:
    """The document of a new app, tested in process against that app, each of whose
    answers goes to ``ANSWERED``. Loaded when a test asks for it, on the worker that runs
    it: loaded as the module is imported, Schemathesis would build every operation's
    example and coverage cases in each process that collects the suite."""
    app = create_app()
    app.state.observers.append(ANSWERED.append)
    loaded = schemathesis.openapi.from_asgi("/openapi.json", app)
    loaded.config.headers = AUTH
    return loaded


def _counting(base: type, where: str, store: Store) -> type:
    class Counting(base):  # type: ignore[misc, valid-type]
        def setup(self) -> None:
            # Each sequence starts from the fixture state: Hypothesis replays sequences,
            # and one that met another's leftovers would not replay the same.
            super().setup()
            store.reset()

        def after_call(self, response, case):  # type: ignore[no-untyped-def]
            super().after_call(response, case)
            CALLS[where, "stateful"] += 1

    return Counting


@pytest.fixture(scope="module", autouse=True)
def _report(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    shown = ", ".join(f"{where} {run}: {n}" for (where, run), n in sorted(CALLS.items()))
    note(request, f"schemathesis cases: {shown}")
    # The examples and coverage phases do not depend on the budget: over HTTP they send
    # as many cases as in process, for each operation both runs tested in this process.
    both = ({op for where, op, _ in PHASES if where == "in-process"}
            & {op for where, op, _ in PHASES if where == "http"})
    for operation in both:
        for phase in ("examples", "coverage"):
            assert PHASES["http", operation, phase] == PHASES["in-process", operation, phase], (
                operation, phase)
    documented = {op_id: {int(s) for s in op["responses"]}
                  for item in document()["paths"].values() for op in item.values()
                  for op_id in [op["operationId"]]}
    undocumented = {(e.operation_id, e.status) for e in ANSWERED
                    if e.operation_id and e.status not in documented[e.operation_id]}
    assert undocumented == set(), "statuses the document does not list"


def test_every_check_is_on(app_schema):
    config = app_schema.config.checks_config_for(operation=None, phase=None)
    assert len(CHECKS.get_all_names()) >= 14
    for name in CHECKS.get_all_names():
        assert config.get_by_name(name=name).enabled, name


# -- in process --------------------------------------------------------------------------


in_process = schemathesis.pytest.from_fixture("app_schema")


@in_process.parametrize()
@_settings("in-process", "stateless")
def test_api_conforms(case: schemathesis.Case) -> None:
    CALLS["in-process", "stateless"] += 1
    PHASES["in-process", case.operation.label, case.meta.phase.name.value] += 1
    # Each case from the fixture state: replays answer the same.
    case.operation.schema.app.state.store.reset()
    case.call_and_validate()


def test_stateful(app_schema) -> None:
    before = CALLS["in-process", "stateful"]
    _counting(app_schema.as_state_machine(), "in-process", app_schema.app.state.store).run(
        settings=_settings("in-process", "stateful"))
    assert CALLS["in-process", "stateful"] - before >= BUDGET["in-process", "stateful"]


# -- over HTTP ---------------------------------------------------------------------------


SERVED_STORE = Store()


@pytest.fixture(scope="module")
def served() -> Iterator[str]:
    """``cloudws serve``'s app (no site) with SERVED_STORE, on loopback, for the module."""
    with serve(create_server(None, SERVED_STORE)) as origin:
        yield origin


@pytest.fixture(scope="module")
def served_schema(served: str) -> schemathesis.schemas.BaseSchema:
    """The document as ``cloudws serve`` publishes it, tested against that server."""
    loaded = schemathesis.openapi.from_url(f"{served}/openapi.json")
    loaded.config.headers = AUTH
    assert loaded.get_base_url() == f"{served}/"
    return loaded


http_schema = schemathesis.pytest.from_fixture("served_schema")


@http_schema.parametrize()
@_settings("http", "stateless")
def test_api_conforms_over_http(case: schemathesis.Case) -> None:
    CALLS["http", "stateless"] += 1
    PHASES["http", case.operation.label, case.meta.phase.name.value] += 1
    SERVED_STORE.reset()
    case.call_and_validate()


def test_stateful_over_http(served_schema) -> None:
    before = CALLS["http", "stateful"]
    _counting(served_schema.as_state_machine(), "http", SERVED_STORE).run(
        settings=_settings("http", "stateful"))
    assert CALLS["http", "stateful"] - before >= BUDGET["http", "stateful"]


# -- the FastAPI traps, one by one -------------------------------------------------------


@pytest.fixture
def origin(served: str) -> str:
    """The module's served sandbox, from the fixture state."""
    SERVED_STORE.reset()
    return served


@pytest.fixture(scope="module")
def client() -> Iterator[httpx.Client]:
    """One client for the traps (a new one per request loads the CA bundle each time)."""
    with httpx.Client(headers=AUTH, timeout=10) as shared:
        yield shared


@pytest.mark.parametrize(("path", "body", "field"), [
    ("/v1/volumes", {"size_gb": 395.0}, "size_gb"),
    ("/v1/workstations", {"name": "f", "machine_type": "gpu-t4", "disk_size_gb": 395.0}, None),
])
def test_integral_floats_are_integers(origin, client, path, body, field):
    """JSON Schema's ``integer`` includes 395.0; a strict int field must accept it."""
    r = client.post(origin + path, json=body)
    assert r.status_code == 201, r.text
    if field:
        assert r.json()[field] == 395 and isinstance(r.json()[field], int)


def test_allow_names_every_method_of_the_path(origin, client):
    """Starlette's own 405 names only the first matching route's methods; ours names all,
    and HEAD wherever GET is (HEAD is answered as GET, without content)."""
    methods_by_path: dict[str, set[str]] = {}
    for op in OPERATIONS.values():
        methods_by_path.setdefault(op.path, set()).update(
            {op.method, "HEAD"} if op.method == "GET" else {op.method})
    for template, methods in methods_by_path.items():
        path = template.replace("{id}", "vol-scratch01" if "volumes" in template
                                else "ws-12345")
        for method in {"GET", "POST", "PUT", "PATCH", "DELETE"} - methods:
            r = client.request(method, origin + path)
            assert r.status_code == 405, (method, path)
            assert set(r.headers["allow"].split(", ")) == methods, (method, path)
            assert r.json()["code"] == "method_not_allowed"


def test_no_framework_422_anywhere(origin, client):
    """FastAPI answers a validation error with 422; the API answers 400. Its only 422 is
    the declared ``idempotency_key_reused`` of the creates."""
    for item in document()["paths"].values():
        for op in item.values():
            answer = op["responses"].get("422")
            if answer is not None:
                assert OPERATIONS[op["operationId"]].takes_idempotency_key
                examples = answer["content"]["application/problem+json"]["examples"]
                assert list(examples) == ["idempotency_key_reused"]
    r = client.get(f"{origin}/v1/workstations?limit=0")
    assert r.status_code == 400
