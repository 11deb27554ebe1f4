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

import functools
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import get_args

import httpx
import pytest

from cloudws.models import WorkstationStatus
from cloudws.operations import OPERATIONS, Example
from cloudws.testing import BASE_URL, mock_api

from .harness.github import PLANTS_MISTAKES
from .helpers import linked_operations, table_cells

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
    assert not problems, "\n".join(problems)


def _held(line: int, cell: str, claim: re.Match[str], operation: str, state: str) -> list[str]:
    """What the sandbox does otherwise than ``cell`` says of ``operation`` in ``state``."""
    workstation = IN_STATE[state]
    with mock_api(), httpx.Client() as client:
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


# -- The diagram ----------------------------------------------------------------------------
#
# docs/concepts/lifecycle.svg, which the page includes, is drawn in groups this reads: a
# group of class "state" is a state (its box, and its name); a group of class "call" is an
# arrow (its path) and its label; the mark of class "begin" is where a created workstation
# comes from, the group of class "end" where a deleted one goes. Where an arrow starts and
# ends is read from its path: its first and last points, on the shapes they touch.
#
# A label names operations on workstations by the first word of their summary (``stop``
# is Stop workstation), separated by commas, each with ``(no change)`` on an arrow that
# comes back to its state when the call changes nothing there. An arrow that ends on no
# shape is a refusal, labelled ``calls: STATUS Reason, nothing changes``.

DIAGRAM = PAGE.with_suffix(".svg")
_SVG = "{http://www.w3.org/2000/svg}"
#: How far (in the drawing's units) an arrow's end may be from the shape it touches.
_TOUCH = 4.0
_ITEM = re.compile(r"(?P<word>[a-z]+)(?P<nothing> \(no change\))?")
_REFUSAL = re.compile(r"(?P<calls>[a-z, ()]+): (?P<status>\d{3})(?: [A-Z][a-z]+)*, nothing changes")


@dataclass(frozen=True)
class Drawn:
    """What an arrow of the diagram says: ``operation`` on a workstation in ``state`` (None
    for a create) ``does`` one of: ``makes it `<state>` ``, ``changes nothing``, ``changes
    it, keeping it `<state>` ``, ``deletes it``, ``is refused with `<status>` ``."""

    operation: str
    state: str | None
    does: str

    def said(self) -> str:
        on = f" on a {self.state} workstation" if self.state else ""
        return f"{self.operation}{on} {self.does}"


def _where(diagram: Path) -> str:
    return diagram.relative_to(ROOT).as_posix() if diagram.is_relative_to(ROOT) else str(diagram)


def _ends(path: str) -> tuple[tuple[float, float], tuple[float, float]]:
    """The first and last points of an SVG path's ``d`` (absolute commands only)."""
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", path)] or [0.0, 0.0]
    return (numbers[0], numbers[1]), (numbers[-2], numbers[-1])


def _touches(point: tuple[float, float], shape: ET.Element) -> bool:
    x, y = point
    if shape.tag == f"{_SVG}rect":
        left, top = float(shape.get("x", 0)), float(shape.get("y", 0))
        right, bottom = left + float(shape.get("width", 0)), top + float(shape.get("height", 0))
        return left - _TOUCH <= x <= right + _TOUCH and top - _TOUCH <= y <= bottom + _TOUCH
    cx, cy, r = (float(shape.get(name, 0)) for name in ("cx", "cy", "r"))
    return ((x - cx) ** 2 + (y - cy) ** 2) ** 0.5 <= r + _TOUCH


def _words() -> dict[str, str]:
    """Each operation on workstations (but a read) by the word a label names it with: the
    first of its summary (``stop``: stopWorkstation)."""
    return {declared.summary.split()[0].lower(): operation
            for operation, declared in OPERATIONS.items()
            if declared.replaced_by is None and declared.path.startswith("/v1/workstations")
            and declared.method != "GET"}


def _label(group: ET.Element) -> str:
    return " ".join(" ".join((text.text or "").split()) for text in group.iter(f"{_SVG}text"))


def _lines(text: str, kind: str) -> list[int]:
    """The line of each group of class ``kind`` in the diagram's ``text``, in order."""
    return [text.count("\n", 0, group.start()) + 1
            for group in re.finditer(rf'<g\b[^>]*\bclass="{kind}"', text)]


