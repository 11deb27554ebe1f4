"""The lifecycle page's diagram (docs/concepts/lifecycle.svg, which docs/concepts/lifecycle.md
includes) held to the sandbox: what each arrow says is sent from a workstation of the
fixtures in the state it starts on (those of :mod:`tests.test_lifecycle`, whose table of
what each state allows is held alike); every call on a workstation has its arrow from
each state; and the diagram's <desc> says what the arrows draw. docs/contributing.md's
"The lifecycle diagram" is the writer's side of the rules below.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import get_args

import httpx
import pytest

from cloudws.models import WorkstationStatus
from cloudws.operations import OPERATIONS
from cloudws.testing import BASE_URL, mock_api

from .harness import diagram
from .harness.github import PLANTS_MISTAKES
from .harness.pages import display_path
from .helpers import tls
from .test_lifecycle import AUTH, IN_STATE, PAGE, _request

# The diagram is drawn in groups this reads: a
# group of class "state" is a state (its box, and its name inside it); a group of class
# "call" is an arrow (one path, line or polyline) and its label; the mark of class "begin"
# is where a created workstation comes from, the one of class "end" where a deleted one
# goes (its label, the status a delete answers). An arrow goes from the shape its tail
# touches to the one its head (its marker) touches; a dashed one that ends on no shape is
# a refusal. Nothing else may say anything: a text or an arrow outside these groups, a
# hidden one, or a transform (whose coordinates are not read) is told.
#
# A label names operations on workstations by the first word of their summary (``stop``
# is Stop workstation), separated by commas, each with ``(no change)`` on an arrow that
# comes back to its state when the call changes nothing there; a refusal's reads
# ``calls: STATUS Reason, nothing changes``. Each label's texts are read top to bottom,
# and each must be nearer its own arrow than any other.

DIAGRAM = PAGE.with_suffix(".svg")
#: How far (in the drawing's units) an arrow's end may be from the shape it touches.
_TOUCH = 4.0
#: How long an arrow is at least, to be seen (in the drawing's units).
_SEEN = 10.0
_ITEM = re.compile(r"(?P<word>[a-z]+)(?P<nothing> \(no change\))?")
_REFUSAL = re.compile(r"(?P<calls>[a-z, ()]+): (?P<status>\d{3}) (?P<reason>[A-Za-z' -]+?), "
                      r"nothing changes")
_ARROWS = ("path", "line", "polyline")
_KINDS = ("state", "call", "begin", "end")


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

    def sentence(self) -> str:
        """The clause of the diagram's description that says it."""
        word = _word(self.operation).capitalize()
        status = re.fullmatch(r"is refused with `(\d{3})`", self.does)
        kept = re.fullmatch(r"changes it, keeping it `(\w+)`", self.does)
        made = re.fullmatch(r"makes it `(\w+)`", self.does)
        return (f"{word} makes a workstation that is {made[1]}" if made and not self.state
                else f"{word} moves it from {self.state} to {made[1]}" if made
                else f"{word} on a {self.state} workstation changes nothing"
                if self.does == "changes nothing"
                else f"{word} keeps a {self.state} workstation {kept[1]}" if kept
                else f"{word} ends a {self.state} workstation" if self.does == "deletes it"
                else f"{word} on a {self.state} workstation is refused with {status[1]} "
                     f"{httpx.codes.get_reason_phrase(int(status[1]))}" if status
                else self.said())


def _word(operation: str) -> str:
    return OPERATIONS[operation].summary.split()[0].lower()


def _calls() -> list[str]:
    """The operations on workstations but the reads: what the diagram draws."""
    return [operation for operation, declared in OPERATIONS.items()
            if declared.replaced_by is None and declared.method != "GET"
            and (declared.path == "/v1/workstations"
                 or declared.path.startswith("/v1/workstations/{id}"))]


def _words() -> dict[str, str]:
    """Each of :func:`_calls` by the word a label names it with (``stop``: stopWorkstation)."""
    return {_word(operation): operation for operation in _calls()}


def _spot(text: diagram.Element) -> diagram.Point:
    """Where a text is written: its own x and y, or its first line's (a ``tspan``)."""
    placed = next((one for one in text.iter() if one.get("x") or one.get("y")), text)
    return diagram.length(placed, "x"), diagram.length(placed, "y")


def _shape_of(element: diagram.Element) -> diagram.Shape | None:
    return next((found for one in element.iter() if (found := diagram.shape(one))), None)


def _path_of(element: diagram.Element) -> str:
    """An arrow's path as ``d``: a path's own, or a line's or polyline's points."""
    if element.tag == "line":
        x1, y1, x2, y2 = (diagram.length(element, name) for name in ("x1", "y1", "x2", "y2"))
        return f"M{x1},{y1} L{x2},{y2}"
    if element.tag == "polyline":
        return "M" + element.get("points")
    return element.get("d")


#: What the diagram holds but does not draw where it stands (what it defines, what names it).
_NOT_DRAWN = ("defs", "desc", "marker", "clipPath", "mask", "symbol", "pattern",
              "linearGradient", "radialGradient", "filter", "metadata")
#: What shows what the check does not read: told wherever it is.
_NOT_READ = ("svg", "foreignObject", "use", "image", "switch", "style")


@dataclass
class _Reading:
    states: dict[str, diagram.Shape] = field(default_factory=dict)
    names: list[str] = field(default_factory=list)  # the states' names, as drawn
    claims: list[tuple[int, str, Drawn]] = field(default_factory=list)
    end_label: tuple[int, str] | None = None
    desc: tuple[int, str] | None = None
    problems: list[str] = field(default_factory=list)
    unreadable: bool = False  # not XML: nothing else is read
    #: The calls of arrows that were not read, with the state they start on ("*": unknown).
    unread_calls: set[tuple[str, str | None]] = field(default_factory=set)


