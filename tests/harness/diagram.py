"""A diagram drawn in SVG, read as a reader sees it: its shapes, its arrows (where each
starts and ends, and which way it points), and its texts, each with the line it is written
on.

Written here, not taken from a library: the standard library's ElementTree keeps no line
numbers (a failure names the line to fix), and what is read is a few shapes and the ends
of a path, not a rendering.

Example:
    >>> svg = parse('<svg xmlns="http://www.w3.org/2000/svg">\\n'
    ...             '  <path d="M10,20 h30 v5" marker-end="url(#a)"/>\\n</svg>')
    >>> arrow = svg.children[0]
    >>> arrow.tag, arrow.line, points(arrow.get("d"))
    ('path', 2, [(10.0, 20.0), (40.0, 20.0), (40.0, 25.0)])
"""

from __future__ import annotations

import functools
import itertools
import math
import re
import xml.parsers.expat
from collections.abc import Iterator
from dataclasses import dataclass, field

__all__ = ["Element", "Shape", "distance", "hidden", "length", "parse", "points", "presented",
           "shape", "text_of"]

Point = tuple[float, float]


@dataclass
class Element:
    """An element of the SVG: its tag (without namespace), attributes, the line it starts
    on, its children, and its own text (what comes before its first child)."""

    tag: str
    attrib: dict[str, str]
    line: int
    parent: Element | None = None
    children: list[Element] = field(default_factory=list)
    text: str = ""
    #: Text between this element's end and the next sibling (as ElementTree's ``tail``).
    tail: str = ""

    def get(self, name: str, default: str = "") -> str:
        return self.attrib.get(name, default)

    @property
    def classes(self) -> list[str]:
        return self.get("class").split()

    def iter(self) -> Iterator[Element]:
        yield self
        for child in self.children:
            yield from child.iter()

    def ancestors(self) -> Iterator[Element]:
        element = self.parent
        while element is not None:
            yield element
            element = element.parent


def parse(text: str) -> Element:
    """The SVG ``text`` as a tree of :class:`Element`; ValueError, naming the line, when it
    is not well-formed XML (an entity HTML knows, such as ``&nbsp;``, included)."""
    parser = xml.parsers.expat.ParserCreate()
    root: list[Element] = []
    stack: list[Element] = []

    def start(tag: str, attrib: dict[str, str]) -> None:
        element = Element(tag.rpartition(":")[2], dict(attrib),
                          parser.CurrentLineNumber, stack[-1] if stack else None)
        if stack:
            stack[-1].children.append(element)
        else:
            root.append(element)
        stack.append(element)

    def end(_tag: str) -> None:
        stack.pop()

    def data(chunk: str) -> None:
        if not stack:
            return
        here = stack[-1]
        if here.children:
            here.children[-1].tail += chunk
        else:
            here.text += chunk

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = data
    try:
        parser.Parse(text, True)
    except xml.parsers.expat.ExpatError as error:
        hint = (" (an SVG file knows the entities of XML only: write &#160; for &nbsp;)"
                if "entity" in str(error) else "")
        raise ValueError(f"line {error.lineno}: not well-formed XML: "
                         f"{xml.parsers.expat.ErrorString(error.code)}{hint}") from None
    return root[0]


def text_of(element: Element) -> str:
    """The words an element shows, spaces collapsed: its ``tspan`` children's included (but
    a hidden one's), run on where a tspan goes on in the line (``de<tspan>lete</tspan>``
    is ``delete``), after a space where it starts a line of its own (its own x, y or dy).

    Example:
        >>> text_of(parse('<text>de<tspan font-weight="bold">lete</tspan>'
        ...               '<tspan x="0" dy="18">now</tspan><tspan display="none">x</tspan></text>'))
        'delete now'
    """
    parts = [element.text]
    for child in element.children:
        if not hidden(child):
            placed = any(child.get(name) for name in ("x", "y", "dy"))
            parts.append((" " if placed else "") + text_of(child))
        parts.append(child.tail)
    return " ".join("".join(parts).split())


