"""The lifecycle page's table of what each state allows (docs/concepts/lifecycle.md), held
to the sandbox: each cell is read as a claim and each operation its row links to is sent,
as its declaration's example, to a workstation in that state of the fixtures
(``ws-67890`` runs, ``ws-12345`` is stopped), from a fresh sandbox.

A cell says one of (in any case): ``yes``; ``yes, changes nothing``; ``yes: it becomes
`stopped```; ``yes: it is deleted``; ``no: `409` [`code`](...)`` (the status may carry
its reason phrase, ``409 Conflict``). The table is the first whose header names
``Operation`` and the states, in any order; other columns are not read.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import httpx
import pytest

from cloudws.operations import OPERATIONS, Example
from cloudws.testing import BASE_URL, mock_api

from .harness.github import PLANTS_MISTAKES
from .helpers import linked_operations, table_cells, tls

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "concepts" / "lifecycle.md"
WHERE = PAGE.relative_to(ROOT).as_posix()
#: A workstation of the fixtures in each state.
IN_STATE = {"running": "ws-67890", "stopped": "ws-12345"}
AUTH = {"Authorization": "Bearer cws_test_lifecycle"}
_CLAIM = re.compile(
    r"^(?:(?P<yes>yes)(?:(?P<nothing>, changes nothing)|: it becomes `(?P<becomes>[a-z]+)`"
    r"|(?P<deleted>: it is deleted))?"
    r"|no: `(?P<status>\d{3})(?: [A-Za-z ]+)?` \[`(?P<code>[a-z_]+)`\]\([^)]*\))$",
    re.IGNORECASE)
CLAIMS = ("yes", "yes, changes nothing", "yes: it becomes `<state>`", "yes: it is deleted",
          "no: `409` [`code`](errors.md#code)")


def _table() -> tuple[int, list[str], list[tuple[int, list[str]]]]:
    """The table's header line, its columns, and each row: its line and cells."""
    lines = PAGE.read_text().split("\n")
    for number, line in enumerate(lines):
        columns = [cell.strip("`").lower() for cell in table_cells(line)] if line.startswith("|") else []
        if columns and columns[0] == "operation" and set(IN_STATE) <= set(columns):
            rows = []
            for at in range(number + 2, len(lines)):
                if not lines[at].startswith("|"):
                    break
                rows.append((at + 1, table_cells(lines[at])))
            return number + 1, columns, rows
    pytest.fail(f"{WHERE}: no table whose header is `| Operation | running | stopped |`",
                pytrace=False)


def _request(operation: str, workstation: str) -> httpx.Request:
    example = OPERATIONS[operation].example
    if "id" in example.path:
        example = Example(path={"id": workstation}, query=example.query, body=example.body)
    declared = OPERATIONS[operation]
    return httpx.Request(declared.method, BASE_URL + declared.url(example).removeprefix("/v1"),
                         headers=AUTH, json=dict(example.body) if example.body else None)


def test_the_lifecycle_table_says_what_the_sandbox_does():
    _, columns, rows = _table()
    problems = []
    for line, cells in rows:
        operations = linked_operations(cells[0], PAGE)
        if not operations:
            problems.append(f"{WHERE}:{line}: the row links to no endpoint page")
        for state in IN_STATE:
            cell = cells[columns.index(state)] if columns.index(state) < len(cells) else ""
            claim = _CLAIM.match(cell)
            if claim is None:
                problems.append(f"{WHERE}:{line}: {cell!r} ({state}) says none of what this "
                                f"table's cells can say: {'; '.join(CLAIMS)}")
                continue
            for operation in operations:
                problems += _held(line, cell, claim, operation, state)
    if problems:  # (each names its line and the fix: no traceback of this test around it)
        pytest.fail("\n".join(problems), pytrace=False)


def _held(line: int, cell: str, claim: re.Match[str], operation: str, state: str) -> list[str]:
    """What the sandbox does otherwise than ``cell`` says of ``operation`` in ``state``."""
    workstation = IN_STATE[state]
    with mock_api(), httpx.Client(verify=tls()) as client:
        before = client.get(f"{BASE_URL}/workstations/{workstation}", headers=AUTH).json()
        request = _request(operation, workstation)
        answer = client.send(request)
        after = client.get(f"{BASE_URL}/workstations/{workstation}", headers=AUTH)
    code = answer.json().get("code") if answer.status_code >= 400 else None
    said = (f"{WHERE}:{line}: the table says {cell!r} of {operation} on a {state} "
            f"workstation, but {request.method} {request.url.path} answered "
            f"{answer.status_code}{f' {code}' if code else ''}")
    if claim["status"]:
        wrong = (said if (answer.status_code, code) != (int(claim["status"]), claim["code"])
                 else f"{said}, and changed the workstation" if after.json() != before
                 else None)
    elif not answer.is_success:
        wrong = said
    elif claim["nothing"] and after.json() != before:
        wrong = f"{said}, and changed the workstation"
    elif claim["becomes"] and after.json()["status"] != claim["becomes"]:
        wrong = f"{said}, and it is {after.json()['status']}"
    elif claim["deleted"] and after.status_code != 404:
        wrong = f"{said}, and it is still there"
    else:
        wrong = None
    return ([] if wrong is None else
            [f"{wrong}: the cell that says what it does is {_cell(answer, code, before, after)!r}"])