def _read(svg: Path) -> _Reading:
    """What the diagram ``svg`` draws: its states, what each arrow says (with its line
    and the item of its label that says it), the end mark's label, its description; and
    what cannot be read."""
    where, read = display_path(svg), _Reading()
    try:
        root = diagram.parse(svg.read_text())
    except ValueError as error:
        read.problems.append(f"{where}:{str(error).removeprefix('line ')}")
        read.unreadable = True
        return read
    undrawn = {id(one) for defs in root.iter() if defs.tag in _NOT_DRAWN for one in defs.iter()}
    shown = [one for one in root.iter() if id(one) not in undrawn and one is not root]
    labelled = root.get("aria-labelledby").split()
    descs = [one for one in root.children if one.tag == "desc"]
    desc = next((one for one in descs if one.get("id") in labelled), None)
    if desc is not None:
        read.desc = (desc.line, diagram.text_of(desc))
    elif descs:
        read.problems.append(f"{where}:{descs[0].line}: the <desc> is not named by the "
                             "diagram's aria-labelledby, so a screen reader does not read it: "
                             "give it an id, and name it there")
    box = [float(n) for n in re.findall(r"[-+\d.eE]+", root.get("viewBox"))]
    kinds = {id(one): kind for one in shown for kind in _KINDS if kind in one.classes}
    named = set(_words()) | set(get_args(WorkstationStatus))
    read.problems += [f"{where}:{one.line}: a <style> sheet: what it sets is not read; set it "
                      "on the elements (their attributes, or style)"
                      for one in root.iter() if one.tag == "style" and id(one) in undrawn]
    for one in shown:
        grouped = id(one) in kinds or any(id(up) in kinds for up in one.ancestors())
        said = one.tag == "text" and diagram.text_of(one) or one.tag in _ARROWS
        begin = any(kinds.get(id(up)) == "begin" for up in (one, *one.ancestors()))
        if one.tag in _NOT_READ:
            read.problems.append(f"{where}:{one.line}: a <{one.tag}>: what it shows or sets is "
                                 "not read; draw with path, line, polyline, rect, circle, "
                                 "ellipse and text, styled by their own attributes")
        elif one.tag == "title" and one.parent is not root:
            read.problems.append(f"{where}:{one.line}: a <title> inside the drawing (a tooltip, "
                                 "which a reader sees only by hovering): it is not read; leave "
                                 "it out, and say what it would in the <desc>")
        elif one.tag == "title":
            if named & set(re.findall(r"[a-z]+", diagram.text_of(one).lower())):
                read.problems.append(f"{where}:{one.line}: the diagram's <title> (part of its "
                                     "name) says what calls or states do: it is not read; let "
                                     "it name the diagram, and say the rest in the <desc>")
        elif one.get("transform") or diagram.presented(one, "transform", inherited=False):
            read.problems.append(f"{where}:{one.line}: a {one.tag} with a transform: the "
                                 "check reads coordinates as written; write them moved")
        elif (said or one.tag == "tspan" and one.text.strip()) and diagram.hidden(one):
            read.problems.append(f"{where}:{one.line}: a hidden {one.tag}: what it says, no "
                                 "reader sees; leave it out")
        elif said and (not grouped or begin and one.tag == "text"):
            read.problems.append(f"{where}:{one.line}: a {one.tag} outside the diagram's "
                                 f"groups (of class {', '.join(_KINDS)}; the begin mark has "
                                 "no text): what it says is not read; put it in one, or "
                                 "leave it out")
        elif one.tag == "text" and len(box) == 4 and not (
                box[0] <= _spot(one)[0] <= box[0] + box[2]
                and box[1] <= _spot(one)[1] <= box[1] + box[3]):
            read.problems.append(f"{where}:{one.line}: the text {diagram.text_of(one)!r} is "
                                 f"at {_spot(one)}, outside the drawing (viewBox "
                                 f"{root.get('viewBox')}): no reader sees it")
    read.problems += _overlaps([one for one in shown if one.tag == "text"
                                and diagram.text_of(one) and not diagram.hidden(one)], where)
    begins, ends, calls = [], [], []
    markers = {one.get("id") for one in root.iter() if one.tag == "marker"}
    for one in shown:
        kind, shape = kinds.get(id(one)), _shape_of(one)
        if kind == "state":
            names = [text for text in one.iter() if text.tag == "text"]
            name = " ".join(diagram.text_of(text) for text in names)
            if shape is None or not name:
                read.problems.append(f"{where}:{one.line}: a state is a box and its name")
                continue
            read.states[name] = shape
            read.names.append(name)
            for text in names:
                if not shape.contains(_spot(text)):
                    read.problems.append(f"{where}:{text.line}: the state's name {name!r} "
                                         "is not inside its box")
        elif kind in ("begin", "end") and shape is not None:
            (begins if kind == "begin" else ends).append(shape)
            if kind == "end":
                texts = [text for text in one.iter() if text.tag == "text"]
                if texts:
                    read.end_label = (texts[0].line, " ".join(map(diagram.text_of, texts)))
        elif kind == "call":
            calls.append(one)
    arrows = {}
    for call in calls:
        drawn = [one for one in call.iter() if one.tag in _ARROWS]
        if len(drawn) != 1:
            read.problems.append(f"{where}:{call.line}: a call is one arrow (a path, line or "
                                 f"polyline) and its label: this one has {len(drawn)}")
            read.unread_calls |= _named(call)
            continue
        arrows[id(call)] = (drawn[0], diagram.points(_path_of(drawn[0])))
    words = _words()
    shapes = [*read.states.items(), *(("begin", shape) for shape in begins),
              *(("end", shape) for shape in ends)]
    for call in calls:
        before = (len(read.problems), len(read.claims))
        try:
            if id(call) not in arrows:
                continue
            arrow, along = arrows[id(call)]
            texts = sorted((one for one in call.iter() if one.tag == "text"),
                           key=lambda text: _spot(text)[::-1])
            label = " ".join(diagram.text_of(text) for text in texts)
            line = texts[0].line if texts else call.line
            for text in texts:
                spot = _spot(text)
                nearest = min(arrows.values(), key=lambda other: diagram.distance(spot, other[1]))
                if nearest[0] is not arrow:
                    read.problems.append(
                        f"{where}:{text.line}: the label {diagram.text_of(text)!r} is nearer the "
                        f"arrow at line {nearest[0].line} than its own (line {arrow.line}): a "
                        "reader reads it as that arrow's")
            if sum(math.dist(a, b) for a, b in itertools.pairwise(along)) < _SEEN:
                read.problems.append(f"{where}:{arrow.line}: the arrow of {label!r} is too short "
                                     f"to be seen (under {_SEEN:.0f} units long)")
                continue
            head_at_end, head_at_start = (_marker(diagram.presented(arrow, name), markers)
                                          for name in ("marker-end", "marker-start"))
            dashed = any(float(n) > 0 for n in re.findall(
                r"\d+\.?\d*|\.\d+", diagram.presented(arrow, "stroke-dasharray")))
            if head_at_end and head_at_start:
                read.problems.append(f"{where}:{arrow.line}: the arrow of {label!r} has a head at "
                                     "both ends: draw one arrow for each way")
                continue
            start, end = (along[-1], along[0]) if head_at_start else (along[0], along[-1])
            if not (head_at_end or head_at_start) and _on(start, shapes) is None:
                start, end = end, start  # a line with no head (a refusal's): from its state

            origin, target = _on(start, shapes), _on(end, shapes)
            refusal = _REFUSAL.fullmatch(label)
            if target == "begin":
                read.problems.append(f"{where}:{arrow.line}: the arrow of {label!r} ends on the "
                                     "begin mark, where a created workstation comes from: its head "
                                     "goes on a state")
                continue
            if origin == "end":
                read.problems.append(f"{where}:{arrow.line}: the arrow of {label!r} leaves the end "
                                     "mark, which nothing leaves: is its head at the wrong end? "
                                     "(marker-end draws it at the path's last point, marker-start "
                                     "at its first)")
                continue
            if origin is None:
                read.problems.append(f"{where}:{arrow.line}: the arrow of {label!r} starts on no "
                                     f"state (its tail, {start}, is {_nearest(start, shapes)})")
                continue
            if not (head_at_end or head_at_start) and target is None and refusal and not dashed:
                read.problems.append(f"{where}:{arrow.line}: the line of the refusal {label!r} is "
                                     "not dashed: a refusal's is (stroke-dasharray, such as \"5 4\")")
                continue
            if not (head_at_end or head_at_start or (dashed and target is None)):
                read.problems.append(f"{where}:{arrow.line}: the arrow of {label!r} has no head "
                                     "(a marker-end naming a <marker> of the diagram, set on the "
                                     "path or its group): which way it goes is read from it")
                continue
            if target is None and not (dashed and refusal):
                read.problems.append(
                    f"{where}:{arrow.line}: the arrow of {label!r} ends on no state (its head, "
                    f"{end}, is {_nearest(end, shapes)}); a refusal is dashed, and labelled 'calls: "
                    "STATUS Reason, nothing changes' (such as 'update: 409 Conflict, nothing "
                    "changes')")
                continue
            if dashed and target is not None:
                read.problems.append(f"{where}:{arrow.line}: the dashed arrow of {label!r} ends on "
                                     f"{target}: dashed is for a refusal, which ends on none")
                continue
            if refusal and httpx.codes.get_reason_phrase(int(refusal["status"])) not in (
                    refusal["reason"], ""):
                read.problems.append(f"{where}:{line}: "
                                     f"{_disagree(int(refusal['status']), refusal['reason'])}")
            if not label:
                read.problems.append(f"{where}:{arrow.line}: the arrow has no label: name its "
                                     "call (or calls) in a text of its group")
                continue
            for item in (part.strip() for part in (refusal["calls"] if refusal else label).split(",")):
                said = _ITEM.fullmatch(item)
                operation = words.get(said["word"]) if said else None
                if operation is not None:  # if told wrong below, it is not told missing too
                    read.unread_calls.add((operation, None if origin == "begin" else origin))
                if operation is None:
                    read.problems.append(f"{where}:{line}: {item!r} names no call: a label names "
                                         f"{', '.join(sorted(words))}, each with ' (no change)' "
                                         "where it changes nothing, separated by commas")
                elif said["nothing"] and target != origin:
                    read.problems.append(f"{where}:{line}: {item!r} is on an arrow that does not "
                                         "come back to its state: '(no change)' goes on one that does")
                elif (origin == "begin") != ("{id}" not in OPERATIONS[operation].path):
                    read.problems.append(
                        f"{where}:{line}: {item!r} on an arrow from "
                        f"{'the begin mark' if origin == 'begin' else origin}: an arrow from the "
                        "begin mark, and only one, makes a workstation ("
                        f"{', '.join(_word(op) for op in _calls() if '{id}' not in OPERATIONS[op].path)})")
                elif origin == "begin" and target in (None, "end"):
                    read.problems.append(f"{where}:{line}: the arrow of {item!r} from the begin "
                                         "mark goes to no state")
                else:
                    does = (f"is refused with `{refusal['status']}`" if refusal
                            else "deletes it" if target == "end"
                            else f"makes it `{target}`" if target != origin
                            else "changes nothing" if said["nothing"]
                            else f"changes it, keeping it `{origin}`")
                    read.unread_calls.discard((operation, None if origin == "begin" else origin))
                    read.claims.append((line, item, Drawn(operation, None if origin == "begin"
                                                          else origin, does)))

        finally:  # a call whose arrow could not be read: its calls are not told missing
            if len(read.claims) == before[1] and len(read.problems) > before[0]:
                read.unread_calls |= _named(call)
    return read


