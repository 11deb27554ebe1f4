"""The lifecycle page's table of what each state allows (docs/concepts/lifecycle.md), held
to the sandbox: each cell is read as a claim ("yes", "yes, changes nothing", "yes: it
becomes `stopped`", "yes: it is deleted", "no: `409` [`code`]") and each operation of its
row is sent, as its declaration's example, to a workstation in that state of the fixtures
(``ws-67890`` runs, ``ws-12345`` is stopped), from a fresh sandbox."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest

from cloudws.operations import OPERATIONS, Example
from cloudws.testing import BASE_URL, mock_api

from .harness.pages import Page

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "concepts" / "lifecycle.md"
#: A workstation of the fixtures in each state.
IN_STATE = {"running": "ws-67890", "stopped": "ws-12345"}
AUTH = {"Authorization": "Bearer cws_test_lifecycle"}
_LINK = re.compile(r"\[[^\]]+\]\((?P<target>[^)#]+\.md)(?:#[^)]*)?\)")
_REFUSED = re.compile(r"^no: `(?P<status>\d{3})` \[`(?P<code>[a-z_]+)`\]")
_BECOMES = re.compile(r"it becomes `(?P<state>[a-z]+)`")


def _operation_of(target: str) -> str:
    page = Page.read((PAGE.parent / target).resolve())
    operation = page.front_matter.get("operation")
    assert isinstance(operation, str), f"{target} is no endpoint page"
    return operation


def _rows() -> list[tuple[int, list[str], dict[str, str]]]:
    """Each row of the table under "What each state allows": its line, the operations its
    first cell links to, and its cell for each state."""
    lines = PAGE.read_text().split("\n")
    start = lines.index("## What each state allows")
    header = next(n for n in range(start, len(lines)) if lines[n].startswith("| Operation"))
    states = [cell.strip().strip("`") for cell in lines[header].strip("|").split("|")[1:]]
    assert states == list(IN_STATE), f"{PAGE}:{header + 1}: the table's states are {states}"
    rows = []
    for number in range(header + 2, len(lines)):
        if not lines[number].startswith("|"):
            break
        first, *cells = [cell.strip() for cell in lines[number].strip().strip("|").split("|")]
        rows.append((number + 1, [_operation_of(m["target"]) for m in _LINK.finditer(first)],
                     dict(zip(states, cells, strict=True))))
    return rows


def _request(operation: str, workstation: str) -> httpx.Request:
    declared = OPERATIONS[operation]
    example = declared.example
    if "id" in example.path:
        example = Example(path={"id": workstation}, query=example.query, body=example.body)
    return httpx.Request(declared.method, BASE_URL + declared.url(example).removeprefix("/v1"),
                         headers=AUTH, json=dict(example.body) if example.body else None)


ROWS = _rows()


@pytest.mark.parametrize(("line", "operations", "cells"), ROWS,
                         ids=[f"line{line}" for line, _, _ in ROWS])
def test_the_lifecycle_table_says_what_the_sandbox_does(line, operations, cells):
    assert operations, f"{PAGE.relative_to(ROOT)}:{line}: the row links to no endpoint page"
    for state, cell in cells.items():
        for operation in operations:
            with mock_api(), httpx.Client() as client:
                workstation = IN_STATE[state]
                before = client.get(f"{BASE_URL}/workstations/{workstation}", headers=AUTH).json()
                request = _request(operation, workstation)
                answer = client.send(request)
                after = client.get(f"{BASE_URL}/workstations/{workstation}", headers=AUTH)
            said = (f"{PAGE.relative_to(ROOT)}:{line}: the table says {cell!r} of "
                    f"{operation} on a {state} workstation, but {request.method} "
                    f"{request.url.path} on {workstation} answered {answer.status_code}")
            refused = _REFUSED.match(cell)
            if refused is not None:
                assert (answer.status_code, answer.json().get("code")) == (
                    int(refused["status"]), refused["code"]), f"{said} {answer.json().get('code')}"
                assert after.json() == before, f"{said}, and changed the workstation"
                continue
            assert cell.startswith("yes"), f"{PAGE.relative_to(ROOT)}:{line}: {cell!r} is " \
                "neither yes... nor no: `status` [`code`]"
            assert answer.is_success, f"{said} {answer.json().get('code', '')}"
            if "changes nothing" in cell:
                assert after.json() == before, f"{said}, and changed the workstation"
            if (becomes := _BECOMES.search(cell)) is not None:
                assert after.json()["status"] == becomes["state"], \
                    f"{said}, and it is {after.json()['status']}"
            if "it is deleted" in cell:
                assert after.status_code == 404, f"{said}, and it is still there"
