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
    >>> arrow.tag, arrow.line, ends(arrow.get("d"))
    ('path', 2, ((10.0, 20.0), (40.0, 25.0)))
"""

from __future__ import annotations

import itertools
import math
import re
import xml.parsers.expat
from collections.abc import Iterator
from dataclasses import dataclass, field

__all__ = ["Element", "Shape", "distance", "ends", "hidden", "parse", "points", "shape",
           "text_of"]

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
        element = Element(tag.rpartition(":")[2] if ":" in tag else tag, dict(attrib),
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
    """The words an element shows (its ``tspan`` children's included), spaces collapsed."""
    parts = [element.text]
    for child in element.children:
        parts += [text_of(child), child.tail]
    return " ".join(" ".join(parts).split())


def hidden(element: Element) -> bool:
    """Whether the element, or one it is in, is not shown (``display: none``,
    ``visibility: hidden``, an opacity of 0)."""
    for one in (element, *element.ancestors()):
        style = {key.strip(): value.strip() for key, _, value in
                 (rule.partition(":") for rule in one.get("style").split(";"))}
        said = {**style, **{k: v for k, v in one.attrib.items() if k != "style"}}
        if (said.get("display") == "none" or said.get("visibility") in ("hidden", "collapse")
                or said.get("opacity", "1").strip() in ("0", "0.0")):
            return True
    return False


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


def shape(element: Element) -> Shape | None:
    """The shape ``element`` draws, if it is a ``rect``, ``circle`` or ``ellipse``."""
    def number(name: str) -> float:
        try:
            return float(element.get(name, "0") or 0)
        except ValueError:
            return 0.0

    if element.tag == "rect":
        width, height = number("width"), number("height")
        return Shape(number("x") + width / 2, number("y") + height / 2, width / 2, height / 2,
                     round=False)
    if element.tag == "circle":
        return Shape(number("cx"), number("cy"), number("r"), number("r"), round=True)
    if element.tag == "ellipse":
        return Shape(number("cx"), number("cy"), number("rx"), number("ry"), round=True)
    return None


_TOKEN = re.compile(r"[MmLlHhVvCcSsQqTtAaZz]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_ARGS = {"m": 2, "l": 2, "h": 1, "v": 1, "c": 6, "s": 4, "q": 4, "t": 2, "a": 7, "z": 0}


def points(d: str) -> list[Point]:
    """Points along the path ``d`` (every command, absolute or relative; a curve sampled
    at ten points), from its start to its end.

    Example:
        >>> points("M0,0 C0,10 10,10 10,0")[::5]
        [(0.0, 0.0), (5.0, 7.5), (10.0, 0.0)]
    """
    tokens = _TOKEN.findall(d)
    found: list[Point] = []
    x = y = start_x = start_y = 0.0
    command, at = "", 0
    while at < len(tokens):
        if tokens[at].isalpha():
            command, at = tokens[at], at + 1
            if command in "Zz":
                x, y = start_x, start_y
                found.append((x, y))
                continue
        elif not command:
            break
        count = _ARGS[command.lower()]
        args = [float(value) for value in tokens[at:at + count]]
        if len(args) < count or any(t.isalpha() for t in tokens[at:at + count]):
            break
        at += count
        relative = command.islower()
        base_x, base_y = (x, y) if relative else (0.0, 0.0)
        kind = command.lower()
        if kind == "h":
            targets = [(args[0] + (x if relative else 0), y)]
        elif kind == "v":
            targets = [(x, args[0] + (y if relative else 0))]
        elif kind == "a":
            targets = [(args[5] + base_x, args[6] + base_y)]
        else:
            targets = [(args[n] + base_x, args[n + 1] + base_y) for n in range(0, count, 2)]
        if kind in "ct" or kind in "sq":
            controls = [(x, y), *targets]
            for step in range(1, 11):
                found.append(_bezier(controls, step / 10))
        else:
            found.append(targets[-1])
        x, y = targets[-1]
        if kind == "m":
            start_x, start_y = x, y
            if not found or found[-1] != (x, y):
                found.append((x, y))
            command = "l" if relative else "L"  # pairs after a moveto are linetos
    return found


def _bezier(controls: list[Point], t: float) -> Point:
    while len(controls) > 1:
        controls = [((1 - t) * a[0] + t * b[0], (1 - t) * a[1] + t * b[1])
                    for a, b in itertools.pairwise(controls)]
    return controls[0]


def ends(d: str) -> tuple[Point, Point] | None:
    """The first and last points of the path ``d`` (None for a path of no point)."""
    along = points(d)
    return (along[0], along[-1]) if along else None


def distance(point: Point, along: list[Point]) -> float:
    """How far ``point`` is from the line through the points ``along`` (a path's)."""
    if len(along) == 1:
        return math.dist(point, along[0])
    best = math.inf
    for (ax, ay), (bx, by) in itertools.pairwise(along):
        length = (bx - ax) ** 2 + (by - ay) ** 2
        t = 0.0 if length == 0 else max(0.0, min(1.0, ((point[0] - ax) * (bx - ax)
                                                        + (point[1] - ay) * (by - ay)) / length))
        best = min(best, math.dist(point, (ax + t * (bx - ax), ay + t * (by - ay))))
    return best