#: A text's box, in ems of its font size: the width of a character (on average, a little
#: over), and how far it reaches above and below its baseline.
_CHAR, _ASCENT, _DESCENT = 0.55, 0.75, 0.25


def _overlaps(texts: list[diagram.Element], where: str) -> list[str]:
    """The texts (lines of one, when its tspans are placed) that print over each other, by
    their boxes, estimated from their font size and length."""
    boxes = []
    for text in texts:
        lines = [one for one in text.iter() if one is not text and one.get("y")] or [text]
        for line in lines:
            size = _font_size(line)
            x, y = _spot(line)
            width = _CHAR * size * len(diagram.text_of(line))
            anchor = diagram.presented(line, "text-anchor") or "start"
            left = x - {"middle": width / 2, "end": width}.get(anchor, 0)
            boxes.append((text.line, diagram.text_of(line),
                          (left, y - _ASCENT * size, left + width, y + _DESCENT * size)))
    found = []
    for n, (line, said, (l1, t1, r1, b1)) in enumerate(boxes):
        for other, also, (l2, t2, r2, b2) in boxes[n + 1:]:
            if l1 < r2 and l2 < r1 and t1 < b2 and t2 < b1:
                found.append(f"{where}:{other}: the text {also!r} prints over {said!r} (line "
                             f"{line}): move one of them")
    return found