def _drawing(diagram: Path) -> tuple[list[str], list[tuple[int, str, Drawn]], list[str]]:
    """The states drawn; what each arrow says, with its line and the label's item that
    says it; and what could not be read."""
    where, root = _where(diagram), ET.fromstring(diagram.read_text())
    groups = list(root.iter(f"{_SVG}g"))
    states, shapes, ends, problems = [], [], [], []
    for group in groups:
        shape = next((child for child in group if child.tag in (f"{_SVG}rect", f"{_SVG}circle")),
                     None)
        if group.get("class") == "state" and shape is not None:
            states.append(_label(group))
            shapes.append((_label(group), shape))
        elif group.get("class") == "end" and shape is not None:
            ends.append(shape)
    begins = [shape for shape in root.iter() if shape.get("class") == "begin"]
    words, claims = _words(), []
    calls = [group for group in groups if group.get("class") == "call"]
    for group, line in zip(calls, _lines(diagram.read_text(), "call"), strict=True):
        label, path = _label(group), group.find(f"{_SVG}path")
        if path is None:
            problems.append(f"{where}:{line}: the call {label!r} has no arrow (a path)")
            continue
        if re.search(r"[a-df-z]", path.get("d", "")):
            problems.append(f"{where}:{line}: the arrow labelled {label!r} is drawn with "
                            "relative commands (lowercase): write its path with absolute "
                            "ones (M, L, C...), from which its ends are read")
            continue
        start, end = _ends(path.get("d", ""))
        origin = next((name for name, shape in shapes if _touches(start, shape)),
                      "begin" if any(_touches(start, begin) for begin in begins) else None)
        target = next((name for name, shape in shapes if _touches(end, shape)),
                      "end" if any(_touches(end, shape) for shape in ends) else None)
        refusal = _REFUSAL.fullmatch(label) if target is None else None
        if origin is None:
            problems.append(f"{where}:{line}: the arrow labelled {label!r} starts on no state "
                            "(nor on the mark a created workstation comes from)")
            continue
        if target is None and refusal is None:
            problems.append(f"{where}:{line}: the arrow labelled {label!r} ends on no state: a "
                            "refusal's label reads 'calls: STATUS Reason, nothing changes' "
                            "(such as 'update: 409 Conflict, nothing changes')")
            continue
        for item in (refusal["calls"] if refusal else label).split(", "):
            said = _ITEM.fullmatch(item)
            if said is None or said["word"] not in words:
                problems.append(f"{where}:{line}: {item!r} names no call: a label names "
                                f"{', '.join(sorted(words))}, each with ' (no change)' where "
                                "it changes nothing, separated by commas")
            elif said["nothing"] and target != origin:
                problems.append(f"{where}:{line}: {item!r} is on an arrow that does not come "
                                "back to its state: '(no change)' goes on one that does")
            elif origin == "begin" and target in (None, "end"):
                problems.append(f"{where}:{line}: the arrow labelled {item!r} from the mark a "
                                "created workstation comes from goes to no state")
            else:
                does = (f"is refused with `{refusal['status']}`" if refusal
                        else "deletes it" if target == "end"
                        else f"makes it `{target}`" if target != origin
                        else "changes nothing" if said["nothing"]
                        else f"changes it, keeping it `{origin}`")
                claims.append((line, item, Drawn(words[said["word"]],
                                                 None if origin == "begin" else origin, does)))
    return states, claims, problems


@functools.cache
def _what_it_does(operation: str, state: str | None) -> tuple[str, str]:
    """What the sandbox does when ``operation`` is sent to a workstation in ``state`` of a
    fresh sandbox (or, ``state`` None, creates one): as an arrow's claim (see
    :class:`Drawn`), and as the arrow that would say it. Asked once a run."""
    word = OPERATIONS[operation].summary.split()[0].lower()
    with mock_api(), httpx.Client() as client:
        if state is None:
            answer = client.send(_request(operation, ""))
            status = answer.json().get("status") if answer.is_success else None
            if status is None:
                return (f"is refused with `{answer.status_code}`",
                        f"no arrow: a create answered {answer.status_code}")
            return f"makes it `{status}`", f"an arrow to `{status}`, labelled {word!r}"
        workstation = IN_STATE[state]
        before = client.get(f"{BASE_URL}/workstations/{workstation}", headers=AUTH).json()
        answer = client.send(_request(operation, workstation))
        after = client.get(f"{BASE_URL}/workstations/{workstation}", headers=AUTH)
    if not answer.is_success:
        if after.json() != before:
            return (f"is refused with `{answer.status_code}` and changes it",
                    "no arrow: the refusal changed the workstation")
        reason = httpx.codes.get_reason_phrase(answer.status_code)
        return (f"is refused with `{answer.status_code}`",
                f"a dashed arrow to '{word}: {answer.status_code} {reason}, nothing changes'")
    if after.status_code == 404:
        return "deletes it", f"an arrow to the end mark, labelled {word!r}"
    if after.json()["status"] != before["status"]:
        status = after.json()["status"]
        return f"makes it `{status}`", f"an arrow to `{status}`, labelled {word!r}"
    if after.json() == before:
        return "changes nothing", f"an arrow back to `{state}`, labelled '{word} (no change)'"
    return f"changes it, keeping it `{state}`", f"an arrow back to `{state}`, labelled {word!r}"