def presented(element: Element, name: str, *, inherited: bool = True) -> str:
    """A presentation property of ``element``: its attribute or its ``style``'s (which wins,
    as in CSS), or, ``inherited``, the nearest group's; "" when none says it."""
    for one in (element, *element.ancestors()) if inherited else (element,):
        style = {key.strip(): value.strip() for key, _, value in
                 (rule.partition(":") for rule in one.get("style").split(";")) if key.strip()}
        value = style.get(name) or one.get(name).strip()
        if value:
            return value
    return ""


def _amount(value: str) -> float | None:
    """A number such as an opacity or a size (``0.5``, ``50%``, ``0px``), or None."""
    found = re.fullmatch(r"\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*"
                         r"(%|px|em|rem|pt)?\s*", value)
    if not found:
        return None
    return float(found[1]) / (100 if found[2] == "%" else 1)


def hidden(element: Element) -> bool:
    """Whether the element is not shown: it, or a group it is in, has ``display: none``,
    ``visibility: hidden``, an opacity of 0 (or, a text, a font size of 0, and neither a
    fill nor a stroke to draw it with; a line, a stroke of none, of opacity 0 or of width
    0)."""
    for one in (element, *element.ancestors()):
        if (presented(one, "display", inherited=False) == "none"
                or _amount(presented(one, "opacity", inherited=False) or "1") == 0):
            return True
    if presented(element, "visibility") in ("hidden", "collapse"):
        return True
    stroked = not (presented(element, "stroke") in ("", "none")
                   or _amount(presented(element, "stroke-opacity") or "1") == 0
                   or _amount(presented(element, "stroke-width") or "1") == 0)
    if element.tag in ("text", "tspan"):
        filled = not (_amount(presented(element, "fill-opacity") or "1") == 0
                      or presented(element, "fill") == "none")
        return _amount(presented(element, "font-size") or "1") == 0 or not (filled or stroked)
    return not stroked


@dataclass(frozen=True)
class Shape:
    """A box (``rect``) or a round (``circle``, ``ellipse``): its centre and half sizes."""

    cx: float
    cy: float
    rx: float
    ry: float
    round: bool

    def distance(self, point: Point) -> float:
        """How far ``point`` is from the shape's outline or inside (0 inside)."""
        dx, dy = point[0] - self.cx, point[1] - self.cy
        if self.round:
            scaled = math.hypot(dx / self.rx, dy / self.ry) if self.rx and self.ry else math.inf
            return max(0.0, (scaled - 1) * min(self.rx, self.ry))
        return math.hypot(max(0.0, abs(dx) - self.rx), max(0.0, abs(dy) - self.ry))

    def contains(self, point: Point) -> bool:
        return self.distance(point) == 0


def length(element: Element, name: str) -> float:
    """A coordinate or length attribute of ``element``, in user units (``355`` or
    ``355px``); 0 when it is missing, or in a unit that needs the page to size it."""
    found = re.fullmatch(r"\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)(?:px)?\s*",
                         element.get(name))
    return float(found[1]) if found else 0.0


def shape(element: Element) -> Shape | None:
    """The shape ``element`` draws, if it is a ``rect``, ``circle`` or ``ellipse``."""
    number = functools.partial(length, element)
    if element.tag == "rect":
        width, height = number("width"), number("height")
        return Shape(number("x") + width / 2, number("y") + height / 2, width / 2, height / 2,
                     round=False)
    if element.tag == "circle":
        return Shape(number("cx"), number("cy"), number("r"), number("r"), round=True)
    if element.tag == "ellipse":
        return Shape(number("cx"), number("cy"), number("rx"), number("ry"), round=True)
    return None


_NUMBER = re.compile(r"[\s,]*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)")
_FLAG = re.compile(r"[\s,]*([01])")
_COMMAND = re.compile(r"\s*([MmLlHhVvCcSsQqTtAaZz])")
_ARGS = {"m": 2, "l": 2, "h": 1, "v": 1, "c": 6, "s": 4, "q": 4, "t": 2, "a": 7, "z": 0}