def _font_size(element: diagram.Element) -> float:
    """The font size a text is drawn at: its own, or the nearest group's (16 by default)."""
    value = diagram.presented(element, "font-size")
    found = re.match(r"\s*(\d+\.?\d*)", value)
    return float(found[1]) if found else 16.0


def _disagree(status: int, reason: str) -> str:
    """What is wrong when a refusal's ``status`` and ``reason`` do not go together."""
    other = next((code for code in httpx.codes if code.phrase == reason), None)
    return (f"'{status} {reason}': the reason of {status} is "
            f"'{httpx.codes.get_reason_phrase(status)}'"
            + (f", and {reason} is {int(other)}'s: which did the call get?" if other else ""))


def _named(call: diagram.Element) -> set[str]:
    """The operations a call's label names (read or not), from any state (``*``)."""
    words = _words()
    return {(words[word], "*") for text in call.iter() if text.tag == "text"
            for word in re.findall(r"[a-z]+", diagram.text_of(text)) if word in words}


def _marker(value: str, markers: set[str]) -> bool:
    """Whether a ``marker-start`` or ``marker-end`` value draws a head: a ``url(#id)`` of
    one of the diagram's ``markers`` (not ``none``, nor one that is not there)."""
    found = re.fullmatch(r"url\(\s*['\"]?#([^'\")]+)['\"]?\s*\)", value.strip())
    return bool(found) and found[1] in markers


def _on(point: diagram.Point, shapes: list[tuple[str, diagram.Shape]]) -> str | None:
    """The state (or ``begin``, ``end``) whose shape ``point`` touches."""
    return next((name for name, shape in shapes if shape.distance(point) <= _TOUCH), None)


def _nearest(point: diagram.Point, shapes: list[tuple[str, diagram.Shape]]) -> str:
    """How far ``point`` is from the nearest shape, in words."""
    if not shapes:
        return "far from any shape: the diagram has none"
    name, shape = min(shapes, key=lambda named: named[1].distance(point))
    name = {"begin": "the begin mark", "end": "the end mark"}.get(name, name)
    return (f"{shape.distance(point):.0f} from {name}, the nearest: an arrow touches what it "
            f"joins within {_TOUCH:.0f}")


@functools.cache
def _what_it_does(operation: str, state: str | None) -> tuple[str, str]:
    """What the sandbox does when ``operation`` is sent to a workstation in ``state`` of a
    fresh sandbox (or, ``state`` None, creates one): as an arrow's claim (see
    :class:`Drawn`), and as the arrow that would say it. Asked once a run."""
    word = _word(operation)
    with mock_api(), httpx.Client(verify=tls()) as client:
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
                (f"a dashed line from `{state}` to no state, labelled "
                f"'{word}: {answer.status_code} {reason}, nothing changes'"))
    if after.status_code == 404:
        return "deletes it", f"an arrow to the end mark, labelled {word!r}"
    if after.json()["status"] != before["status"]:
        status = after.json()["status"]
        return f"makes it `{status}`", f"an arrow to `{status}`, labelled {word!r}"
    if after.json() == before:
        return "changes nothing", f"an arrow back to `{state}`, labelled '{word} (no change)'"
    return f"changes it, keeping it `{state}`", f"an arrow back to `{state}`, labelled {word!r}"


@functools.cache
def _deleted_status() -> str:
    """The status the delete object gives a deleted workstation (the end mark's label)."""
    with mock_api(), httpx.Client(verify=tls()) as client:
        answer = client.send(_request("deleteWorkstation", IN_STATE["stopped"]))
    return str(answer.json().get("status"))


