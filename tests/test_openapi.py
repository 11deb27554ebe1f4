"""The OpenAPI document: valid 3.1, as committed, and saying exactly what the stub does."""

from __future__ import annotations

import difflib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from openapi_spec_validator import validate

from cloudws.errors import ERROR_CODES
from cloudws.idempotency import KEY_PATTERN
from cloudws.operations import OPERATIONS

from .helpers import document

SNAPSHOT = Path(__file__).parent / "snapshots" / "openapi.json"
DOCUMENT = document()


def test_openapi_is_valid_3_1():
    assert DOCUMENT["openapi"] == "3.1.0"
    validate(DOCUMENT)


def test_openapi_matches_snapshot():
    """A change of the contract is reviewed: the snapshot is refreshed on purpose, and the
    failure shows what changed, line by line, as ``git diff`` would after the refresh."""
    expected = json.loads(SNAPSHOT.read_text())
    if DOCUMENT == expected:
        return
    lines = [(json.dumps(doc, indent=2) + "\n").splitlines(keepends=True)  # as the CLI
             for doc in (expected, DOCUMENT)]                              # prints it
    diff = list(difflib.unified_diff(*lines, "tests/snapshots/openapi.json",
                                     "uv run cloudws openapi", n=2))
    shown = "".join(diff[:60]) + (f"... ({len(diff) - 60} more lines)\n" if len(diff) > 60 else "")
    pytest.fail("The OpenAPI document changed:\n" + shown + "If that is "
                "intended, refresh the snapshot with:\n"
                "  uv run cloudws openapi > tests/snapshots/openapi.json", pytrace=False)


def test_cli_prints_the_same_document():
    out = subprocess.run([sys.executable, "-m", "cloudws.cli", "openapi"], check=True,
                         capture_output=True, text=True).stdout
    assert json.loads(out) == DOCUMENT


def test_a_process_that_has_not_imported_the_stub_makes_the_document_itself():
    """The first to make the document (a build, a test worker) may not have imported the
    stub: it makes it in process, the same document (not nothing, which the cache would
    then keep until the stub changed)."""
    script = ("import json, sys\n"
              "from cloudws.document import _make_document\n"
              "assert not [m for m in sys.modules if m.startswith('cloudws.') "
              "and m != 'cloudws.document'], sys.modules\n"
              "print(json.dumps(_make_document()))")
    made = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True, timeout=120)
    assert json.loads(made.stdout) == DOCUMENT


def operations():
    for path, item in DOCUMENT["paths"].items():
        for method, op in item.items():
            yield path, method, op


def test_every_operation_lists_its_errors_and_no_framework_422():
    seen = set()
    for _path, _method, op in operations():
        statuses = {int(s) for s in op["responses"]}
        errors = {s for s in statuses if s >= 400}
        declared = OPERATIONS[op["operationId"]]
        # FastAPI's own 422 is gone (the API answers 400); a 422 is the declared
        # idempotency_key_reused of an operation that takes an Idempotency-Key.
        assert (422 in statuses) == declared.takes_idempotency_key, op["operationId"]
        assert errors == set(declared.errors), op["operationId"]
        assert statuses == set(declared.statuses), op["operationId"]
        assert 401 in errors
        assert (500 in errors) == bool(declared.steps), op["operationId"]
        for status in errors:
            content = op["responses"][str(status)]["content"]
            assert list(content) == ["application/problem+json"]
            examples = content["application/problem+json"]["examples"]
            assert tuple(examples) == declared.errors[status].codes, (op["operationId"], status)
            assert op["responses"][str(status)]["description"] == declared.errors[status].when
            seen |= set(examples)
        seen.add(op["operationId"])
    assert sorted(op["operationId"] for *_, op in operations()) == sorted(OPERATIONS)
    # Every code appears on some operation but those the router or the HTTP layer answers.
    assert set(ERROR_CODES) - seen == {"method_not_allowed", "malformed_request"}
    assert "HTTPValidationError" not in DOCUMENT["components"]["schemas"]