# The diagram's text alternative (its <desc>, what a screen reader reads) says what the
# arrows draw, each clause (ended by '.' or ';') in one of these forms, where CALLS are the
# labels' words joined with ', ' or ' and ':
_CALLS = r"(?P<calls>[a-z]+(?:(?:, | and )[a-z]+)*)"
_DESC_FORMS = {
    "CALLS makes a workstation that is STATE":
        re.compile(rf"{_CALLS} makes? a workstation that is (?P<to>[a-z]+)"),
    "CALLS moves it from STATE to STATE":
        re.compile(rf"{_CALLS} moves? it from (?P<state>[a-z]+) to (?P<to>[a-z]+)"),
    "CALLS on a STATE workstation (and CALLS on a STATE one) change nothing":
        re.compile(rf"{_CALLS} on an? (?P<state>[a-z]+) workstation(?: and "
                   rf"{_CALLS.replace('calls', 'calls2')} on an? (?P<state2>[a-z]+) one)? "
                   r"changes? nothing"),
    "CALLS keeps a STATE workstation STATE":
        re.compile(rf"{_CALLS} keeps? an? (?P<state>[a-z]+) workstation (?P<kept>[a-z]+)"),
    "CALLS ends a STATE workstation":
        re.compile(rf"{_CALLS} ends? an? (?P<state>[a-z]+) workstation"),
    "CALLS on a STATE workstation are refused with STATUS Reason":
        re.compile(rf"{_CALLS} on an? (?P<state>[a-z]+) workstation (?:is|are) refused with "
                   r"(?P<status>\d{3})(?: [A-Za-z]+)*"),
}


def _described(diagram: Path) -> tuple[int, list[tuple[str, list[Drawn]]], list[str]]:
    """The line of the diagram's description; what each of its clauses says, as arrows
    would; and what could not be read."""
    text, where = diagram.read_text(), _where(diagram)
    found = re.search(r"<desc\b[^>]*>(.*?)</desc>", text, re.DOTALL)
    if found is None:
        return 1, [], [(f"{where}:1: the diagram has no <desc> (the text a screen reader "
                       "reads): say in it what the arrows draw")]
    line, words, said, unread = text.count("\n", 0, found.start()) + 1, _words(), [], []
    for clause in re.split(r"(?<=[.;])\s+", " ".join(found[1].split())):
        clause = clause.rstrip(".;")
        matched = next(((form, match) for form, pattern in _DESC_FORMS.items()
                        if (match := pattern.fullmatch(clause[:1].lower() + clause[1:]))), None)
        if matched is None:
            unread.append(f"{where}:{line}: the description (<desc>) says {clause!r}, in none "
                          f"of the forms it is read in: {'; '.join(_DESC_FORMS)}")
            continue
        form, groups = matched[0], matched[1].groupdict()
        does = (f"makes it `{groups['to']}`" if groups.get("to")
                else "changes nothing" if form.endswith("nothing")
                else f"changes it, keeping it `{groups['kept']}`" if groups.get("kept")
                else "deletes it" if " ends " in form
                else f"is refused with `{groups['status']}`")
        claims = []
        for calls, state in ((groups["calls"], groups.get("state")),
                             (groups.get("calls2"), groups.get("state2"))):
            for word in re.split(r", | and ", calls) if calls else []:
                if word in words:
                    claims.append(Drawn(words[word], state, does))
                else:
                    unread.append(f"{where}:{line}: the description (<desc>) says {word!r} in "
                                  f"{clause!r}: a call is one of {', '.join(sorted(words))}")
        said.append((clause, claims))
    return line, said, unread