def _others_doing(drawn: Drawn) -> list[str]:
    """The calls that do what ``drawn`` says, from its state: the label it may have meant."""
    return [_word(operation) for operation in _calls() if operation != drawn.operation
            and ("{id}" in OPERATIONS[operation].path) == (drawn.state is not None)
            and _what_it_does(operation, drawn.state)[0] == drawn.does]


def diagram_problems(svg: Path = DIAGRAM, calls: Iterable[str] | None = None) -> list[str]:
    """What the diagram ``svg`` draws or says otherwise than the sandbox does, or leaves
    out: of ``calls`` (every call on a workstation by default), one it draws no arrow of."""
    where, read = display_path(svg), _read(svg)
    problems = read.problems
    if read.unreadable:
        return problems
    text = svg.read_text()
    last = text.rstrip().count("\n") + 1  # where a new arrow may go: </svg>
    words: dict[str, list[str]] = {}
    for operation in _calls():
        words.setdefault(_word(operation), []).append(operation)
    problems += [f"{where}:1: {' and '.join(ops)} share the word {word!r}, which names a call "
                 "in the diagram's labels: give them summaries that start apart"
                 for word, ops in words.items() if len(ops) > 1]
    statuses = sorted(get_args(WorkstationStatus))
    if sorted(read.names) != statuses:
        problems.append(f"{where}:1: the diagram draws the states {sorted(read.names)}; a "
                        f"workstation's status is one of {statuses}")
    problems += [f"{where}:1: no workstation of the fixtures is {state}: "
                 f"tests/test_lifecycle.py's IN_STATE names one in each state the diagram "
                 "draws, to send its arrows to" for state in statuses if state not in IN_STATE]
    if read.end_label and read.end_label[1] != _deleted_status():
        problems.append(f"{where}:{read.end_label[0]}: the end mark's label is "
                        f"{read.end_label[1]!r}: a deleted workstation's status is "
                        f"{_deleted_status()!r} (the delete object's)")
    # the calls told wrong; what their arrows draw; the calls told to take such an arrow
    wrong, misdrawn, suggested = set(), set(), set()
    for line, item, drawn in read.claims:
        if drawn.state is not None and drawn.state not in IN_STATE:
            continue  # told above
        does, arrow = _what_it_does(drawn.operation, drawn.state)
        if does != drawn.does:
            wrong.add((drawn.operation, drawn.state))
            misdrawn.add((drawn.state, drawn.does))
            others = _others_doing(drawn)
            suggested |= {(_words()[word], drawn.state) for word in others}
            meant = " or ".join(map(repr, others))
            said = f"{where}:{line}: the arrow labelled {item!r} says {drawn.said()}; in the sandbox it {does}"
            if meant:  # the arrow draws what another call does: the label is wrong, likely
                problems.append(f"{said}: the call that does what the arrow draws is {meant}: "
                                f"label it so (or, if {item!r} is right, draw {arrow})")
            elif (refused := re.fullmatch(r"is refused with `(\d{3})`", does)) \
                    and drawn.does.startswith("is refused"):
                status = int(refused[1])
                problems.append(f"{said}: write {status} "
                                f"{httpx.codes.get_reason_phrase(status)} on its line (as in "
                                f"{arrow.rpartition(' labelled ')[2]})")
            else:
                problems.append(f"{said}: draw {arrow}")
    drawn_calls = {(drawn.operation, drawn.state) for _, _, drawn in read.claims}
    for operation in _calls() if calls is None else calls:
        for state in statuses if "{id}" in OPERATIONS[operation].path else [None]:
            if (operation, state) not in drawn_calls and (state is None or state in IN_STATE) \
                    and not {(operation, state), (operation, "*")} & read.unread_calls \
                    and (operation, state) not in suggested:
                on = f" on a {state} workstation" if state else ""
                problems.append(f"{where}:{last}: no arrow says what {operation} does{on}: "
                                f"draw {_what_it_does(operation, state)[1]}")
    if read.desc is None:
        problems.append(f"{where}:1: the diagram has no <desc> (the text a screen reader "
                        "reads, which its aria-labelledby names): say in it what the arrows "
                        "draw")
        return list(dict.fromkeys(problems))
    line, described, told_of_desc = _described(read.desc, where)
    problems += told_of_desc
    arrows = {drawn for _, _, drawn in read.claims}
    for clause, said in described:
        for drawn in said:
            true = (drawn.state is None or drawn.state in IN_STATE) and _what_it_does(
                drawn.operation, drawn.state)[0] == drawn.does
            if drawn in arrows or (drawn.operation, drawn.state) in wrong or (
                    true and (drawn.state, drawn.does) in misdrawn) or {(drawn.operation, drawn.state), (drawn.operation, "*")} & read.unread_calls:
                continue  # drawn, or told at its arrow (or at one labelled for another call)
            if drawn.state is not None and drawn.state not in IN_STATE:
                problems.append(f"{where}:{line}: the description (<desc>) says {clause!r}: "
                                f"a workstation's status is one of {statuses}")
            elif (does := _what_it_does(drawn.operation, drawn.state)[0]) != drawn.does:
                problems.append(f"{where}:{line}: the description (<desc>) says {clause!r}; "
                                f"in the sandbox {drawn.operation} {does}")
            else:
                problems.append(f"{where}:{line}: the description (<desc>) says {clause!r}, "
                                "which no arrow draws")
    told = {drawn for _, said in described for drawn in said}
    for at, item, drawn in read.claims:
        if drawn not in told and (drawn.operation, drawn.state) not in wrong:
            problems.append(f"{where}:{at}: the arrow labelled {item!r} says {drawn.said()}, "
                            "which the description (<desc>, what a screen reader reads) "
                            f"does not say: add '{drawn.sentence()}.' to it (line {line})")
    return list(dict.fromkeys(problems))  # a clause of two calls is told once