def _arguments(d: str, at: int, kind: str) -> tuple[list[float], int] | None:
    """The arguments of one ``kind`` command in ``d`` from ``at`` (an arc's flags are one
    digit each, as svgo writes them run together: ``a40 40 0 1161 -2``), and where they
    end; None if they are not there."""
    found = []
    for n in range(_ARGS[kind]):
        match = (_FLAG if kind == "a" and n in (3, 4) else _NUMBER).match(d, at)
        if match is None:
            return None
        found.append(float(match[1]))
        at = match.end()
    return found, at


def points(d: str) -> list[Point]:
    """Points along the path ``d`` (every command, absolute or relative; a curve sampled
    at ten points), from its start to its end (where what follows cannot be read, the
    path ends).

    Example:
        >>> points("M0,0 C0,10 10,10 10,0")[::5]
        [(0.0, 0.0), (5.0, 7.5), (10.0, 0.0)]
        >>> points("M190,120a40 40 0 1161 -2")[-1]
        (251.0, 118.0)
    """
    found: list[Point] = []
    x = y = start_x = start_y = 0.0
    command, at = "", 0
    while at < len(d.rstrip()):
        letter = _COMMAND.match(d, at)
        if letter:
            command, at = letter[1], letter.end()
            if command in "Zz":
                x, y = start_x, start_y
                found.append((x, y))
                continue
        elif not command or command in "Zz":
            break
        kind, relative = command.lower(), command.islower()
        read = _arguments(d, at, kind)
        if read is None:
            break
        args, at = read
        base_x, base_y = (x, y) if relative else (0.0, 0.0)
        if kind == "h":
            targets = [(args[0] + (x if relative else 0), y)]
        elif kind == "v":
            targets = [(x, args[0] + (y if relative else 0))]
        elif kind == "a":
            targets = [(args[5] + base_x, args[6] + base_y)]
        else:
            targets = [(args[n] + base_x, args[n + 1] + base_y) for n in range(0, len(args), 2)]
        if kind in "csqa":
            controls = [(x, y), *targets] if kind != "a" else _arc(x, y, args, targets[0])
            found += [_bezier(controls, step / 10) for step in range(1, 11)]
        else:
            found.append(targets[-1])
        x, y = targets[-1]
        if kind == "m":
            start_x, start_y = x, y
            command = "l" if relative else "L"  # pairs after a moveto are linetos
    return found


def _arc(x: float, y: float, args: list[float], end: Point) -> list[Point]:
    """Control points that follow an arc from (x, y) to ``end`` closely enough to tell
    which labels are near it: a bulge of the arc's radius to the side its flags say."""
    (ex, ey), radius = end, min(args[0], args[1]) or 0.0
    mx, my, chord = (x + ex) / 2, (y + ey) / 2, math.dist((x, y), end) or 1.0
    side = 1 if args[3] != args[4] else -1
    nx, ny = -(ey - y) / chord * side, (ex - x) / chord * side
    bulge = radius * (2 if args[3] else 1)
    return [(x, y), (mx + nx * bulge, my + ny * bulge), end]


def _bezier(controls: list[Point], t: float) -> Point:
    while len(controls) > 1:
        controls = [((1 - t) * a[0] + t * b[0], (1 - t) * a[1] + t * b[1])
                    for a, b in itertools.pairwise(controls)]
    return controls[0]


def distance(point: Point, along: list[Point]) -> float:
    """How far ``point`` is from the line through the points ``along`` (a path's)."""
    if len(along) == 1:
        return math.dist(point, along[0])
    best = math.inf
    for (ax, ay), (bx, by) in itertools.pairwise(along):
        squared = (bx - ax) ** 2 + (by - ay) ** 2
        t = 0.0 if squared == 0 else max(0.0, min(1.0, ((point[0] - ax) * (bx - ax)
                                                         + (point[1] - ay) * (by - ay)) / squared))
        best = min(best, math.dist(point, (ax + t * (bx - ax), ay + t * (by - ay))))
    return best