def test_the_creates_declare_the_idempotency_key_header():
    for *_, op in operations():
        declared = OPERATIONS[op["operationId"]]
        headers = [p for p in op.get("parameters", []) if p["in"] == "header"]
        if not declared.takes_idempotency_key:
            assert headers == [], op["operationId"]
            continue
        assert [h["name"] for h in headers] == ["Idempotency-Key"]
        assert headers[0]["required"] is False
        assert headers[0]["schema"]["pattern"] == KEY_PATTERN
        assert declared.errors[409].codes[-1] == "idempotency_key_in_flight"
    assert {o.id for o in OPERATIONS.values() if o.takes_idempotency_key} == {
        "createWorkstation", "createVolume"}


def test_only_the_removed_operation_is_deprecated_and_it_has_no_success():
    deprecated = {op["operationId"]: op for *_, op in operations() if op.get("deprecated")}
    assert set(deprecated) == {o.id for o in OPERATIONS.values() if o.replaced_by}
    assert set(deprecated) == {"removedDeleteWorkstation"}
    removed = DOCUMENT["paths"]["/v1/workstations/{id}/delete"]["get"]
    assert removed is deprecated["removedDeleteWorkstation"]
    assert sorted(removed["responses"]) == ["400", "401", "410", "413"]
    assert "DELETE /v1/workstations/{id}" in removed["description"]
    assert removed["parameters"][0]["schema"]["pattern"] == "^ws-[a-z0-9]{5,32}$"


def test_each_tag_says_what_its_operations_do_as_they_are_declared(monkeypatch):
    """A tag's description names the verb of each of its operations, in the order they are
    declared, and a removed one's request: an operation added to the declarations is in
    it, with nothing else to edit."""
    import dataclasses

    import cloudws.openapi

    tags = {tag["name"]: tag["description"] for tag in DOCUMENT["tags"]}
    assert set(tags) == {op.tag for op in OPERATIONS.values()}
    for tag, description in tags.items():
        verbs = [op.summary.split()[0].lower() for op in OPERATIONS.values()
                 if op.tag == tag and op.replaced_by is None]
        assert [word.strip(",.").lower() for word in description.split(".")[0].split()
                if word != "and"][:-1] == verbs, description
    assert ("`GET /v1/workstations/{id}/delete` is removed (`410`): use Delete workstation."
            in tags["Workstations"])
    # an operation added: its verb last (a verb no operation has today, so that adding a
    # real one leaves this test as it is)
    head = tags["Workstations"].split(" workstations.")[0]  # "Create, ... and delete"
    added = f"{head.replace(' and ', ', ')} and hibernate workstations. "
    hibernate = dataclasses.replace(OPERATIONS["startWorkstation"], id="hibernateWorkstation",
                                    summary="Hibernate workstation")
    monkeypatch.setitem(cloudws.openapi.OPERATIONS, "hibernateWorkstation", hibernate)
    assert cloudws.openapi.tag_description("Workstations").startswith(added)
    # a verb said once ("get" of "Get workstation logs"); a tag's acronym kept as it is
    logs = dataclasses.replace(OPERATIONS["getWorkstation"], id="getWorkstationLogs",
                               summary="Get workstation logs")
    monkeypatch.setitem(cloudws.openapi.OPERATIONS, "getWorkstationLogs", logs)
    assert cloudws.openapi.tag_description("Workstations").startswith(added)
    keys = dataclasses.replace(OPERATIONS["createVolume"], id="createSshKey", tag="SSH keys",
                               summary="Create SSH key")
    monkeypatch.setitem(cloudws.openapi.OPERATIONS, "createSshKey", keys)
    assert cloudws.openapi.tag_description("SSH keys") == "Create SSH keys."
    with pytest.raises(ValueError, match="no operation is tagged 'Snapshots'"):
        cloudws.openapi.tag_description("Snapshots")
    # a tag whose every operation is removed: what each was replaced by, alone
    legacy = dataclasses.replace(OPERATIONS["removedDeleteWorkstation"], tag="Legacy")
    monkeypatch.setitem(cloudws.openapi.OPERATIONS, "removedDeleteWorkstation", legacy)
    assert cloudws.openapi.tag_description("Legacy") == (
        "`GET /v1/workstations/{id}/delete` is removed (`410`): use Delete workstation.")


def test_id_and_cursor_parameters_declare_patterns():
    for path, _method, op in operations():
        for param in op.get("parameters", []):
            if param["name"] in ("id", "cursor"):
                assert param["schema"].get("pattern"), (path, param["name"])


def test_security_scheme_is_bearer():
    assert DOCUMENT["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    assert DOCUMENT["security"] == [{"bearerAuth": []}]