# The diagram's text alternative (its <desc>, what a screen reader reads) says what the
# arrows draw, each clause (ended by '.' or ';') in one of these forms, where CALLS are the
# labels' words joined with ', ' or ' and ':
_CALLS_SAID = r"(?P<calls>[a-z]+(?:(?:, | and )[a-z]+)*)"
_DESC_FORMS = {
    "CALLS makes a workstation that is STATE":
        re.compile(rf"{_CALLS_SAID} makes? a workstation that is (?P<to>[a-z]+)"),
    "CALLS moves it from STATE to STATE":
        re.compile(rf"{_CALLS_SAID} moves? it from (?P<state>[a-z]+) to (?P<to>[a-z]+)"),
    "CALLS on a STATE workstation (and CALLS on a STATE one) change nothing":
        re.compile(rf"{_CALLS_SAID} on an? (?P<state>[a-z]+) workstation(?: and "
                   rf"{_CALLS_SAID.replace('calls', 'calls2')} on an? (?P<state2>[a-z]+) one)? "
                   r"changes? nothing"),
    "CALLS keeps a STATE workstation STATE":
        re.compile(rf"{_CALLS_SAID} keeps? an? (?P<state>[a-z]+) workstation (?P<kept>[a-z]+)"),
    "CALLS ends a STATE workstation":
        re.compile(rf"{_CALLS_SAID} ends? an? (?P<state>[a-z]+) workstation"),
    "CALLS on a STATE workstation is (are) refused with STATUS Reason":
        re.compile(rf"{_CALLS_SAID} on an? (?P<state>[a-z]+) workstation (?:is|are) refused "
                   r"with (?P<status>\d{3}) (?P<reason>[A-Z][A-Za-z'-]*(?: [A-Z][A-Za-z'-]*)*)"),
}


def _described(desc: tuple[int, str], where: str
               ) -> tuple[int, list[tuple[str, list[Drawn]]], list[str]]:
    """What each clause of the diagram's description says, as arrows would; and what could
    not be read."""
    line, text = desc
    words, said, told = _words(), [], []
    for clause in re.split(r"(?<=[.;])\s+", text):
        clause = clause.rstrip(".;")
        matched = next(((form, match) for form, pattern in _DESC_FORMS.items()
                        if (match := pattern.fullmatch(clause[:1].lower() + clause[1:]))), None)
        if matched is None:
            told.append(f"{where}:{line}: the description (<desc>) says {clause!r}, in none "
                          f"of the forms it is read in: {'; '.join(_DESC_FORMS)}")
            continue
        form, groups = matched[0], matched[1].groupdict()
        if groups.get("reason") and httpx.codes.get_reason_phrase(
                int(groups["status"])) not in (groups["reason"], ""):
            told.append(f"{where}:{line}: the description (<desc>) says {clause!r}: "
                          f"{_disagree(int(groups['status']), groups['reason'])}")
        does = (f"makes it `{groups['to']}`" if groups.get("to")
                else "changes nothing" if form.endswith("nothing")
                else f"changes it, keeping it `{groups['kept']}`" if groups.get("kept")
                else "deletes it" if " ends " in form
                else f"is refused with `{groups['status']}`")
        claims = []
        for calls, state in ((groups["calls"], groups.get("state")),
                             (groups.get("calls2"), groups.get("state2"))):
            for word in re.split(r", | and ", calls) if calls else []:
                creates = word in words and "{id}" not in OPERATIONS[words[word]].path
                if word in words and creates != (state is None):
                    told.append(f"{where}:{line}: the description (<desc>) says {clause!r}: "
                                  + (f"{word} makes a workstation; it is sent to none"
                                     if creates else f"{word} is sent to a workstation; "
                                     "only a create makes one"))
                elif word in words:
                    claims.append(Drawn(words[word], state, does))
                else:
                    told.append(f"{where}:{line}: the description (<desc>) says {word!r} in "
                                  f"{clause!r}: a call is one of {', '.join(sorted(words))}")
        said.append((clause, claims))
    return line, said, told


def test_the_lifecycle_diagram_says_what_the_sandbox_does():
    """The diagram on the lifecycle page (docs/concepts/lifecycle.svg): each arrow, sent to
    a workstation of the fixtures in the state it starts from, does what its label and its
    end say; every call on a workstation has its arrow from each state; and the text a
    screen reader reads (its <desc>) says what the arrows do."""
    problems = diagram_problems()
    if problems:  # (each names its line and the fix: no traceback of this test around it)
        pytest.fail("\n".join(problems), pytrace=False)


#: The diagram as it was drawn when these mistakes were planted in it (the page's may be
#: redrawn: the mistakes are planted in this copy, where their strings stay).
PLANTED_IN = Path(__file__).parent / "diagrams" / "lifecycle.svg"


@functools.cache
def _drawn_in_copy() -> frozenset[str]:
    """The calls the copy draws: those of the API when it was drawn."""
    return frozenset(drawn.operation for _, _, drawn in _read(PLANTED_IN).claims)


def planted_problems(planted: Path) -> list[str]:
    """:func:`diagram_problems` of a copy of ``PLANTED_IN`` with mistakes planted in it,
    held to the calls that copy draws: a call added to the API since it was drawn has no
    arrow there, which is no mistake of the copy's (the page's diagram draws it)."""
    return diagram_problems(planted, calls=_drawn_in_copy())