def _cell(answer: httpx.Response, code: str | None, before: dict, after: httpx.Response) -> str:
    """The cell that says what the sandbox did (in this table's words)."""
    if not answer.is_success:
        return f"no: `{answer.status_code}` [`{code}`](errors.md#{code})"
    if after.status_code == 404:
        return "yes: it is deleted"
    if after.json() == before:
        return "yes, changes nothing" if answer.request.method != "GET" else "yes"
    if after.json()["status"] != before["status"]:
        return f"yes: it becomes `{after.json()['status']}`"
    return "yes"


def test_every_operation_on_a_workstation_has_its_row():
    """An operation on a workstation that is there (its path names one: Get, Start...) and
    the list of them, unless replaced, each have a row: a new one (Restart, say) left out
    of the table is told, with where its row goes, rather than passing unread."""
    header, _, rows = _table()
    linked = {operation for _, cells in rows for operation in linked_operations(cells[0], PAGE)}
    missing = [operation for operation, declared in OPERATIONS.items()
               if declared.replaced_by is None and operation not in linked and (
                   declared.path.startswith("/v1/workstations/{id}")
                   or (declared.method, declared.path) == ("GET", "/v1/workstations"))]
    assert not missing, (
        f"{WHERE}:{header}: the table of what each state allows has no row for "
        f"{', '.join(missing)}: give each its row, linking its page, with what it does "
        f"in each state (one of: {'; '.join(CLAIMS)})")


@PLANTS_MISTAKES  # cells of its own, not the page's: not run by the page's check
def test_a_wrong_cell_is_told_with_the_cell_that_says_what_the_sandbox_does():
    """The writer is given the cell to write, in the table's words, from what the sandbox
    did: a success that changed nothing, a state it became, a refusal with its code."""
    cases = [("yes: it is deleted", "startWorkstation", "running", "yes, changes nothing"),
             ("yes, changes nothing", "stopWorkstation", "running", "yes: it becomes `stopped`"),
             ("yes", "deleteWorkstation", "running",
              "no: `409` [`workstation_not_stopped`](errors.md#workstation_not_stopped)"),
             ("yes, changes nothing", "deleteWorkstation", "stopped", "yes: it is deleted")]
    for cell, operation, state, does in cases:
        said = _held(1, cell, _CLAIM.match(cell), operation, state)
        assert len(said) == 1 and said[0].endswith(
            f": the cell that says what it does is {does!r}"), (cell, operation, said)


@PLANTS_MISTAKES  # a copy of the page with a wrong cell: not run by the page's check
def test_a_wrong_cell_fails_in_lines_of_its_own_without_a_traceback(tmp_path, monkeypatch):
    """What the table check tells is the whole failure: one line a wrong cell, at its line,
    with no source or assertion of the test around it (pytest.fail without its trace)."""
    text = PAGE.read_text()
    row = next(n for n, line in enumerate(text.split("\n"), 1) if line.startswith("| [Update]"))
    lines = text.split("\n")
    lines[row - 1] = lines[row - 1].rsplit("|", 2)[0] + "| yes: it is deleted |"
    page = tmp_path / "docs" / "concepts" / "lifecycle.md"  # (its links, to the pages)
    page.parent.mkdir(parents=True)
    for pages in ("workstations", "volumes"):
        (tmp_path / "docs" / pages).symlink_to(ROOT / "docs" / pages)
    page.write_text("\n".join(lines))
    monkeypatch.setattr(sys.modules[__name__], "PAGE", page)
    with pytest.raises(pytest.fail.Exception) as failure:
        test_the_lifecycle_table_says_what_the_sandbox_does()
    assert failure.value.pytrace is False
    assert str(failure.value.msg).split("\n") == [(
        f"{WHERE}:{row}: the table says 'yes: it is deleted' of updateWorkstation on a stopped "
        "workstation, but PATCH /v1/workstations/ws-12345 answered 200, and it is still "
        "there: the cell that says what it does is 'yes'")]
