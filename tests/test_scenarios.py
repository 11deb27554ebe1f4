"""One scenario per documented (operation, status): a request that really gets it.

The pairs come from the OpenAPI document, and the requests from the operations'
declarations (:func:`tests.helpers.recipe`): a status the generic rules cannot produce
fails naming the operation and where to add its recipe. Each scenario runs on the session's docs
sandbox (its exchanges count in the coverage table as ``S``), checks the body against
the document's schema and the ``code`` against the operation's documented codes, and,
for an error, that nothing changed.
"""

from __future__ import annotations

import contextlib

import httpx
import pytest

from cloudws.operations import OPERATIONS
from cloudws.testing import BASE_URL

from .harness.coverage import documented_statuses
from .harness.sandbox import DOCS_TOKEN
from .helpers import document, recipe

_AUTH = {"Authorization": f"Bearer {DOCS_TOKEN}"}
_ORIGIN = BASE_URL.removesuffix("/v1")

PAIRS = [(op, status) for op, statuses in documented_statuses(document()).items()
         for status in statuses]


@pytest.fixture(scope="module")
def client():
    with httpx.Client(base_url=_ORIGIN) as c:
        yield c


@pytest.mark.parametrize(("operation", "status"), PAIRS, ids=[f"{o}-{s}" for o, s in PAIRS])
def test_scenario_produces_documented_status(operation, status, client, docs_sandbox,
                                             api_schemas):
    request = recipe(operation, status, _AUTH)
    docs_sandbox.reset()
    if status == 500:
        docs_sandbox.store.fail_next(operation)
    with docs_sandbox.in_process():
        for setup in request.before:  # not captured: only the request itself counts
            assert setup.send(client).is_success, setup
    before = docs_sandbox.store.dump()
    source = f"tests/test_scenarios.py::{operation}-{status}"
    held = (docs_sandbox.store.in_flight(*request.in_flight) if request.in_flight
            else contextlib.nullcontext())
    with docs_sandbox.in_process(), docs_sandbox.recorder.capture(source, "scenario") as seen, \
            held:
        response = request.send(client)
    answered = [f"{e.operation_id} {e.status}" for e in seen]
    assert answered == [f"{operation} {status}"], (
        f"{request.method} {request.path}, made to get {operation}'s documented {status}, was "
        f"answered {', '.join(answered) or 'by no operation'} (src/cloudws/operations.py "
        "declares the statuses; the handler in src/cloudws/app.py and the store give them): "
        + response.text)
    body = response.json()
    assert api_schemas.response_errors(operation, status, body) == []
    if status >= 400:
        assert body["code"] in OPERATIONS[operation].errors[status].codes
        assert docs_sandbox.store.dump() == before, "a rejected request changed the state"
    elif request.method != "GET":
        assert docs_sandbox.store.dump() != before, (
            f"{operation} answered {status} and changed nothing: a {request.method} that "
            "succeeds must change the state. Its example in src/cloudws/operations.py runs "
            "from the fixture state: give it one that changes it, or, where a success "
            "leaves the resource as it was, have the store record it (its updated_at, say)")


def test_a_status_without_recipe_is_named():
    with pytest.raises(LookupError, match="no scenario recipe for getVolume 418: add one to "
                                          "tests/helpers.py"):
        recipe("getVolume", 418, _AUTH)