@PLANTS_MISTAKES
@pytest.mark.parametrize(("wrong", "right", "told"), [
    (">stop</text>", ">start</text>",
     ("the arrow labelled 'start' says startWorkstation on a running workstation makes it "
      "`stopped`; in the sandbox it changes nothing: the call that does what the arrow draws "
      "is 'stop': label it so (or, if 'start' is right, draw an arrow back to `running`, "
      "labelled 'start (no change)')")),
    (">start (no change)</text>", ">start</text>",
     ("the arrow labelled 'start' says startWorkstation on a running workstation changes it, "
      "keeping it `running`; in the sandbox it changes nothing")),
    (">409 Conflict, nothing", ">409 Gone, nothing",
     "'409 Gone': the reason of 409 is 'Conflict', and Gone is 410's: which did the call get?"),
    (">409 Conflict, nothing", ">400 Bad Request, nothing",
     "write 409 Conflict on its line (as in 'update: 409 Conflict, nothing changes')"),
    ("M48,150 L148,150", "M48,150 L418,150",
     ("the arrow labelled 'create' says createWorkstation makes it `stopped`; in the sandbox "
      "it makes it `running`")),
    (">update, delete:</text>", ">update:</text>",
     ("no arrow says what deleteWorkstation does on a running workstation: draw a dashed "
      "line from `running` to no state, labelled 'delete: 409 Conflict, nothing changes'")),
    (">stopped</text>", ">suspended</text>",
     "the diagram draws the states ['running', 'suspended']"),
    (">update</text>", ">teleport</text>", "'teleport' names no call"),
    ("M560,150 L644,150", "m560,150 l84,0", None),  # relative commands: the same arrow
    ("M560,150 L644,150", "M560,150 H644", None),
    ("M560,150 L644,150", "M560,150 L638,150", "its head, (638.0, 150.0), is 9 from the end mark"),
    ('<path d="M420,165 C380,200 330,200 292,166" marker-end',
     '<path d="M292,166 C330,200 380,200 420,165" marker-start', None),  # the same arrow
    ('<path d="M420,165 C380,200 330,200 292,166" marker-end',
     '<path d="M420,165 C380,200 330,200 292,166" marker-start',
     "startWorkstation on a running workstation makes it `stopped`"),
    ('<text x="355" y="100"', '<text x="355" y="214"', "is nearer the arrow at line"),
    ('>running</text>', '>stopped</text>', "draws the states ['stopped', 'stopped']"),
    ('<text x="220" y="156"', '<text x="490" y="156"', "the state's name 'running' is not inside"),
    ('>deleted</text>', '>archived</text>', "a deleted workstation's status is 'deleted'"),
    ('<text x="490" y="58">update', '<text x="490" y="58" display="none">update',
     "a hidden text: what it says, no reader sees"),
    ('stroke-dasharray="5 4"', 'marker-end="url(#lifecycle-arrow)"', "ends on no state"),
    ("</svg>", '<text x="10" y="280">delete (force)</text>\n</svg>',
     "a text outside the diagram's groups"),
    ('<g class="call">\n    <path d="M560',
     '<g class="call">\n    <path d="M250,180 C300,240 600,240 655,162"/>\n    <path d="M560',
     "a call is one arrow (a path, line or polyline) and its label: this one has 2"),
    ("Update keeps a stopped workstation stopped. ", "",
     ("the arrow labelled 'update' says updateWorkstation on a stopped workstation changes it, "
      "keeping it `stopped`, which the description (<desc>, what a screen reader reads) does "
      "not say: add 'Update keeps a stopped workstation stopped.' to it")),
    ("Create makes a workstation that is running", "Create makes a workstation that is stopped",
     ("the description (<desc>) says 'Create makes a workstation that is stopped'; in the "
      "sandbox createWorkstation makes it `running`")),
    ("409 Conflict.</desc>", "409 Not Found.</desc>", "the reason of 409 is 'Conflict'"),
    ("409 Conflict.</desc>", "409.</desc>", "in none of the forms"),
    ("Stop moves it from running to stopped", "Stop moves it from suspended to stopped",
     "says 'Stop moves it from suspended to stopped': a workstation's status is one of"),
    ("409 Conflict.</desc>", "409 Conflict and then done anyway.</desc>", "in none of the forms"),
    ("Delete ends a stopped workstation.", "Delete ends a stopped workstation, and its disk.",
     "says 'Delete ends a stopped workstation, and its disk', in none of the forms"),
    ('<path d="M420,165 C380,200 330,200 292,166" marker-end="url(#lifecycle-arrow)"/>',
     ('<path d="M420,165 C380,200 330,200 292,166" marker-start="none" '
     'style="fill: none; marker-end: url(#lifecycle-arrow)"/>'), None),  # the same arrow
    ('<path d="M190,120 C165,62 275,62 251,118"', '<path d="M190,120a40 40 0 1161 -2"', None),
    ('marker-end="url(#lifecycle-arrow)"/>\n    <text x="355" y="214"',
     'marker-end="none"/>\n    <text x="355" y="214"', "the arrow of 'start' has no head"),
    ('<desc id="lifecycle-desc">', ('<title>Delete works from any state</title>\n  <desc '
     'id="lifecycle-desc">'), "the diagram's <title> (part of its name) says what calls or states do"),
    ("<defs>", "<defs><style>.x{display:none}</style>", "a <style> sheet: what it sets is not read"),
    ('<text x="220" y="56">', '<text x="220" y="-500">', "outside the drawing (viewBox"),
    ('<desc id="lifecycle-desc">', '<desc id="other">', "is not named by the diagram's aria-labelledby"),
    ("Create makes a workstation", "Stop makes a workstation",
     "stop is sent to a workstation; only a create makes one"),
    ('<text x="490" y="58">update', '<text x="355" y="214">update',
     "the text 'update' prints over 'start' (line"),
    ('stroke-dasharray="5 4"', 'stroke="currentColor"',
     "the line of the refusal 'update, delete: 409 Conflict, nothing changes' is not dashed"),
    ('<path d="M560,150 L644,150" marker-end', '<path d="M560,150 L644,150" marker-start',
     "the arrow of 'delete' leaves the end mark, which nothing leaves: is its head at the wrong end?"),
    ('<text x="602" y="140">delete</text>',
     '<text x="602" y="140"><tspan display="none">delete</tspan></text>', "a hidden tspan"),
    ('<text x="602" y="140">delete</text>', '<text x="602" y="140" font-size="0px">delete</text>',
     "a hidden text"),
    ('<path d="M560,150 L644,150" marker-end', ('<path d="M560,150 L644,150" stroke-width="0" '
     'marker-end'), "a hidden path"),
    ('<text x="602" y="140">delete</text>', '<text x="602" y="140">de<tspan>lete</tspan></text>',
     None),
    ('<path d="M560,150 L644,150" marker-end="url(#lifecycle-arrow)"/>',
     '<line x1="560px" y1="150" x2="644px" y2="150" marker-end="url(#lifecycle-arrow)"/>', None),
    ('<rect x="150" y="120" width="140" height="60" rx="14"/>',
     '<rect x="150" y="120" width="140" height="60" rx="14"><title>box</title></rect>',
     "a <title> inside the drawing (a tooltip"),
    ('<path d="M190,120 C165,62 275,62 251,118"', '<path d="M200,150 L201,150"',
     "too short to be seen"),
    (">409 Conflict, nothing", ">409&nbsp;Conflict, nothing", "write &#160; for &nbsp;"),
    (">409 Conflict, nothing", ">409&#160;Conflict, nothing", None),
])
def test_a_diagram_that_says_otherwise_than_the_sandbox_is_told(tmp_path, wrong, right, told):
    """Each mistake planted in a copy of the diagram is told (``told`` None: a redraw that
    says the same, and passes)."""
    text = PLANTED_IN.read_text()
    assert wrong in text, f"{PLANTED_IN.name} has no {wrong!r} to replace"
    planted = tmp_path / "lifecycle.svg"
    planted.write_text(text.replace(wrong, right, 1))
    problems = planted_problems(planted)
    if told is None:
        assert problems == []
    else:
        assert any(told in problem for problem in problems), problems