def diagram_problems(diagram: Path = DIAGRAM) -> list[str]:
    """What ``diagram`` draws or says otherwise than the sandbox does, or leaves out."""
    where = _where(diagram)
    states, claims, problems = _drawing(diagram)
    statuses = sorted(get_args(WorkstationStatus))
    if sorted(states) != statuses:
        problems.append(f"{where}:{(_lines(diagram.read_text(), 'state') or [1])[0]}: the "
                        f"diagram draws the states {sorted(states)}; a workstation's status "
                        f"is one of {statuses}")
    for line, item, drawn in claims:
        if drawn.state in IN_STATE or drawn.state is None:
            does, arrow = _what_it_does(drawn.operation, drawn.state)
            if does != drawn.does:
                problems.append(f"{where}:{line}: the arrow labelled {item!r} says "
                                f"{drawn.said()}; in the sandbox it {does}: draw {arrow}")
    drawn_calls = {(drawn.operation, drawn.state) for _, _, drawn in claims}
    end = diagram.read_text().rstrip().count("\n") + 1  # where a new arrow may go: </svg>
    for operation in _words().values():
        for state in statuses if "{id}" in OPERATIONS[operation].path else [None]:
            if (operation, state) not in drawn_calls:
                on = f" on a {state} workstation" if state else ""
                problems.append(f"{where}:{end}: no arrow says what {operation} does{on}: draw "
                                f"{_what_it_does(operation, state)[1]}")
    line, described, unread = _described(diagram)
    problems += unread
    arrows = {drawn for _, _, drawn in claims}
    for clause, said in described:
        if any(drawn not in arrows for drawn in said):
            problems.append(f"{where}:{line}: the description (<desc>) says {clause!r}, "
                            "which no arrow draws")
    told = {drawn for _, said in described for drawn in said}
    for at, item, drawn in claims:
        if drawn not in told:
            problems.append(f"{where}:{at}: the arrow labelled {item!r} says {drawn.said()}, "
                            "which the description (<desc>, what a screen reader reads) "
                            "does not say")
    return problems


def test_the_lifecycle_diagram_says_what_the_sandbox_does():
    """The diagram on the lifecycle page (docs/concepts/lifecycle.svg): each arrow, sent to
    a workstation of the fixtures in the state it starts from, does what its label and its
    end say; every call on a workstation has its arrow from each state; and the text a
    screen reader reads (its <desc>) says what the arrows do."""
    problems = diagram_problems()
    assert not problems, "\n".join(problems)


@PLANTS_MISTAKES
@pytest.mark.parametrize(("wrong", "right", "told"), [
    (">stop</text>", ">start</text>",
     ("the arrow labelled 'start' says startWorkstation on a running workstation makes it "
     "`stopped`; in the sandbox it changes nothing: draw an arrow back to `running`, "
     "labelled 'start (no change)'")),
    (">start (no change)</text>", ">start</text>",
     ("the arrow labelled 'start' says startWorkstation on a running workstation changes it, "
     "keeping it `running`; in the sandbox it changes nothing")),
    (">409 Conflict, nothing", ">400 Bad Request, nothing",
     "draw a dashed arrow to 'update: 409 Conflict, nothing changes'"),
    ("M48,150 L148,150", "M48,150 L418,150",
     ("the arrow labelled 'create' says createWorkstation makes it `stopped`; in the sandbox "
     "it makes it `running`")),
    (">update, delete:</text>", ">update:</text>",
     ("no arrow says what deleteWorkstation does on a running workstation: draw a dashed arrow "
     "to 'delete: 409 Conflict, nothing changes'")),
    (">stopped</text>", ">suspended</text>",
     "the diagram draws the states ['running', 'suspended']"),
    (">update</text>", ">restart</text>", "'restart' names no call"),
    ("M560,150 L644,150", "m560,150 l84,0", "drawn with relative commands"),
    ("Update keeps a stopped workstation stopped. ", "",
     ("the arrow labelled 'update' says updateWorkstation on a stopped workstation changes it, "
     "keeping it `stopped`, which the description (<desc>, what a screen reader reads) does "
     "not say")),
    ("Create makes a workstation that is running", "Create makes a workstation that is stopped",
     ("the description (<desc>) says 'Create makes a workstation that is stopped', which no "
     "arrow draws")),
    ("Delete ends a stopped workstation.", "Delete ends a stopped workstation, and its disk.",
     "says 'Delete ends a stopped workstation, and its disk', in none of the forms"),
])
def test_a_diagram_that_says_otherwise_than_the_sandbox_is_told(tmp_path, wrong, right, told):
    text = DIAGRAM.read_text()
    assert wrong in text
    planted = tmp_path / "lifecycle.svg"
    planted.write_text(text.replace(wrong, right, 1))
    problems = diagram_problems(planted)
    assert any(told in problem for problem in problems), problems