@PLANTS_MISTAKES
@pytest.mark.parametrize(("wrong", "right", "told"), [
    (">stop</text>", ">start</text>", [
        ("lifecycle.svg:24: the arrow labelled 'start' says startWorkstation on a running "
        "workstation makes it `stopped`; in the sandbox it changes nothing: the call that does "
        "what the arrow draws is 'stop': label it so (or, if 'start' is right, draw an arrow "
        "back to `running`, labelled 'start (no change)')")]),
    ('stroke-dasharray="5 4"', 'stroke="black"', [
        ("lifecycle.svg:49: the line of the refusal 'update, delete: 409 Conflict, nothing "
        "changes' is not dashed: a refusal's is (stroke-dasharray, such as \"5 4\")")]),
    (">409 Conflict, nothing", ">400 Bad Request, nothing", [
        f"lifecycle.svg:50: the arrow labelled '{word}' says {word}Workstation on a running "
        f"workstation is refused with `400`; in the sandbox it is refused with `409`: write 409 "
        f"Conflict on its line (as in '{word}: 409 Conflict, nothing changes')"
        for word in ("update", "delete")]),
])
def test_a_mistake_is_told_once_at_its_line(tmp_path, wrong, right, told):
    """What is told of a mistake, whole: at the line to fix, and nothing that follows from
    it (no arrow said missing, no <desc> clause said undrawn, for what the message names)."""
    planted = tmp_path / "lifecycle.svg"
    planted.write_text(PLANTED_IN.read_text().replace(wrong, right, 1))
    assert [problem.replace(f"{tmp_path}/", "") for problem in planted_problems(planted)] == told


@PLANTS_MISTAKES
def test_a_refusal_that_changes_the_workstation_is_told(monkeypatch):
    """A sandbox that refuses an update or a delete and changes the workstation all the
    same (a fault of the stub's, which the arrows' check exists to find) is told at the
    arrow."""
    real = _what_it_does

    def faulty(operation: str, state: str | None) -> tuple[str, str]:
        if state == "running" and operation in ("updateWorkstation", "deleteWorkstation"):
            return ("is refused with `409` and changes it",
                    "no arrow: the refusal changed the workstation")
        return real(operation, state)

    monkeypatch.setattr(sys.modules[__name__], "_what_it_does", faulty)
    problems = planted_problems(PLANTED_IN)
    assert any(problem.endswith("in the sandbox it is refused with `409` and changes it: draw "
                                "no arrow: the refusal changed the workstation")
               for problem in problems), problems


@PLANTS_MISTAKES
def test_every_call_the_api_has_is_held_to_an_arrow_by_default(tmp_path):
    """The page's check holds the diagram to every call on a workstation (the default of
    ``calls``, where the planted mistakes give the calls their copy draws): a call with its
    arrow cut from the copy is told so."""
    planted = tmp_path / "lifecycle.svg"
    planted.write_text(PLANTED_IN.read_text().replace(">update, delete:</text>",
                                                      ">update:</text>", 1))
    assert any("no arrow says what deleteWorkstation does on a running workstation" in problem
               for problem in diagram_problems(planted))


@PLANTS_MISTAKES  # of the copy, not the page: not run by the page's check
def test_the_copy_mistakes_are_planted_in_passes():
    assert planted_problems(PLANTED_IN) == []
    assert {"startWorkstation", "stopWorkstation", "deleteWorkstation"} <= _drawn_in_copy()
